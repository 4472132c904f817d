"""Throughput of the whole ingestion pipeline beside segmentation alone, in one run.

    .venv/bin/python bench/ingest.py [--count 2000] [--jobs N] [--baseline REV]

On generated documents (bench/generated_corpus.py: th, vi, en, id and ms in turn; text,
HTML and Markdown, written to files) it times, in this order:

1. segmentation alone, in this process: passages and sentences (`segment`) and the word
   segmentation (ICU BreakIterator for Thai, words and syllables for the Latin-script
   languages) of the already-parsed text;
2. the whole pipeline as `envcoop ingest --jobs 1` runs it: read the file, parse it,
   normalise, detect the language of the document and of each passage, segment, run every
   extractor, and store the document, its passages and claims in SQLite, one transaction
   per document;
3. the same with N worker processes (`envcoop ingest`'s default: one per core);
4. `envcoop ingest FOLDER --jobs N` as a command on a fresh database, start-up included;
5. with ``--baseline REV`` (a commit, e.g. the one before a change), the whole pipeline in
   one process as that commit's code runs it, on the same files, in this same run (a
   temporary git worktree; bench/ingest_serial.py run with PYTHONPATH pointing there), and
   this code run the same way (a fresh process each), the two alternately ``--rounds``
   times; the medians are shown. On a shared machine the load changes from one minute to
   the next: alternating rounds compare the two under the same conditions.

It prints documents/s and MB/s of text for each and their share of segmentation-alone
throughput (the issue's target: 25% or more), and the peak resident memory of this
process and its workers together (target < 500 MB). The database is a throwaway SQLite
file with the reference data loaded, as after `make run`, so the gazetteer is built from
the registry's names.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ENVCOOP_VAR_DIR"] = tempfile.mkdtemp(prefix="envcoop-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bench.generated_corpus import generate  # noqa: E402
from bench.memory import TreeMemory  # noqa: E402
from envcoop.ingestion.batch import default_jobs, ingest_files  # noqa: E402
from envcoop.ingestion.models import Claim, Document  # noqa: E402
from envcoop.ingestion.parsers import parse_bytes  # noqa: E402
from envcoop.ingestion.segment import segment, words  # noqa: E402
from envcoop.ingestion.understand import understand_bytes  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--baseline", help="a commit whose one-process pipeline to time too")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="with --baseline: time this code and the baseline alternately, this many times",
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())
    documents = generate(args.count)
    texts = [
        (parse_bytes(d.data, filename=d.name).text, d.language) for d in documents
    ]  # parsed outside the timings: segmentation alone starts from text
    megabytes = sum(len(text.encode("utf-8")) for text, _ in texts) / 1e6
    by_language: dict[str, int] = {}
    for document in documents:
        by_language[document.language] = by_language.get(document.language, 0) + 1
    print(
        f"documents: {len(documents)} ({', '.join(f'{k} {v}' for k, v in sorted(by_language.items()))}); "
        f"text: {megabytes:.1f} MB; peak memory before the runs: {_peak_mb():.0f} MB"
    )

    clock = time.perf_counter()
    word_count = 0
    for text, language in texts:
        segment(text)
        word_count += len(words(text, language))
    segmentation = time.perf_counter() - clock

    with TreeMemory() as serial_memory:
        serial = _run_pipeline(documents, jobs=1)
    Document.objects.all().delete()
    with TreeMemory() as parallel_memory:
        parallel = _run_pipeline(documents, jobs=args.jobs)

    command, command_memory = _run_command(documents, jobs=args.jobs)
    compared = _run_alternately(documents, args.baseline, args.rounds) if args.baseline else None
    rows = [
        ("segmentation alone", segmentation, 1),
        ("whole pipeline", serial, 1),
        *(
            [
                ("whole pipeline, fresh process", compared[0], 1),
                (f"whole pipeline at {args.baseline}", compared[1], 1),
            ]
            if compared
            else []
        ),
        (f"whole pipeline, {args.jobs} workers", parallel, args.jobs),
        (f"envcoop ingest --jobs {args.jobs}", command, args.jobs),
    ]
    print()
    print(
        f"{'':<30} {'processes':>9} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'vs segmentation':>16}"
    )
    for label, seconds, processes in rows:
        print(
            f"{label:<30} {processes:>9} {seconds:>8.2f} {len(documents) / seconds:>8.1f}"
            f" {megabytes / seconds:>7.2f} {segmentation / seconds:>16.1%}"
        )
    print()
    print(
        f"peak memory, all processes together (target < 500 MB): one process "
        f"{serial_memory.peak_mb:.0f} MB; with {args.jobs} workers {parallel_memory.peak_mb:.0f} MB "
        f"(largest worker {_peak_children_mb():.0f} MB); `envcoop ingest --jobs {args.jobs}` as a "
        f"command, from start to exit: {command_memory:.0f} MB"
    )
    stored_kb = sum(len(text) for text, _ in texts) / 1000
    print(
        f"stored: {Document.objects.count()} documents, {Claim.objects.count()} claims "
        f"({Claim.objects.count() / stored_kb:.1f} per 1,000 characters; the annotated set: "
        f"{_annotated_density():.1f}), {word_count} words segmented"
    )


def _run_pipeline(documents: list, *, jobs: int) -> float:
    """Seconds to ingest every document as `envcoop ingest --jobs N` does (files on disk)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for document in documents:
            path = Path(folder) / document.name
            path.write_bytes(document.data)
            paths.append(path)
        clock = time.perf_counter()
        outcomes = list(ingest_files(paths, jobs=jobs))
        seconds = time.perf_counter() - clock
    failed = [o for o in outcomes if o.failed]
    if failed:
        raise SystemExit(f"{len(failed)} documents failed, first: {failed[0].message}")
    return seconds


