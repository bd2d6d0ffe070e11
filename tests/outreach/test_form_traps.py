"""Never fill a trap: honeypots hidden by the page's own stylesheet, by a wrapper, by being out
of the tab order and out of autofill at once, or marked by the form builders' conventions
(Gravity Forms, WPForms, Ninja Forms, the Contact Form 7 honeypot plugin, Webflow); and a
visible field always wins a role over one with a sign of a trap."""

from __future__ import annotations

import pytest

from discountmarket.outreach.forms import FormPlan, analyse_forms, fill

VALUES = {"name": "Ann Lee", "email": "ann@example.org", "message": "Hi", "phone": "123"}


def plan_of(html: str) -> FormPlan:
    (plan,) = analyse_forms(html, "https://shop.example/contact")
    return plan


def page(trap: str, style: str = "") -> str:
    """A contact page: name, e-mail and message boxes, ``trap`` after them, ``style`` in
    the page's <style> block."""
    return (
        f"<html><head><style>{style}</style></head><body><h1>Contact us</h1>"
        '<form action="/send" method="post">'
        '<label for="n">Your name</label><input id="n" name="your_name">'
        '<label for="e">Your e-mail</label><input id="e" type="email" name="your_email">'
        '<label for="m">Your message</label><textarea id="m" name="your_message"></textarea>'
        f"{trap}<button>Send</button></form></body></html>"
    )


def traps(plan: FormPlan) -> set[str]:
    return {f.name for f in plan.all_fields if f.honeypot}


def assert_trap_kept_empty(plan: FormPlan, trap: str) -> None:
    """The trap has no role and goes empty; our data goes to the visible fields."""
    assert trap in traps(plan)
    assert trap not in plan.fields.values()
    body = fill(plan, VALUES)
    assert (trap, "") in body or trap not in dict(body)
    assert dict(body)["your_message"] == "Hi" and dict(body)["your_email"] == VALUES["email"]


# A tempting trap: an "E-mail" box named "email", hidden only by a rule of the page.
TEMPTING = '<div class="{cls}" id="{ident}"><label>E-mail <input name="email"></label></div>'


@pytest.mark.parametrize(
    "style",
    [
        ".extra{display:none}",
        ".extra { visibility : hidden !important }",
        ".extra{position:absolute;left:-9999px}",
        ".extra{position:absolute;top:-5000px}",
        ".extra{opacity:0}",
        ".extra{height:0;overflow:hidden}",
        ".extra{width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);position:absolute}",
        ".extra{clip-path:inset(50%)}",
        ".extra{transform:scale(0)}",
        "#wpcf7-f1-wrapper{display:none !important; visibility:hidden !important;}",
        "div[id^=wpcf7]{display:none}",
        "form .extra{display:none}",  # a descendant selector
        "form > div.extra{display:none}",
        "/* spam */ @import url(x.css); .a, .extra{display:none}",
        "@media screen{.extra{display:none}}",  # a media query without conditions
    ],
)
def test_a_trap_hidden_only_by_the_pages_stylesheet(style: str) -> None:
    html = page(TEMPTING.format(cls="extra", ident="wpcf7-f1-wrapper"), style)
    assert_trap_kept_empty(plan_of(html), "email")


@pytest.mark.parametrize(
    ("style", "hidden"),
    [
        ("@media (max-width: 600px){.extra{display:none}}", False),  # small screens only
        (".extra:hover{opacity:0}", False),  # pseudo-classes hide only sometimes
        (".extra{display:none} .extra.open{display:block}", False),  # shown again
        (".extra{display:none !important} .extra.open{display:block}", True),
        (".extra{opacity:.5;left:-20px;height:0}", False),  # none of these hides
        (".other{display:none}", False),
        (".extra{display:none", False),  # broken CSS: no block at all
    ],
)
def test_the_cascade_decides(style: str, hidden: bool) -> None:
    html = page(TEMPTING.format(cls="extra open", ident="x"), style)
    assert ("email" in traps(plan_of(html))) is hidden


