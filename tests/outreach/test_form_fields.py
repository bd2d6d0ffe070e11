"""Reading one form's fields: defaults, choice groups, labels, required flags, honeypots and
the role votes, called directly. Roles read from every kind of caption, and whole plans,
are in test_forms.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.form_fields import FormField, form_controls, read_fields
from discountmarket.outreach.form_markup import PageIndex, attr


def parsed(html: str) -> tuple[Tag, PageIndex]:
    """The page's first form and the page's index."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form")
    assert isinstance(form, Tag)
    return form, PageIndex(soup)


def fields(html: str) -> dict[str, FormField]:
    return {field.name: field for field in read_fields(*parsed(html))}


def test_choice_groups_are_one_field() -> None:
    found = fields(
        '<form><input type="radio" name="r" value="a"><input type="radio" name="r" value="b"'
        ' checked required><input type="radio" name="r" value="c">'
        '<input type="checkbox" name="c"><input type="checkbox" name="c" value="x"></form>'
    )
    assert list(found) == ["r", "c"]
    # The checked choice is what a browser sends; one required choice requires all.
    assert (found["r"].options, found["r"].value, found["r"].required) == (
        ["a", "b", "c"],
        "b",
        True,
    )
    assert (found["c"].options, found["c"].value) == (["on", "x"], None)  # "on" by default


def test_defaults_a_browser_would_send() -> None:
    found = fields(
        '<form><select name="empty"></select><select name="text"><option> Red </option>'
        '<option selected>Blue</option></select><textarea name="t">Hi\nthere</textarea>'
        '<input name="blank"><input name="set" value=""><input type="hidden" name="h"></form>'
    )
    assert found["empty"].value is None
    assert (found["text"].options, found["text"].value) == (["Red", "Blue"], "Blue")
    assert found["t"].value == "Hi\nthere"
    assert (found["blank"].value, found["set"].value, found["h"].value) == (None, "", "")


def test_nameless_controls_are_no_fields_and_owned_ones_are() -> None:
    form, index = parsed(
        '<form id="f"><input name="a"><input><button>Go</button><input name="b" form="f">'
        '</form><input form="f" name="c"><input form="f">'
    )
    assert [attr(tag, "name") for tag in form_controls(form, index)] == ["a", "b", "c"]


def test_the_most_trusted_caption_is_the_label() -> None:
    found = fields(
        '<label for="x">Phone number:</label><form><label>Wrapping <input id="x" name="x">'
        '</label><span id="l1">First</span><span id="l2">part</span>'
        '<input name="y" aria-labelledby="missing l2 l1" placeholder="Placeholder">'
        '<input name="z" placeholder="  E-mail * ">'
        '<input name="w" title="— Company |"></form>'
    )
    assert found["x"].label == "Phone number"
    assert found["y"].label == "part"  # each reference is a caption; the first one found
    assert found["z"].label == "E-mail"
    assert found["w"].label == "Company"


def test_what_makes_a_field_required() -> None:
    found = fields(
        '<form><input name="a" required><input name="b" aria-required="true">'
        '<input name="c" class="form-control is-required"><label for="d">Name *</label>'
        '<input id="d" name="d"><p>Company (required)</p><input name="e">'
        '<input name="f" placeholder="Name *"><input name="g" aria-required="false"></form>'
    )
    required = {name: field.required for name, field in found.items()}
    # A star in a placeholder is the author's decoration, not a label.
    assert required == {
        "a": True,
        "b": True,
        "c": True,
        "d": True,
        "e": True,
        "f": False,
        "g": False,
    }


@pytest.mark.parametrize(
    "caption",
    [
        "Nom (obligatoire)",
        "Nombre (obligatorio)",
        "Vorname (Pflicht)",
    ],
)
def test_required_words_in_a_label(caption: str) -> None:
    assert fields(f'<form><label>{caption} <input name="x"></label></form>')["x"].required


def test_honeypots_are_hidden_inside_the_form_or_named_so() -> None:
    found = fields(
        '<div style="display:none" id="modal"><form><input name="email">'
        '<div class="hp-row visually-hidden"><input name="website"></div>'
        '<input name="hp_field"><input name="x" placeholder="Leave this field blank">'
        '<input type="hidden" name="honey_token"><textarea name="m"></textarea></form></div>'
    )
    traps = {name for name, field in found.items() if field.honeypot}
    # A form inside a closed modal is not a trap: only what hides within the form counts.
    assert traps == {"website", "hp_field", "x"}
    assert all(found[name].role is None for name in traps)
    assert (found["email"].role, found["m"].role) == ("email", "message")


def test_disabled_and_readonly_fields_take_no_role() -> None:
    found = fields(
        '<form><input name="email" disabled><input name="phone" readonly><input name="name"></form>'
    )
    assert found["email"].disabled and found["email"].role is None
    assert found["phone"].role is None
    assert found["name"].role == "name"


def test_autocomplete_outvotes_the_name() -> None:
    found = fields('<form><input name="email" autocomplete="section-a shipping tel"></form>')
    assert found["email"].role == "phone"


def test_a_select_can_only_be_the_subject() -> None:
    found = fields(
        '<form><select name="email"><option>a@b.c</option></select>'
        '<select name="topic"><option>Order</option></select></form>'
    )
    assert (found["email"].role, found["topic"].role) == (None, "subject")


def test_a_tie_goes_to_the_earlier_field() -> None:
    found = fields('<form><input name="phone"><input name="phone2"></form>')
    assert (found["phone"].role, found["phone2"].role) == ("phone", None)