def _run_command(documents: list, *, jobs: int) -> tuple[float, float]:
    """`envcoop ingest FOLDER --jobs N` run as a user runs it, on a fresh database: seconds
    from start to exit (Python and Django start-up included) and peak memory of all its
    processes."""
    with tempfile.TemporaryDirectory() as var, tempfile.TemporaryDirectory() as folder:
        for document in documents:
            (Path(folder) / document.name).write_bytes(document.data)
        env = {**os.environ, "ENVCOOP_VAR_DIR": var}
        envcoop = Path(sys.executable).with_name("envcoop")
        subprocess.run([envcoop, "migrate", "-v", "0"], env=env, check=True)
        with TreeMemory() as memory:
            clock = time.perf_counter()
            command = subprocess.Popen(
                [envcoop, "ingest", folder, "--jobs", str(jobs)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            memory.root = command.pid
            if command.wait() != 0:
                raise SystemExit("envcoop ingest failed")
            seconds = time.perf_counter() - clock
    return seconds, memory.peak_mb


def _run_alternately(documents: list, revision: str, rounds: int) -> tuple[float, float]:
    """Median seconds for one fresh process of this code, and of ``revision``'s, to ingest
    the same files, timed alternately ``rounds`` times each."""
    with (
        tempfile.TemporaryDirectory() as checkout,
        tempfile.TemporaryDirectory() as folder,
    ):
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", checkout, revision],
            check=True,
        )
        try:
            for document in documents:
                (Path(folder) / document.name).write_bytes(document.data)
            ours, theirs = [], []
            for _round in range(max(1, rounds)):
                ours.append(_run_serial(folder, ROOT))
                theirs.append(_run_serial(folder, Path(checkout)))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", checkout], check=False
            )
    return statistics.median(ours), statistics.median(theirs)


def _run_serial(folder: str, code: Path) -> float:
    """Seconds for bench/ingest_serial.py to ingest ``folder`` with the code in ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.pop("ENVCOOP_VAR_DIR", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ingest_serial.py"), folder],
        env=env,
        cwd=code,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


def _annotated_density() -> float:
    """Claims per 1,000 characters of text in tests/data/annotated (how realistic the
    generated documents are in the work they give the extractors)."""
    claims = characters = 0
    for path in sorted((ROOT / "tests" / "data" / "annotated" / "docs").iterdir()):
        result = understand_bytes(path.read_bytes(), filename=path.name)
        claims += len(result.claims)
        characters += len(result.text)
    return claims / (characters / 1000)


def _peak_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


if __name__ == "__main__":
    main()
