"""Scoring extraction against hand-made gold annotations: precision, recall and F1 per field
and per language (micro-averaged over documents).

How items are matched (one gold item to at most one extracted item):
  dates          the same value and end ("2023-08-22"/"2023-08-24")
  countries      the same ISO code;  areas: the same area code
  events         the same start date (the issue's rule), the closest name first
  agreements     names sharing most of their words (60% of the shorter name), same kind
  projects       names sharing most of their words (60% of the shorter name)
  organisations  the same acronym, or names sharing most of their words
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from envcoop.ingestion.contract import to_contract
from envcoop.ingestion.understand import understand_bytes

FIELDS = ("dates", "countries", "areas", "events", "agreements", "projects", "organisations")
_WORD = re.compile(r"\w+")
_HEAD_WORDS = {
    "the", "of", "on", "and", "for", "to", "in", "a", "an", "ve", "va", "cua", "cac", "dan", "di", "yang", "untuk",
}  # fmt: skip


@dataclass
class Tally:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return (
            self.true_positives / self.predicted
            if self.predicted
            else (1.0 if not self.gold else 0.0)
        )

    @property
    def recall(self) -> float:
        return (
            self.true_positives / self.gold if self.gold else (1.0 if not self.predicted else 0.0)
        )

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_language: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    overall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    documents: dict[str, int] = field(default_factory=Counter)
    misdetected: list[str] = field(default_factory=list)  # documents read in another language
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def scores(tallies: dict[str, Tally]) -> dict[str, dict[str, float]]:
            return {
                name: {
                    "precision": round(t.precision, 3),
                    "recall": round(t.recall, 3),
                    "f1": round(t.f1, 3),
                    "gold": t.gold,
                    "predicted": t.predicted,
                }
                for name, t in tallies.items()
            }

        return {
            "documents": dict(self.documents),
            "language_misdetected": list(self.misdetected),
            "overall": scores(self.overall),
            "by_language": {lang: scores(t) for lang, t in sorted(self.by_language.items())},
        }


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def _words(name: str) -> set[str]:
    return {word for word in _WORD.findall(_fold(name or "")) if word not in _HEAD_WORDS}


def _similar(a: str, b: str, threshold: float = 0.6) -> bool:
    first, second = _words(a), _words(b)
    if not first or not second:
        return False
    return len(first & second) / min(len(first), len(second)) >= threshold


def _match(
    gold: list,
    predicted: list,
    same: Callable[[Any, Any], bool],
    closeness: Callable[[Any, Any], float] | None = None,
) -> int:
    """Size of a greedy one-to-one matching (closest pairs first)."""
    return len(match_pairs(gold, predicted, same, closeness))


def match_pairs(
    gold: list,
    predicted: list,
    same: Callable[[Any, Any], bool],
    closeness: Callable[[Any, Any], float] | None = None,
) -> list[tuple[int, int]]:
    """A greedy one-to-one matching, closest pairs first: (gold index, predicted index)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if same(g, p):
                pairs.append((-(closeness(g, p) if closeness else 0.0), i, j))
    pairs.sort()
    used_gold, used_predicted, matched = set(), set(), []
    for _score, i, j in pairs:
        if i in used_gold or j in used_predicted:
            continue
        used_gold.add(i)
        used_predicted.add(j)
        matched.append((i, j))
    return matched


def name_closeness(a: dict, b: dict) -> float:
    first, second = _words(a.get("name", "")), _words(b.get("name", ""))
    return len(first & second) / max(1, len(first | second))


def _same_event(a: dict, b: dict) -> bool:
    return a.get("start") == b.get("start")


def _same_named(a: dict, b: dict) -> bool:
    return _similar(a["name"], b["name"])


def _same_organisation(a: dict, b: dict) -> bool:
    return bool(a.get("acronym") and a.get("acronym") == b.get("acronym")) or _similar(
        a["name"], b["name"], 0.75
    )


# How a gold item and an extracted item are taken to be the same, per list (closest first).
SAME_ITEM = {
    "events": _same_event,
    "agreements": _same_named,
    "projects": _same_named,
    "organisations": _same_organisation,
}


def compare(gold: dict[str, Any], predicted: dict[str, Any]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}

    def tally(name: str, gold_items: list, predicted_items: list, matched: int) -> None:
        tallies[name] = Tally(matched, len(predicted_items), len(gold_items))

    gold_dates = Counter((d["value"], d.get("end")) for d in gold.get("dates", []))
    predicted_dates = Counter((d["value"], d.get("end")) for d in predicted.get("dates", []))
    tally(
        "dates",
        list(gold_dates.elements()),
        list(predicted_dates.elements()),
        sum((gold_dates & predicted_dates).values()),
    )
    for name in ("countries", "areas"):
        g, p = set(gold.get(name, [])), set(predicted.get(name, []))
        tally(name, list(g), list(p), len(g & p))
    for name, same in SAME_ITEM.items():
        g, p = gold.get(name, []), predicted.get(name, [])
        tally(name, g, p, _match(g, p, same, name_closeness))
    return tallies


def evaluate(documents: Path, golds: Path, *, keep_mistakes: bool = False) -> Report:
    report = Report()
    for gold_path in sorted(golds.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        candidates = [p for p in documents.glob(f"{gold_path.stem}.*") if p.suffix != ".json"]
        if not candidates:
            raise FileNotFoundError(f"no document for gold file {gold_path.name} in {documents}")
        document = candidates[0]
        predicted = to_contract(
            understand_bytes(document.read_bytes(), filename=document.name), document.name
        )
        language = gold.get("lang") or predicted["lang"]
        report.documents[language] += 1
        if predicted["lang"] != language:
            report.misdetected.append(f"{document.name} ({predicted['lang']})")
        for name, result in compare(gold, predicted).items():
            report.by_language[language][name].add(result)
            report.overall[name].add(result)
        if keep_mistakes:
            report.mistakes.append(
                {"document": document.name, "gold": gold, "predicted": predicted}
            )
    return report


def format_table(report: Report) -> str:
    languages = sorted(report.by_language)
    lines = [
        f"documents: {sum(report.documents.values())} ({', '.join(f'{k} {v}' for k, v in sorted(report.documents.items()))})",
        f"language detected right: {sum(report.documents.values()) - len(report.misdetected)} of "
        f"{sum(report.documents.values())}"
        + (f" (wrong: {', '.join(report.misdetected)})" if report.misdetected else ""),
        "",
    ]
    header = (
        f"{'field':<14}"
        + "".join(f"{lang:>8}" for lang in languages)
        + f"{'all':>8}   P      R      n(gold)"
    )
    lines.append("F1 by language")
    lines.append(header)
    for name in FIELDS:
        overall = report.overall[name]
        row = f"{name:<14}" + "".join(
            f"{report.by_language[lang][name].f1:>8.2f}" for lang in languages
        )
        row += (
            f"{overall.f1:>8.2f}  {overall.precision:.2f}   {overall.recall:.2f}   {overall.gold}"
        )
        lines.append(row)
    return "\n".join(lines)