def test_the_inline_style_overrides_the_stylesheet_unless_important() -> None:
    shown = '<div class="extra" style="display:block"><input name="email"></div>'
    assert "email" not in traps(plan_of(page(shown, ".extra{display:none}")))
    assert "email" in traps(plan_of(page(shown, ".extra{display:none!important}")))


def test_a_visually_hidden_label_does_not_hide_its_field() -> None:
    style = ".sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}"
    html = page(
        '<label class="sr-only" for="p">Phone</label><input id="p" type="tel" name="tel">', style
    )
    plan = plan_of(html)
    assert traps(plan) == set() and plan.fields["phone"] == "tel"


def test_a_hidden_step_of_many_fields_is_no_trap() -> None:
    # Scripts show the next step later; a honeypot's wrapper holds one field.
    step = '<div class="step"><input name="company"><input name="city"><input name="zip"></div>'
    assert traps(plan_of(page(step, ".step{display:none}"))) == set()
    inline = step.replace('class="step"', 'style="display:none"')
    assert traps(plan_of(page(inline))) == set()


def test_a_rule_hiding_the_whole_form_makes_no_trap() -> None:
    html = page("", ".modal{display:none}").replace("<form", '<div class="modal"><form')
    assert traps(plan_of(html)) == set()


def test_a_huge_stylesheet_is_read_only_so_far() -> None:
    filler = "".join(f".c{i}{{display:none}}" for i in range(5_000))
    assert "email" not in traps(
        plan_of(page(TEMPTING.format(cls="extra", ident="x"), filler + ".extra{display:none}"))
    )


# ---------------------------------------------------------------- out of reach, suspects


@pytest.mark.parametrize(
    "trap",
    [
        '<input name="email2" tabindex="-1" autocomplete="off">',
        '<input name="email2" type="email" tabindex="-1" autocomplete="new-password">',
        '<textarea name="email2" tabindex="-1" autocomplete="nope"></textarea>',
        '<input name="email2" aria-hidden="true">',
        '<input name="email2" autocomplete="off" placeholder="Leave this field empty">',
        '<div class="sr-only"><input name="email2" tabindex="-1"></div>',
    ],
)
def test_out_of_reach_fields_are_traps(trap: str) -> None:
    assert_trap_kept_empty(plan_of(page(trap)), "email2")


@pytest.mark.parametrize(
    "field",
    [
        '<input name="phone" tabindex="-1">',  # one weak sign is no trap
        '<input name="phone" autocomplete="off">',
        '<input type="password" name="phone" tabindex="-1" autocomplete="new-password">',
    ],
)
def test_one_weak_sign_is_no_trap(field: str) -> None:
    assert traps(plan_of(page(field))) == set()


def test_the_visible_field_wins_over_a_suspect_one() -> None:
    # Both are message boxes; the one out of the tab order comes first and still loses.
    html = page("").replace(
        '<label for="m">',
        '<label for="m2">Message</label><textarea id="m2" name="message" tabindex="-1">'
        '</textarea><label for="m">',
    )
    plan = plan_of(html)
    assert plan.fields["message"] == "your_message"


def test_the_visible_message_box_wins_over_a_hidden_one() -> None:
    trap = '<div class="row-x"><label>Message <textarea name="message"></textarea></label></div>'
    plan = plan_of(page(trap, ".row-x{display:none}"))
    assert plan.fields["message"] == "your_message"
    assert dict(fill(plan, VALUES))["message"] == ""


# ----------------------------------------------------------------- platform conventions

