"""The page's own stylesheets, read just far enough to tell which elements they hide.

Honeypots are often hidden by a class or an id that a ``<style>`` block of the page defines
(``.hp-wrap{display:none}``, ``#wpcf7-x-wrapper{visibility:hidden}``), not by an inline style.
This module reads those blocks: plain selectors (tag, ``#id``, ``.class``, ``[attr=value]``
and descendant chains of them), the declarations that can hide an element, a small cascade
(importance, specificity, order, the inline style on top), and the usual ways to hide:
``display:none``, ``visibility:hidden``, off-screen positions, zero opacity, a zero box with
``overflow:hidden``, a zero clip. Selectors with pseudo-classes or sibling combinators and
rules under conditional ``@media`` queries are skipped: they hide only sometimes. Reading is
bounded (characters and rules) so a huge inlined stylesheet costs little.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import Tag

__all__ = ["StyleSheet", "hides"]

_MAX_CSS_CHARS = 300_000
_MAX_RULES = 3_000
_MAX_CHAIN = 4  # compounds in one descendant selector
_ANCESTOR_WALK = 30
# The properties that decide whether an element is seen; rules setting none are dropped.
_PROPERTIES = frozenset(
    {"display", "visibility", "opacity", "left", "top", "margin-left", "margin-top"}
    | {"height", "width", "max-height", "max-width", "overflow", "clip", "clip-path"}
    | {"transform", "position"}
)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_BRACE = re.compile(r"[{}]")
_ATTRIBUTE_TEST = re.compile(r"\[[^\]]*\]")
_COMPOUND = re.compile(
    r"(?P<tag>^[a-zA-Z][\w-]*)|(?P<kind>[#.])(?P<word>-?[_a-zA-Z][\w-]*)"
    r"|\[\s*(?P<attr>[\w-]+)\s*(?:(?P<op>[~|^$*]?=)\s*"
    r"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\]\s]+))\s*(?:[iIsS]\s*)?)?\]"
)
_OFF_SCREEN = re.compile(r"^-\d{3,}(\.\d+)?(px|em|rem|vw|vh|%)?$")  # -999px and further
_ZERO_SIZE = re.compile(r"^(0|0?\.\d+)(px|em|rem|%)?$|^1px$")  # a box at most a pixel wide
_ZERO_CLIP = re.compile(r"rect\(\s*(0|1px)?(\s*,?\s*(0|1px|auto)){3}\s*\)|inset\(\s*(50|100)%")
_NO_SCALE = re.compile(r"scale[xy]?\(\s*0(\.0+)?\s*[,)]")


@dataclass(frozen=True)
class _Compound:
    """One compound selector: ``input.hp[name=x]``; empty parts match anything."""

    tag: str
    ident: str
    classes: frozenset[str]
    attrs: tuple[tuple[str, str, str], ...]  # (name, operator, value)

    def matches(self, tag: Tag) -> bool:
        if self.tag and tag.name != self.tag:
            return False
        if self.ident and tag.get("id") != self.ident:
            return False
        if self.classes and not self.classes <= set(_classes(tag)):
            return False
        return all(_attr_matches(tag, name, op, value) for name, op, value in self.attrs)

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (bool(self.ident), len(self.classes) + len(self.attrs), bool(self.tag))


@dataclass(frozen=True)
class _Rule:
    chain: tuple[_Compound, ...]  # ancestors first; the last one is the element itself
    declarations: dict[str, tuple[str, bool]]  # property -> (value, !important)
    order: int

    @property
    def rank(self) -> tuple[tuple[int, int, int], int]:
        ids = sum(c.specificity[0] for c in self.chain)
        classes = sum(c.specificity[1] for c in self.chain)
        tags = sum(c.specificity[2] for c in self.chain)
        return (ids, classes, tags), self.order

    def matches(self, tag: Tag) -> bool:
        *ancestors, subject = self.chain
        if not subject.matches(tag):
            return False
        node = tag.parent
        for compound in reversed(ancestors):  # nearest matching ancestor, as browsers do
            steps = 0
            while node is not None and steps < _ANCESTOR_WALK and not compound.matches(node):
                node, steps = node.parent, steps + 1
            if node is None or steps >= _ANCESTOR_WALK:
                return False
            node = node.parent
        return True


class StyleSheet:
    """The rules of a page's ``<style>`` blocks that can hide an element, indexed by the
    id, class or tag their last compound names."""

    def __init__(self, css: str) -> None:
        self._by_id: dict[str, list[_Rule]] = defaultdict(list)
        self._by_class: dict[str, list[_Rule]] = defaultdict(list)
        self._by_tag: dict[str, list[_Rule]] = defaultdict(list)
        self._other: list[_Rule] = []
        for count, rule in enumerate(_rules(_COMMENT.sub(" ", css[:_MAX_CSS_CHARS]))):
            if count >= _MAX_RULES:
                break
            self._index(rule)

    @classmethod
    def of(cls, root: Tag) -> StyleSheet:
        """The stylesheet made of every ``<style>`` block under ``root``."""
        return cls("\n".join(style.get_text() for style in root.find_all("style")))

    def _index(self, rule: _Rule) -> None:
        subject = rule.chain[-1]
        if subject.ident:
            self._by_id[subject.ident].append(rule)
        elif subject.classes:
            self._by_class[min(subject.classes)].append(rule)
        elif subject.tag:
            self._by_tag[subject.tag].append(rule)
        else:
            self._other.append(rule)

    def __bool__(self) -> bool:
        return bool(self._by_id or self._by_class or self._by_tag or self._other)

    def _candidates(self, tag: Tag) -> Iterator[_Rule]:
        ident = tag.get("id")
        if isinstance(ident, str):
            yield from self._by_id.get(ident, ())
        for name in _classes(tag):
            yield from self._by_class.get(name, ())
        yield from self._by_tag.get(tag.name, ())
        yield from self._other

    def declared(self, tag: Tag) -> dict[str, str]:
        """The hiding-related properties that win for this element, its inline style on top."""
        matched = sorted(
            (rule for rule in self._candidates(tag) if rule.matches(tag)), key=lambda r: r.rank
        )
        winners: dict[str, tuple[str, bool]] = {}
        for rule in matched:
            for prop, (value, important) in rule.declarations.items():
                if important or not winners.get(prop, ("", False))[1]:
                    winners[prop] = (value, important)
        inline = tag.get("style")
        for prop, (value, important) in _declarations(inline if isinstance(inline, str) else ""):
            if important or not winners.get(prop, ("", False))[1]:
                winners[prop] = (value, important)
        return {prop: value for prop, (value, _) in winners.items()}

    def hides(self, tag: Tag) -> bool:
        """Whether this page's stylesheet (with the element's inline style) hides it."""
        return bool(self) and hides(self.declared(tag))


def hides(values: dict[str, str]) -> bool:
    """Whether these (winning) declarations hide an element from people."""
    get = values.get
    if get("display") == "none" or get("visibility") in ("hidden", "collapse"):
        return True
    if _transparent(get("opacity", "")):
        return True
    if any(_OFF_SCREEN.match(get(prop, "")) for prop in ("left", "top", "margin-left")):
        return True
    if _ZERO_CLIP.search(get("clip", "") + " " + get("clip-path", "")):
        return True
    if _NO_SCALE.search(get("transform", "")):
        return True
    clipped = get("overflow", "").startswith("hidden")
    flat = any(_ZERO_SIZE.match(get(prop, "")) for prop in ("height", "max-height"))
    thin = any(_ZERO_SIZE.match(get(prop, "")) for prop in ("width", "max-width"))
    return clipped and (flat or thin)


def _transparent(value: str) -> bool:
    number = value.rstrip("%").strip()
    try:
        amount = float(number)
    except ValueError:
        return False
    return amount <= (1 if value.endswith("%") else 0.01)


# ------------------------------------------------------------------------------ parsing


def _blocks(css: str) -> Iterator[tuple[str, str]]:
    """(prelude, body) of each top-level ``prelude { body }`` block."""
    depth, start, prelude_from = 0, 0, 0
    for brace in _BRACE.finditer(css):
        if brace.group() == "{":
            depth += 1
            if depth == 1:
                start = brace.start()
        elif not depth:
            prelude_from = brace.end()  # a stray "}" ends nothing
        else:
            depth -= 1
            if depth == 0:
                # Statements such as @import ...; before the block are no part of its prelude.
                prelude = css[prelude_from:start].rsplit(";", 1)[-1].strip()
                yield prelude, css[start + 1 : brace.start()]
                prelude_from = brace.end()


def _rules(css: str, order: Iterator[int] | None = None) -> Iterator[_Rule]:
    counter = order if order is not None else iter(range(10**9))
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            # Only media queries without conditions ("@media screen") always apply.
            if prelude.lower().startswith("@media") and "(" not in prelude:
                yield from _rules(body, counter)
            continue
        declarations = {prop: value for prop, value in _declarations(body) if prop in _PROPERTIES}
        if not declarations:
            continue
        for selector in prelude.split(","):
            chain = _chain(selector)
            if chain:
                yield _Rule(chain, declarations, next(counter))


def _declarations(body: str) -> Iterator[tuple[str, tuple[str, bool]]]:
    for part in body.split(";"):
        prop, colon, value = part.partition(":")
        if not colon:
            continue
        value = " ".join(value.lower().split())
        important = "!important" in value.replace("! important", "!important")
        value = value.replace("! important", "").replace("!important", "").strip()
        yield prop.strip().lower(), (value, important)


def _chain(selector: str) -> tuple[_Compound, ...]:
    """A descendant chain of compounds, or () for selectors this reader does not follow."""
    selector = selector.strip()
    outside = _ATTRIBUTE_TEST.sub("", selector)  # "[name*=x]" is no universal selector
    if not selector or any(mark in outside for mark in (":", "+", "~", "*", "\\")):
        return ()
    parts = selector.replace(">", " ").split()
    if len(parts) > _MAX_CHAIN:
        return ()
    compounds = tuple(_compound(part) for part in parts)
    return compounds if all(compounds) else ()


def _compound(text: str) -> _Compound | None:
    tag, ident, classes, attrs = "", "", set(), []
    pos = 0
    for match in _COMPOUND.finditer(text):
        if match.start() != pos:
            return None  # something this reader does not know
        pos = match.end()
        if match["tag"]:
            tag = match["tag"].lower()
        elif match["kind"] == "#":
            ident = match["word"]
        elif match["kind"] == ".":
            classes.add(match["word"])
        else:
            value = match["dq"] or match["sq"] or match["bare"] or ""
            attrs.append((match["attr"].lower(), match["op"] or "", value))
    if pos != len(text):
        return None
    return _Compound(tag, ident, frozenset(classes), tuple(attrs))


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return list(value) if value else []


def _attr_matches(tag: Tag, name: str, op: str, value: str) -> bool:
    if not tag.has_attr(name):
        return False
    raw = tag.get(name)
    actual = " ".join(raw) if isinstance(raw, list) else str(raw)
    if op == "":
        return True
    checks = {
        "=": actual == value,
        "~=": value in actual.split(),
        "|=": actual == value or actual.startswith(value + "-"),
        "^=": bool(value) and actual.startswith(value),
        "$=": bool(value) and actual.endswith(value),
        "*=": bool(value) and value in actual,
    }
    return checks.get(op, False)
