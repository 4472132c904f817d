"""Date extraction: envcoop's extractor beside dateparser's `search_dates`, on the same texts.

    .venv/bin/python bench/extract_dates.py [--set annotated|heldout|all]

Both read the same article text (our parsers' output, so HTML boilerplate is gone for both)
and both are scored against the same gold dates with the rule `envcoop evaluate` uses: a
found date counts when its value and end are those of a gold date (a multiset per
document). dateparser is helped where it can be:

- it is told the document's language and, as RELATIVE_BASE, the dateline we found, so
  "last Tuesday" can resolve the way the gold resolves it;
- each date it finds is cut to the precision its own parser reports for that phrase (day,
  month or year), so "August 2023" is scored as 2023-08, not as a made-up day.

dateparser has no notion of ranges; a second score ("start only") compares start values
alone so the gap is not only about ranges. Needs the bench extra: make bench-setup.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ENVCOOP_VAR_DIR", tempfile.mkdtemp(prefix="envcoop-bench-"))

import django  # noqa: E402

django.setup()

from envcoop.ingestion.understand import understand_bytes  # noqa: E402

SETS = {
    "annotated": ROOT / "tests" / "data" / "annotated",
    "heldout": ROOT / "tests" / "data" / "heldout",
}


def _documents(names: list[str]) -> list[tuple[Path, dict]]:
    found = []
    for name in names:
        folder = SETS[name]
        for gold_path in sorted((folder / "gold").glob("*.json")):
            document = next(p for p in (folder / "docs").glob(f"{gold_path.stem}.*"))
            found.append((document, json.loads(gold_path.read_text(encoding="utf-8"))))
    return found


def _dateparser_dates(text: str, language: str, base: datetime | None) -> list[tuple[str, None]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=[language], settings=settings) or []
        precision = DateDataParser(languages=[language], settings=settings)
        values = []
        for phrase, moment in found:
            period = getattr(precision.get_date_data(phrase), "period", None) or "day"
            if period == "year":
                values.append((f"{moment.year:04d}", None))
            elif period == "month":
                values.append((f"{moment.year:04d}-{moment.month:02d}", None))
            else:
                values.append((moment.strftime("%Y-%m-%d"), None))
    return values


class Score:
    def __init__(self) -> None:
        self.hit = self.found = self.gold = 0

    def add(self, gold: list[tuple], found: list[tuple]) -> None:
        gold_counts, found_counts = Counter(gold), Counter(found)
        self.hit += sum((gold_counts & found_counts).values())
        self.found += len(found)
        self.gold += len(gold)

    def f1(self) -> float:
        p = self.hit / self.found if self.found else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        p = self.hit / self.found if self.found else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return f"P {p:.2f}  R {r:.2f}  F1 {self.f1():.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["annotated", "heldout", "all"], default="annotated")
    args = parser.parse_args()
    names = ["annotated", "heldout"] if args.set == "all" else [args.set]
    names = [n for n in names if (SETS[n] / "gold").is_dir()]
    documents = _documents(names)
    ours: dict[str, Score] = defaultdict(Score)
    theirs: dict[str, Score] = defaultdict(Score)
    ours_start: dict[str, Score] = defaultdict(Score)
    theirs_start: dict[str, Score] = defaultdict(Score)
    seconds = {"envcoop": 0.0, "dateparser": 0.0}
    for path, gold in documents:
        language = gold["lang"]
        gold_dates = [(d["value"], d.get("end")) for d in gold["dates"]]
        clock = time.perf_counter()
        result = understand_bytes(path.read_bytes(), filename=path.name)
        seconds["envcoop"] += time.perf_counter() - clock
        our_dates = [
            (c.value["value"], c.value.get("end")) for c in result.claims if c.kind == "date"
        ]
        base = None
        if result.dateline is not None and result.dateline.precision == "day":
            base = datetime(result.dateline.year, result.dateline.month, result.dateline.day)
        clock = time.perf_counter()
        their_dates = _dateparser_dates(result.text, language, base)
        seconds["dateparser"] += time.perf_counter() - clock
        for key in (language, "all"):
            ours[key].add(gold_dates, our_dates)
            theirs[key].add(gold_dates, their_dates)
            ours_start[key].add([g[0] for g in gold_dates], [o[0] for o in our_dates])
            theirs_start[key].add([g[0] for g in gold_dates], [t[0] for t in their_dates])
    print(f"documents: {len(documents)} ({', '.join(names)}); gold dates: {ours['all'].gold}")
    print()
    print(f"{'lang':<5} {'envcoop (value and end)':<28} {'dateparser (value and end)':<28}"
          f" {'envcoop start only':<20} {'dateparser start only':<20}")  # fmt: skip
    for key in [*sorted(k for k in ours if k != "all"), "all"]:
        print(
            f"{key:<5} {ours[key].line():<28} {theirs[key].line():<28}"
            f" F1 {ours_start[key].f1():.2f}{'':<13} F1 {theirs_start[key].f1():.2f}"
        )
    print()
    print(
        f"time: envcoop whole pipeline {seconds['envcoop']:.2f} s, "
        f"dateparser search_dates {seconds['dateparser']:.2f} s"
    )


if __name__ == "__main__":
    main()
