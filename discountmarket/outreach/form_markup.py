"""Form markup as a browser and a visitor read it: attributes, control types, a control's
visible text, the caption written just before or after a control, CSS hiding, and what all
forms of one page share (``PageIndex``).

The form modules build on these: ``form_fields`` (fields, labels and roles), ``form_kinds``,
``form_captcha`` and ``forms``. Everything works on parsed markup only and tolerates any
tree bs4 can build.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from discountmarket.outreach.form_styles import StyleSheet
from discountmarket.outreach.markup import NOT_TEXT, visible_text

__all__ = [
    "BUTTON_TYPES",
    "CONTROL_TAGS",
    "TEXT_TYPES",
    "PageIndex",
    "attr",
    "cell_caption",
    "css_hidden",
    "following_text",
    "input_type",
    "preceding_text",
    "text_of",
]

CONTROL_TAGS = ("input", "textarea", "select", "button")
BUTTON_TYPES = frozenset({"submit", "image", "reset", "button"})
# Input types a person types a name, an address or a number into.
TEXT_TYPES = frozenset({"text", "email", "tel", "number", "search", "url"})
_KNOWN_INPUT_TYPES = frozenset(
    {"text", "email", "tel", "number", "search", "url", "password", "hidden", "checkbox"}
    | {"radio", "file", "submit", "image", "reset", "button", "date", "datetime-local"}
    | {"month", "week", "time", "color", "range"}
)
_MAX_NEAR_CHARS = 80
_MAX_NEAR_STEPS = 40  # elements walked back from a field looking for its caption
_MAX_HEADER_ROWS = 5  # rows above a cell searched for its column's header
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|(left|top)\s*:\s*-\d{3,}"
    r"|opacity\s*:\s*(0+(\.0*)?|\.0+)%?\s*(!important)?\s*(;|$)"  # fully transparent only
)
# "sr-only" and friends hide a wrapper from sight: a real field is never wrapped in one.
_HIDDEN_CLASSES = frozenset(
    {"hidden", "hide", "d-none", "hp", "honeypot", "is-hidden", "sr-only", "visually-hidden"}
)


def attr(tag: Tag, name: str) -> str:
    """An attribute as one string ('' when absent); bs4 gives lists for class and rel."""
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value if isinstance(value, str) else ""


def text_of(tag: Tag, limit: int = 2_000, skip: Callable[[Tag], bool] | None = None) -> str:
    """Visible text of an element on one line, without option lists, scripts, a textarea's
    content or elements for which ``skip`` is true."""
    return " ".join(visible_text(tag, limit, skip=skip).split())


def input_type(tag: Tag) -> str:
    """What kind of control this is, the way browsers read it."""
    if tag.name in ("textarea", "select"):
        return tag.name
    kind = attr(tag, "type").strip().lower()
    if tag.name == "button":
        return kind if kind in ("submit", "reset", "button") else "submit"
    return kind if kind in _KNOWN_INPUT_TYPES else "text"


class PageIndex:
    """What all forms of one page share, built once: captions by ``for`` id, ids, owners."""

    def __init__(self, soup: BeautifulSoup | Tag) -> None:
        self.soup = soup

    @cached_property
    def labels_for(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for label in self.soup.find_all("label"):
            target = label.get("for")
            if isinstance(target, str) and target.strip():
                found.setdefault(target.strip(), text_of(label))
        return found

    @cached_property
    def _ids(self) -> dict[str, Tag]:
        found: dict[str, Tag] = {}
        for tag in self.soup.find_all(id=True):
            ident = tag.get("id")
            if isinstance(ident, str):
                found.setdefault(ident, tag)
        return found

    def by_id(self, ident: str) -> Tag | None:
        return self._ids.get(ident)

    @cached_property
    def styles(self) -> StyleSheet:
        """The page's own ``<style>`` rules that can hide an element."""
        return StyleSheet.of(self.soup)

    @cached_property
    def owned_controls(self) -> dict[str, list[Tag]]:
        """Controls placed outside their form and tied to it by a ``form="id"`` attribute."""
        found: dict[str, list[Tag]] = defaultdict(list)
        for tag in self.soup.find_all(CONTROL_TAGS, attrs={"form": True}):
            owner = tag.get("form")
            if isinstance(owner, str):
                found[owner].append(tag)
        return found


# ------------------------------------------------------------------------------ captions


