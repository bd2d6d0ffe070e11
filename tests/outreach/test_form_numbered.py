"""Fields named only by number ("form_text_1", "input_4", "field[3]", "wpforms[fields][2]")
get their roles from what the page says about them: a label, a table cell beside or above
them, the text before them, a placeholder, aria attributes, or a dropdown's options."""

from __future__ import annotations

import pytest

from discountmarket.outreach.forms import analyse_forms

# Four boxes named by number: the roles must come from the captions alone.
NAMES = ("form_text_1", "input_4", "field[3]", "Field-7")


def roles_of(body: str) -> dict[str, str]:
    html = f'<html><body><form action="/send" method="post">{body}<button>Send</button></form>'
    (plan,) = analyse_forms(html + "</body></html>", "https://shop.example/contact")
    return plan.fields


def boxes(template: str, captions: tuple[str, ...] = ("Name", "E-mail", "Phone")) -> str:
    """One box per caption, named by number, written with ``template``."""
    return (
        "".join(
            template.format(name=name, caption=caption, n=index)
            for index, (name, caption) in enumerate(zip(NAMES, captions, strict=False))
        )
        + '<p>Message</p><textarea name="Field-8"></textarea>'
    )


EXPECTED = {"name": NAMES[0], "email": NAMES[1], "phone": NAMES[2], "message": "Field-8"}


@pytest.mark.parametrize(
    "template",
    [
        '<label for="f{n}">{caption}</label><input id="f{n}" name="{name}">',
        '<label>{caption} <input name="{name}"></label>',
        '<p>{caption}:</p><input name="{name}">',
        '<input name="{name}" placeholder="{caption}">',
        '<input name="{name}" aria-label="{caption}">',
        '<span id="l{n}">{caption}</span><input name="{name}" aria-labelledby="l{n}">',
        '<div><span>{caption} *</span></div><div><input name="{name}"></div>',
    ],
    ids=[
        "label-for",
        "wrapping-label",
        "text-before",
        "placeholder",
        "aria-label",
        "aria-labelledby",
        "text-in-an-earlier-block",
    ],
)
def test_numbered_fields_by_each_caption(template: str) -> None:
    assert roles_of(boxes(template)) == EXPECTED


def test_row_header_cells() -> None:
    rows = "".join(
        f'<tr><td>{caption}</td><td><input name="{name}"></td></tr>'
        for name, caption in zip(NAMES, ("Name", "E-mail", "Phone"), strict=False)
    )
    body = f'<table>{rows}<tr><th>Message</th><td><textarea name="Field-8"></textarea></td></tr>'
    assert roles_of(body + "</table>") == EXPECTED


def test_column_header_cells() -> None:
    # A header row above a row of boxes: the text before each box is the whole header row.
    body = (
        "<table><tr><th>E-mail</th><th>Name</th><th>Phone</th></tr><tr>"
        + "".join(f'<td><input name="{name}"></td>' for name in NAMES[:3])
        + '</tr><tr><td colspan="3">Message</td></tr>'
        '<tr><td colspan="3"><textarea name="Field-8"></textarea></td></tr></table>'
    )
    assert roles_of(body) == {
        "email": NAMES[0],
        "name": NAMES[1],
        "phone": NAMES[2],
        "message": "Field-8",
    }


def test_the_box_the_table_labels_message_gets_the_message() -> None:
    body = (
        '<table><tr><td colspan="2">Delivery address</td></tr>'
        '<tr><td colspan="2"><textarea name="form_textarea_1"></textarea></td></tr>'
        '<tr><td colspan="2">Message</td></tr>'
        '<tr><td colspan="2"><textarea name="form_textarea_2"></textarea></td></tr></table>'
    )
    assert roles_of(body)["message"] == "form_textarea_2"


def test_header_cells_across_colspans() -> None:
    body = (
        '<table><tr><th colspan="2">Your name</th><th>E-mail</th></tr>'
        '<tr><td><input name="fields[1]"></td><td><input name="fields[2]"></td>'
        '<td><input name="fields[3]"></td></tr></table><textarea name="fields[4]"></textarea>'
    )
    fields = roles_of(body)
    assert fields["email"] == "fields[3]" and fields["name"] in ("fields[1]", "fields[2]")


@pytest.mark.parametrize(
    "options",
    [
        ["General question", "Order", "Returns", "Other"],
        ["-- Please choose --", "Frage zur Bestellung", "Rücksendung", "Lieferung"],
        ["Выберите тему", "Вопрос по заказу", "Возврат товара", "Доставка и оплата"],
    ],
)
def test_a_dropdown_of_topics_is_the_subject(options: list[str]) -> None:
    select = "".join(f"<option>{option}</option>" for option in options)
    body = f'<select name="input_5">{select}</select><textarea name="input_6"></textarea>'
    assert roles_of(body) == {"subject": "input_5", "message": "input_6"}


@pytest.mark.parametrize(
    "select",
    [
        "<option>Germany</option><option>France</option><option>Other</option>",
        "<option>1</option><option>2</option><option>3</option>",
        "<option>Mr</option><option>Mrs</option><option>Ms</option>",
    ],
)
def test_other_dropdowns_are_no_subject(select: str) -> None:
    body = f'<select name="input_5">{select}</select><textarea name="input_6"></textarea>'
    assert "subject" not in roles_of(body)


def test_a_dropdown_named_by_its_label_keeps_its_label() -> None:
    # Options speak only when nothing else does: "Country" with a topic-like list is none.
    options = "<option>Order</option><option>Returns</option><option>Delivery</option>"
    body = f'<label>Country <select name="f5">{options}</select></label><textarea name="m">'
    assert "subject" not in roles_of(body + "</textarea>")


def test_meaningful_names_still_vote() -> None:
    # Only names made of a builder's generic words and a number are ignored.
    assert roles_of('<input name="email2"><textarea name="text1"></textarea>') == {
        "email": "email2",
        "message": "text1",
    }
