"""Throughput of the whole ingestion pipeline beside segmentation alone, in one run.

    .venv/bin/python bench/ingest.py [--count 2000]

On generated documents (bench/generated_corpus.py: th, vi, en, id and ms in turn; text,
HTML and Markdown) it times, in this order:

1. segmentation alone: passages and sentences (`segment`) and the word segmentation
   (ICU BreakIterator for Thai, words/syllables for the Latin-script languages) of the
   already-parsed text: the floor of any reading of these documents;
2. the whole pipeline as `envcoop ingest` runs it: parse the bytes, normalise, detect the
   language of the document and of each passage, segment, run every extractor, and store
   the document, its passages and claims in SQLite, one transaction per document.

It prints documents/s and MB/s of text for both, the ratio (target: the pipeline at 25% or
more of segmentation alone) and the peak resident memory of the process (target < 500 MB).
The database is a throwaway SQLite file with the reference data loaded, as after
`make run`, so the gazetteer is built from the registry's names.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
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
from envcoop.ingestion.models import Claim, Document  # noqa: E402
from envcoop.ingestion.parsers import parse_bytes  # noqa: E402
from envcoop.ingestion.pipeline import ingest_bytes  # noqa: E402
from envcoop.ingestion.segment import segment, words  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
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

    clock = time.perf_counter()
    failed = 0
    for document in documents:
        outcome = ingest_bytes(document.data, source=document.name, filename=document.name)
        failed += outcome.failed
    pipeline = time.perf_counter() - clock

    rows = [("segmentation alone", segmentation), ("whole pipeline", pipeline)]
    print()
    print(f"{'':<20} {'seconds':>8} {'docs/s':>8} {'MB/s':>7}")
    for label, seconds in rows:
        print(
            f"{label:<20} {seconds:>8.2f} {len(documents) / seconds:>8.1f} {megabytes / seconds:>7.2f}"
        )
    print()
    print(
        f"pipeline / segmentation throughput: {segmentation / pipeline:.0%} (target >= 25%)"
    )
    print(f"peak memory (max RSS): {_peak_mb():.0f} MB (target < 500 MB)")
    print(
        f"stored: {Document.objects.count()} documents, {Claim.objects.count()} claims, "
        f"{word_count} words segmented; failed: {failed}"
    )


if __name__ == "__main__":
    main()
