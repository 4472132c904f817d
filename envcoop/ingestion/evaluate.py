"""Scoring extraction against hand-made gold annotations: precision, recall and F1 per field
and per language (micro-averaged over documents).

How items are matched (one gold item to at most one extracted item), strictly:
  dates          the same value and end ("2023-08-22"/"2023-08-24")
  countries      the same ISO code;  areas: the same area code
  events         the same start date AND the same ordinal (where both give one) AND alike
                 names or the same series
  agreements     alike names and, where the gold gives a date, the same date
  projects       alike names
  frameworks     alike names;  priorities: alike texts for the same year
  mentions       the same kind and the same series and ordinal, or alike names
  organisations  the same acronym, or names sharing most of their words
"Alike" names share most of their words (60% of the shorter name); in scripts written
without spaces, most of their pairs of letters. Place, country, host and parties are
reported as the share of matched items that have them right.
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

from envcoop.ingestion.contract import contract_claims, to_contract
from envcoop.ingestion.segment import unspaced
from envcoop.ingestion.understand import understand_bytes

FIELDS = (
    "dates", "countries", "areas", "events", "agreements", "projects", "organisations",
    "frameworks", "priorities", "mentions",
)  # fmt: skip
# Facts of a matched item scored as accuracy: (list, field).
DETAILS = (
    ("events", "place"), ("events", "country"), ("events", "host"), ("agreements", "parties"),
)  # fmt: skip

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


THRESHOLDS = (0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Scored:
    """One extracted item: its kind and language, confidence, evidence and whether it is right."""

    kind: str
    language: str
    document: str
    confidence: float
    right: bool
    signals: dict[str, float]


@dataclass
class Report:
    by_language: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    overall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    details: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )  # language -> "events.place" -> right / compared
    documents: dict[str, int] = field(default_factory=Counter)
    misdetected: list[str] = field(default_factory=list)  # documents read in another language
    scored: list[Scored] = field(default_factory=list)  # every extracted item with a confidence
    annotated: dict[str, int] = field(default_factory=Counter)  # documents whose gold has a list
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
                if name not in SAME_ITEM or self.annotated[name]
            }

        return {
            "documents": dict(self.documents),
            "language_misdetected": list(self.misdetected),
            "overall": scores(self.overall),
            "by_language": {lang: scores(t) for lang, t in sorted(self.by_language.items())},
            "thresholds": {
                str(t): {
                    "precision": round(tally.precision, 3) if tally.predicted else None,
                    "recall": round(tally.recall, 3),
                    "kept": tally.predicted,
                }
                for t, tally in self.at_thresholds().items()
            },
            "details": {
                name: {"right": t.true_positives, "compared": t.gold}
                for name, t in self.group_details(list(self.details)).items()
            },
        }

    def at_thresholds(self) -> dict[float, Tally]:
        """Precision and recall of the items kept at each confidence threshold (every list
        with a confidence together: what "accept everything above" would accept)."""
        gold = sum(self.overall[name].gold for name in SAME_ITEM if self.annotated[name])
        result = {}
        for threshold in THRESHOLDS:
            kept = [item for item in self.scored if item.confidence >= threshold]
            result[threshold] = Tally(sum(item.right for item in kept), len(kept), gold)
        return result

    def group(self, languages: list[str]) -> dict[str, Tally]:
        """The tallies of several languages together ("km, lo, my, zh")."""
        total: dict[str, Tally] = defaultdict(Tally)
        for language in languages:
            for name, tally in self.by_language.get(language, {}).items():
                total[name].add(tally)
        return total

    def group_details(self, languages: list[str]) -> dict[str, Tally]:
        total: dict[str, Tally] = defaultdict(Tally)
        for language in languages:
            for name, tally in self.details.get(language, {}).items():
                total[name].add(tally)
        return total


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def _words(name: str) -> set[str]:
    return {word for word in _WORD.findall(_fold(name or "")) if word not in _HEAD_WORDS}


def _pairs(name: str) -> set[str]:
    letters = re.sub(r"[\W_]+", "", _fold(name or ""))
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def _similar(a: str, b: str, threshold: float = 0.6) -> bool:
    if unspaced(a or "") or unspaced(b or ""):  # (no spaces: compare pairs of letters)
        first, second = _pairs(a), _pairs(b)
    else:
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
    if a.get("start") != b.get("start"):
        return False
    both_numbered = a.get("ordinal") is not None and b.get("ordinal") is not None
    if both_numbered and a["ordinal"] != b["ordinal"]:
        return False
    same_series = bool(a.get("series")) and a.get("series") == b.get("series")
    return same_series or _similar(a.get("name", ""), b.get("name", ""))


def _same_named(a: dict, b: dict) -> bool:
    return _similar(a["name"], b["name"])


def _same_agreement(a: dict, b: dict) -> bool:
    if a.get("date") and a.get("date") != b.get("date"):
        return False
    return _similar(a["name"], b["name"])


def _same_priority(a: dict, b: dict) -> bool:
    return str(a.get("year")) == str(b.get("year")) and _similar(a["text"], b["text"], 0.5)


def _same_mention(a: dict, b: dict) -> bool:
    if a.get("kind") != b.get("kind"):
        return False
    if a.get("series") and a.get("series") == b.get("series"):
        return a.get("ordinal") == b.get("ordinal")
    return _similar(a.get("name", ""), b.get("name", ""))


def _same_organisation(a: dict, b: dict) -> bool:
    return bool(a.get("acronym") and a.get("acronym") == b.get("acronym")) or _similar(
        a["name"], b["name"], 0.75
    )


# How a gold item and an extracted item are taken to be the same, per list (closest first).
SAME_ITEM = {
    "events": _same_event,
    "agreements": _same_agreement,
    "projects": _same_named,
    "organisations": _same_organisation,
    "frameworks": _same_named,
    "priorities": _same_priority,
    "mentions": _same_mention,
}


def _closeness(a: dict, b: dict) -> float:
    return name_closeness(
        {"name": a.get("name") or a.get("text", "")}, {"name": b.get("name") or b.get("text", "")}
    )


def _same_value(field_name: str, gold_value: Any, predicted_value: Any) -> bool:
    if field_name == "place":
        return _similar(gold_value or "", predicted_value or "", 0.5) or (
            (gold_value or "").lower() == (predicted_value or "").lower()
        )
    if field_name == "parties":
        return {str(p).lower() for p in gold_value or []} == {
            str(p).lower() for p in predicted_value or []
        }
    return gold_value == predicted_value


def compare(
    gold: dict[str, Any],
    predicted: dict[str, Any],
    details: dict[str, Tally] | None = None,
    right: dict[str, set[int]] | None = None,
) -> dict[str, Tally]:
    """Tallies per field; with ``details``, also how many matched items have each of
    DETAILS right (counted where the gold states it)."""
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
        if name not in gold:
            continue  # (not annotated in this set)
        g, p = gold.get(name, []), predicted.get(name, [])
        pairs = match_pairs(g, p, same, _closeness)
        tally(name, g, p, len(pairs))
        if right is not None:
            right[name] = {j for _i, j in pairs}
        if details is None:
            continue
        for list_name, field_name in DETAILS:
            if list_name != name:
                continue
            for i, j in pairs:
                if not g[i].get(field_name):
                    continue
                key = f"{name}.{field_name}"
                details.setdefault(key, Tally())
                details[key].gold += 1
                details[key].true_positives += _same_value(
                    field_name, g[i].get(field_name), p[j].get(field_name)
                )
    return tallies


def in_part(stem: str, part: str | None) -> bool:
    """The fixed split of the real-text set: documents numbered 03, 06, 09, ... check, the
    others tune (tests/data/real/README.md). ``part`` None takes every document."""
    if part is None:
        return True
    found = re.match(r"[a-z]{2,3}-(\d+)", stem)
    checking = bool(found) and int(found.group(1)) % 3 == 0
    return checking if part == "checking" else not checking


def evaluate(
    documents: Path, golds: Path, *, keep_mistakes: bool = False, part: str | None = None
) -> Report:
    report = Report()
    for gold_path in sorted(golds.glob("*.json")):
        if not in_part(gold_path.stem, part):
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        candidates = [p for p in documents.glob(f"{gold_path.stem}.*") if p.suffix != ".json"]
        if not candidates:
            raise FileNotFoundError(f"no document for gold file {gold_path.name} in {documents}")
        document = candidates[0]
        result = understand_bytes(document.read_bytes(), filename=document.name)
        predicted = to_contract(result, document.name)
        language = gold.get("lang") or predicted["lang"]
        report.documents[language] += 1
        if predicted["lang"] != language:
            report.misdetected.append(f"{document.name} ({predicted['lang']})")
        details: dict[str, Tally] = {}
        right: dict[str, set[int]] = {}
        for name, tally in compare(gold, predicted, details, right).items():
            report.by_language[language][name].add(tally)
            report.overall[name].add(tally)
        lists = contract_claims(result)
        for name in SAME_ITEM:
            if name not in gold:
                continue  # a set annotated before this list existed says nothing of it
            report.annotated[name] += 1
            for index, claim in enumerate(lists[name]):
                report.scored.append(
                    Scored(
                        kind=claim.kind,
                        language=language,
                        document=document.name,
                        confidence=claim.confidence,
                        right=index in right[name],
                        signals=result.signals.get(id(claim), {}),
                    )
                )
        for name, result in details.items():
            report.details[language][name].add(result)
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
        if name in SAME_ITEM and not report.annotated[name]:
            lines.append(
                f"{name:<14}"
                + "".join(f"{'-':>8}" for _ in languages)
                + "       -  (not annotated)"
            )
            continue
        overall = report.overall[name]
        row = f"{name:<14}" + "".join(
            f"{report.by_language[lang][name].f1:>8.2f}" for lang in languages
        )
        row += (
            f"{overall.f1:>8.2f}  {overall.precision:.2f}   {overall.recall:.2f}   {overall.gold}"
        )
        lines.append(row)
    lines.append("")
    lines.append("kept at a confidence of at least")
    for threshold, tally in report.at_thresholds().items():
        if not tally.predicted:
            lines.append(f"{threshold:<6}none kept")
            continue
        lines.append(
            f"{threshold:<6}precision {tally.precision:.2f}  recall {tally.recall:.2f}  "
            f"({tally.true_positives} right of {tally.predicted})"
        )
    details = report.group_details(languages)
    if details:
        lines.append("")
        lines.append("right among matched items")
        for name, tally in sorted(details.items()):
            lines.append(f"{name:<20}{tally.true_positives:>5} of {tally.gold:<5}")
    return "\n".join(lines)