PLATFORM_TRAPS = [
    (  # Gravity Forms: its honeypot's CSS is in the plugin's own stylesheet.
        "gravity-forms",
        '<div id="field_1_4" class="gfield gfield--type-honeypot gform_validation_container">'
        '<label class="gfield_label" for="input_1_4">Email</label><div class="ginput_container">'
        '<input name="input_4" id="input_1_4" type="text" value="" autocomplete="new-password">'
        '</div><div class="gfield_description">This field is for validation purposes and should'
        " be left unchanged.</div></div>",
        "input_4",
    ),
    (  # Gravity Forms before 2.5: the list item only
        "gravity-forms-legacy",
        '<ul><li id="field_2_9" class="gfield gform_validation_container">'
        '<label class="gfield_label" for="input_2_9">Name</label>'
        '<div class="ginput_container"><input name="input_9" id="input_2_9" type="text">'
        "</div></li></ul>",
        "input_9",
    ),
    (
        "wpforms",
        '<div class="wpforms-field wpforms-field-hp"><label for="wpforms-12-field-hp"'
        ' class="wpforms-field-label">Email</label><input type="text" name="wpforms[hp]"'
        ' id="wpforms-12-field-hp" class="wpforms-field-medium"></div>',
        "wpforms[hp]",
    ),
    (
        "wpforms-renamed",  # themes rename the box; the wrapper still says what it is
        '<div class="wpforms-field wpforms-field-hp"><label for="x"'
        ' class="wpforms-field-label">Phone</label><input type="tel" name="mobile" id="x"></div>',
        "mobile",
    ),
    (
        "ninja-forms",
        '<div class="nf-field-container hp-container"><label for="nf-field-hp-3">If you are a'
        ' human seeing this field, please leave it empty.</label><input id="nf-field-hp-3"'
        ' name="nf-field-hp" class="ninja-forms-field nf-element nf-field-hp" type="text"></div>',
        "nf-field-hp",
    ),
    (
        "ninja-forms-2",
        '<div class="hp-wrap"><label>If you are a human and are seeing this field, please'
        ' leave it blank.<input type="text" value="" name="_kq3wz"></label></div>',
        "_kq3wz",
    ),
    (  # Honeypot for Contact Form 7: an inline style on the wrapper...
        "cf7-honeypot",
        '<span id="wpcf7-6581d-wrapper" class="wpcf7-form-control-wrap email-123-wrap"'
        ' style="display:none !important; visibility:hidden !important;">'
        '<label for="wpcf7-6581d-field" class="hp-message">Please leave this field empty.'
        '</label><input id="wpcf7-6581d-field" class="wpcf7-form-control wpcf7-text"'
        ' type="text" name="email-123" value="" size="40" tabindex="-1"'
        ' autocomplete="new-password"></span>',
        "email-123",
    ),
    (  # ...or, with "move inline CSS", nothing inline: the input's own attributes tell.
        "cf7-honeypot-moved-css",
        '<span id="wpcf7-77-wrapper" class="wpcf7-form-control-wrap your-website-wrap">'
        '<input id="wpcf7-77-field" class="wpcf7-form-control wpcf7-text" type="text"'
        ' name="your-website" value="" size="40" tabindex="-1" autocomplete="off"></span>',
        "your-website",
    ),
    (
        "webflow",
        '<div class="w-condition-invisible"><label>Phone</label>'
        '<input class="w-input" name="Phone-2" type="tel"></div>',
        "Phone-2",
    ),
]


@pytest.mark.parametrize(
    ("markup", "trap"), [case[1:] for case in PLATFORM_TRAPS], ids=[c[0] for c in PLATFORM_TRAPS]
)
def test_form_builders_honeypots(markup: str, trap: str) -> None:
    assert_trap_kept_empty(plan_of(page(markup)), trap)


def test_a_real_contact_form_7_field_is_no_trap() -> None:
    # CF7 wraps every field in "wpcf7-form-control-wrap"; only its honeypot is hidden.
    field = (
        '<span class="wpcf7-form-control-wrap" data-name="your-phone">'
        '<input type="tel" name="your-phone" class="wpcf7-form-control wpcf7-tel"></span>'
    )
    plan = plan_of(page(field))
    assert traps(plan) == set() and plan.fields["phone"] == "your-phone"
