"""Benchmark ``discountmarket.outreach.forms`` on the annotated Formasaurus corpus.

    .venv/bin/python bench/forms_corpus.py [--corpus PATH] [--jobs N] [--show-errors]

Runs ``analyse_forms`` on every corpus page, matches our forms to the annotated ones by
``form_index`` and prints form-kind accuracy, contact precision/recall, per-role field
precision/recall on contact forms and overall field accuracy on contact forms. The corpus
(``<repo>/../shared/corpus/forms``, see its README.md) is read in place, never copied.

Honest tuning: sites are split in two halves by a hash of the registrable domain of each
page's URL (so that www.x.com and shop.x.com fall on the same side). Rules are tuned only
by looking at the "tuning" half (``--show-errors`` lists its mistakes and never the other
half's); the "held-out" half measures how the rules generalise.

What is counted: forms marked ``duplicate_of`` are skipped (upstream drops them too).
Field figures use only forms whose entry lists "html.parser" in ``bs4_checked`` (the
parser we use sees exactly the annotated fields there) and only annotated fields (a null
label means "not annotated"). ``tests/outreach/test_forms.py`` imports ``evaluate``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make the package importable
    sys.path.insert(0, str(REPO))

from publicsuffixlist import PublicSuffixList  # noqa: E402

from discountmarket.outreach.forms import ROLES, analyse_forms  # noqa: E402

DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "forms"
HALVES = ("tuning", "held-out")
KIND_OF_LABEL = {
    "contact": "contact",
    "search": "search",
    "login": "login",
    "registration": "registration",
    "mailing_list": "newsletter",
    "order": "order",
}  # everything else (password_recovery, display_options, navigation, poll, captcha, other)
# Our finer kinds inside upstream's classes: its "contact/comment" class holds reviews and
# call-back requests (we tell them apart so that we never post to them), and a
# back-in-stock alert subscribes an address like a mailing list does.
UPSTREAM_CLASS = {"review": "contact", "callback": "contact", "stock_alert": "newsletter"}
ROLE_OF_LABEL = {
    "full_name": "name",
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "phone": "phone",
    "subject": "subject",
    "message": "message",
}  # every other field label means "no role"
REFERENCE = {  # Formasaurus' published 20-fold cross-validation
    "kind accuracy (7 kinds)": 0.89,
    "contact precision": 0.87,
    "contact recall": 0.93,
    "field accuracy (contact forms)": 0.845,
}
TARGETS = {
    "contact precision": 0.95,
    "contact recall": 0.95,
    "email recall": 0.97,
    "message recall": 0.97,
    "email per form": 0.97,
    "message per form": 0.97,
}

_psl = PublicSuffixList()


def half_of(url: str) -> str:
    """Which half a page belongs to, by its registrable domain."""
    host = (urlsplit(url).hostname or "").lower()
    site = _psl.privatesuffix(host) or host
    return HALVES[hashlib.sha256(site.encode()).digest()[0] % 2]


@dataclass
class Tally:
    """Counts for one half; ratios are computed at the end."""

    forms: int = 0
    kind_right: int = 0
    contact_tp: int = 0
    contact_fp: int = 0
    contact_fn: int = 0
    fields: int = 0
    fields_right: int = 0
    role_total: Counter[str] = field(default_factory=Counter)  # corpus fields per role
    role_found: Counter[str] = field(default_factory=Counter)  # ... that we mapped to it
    role_given: Counter[str] = field(default_factory=Counter)  # our assignments per role
    role_given_right: Counter[str] = field(default_factory=Counter)
    role_forms: Counter[str] = field(default_factory=Counter)  # contact forms with the role
    role_forms_right: Counter[str] = field(default_factory=Counter)  # ... where ours is one
    captcha_forms: int = 0  # forms with a field annotated "captcha"
    captcha_found: int = 0  # ... where we report a captcha
    plain_forms: int = 0  # fully annotated forms without one
    plain_flagged: int = 0  # ... where we report one anyway

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            else:
                setattr(self, name, mine + value)

    def metrics(self) -> dict[str, float | None]:
        out = {
            "kind accuracy (7 kinds)": _ratio(self.kind_right, self.forms),
            "contact precision": _ratio(self.contact_tp, self.contact_tp + self.contact_fp),
            "contact recall": _ratio(self.contact_tp, self.contact_tp + self.contact_fn),
            "field accuracy (contact forms)": _ratio(self.fields_right, self.fields),
            "captcha found (forms with one)": _ratio(self.captcha_found, self.captcha_forms),
            "captcha reported (forms without)": _ratio(self.plain_flagged, self.plain_forms),
        }
        for role in ROLES:
            out[f"{role} recall"] = _ratio(self.role_found[role], self.role_total[role])
            out[f"{role} precision"] = _ratio(self.role_given_right[role], self.role_given[role])
            right, forms = self.role_forms_right[role], self.role_forms[role]
            out[f"{role} per form"] = _ratio(right, forms)
            # One field per role: a form annotating two e-mail fields caps recall.
            out[f"{role} recall ceiling"] = _ratio(forms, self.role_total[role])
        return out


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def load_entries(corpus: Path) -> list[dict]:
    lines = (corpus / "forms.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


Found = tuple[str, dict[str, str], str | None]  # kind, {input name: role}, captcha


def _analyse_page(job: tuple[str, str, str]) -> tuple[str, list[Found]]:
    """(page, [(kind, {input name: role}, captcha)] for each form on it): runs in a worker."""
    corpus, page, url = job
    html = (Path(corpus) / page).read_bytes().decode("utf-8", errors="replace")
    plans = analyse_forms(html, url)
    found = [(p.kind, {name: role for role, name in p.fields.items()}, p.captcha) for p in plans]
    return page, found


def analyse_corpus(corpus: Path, entries: list[dict], jobs: int) -> dict[str, list[Found]]:
    pages = {entry["page"]: entry["url"] for entry in entries}
    work = [(str(corpus), page, url) for page, url in sorted(pages.items())]
    if jobs <= 1:
        return dict(map(_analyse_page, work))
    # Forked workers inherit this module however it was loaded (the tests load it by path).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return dict(pool.map(_analyse_page, work, chunksize=8))


def score(entry: dict, found: list[Found], tally: Tally, errors: list[str] | None) -> None:
    """Add one annotated form to the tally."""
    truth = KIND_OF_LABEL.get(entry["form_type"], "other")
    index = entry["form_index"]
    kind, roles, captcha = found[index] if index < len(found) else ("(missing)", {}, None)
    kind = UPSTREAM_CLASS.get(kind, kind)
    tally.forms += 1
    tally.kind_right += kind == truth
    tally.contact_tp += truth == "contact" and kind == "contact"
    tally.contact_fp += truth != "contact" and kind == "contact"
    tally.contact_fn += truth == "contact" and kind != "contact"
    if errors is not None and kind != truth:
        errors.append(f"kind {truth} -> {kind}: {entry['url']} #{index}")
    if "html.parser" not in entry["bs4_checked"]:
        return
    if "captcha" in entry["fields"].values():
        tally.captcha_forms += 1
        tally.captcha_found += captcha is not None
    elif entry["fields_complete"]:
        tally.plain_forms += 1
        tally.plain_flagged += captcha is not None
    if truth != "contact":
        return
    annotated = {name: ROLE_OF_LABEL.get(label) for name, label in entry["fields"].items()}
    for role in set(annotated.values()) - {None}:
        tally.role_forms[role] += 1
        tally.role_forms_right[role] += annotated.get(_name_of(roles, role), "") == role
    for name, label in entry["fields"].items():
        if label is None:
            continue
        want, got = ROLE_OF_LABEL.get(label), roles.get(name)
        tally.fields += 1
        tally.fields_right += want == got
        if want:
            tally.role_total[want] += 1
            tally.role_found[want] += want == got
        if got:
            tally.role_given[got] += 1
            tally.role_given_right[got] += want == got
        if errors is not None and want != got:
            errors.append(f"field {name!r} {label} -> {got}: {entry['url']} #{index}")


def _name_of(roles: dict[str, str], role: str) -> str:
    return next((name for name, given in roles.items() if given == role), "")


@dataclass
class Report:
    metrics: dict[str, dict[str, float | None]]  # "tuning" / "held-out" / "all" -> metrics
    counts: dict[str, dict[str, int]]  # the same keys -> what was scored


def evaluate(
    corpus: Path = DEFAULT_CORPUS, jobs: int = 1, errors: list[str] | None = None
) -> Report:
    """Metrics for the tuning half, the held-out half and all; ``errors`` collects the
    tuning half's mistakes when given."""
    entries = [entry for entry in load_entries(corpus) if entry.get("duplicate_of") is None]
    results = analyse_corpus(corpus, entries, jobs)
    tallies = {half: Tally() for half in HALVES}
    for entry in entries:
        half = half_of(entry["url"])
        shown = errors if half == "tuning" else None
        score(entry, results[entry["page"]], tallies[half], shown)
    total = Tally()
    for tally in tallies.values():
        total.add(tally)
    tallies["all"] = total
    return Report(
        metrics={half: tally.metrics() for half, tally in tallies.items()},
        counts={
            half: {"forms": t.forms, "contact": t.contact_tp + t.contact_fn, "fields": t.fields}
            for half, t in tallies.items()
        },
    )


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def render(report: Report) -> str:
    """The report as a Markdown table (the one in bench/README.md)."""
    rows = ["| metric | reference | target | tuning half | held-out half | all |"]
    rows.append("|---|---|---|---|---|---|")
    columns = (*HALVES, "all")
    for metric in report.metrics["all"]:
        values = [report.metrics[half][metric] for half in columns]
        if metric.endswith("ceiling") and all(v is None or v >= 1 for v in values):
            continue  # a ceiling matters only where the corpus labels two fields alike
        reference, target = REFERENCE.get(metric), TARGETS.get(metric)
        ref = f"{reference:.1%}" if reference else ""
        goal = f"≥ {target:.0%}" if target else ""
        rows.append(f"| {metric} | {ref} | {goal} | " + " | ".join(map(_cell, values)) + " |")
    sizes = "; ".join(
        f"{name}: {c['forms']} forms, {c['contact']} contact forms, {c['fields']} contact-form "
        "fields"
        for name, c in report.counts.items()
    )
    return "\n".join(rows) + f"\n\nScored: {sizes}."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--jobs", type=int, default=min(os.cpu_count() or 1, 4), help="worker processes"
    )
    parser.add_argument(
        "--show-errors", action="store_true", help="list the tuning half's mistakes"
    )
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON only")
    args = parser.parse_args(argv)
    if not (args.corpus / "forms.jsonl").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    started = time.monotonic()
    errors: list[str] | None = [] if args.show_errors else None
    report = evaluate(args.corpus, args.jobs, errors)
    if args.json:
        print(json.dumps(report.metrics))
        return 0
    for line in errors or []:
        print(line)
    print(render(report))
    print(f"\n{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
