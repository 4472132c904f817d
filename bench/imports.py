"""Import time for a file of new events, beside the same import indexing for search on
every signal (the baseline: what imports did before ``search.signals.batched``), in one run.

    .venv/bin/python bench/imports.py [--rows 500] [--repeat 2]

A throwaway SQLite database gets the reference data; the file is a CSV of new events,
each with a name, dates, a country, two areas and two host countries. Every import is a
dry run (checked and written, then rolled back), so each starts from the same database.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ENVCOOP_VAR_DIR"] = tempfile.mkdtemp(prefix="envcoop-bench-imports-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

import envcoop.imports.importer as importer  # noqa: E402


def events_csv(rows: int) -> bytes:
    lines = ["key,name,start,end,country,areas,host_countries"]
    for i in range(rows):
        day = f"2024-03-{i % 28 + 1:02d}"
        lines.append(
            f"bench-event-{i},Bench event {i},{day},{day},TH,climate-change; biodiversity,TH; VN"
        )
    return "\n".join(lines).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    data = events_csv(args.rows)
    batched = importer.batched
    times: dict[str, list[float]] = {"envcoop (batched indexing)": [], "baseline (per signal)": []}
    for _ in range(args.repeat):
        for label, block in (("baseline (per signal)", contextlib.nullcontext),
                             ("envcoop (batched indexing)", batched)):  # fmt: skip
            importer.batched = block
            started = time.perf_counter()
            report = importer.import_table("events", data, "events.csv", dry_run=True)
            times[label].append(time.perf_counter() - started)
            assert not report.problems, report.problems[:3]
    importer.batched = batched
    print(f"{args.rows:,} new events, dry run, best of {args.repeat}:")
    for label, seconds in times.items():
        best = min(seconds)
        print(f"  {label:<28} {best:6.2f} s  ({args.rows / best:,.0f} rows/s)")


if __name__ == "__main__":
    main()
