"""How well resolution decides "the same record", as pairwise precision and recall, beside a
baseline measured in the same run.

    .venv/bin/python bench/resolve.py [--set annotated|duplicates|all] [--mode accept|review]

The documents are the annotated evaluation set (tests/data/annotated, 45 documents in five
languages) and its cross-document duplicates (tests/data/duplicates, 9 more documents that
report the same meetings, agreements and projects again, in other words and sometimes with
other dates). Each gold item has a hand-made identity (``identities.json``): the same id in
two documents means the same real meeting, agreement, project or organisation.

The run ingests every document into a throwaway SQLite database that holds the reference
data only (no demo records), in file-name order, and

- ``accept`` (default): accepts every proposal at once, as ``envcoop ingest --accept``
  does: a claim goes into the record it matches, or makes a new one;
- ``review``: accepts nothing; a claim's record is the one it is proposed as the same as,
  or the group of pending claims proposing one new record together.

Each gold item is paired with the extracted claim that matches it in its document (the
rules of ``envcoop evaluate``); unmatched items (extraction misses) are left out and
counted. For every pair of paired items of a kind, "same" in the gold is compared with
"same" in the registry. Precision: of the pairs the system put in one record, the share
that are one thing; recall: of the pairs that are one thing, the share put in one record.

Baseline (same run, same pairs): two items are the same when their names are equal after
folding case and accents, what a registry without resolution would merge.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ENVCOOP_VAR_DIR"] = tempfile.mkdtemp(prefix="envcoop-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from envcoop.core.folding import fold  # noqa: E402
from envcoop.ingestion.evaluate import SAME_ITEM, match_pairs, name_closeness  # noqa: E402
from envcoop.ingestion.models import Claim  # noqa: E402
from envcoop.ingestion.pipeline import ingest_bytes  # noqa: E402
from envcoop.review.resolution.resolver import Resolver  # noqa: E402
from envcoop.review.services import document_accept_all  # noqa: E402

SETS = {
    "annotated": ROOT / "tests/data/annotated",
    "duplicates": ROOT / "tests/data/duplicates",
}
KINDS = {
    "events": "event",
    "agreements": "agreement",
    "projects": "project",
    "organisations": "organisation",
}


class Pairs:
    def __init__(self) -> None:
        self.both = self.system = self.gold = self.total = 0

    def add(self, gold_same: bool, system_same: bool) -> None:
        self.total += 1
        self.gold += gold_same
        self.system += system_same
        self.both += gold_same and system_same

    @property
    def precision(self) -> float:
        return self.both / self.system if self.system else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.gold if self.gold else 1.0

    def row(self, label: str) -> str:
        return (
            f"{label:<15}{self.precision:>10.3f}{self.recall:>8.3f}"
            f"{self.system:>9}{self.gold:>9}{self.total:>10}"
        )


def documents(names: list[str]) -> list[tuple[Path, dict, dict]]:
    found = []
    for name in names:
        folder = SETS[name]
        identities = json.loads((folder / "identities.json").read_text(encoding="utf-8"))
        for gold_path in sorted((folder / "gold").glob("*.json")):
            path = next(p for p in (folder / "docs").glob(f"{gold_path.stem}.*"))
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            found.append((path, gold, identities[gold_path.stem]))
    return found


def system_identity(claim: Claim, mode: str) -> str | None:
    if mode == "accept":
        return f"record:{claim.record_type_id}:{claim.record_id}" if claim.record_id else None
    if claim.match_id is not None:
        return f"record:{claim.match_type_id}:{claim.match_id}"
    return f"group:{claim.cluster}" if claim.cluster else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["annotated", "duplicates", "all"], default="all")
    parser.add_argument("--mode", choices=["accept", "review"], default="accept")
    parser.add_argument(
        "--mistakes", action="store_true", help="list the items of wrongly split or joined pairs"
    )
    args = parser.parse_args()
    names = list(SETS) if args.set == "all" else [args.set]

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())
    resolver = Resolver()
    items: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    # kind -> (gold id, system id, folded name)
    unmatched: dict[str, int] = defaultdict(int)
    shown: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    corpus = documents(names)
    for path, gold, identities in corpus:
        outcome = ingest_bytes(
            path.read_bytes(), source=str(path), filename=path.name, resolver=resolver
        )
        if outcome.document is None:
            raise SystemExit(f"{path}: {outcome.message}")
        if args.mode == "accept":
            document_accept_all(outcome.document, resolver=resolver)
        for field, kind in KINDS.items():
            claims = list(
                Claim.objects.filter(document=outcome.document, kind=kind).order_by("start", "pk")
            )
            predicted = [claim.value for claim in claims]
            pairs = match_pairs(gold[field], predicted, SAME_ITEM[field], _closeness)
            unmatched[field] += len(gold[field]) - len(pairs)
            for i, j in pairs:
                items[field].append(
                    (
                        identities[field][i],
                        system_identity(claims[j], args.mode),
                        fold(claims[j].value.get("name") or ""),
                    )
                )
                shown[field].append(
                    f"{path.stem}: {claims[j].value.get('name')} {_when(claims[j].value)}"
                )
    elapsed = time.perf_counter() - started

    print(
        f"documents: {len(corpus)} ({', '.join(names)}); mode: {args.mode}; "
        f"ingest and resolution {elapsed:.1f} s"
    )
    print(
        "gold items paired with an extracted claim: "
        + ", ".join(f"{f} {len(items[f])} (missed {unmatched[f]})" for f in KINDS)
    )
    header = f"{'':<15}{'precision':>10}{'recall':>8}{'sys-same':>9}{'gold-same':>9}{'pairs':>10}"
    for label, system in (("envcoop", True), ("baseline", False)):
        print(f"\n{label}: " + ("resolution" if system else "same folded name"))
        print(header)
        overall = Pairs()
        for field in KINDS:
            pairs = Pairs()
            for (gold_a, sys_a, name_a), (gold_b, sys_b, name_b) in combinations(items[field], 2):
                same = (
                    (sys_a is not None and sys_a == sys_b)
                    if system
                    else (bool(name_a) and name_a == name_b)
                )
                pairs.add(gold_a == gold_b, same)
                overall.add(gold_a == gold_b, same)
            print(pairs.row(field))
        print(overall.row("all"))
    if args.mistakes:
        for field in KINDS:
            for a, b in combinations(range(len(items[field])), 2):
                gold_a, sys_a, _ = items[field][a]
                gold_b, sys_b, _ = items[field][b]
                system_same = sys_a is not None and sys_a == sys_b
                if (gold_a == gold_b) != system_same:
                    verdict = "split" if gold_a == gold_b else "joined"
                    print(
                        f"{verdict:<7}{field:<14}{gold_a} | {gold_b}\n    {shown[field][a]}\n    {shown[field][b]}"
                    )


def _closeness(gold: dict, claim: dict) -> float:
    """Closest names first; of two claims with one name (a Thai and a Lao ministry both
    called กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม), the one of the gold item's country."""
    same_country = bool(gold.get("country")) and gold.get("country") == claim.get("country")
    return name_closeness(gold, claim) + (0.5 if same_country else 0.0)


def _when(value: dict) -> str:
    parts = [value.get("series"), value.get("ordinal"), value.get("start"), value.get("end")]
    return " ".join(str(p) for p in parts if p)


if __name__ == "__main__":
    main()