def _caption_string(node: object) -> str | None:
    """A piece of visible text, or None for markup, comments and script/option text."""
    if not isinstance(node, NavigableString) or isinstance(node, PreformattedString):
        return None
    parent = node.parent
    if parent is not None and parent.name in NOT_TEXT:
        return None
    return str(node)


def _stops_caption(node: object) -> bool:
    return isinstance(node, Tag) and node.name in CONTROL_TAGS and input_type(node) != "hidden"


def preceding_text(
    tag: Tag, stop: Tag | None, limit: int = _MAX_NEAR_CHARS, *, outside_forms: bool = False
) -> str:
    """The text right before an element, back to the previous field (or ``stop``): a field's
    caption in table layouts, a form's heading. With ``outside_forms`` the text of an
    earlier form ends the walk (its "Forgot your password?" is not our heading)."""
    parts: list[str] = []
    size = 0
    for steps, node in enumerate(tag.previous_elements):
        if node is stop or steps > _MAX_NEAR_STEPS or _stops_caption(node):
            break
        text = _caption_string(node)
        if text and outside_forms and node.find_parent("form") is not None:
            break
        if text and text.strip():
            parts.append(text.strip())
            size += len(text)
            if size >= limit:
                break
    return " ".join(reversed(parts))[-limit * 2 :]


def following_text(tag: Tag) -> str:
    """The text after a checkbox or radio button: where their captions usually are."""
    parts: list[str] = []
    for steps, node in enumerate(tag.next_elements):
        if (
            steps > _MAX_NEAR_STEPS
            or _stops_caption(node)
            or (isinstance(node, Tag) and node.name == "form")
        ):
            break
        text = _caption_string(node)
        if text and text.strip():
            parts.append(text.strip())
            if sum(map(len, parts)) >= _MAX_NEAR_CHARS:
                break
    return " ".join(parts)


def cell_caption(tag: Tag) -> str:
    """What a table says a control in one of its cells is: the text of the cell before it
    in its row ("Message" | [box]) or, when the row has none, its column's header cell."""
    cell = tag.find_parent(("td", "th"))
    row = cell.find_parent("tr") if cell is not None else None
    if cell is None or row is None or _has_control(cell, tag):
        return ""
    cells = row.find_all(("td", "th"), recursive=False)
    index = _position(cells, cell)
    if index < 0:
        return ""
    for before in reversed(cells[:index]):
        if _has_control(before):
            break
        text = text_of(before, 200)
        if text:
            return text
    return _column_header(row, cells, index)


def _column_header(row: Tag, cells: list[Tag], index: int) -> str:
    """The header of this cell's column: the nearest row above made of text cells only (a
    header row above a grid of boxes, or a caption row above a box), read with colspans."""
    table = row.find_parent("table")
    if table is None:
        return ""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    at = _position(rows, row)
    if at < 0:
        return ""
    column = sum(_span(cell) for cell in cells[:index])
    for above in reversed(rows[max(at - _MAX_HEADER_ROWS, 0) : at]):
        heads = above.find_all(("td", "th"), recursive=False)
        if not heads or any(map(_has_control, heads)):
            continue
        start = 0
        for head in heads:
            if start <= column < start + _span(head):
                return text_of(head, 200)
            start += _span(head)
        return ""
    return ""


def _position(tags: list[Tag], wanted: Tag) -> int:
    """Index of this very element (bs4 compares tags by content, which is slow and wrong)."""
    return next((index for index, tag in enumerate(tags) if tag is wanted), -1)


def _span(cell: Tag) -> int:
    value = attr(cell, "colspan").strip()
    return min(int(value), 50) if value.isdigit() and int(value) > 0 else 1


def _has_control(node: Tag, other_than: Tag | None = None) -> bool:
    """Whether an element holds a visible control (besides ``other_than``)."""
    return any(
        control is not other_than and input_type(control) != "hidden"
        for control in node.find_all(CONTROL_TAGS)
    )


# ------------------------------------------------------------------------------ hiding


def css_hidden(tag: Tag) -> bool:
    """Whether an element is hidden from people by an attribute, a style or a class."""
    if tag.has_attr("hidden") or attr(tag, "aria-hidden").lower() == "true":
        return True
    if _HIDDEN_STYLE.search(attr(tag, "style").lower()):
        return True
    return bool(_HIDDEN_CLASSES.intersection(attr(tag, "class").lower().split()))
