"""`envcoop ingest PATH...`: read documents into the registry's document store."""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.cli.progress import Progress
from envcoop.ingestion.batch import PARALLEL_FROM, default_jobs, ingest_files
from envcoop.ingestion.filing_options import FilingError, filing_from
from envcoop.ingestion.jobs import enqueue_upload
from envcoop.ingestion.ocr.languages import PACKS as OCR_LANGUAGES
from envcoop.ingestion.ocr.languages import language_code
from envcoop.ingestion.pipeline import Outcome, read_job
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import document_accept_all, error_text

SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def _ocr_language(value: str) -> str | None:
    try:
        return language_code(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


class Command(BaseCommand):
    help = (
        "Read files and folders (recursively) into envcoop: text, Markdown, HTML, PDF and DOCX in "
        "any language; scanned PDFs and images (PNG, JPEG, TIFF) by OCR. Each document is stored with its passages and the claims found in it, in "
        "one transaction; a document already stored (same content) is skipped unless --force. "
        "Files that cannot be read are reported and the rest go on; the exit code is 1 if any failed. "
        "What the documents say about events, agreements, projects and organisations waits for "
        "review (envcoop review) unless --accept. New documents are for members (anyone "
        "signed in) unless --visibility says otherwise; the files are kept (ENVCOOP_MEDIA_DIR)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--force", action="store_true", help="read documents already stored again"
        )
        parser.add_argument(
            "--accept",
            action="store_true",
            help=(
                "accept every proposal at once (for trusted bulk loads): claims become new "
                "records or are merged into the records they match"
            ),
        )
        parser.add_argument(
            "--visibility",
            default="members",
            metavar="public|members|CC",
            help=(
                "who may read the new documents: public (anyone), members (anyone signed in; "
                "the default) or a country's two-letter code, e.g. TH (its focal points and "
                "contributors, and the Secretariat); documents already stored keep theirs"
            ),
        )
        parser.add_argument(
            "--shared-with",
            action="append",
            metavar="KEY",
            help="a partner organisation (its key) that may read the members' documents; "
            "repeat for several",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help=(
                "put the files in the queue for the workers (envcoop worker) instead of "
                "reading them here; --accept, --force and --jobs do not apply"
            ),
        )
        parser.add_argument(
            "--max-mb",
            type=float,
            help=f"size limit per file (default {settings.ENVCOOP_MAX_DOCUMENT_MB} MB)",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help=(
                "worker processes that read documents (default: one per core, at most 4; "
                f"batches under {PARALLEL_FROM} files are read in one process)"
            ),
        )

        parser.add_argument(
            "--ocr-lang",
            type=_ocr_language,
            metavar="LANG",
            help=(
                "the language of scans (PDFs without text, PNG, JPEG, TIFF images) for OCR: "
                f"{', '.join(sorted(OCR_LANGUAGES))}; default: auto (a first pass over each "
                "scan's first page chooses)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            filing = filing_from(options["visibility"], options["shared_with"])
        except FilingError as error:
            raise CommandError(str(error)) from error
        limit = None if options["max_mb"] is None else int(options["max_mb"] * 1024 * 1024)
        files: list[Path] = []
        missing: list[str] = []
        for name in options["paths"]:
            path = Path(name)
            if path.is_dir():
                files.extend(
                    sorted(
                        p
                        for p in path.rglob("*")
                        if p.is_file()
                        and p.name not in SKIPPED_NAMES
                        # nothing hidden: not ".DS_Store", not what lies under ".git/"
                        and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    )
                )
            elif path.is_file():
                files.append(path)
            else:
                missing.append(name)
        if options["queue"]:
            return self.enqueue(files, missing, filing=filing, limit=limit)
        progress = Progress(len(files), label="ingest", stream=self.stderr._out)
        totals: dict[str, int] = {}
        failures = len(missing)
        for name in missing:
            self.stdout.write(f"failed     {name}: no such file or folder")
        resolver = Resolver()
        outcomes = ingest_files(
            files,
            force=options["force"],
            limit=limit,
            jobs=options["jobs"],
            resolver=resolver,
            filing=filing,
            ocr_lang=options["ocr_lang"],
        )
        accepted = 0
        for path, outcome in zip(files, outcomes, strict=True):
            if options["accept"] and outcome.document is not None:
                done = document_accept_all(outcome.document, resolver=resolver)
                accepted += done.accepted
                for line in done.left_lines():
                    self.stdout.write(line)
                for claim, error in done.refused:
                    problems = error_text(error)
                    self.stdout.write(
                        f"left for review: claim {claim.pk} ({claim.kind} "
                        f"{claim.value.get('name', '')!r}): {problems}"
                    )
            totals[outcome.status] = totals.get(outcome.status, 0) + 1
            failures += outcome.failed
            found = ", ".join(f"{n} {kind}" for kind, n in sorted(outcome.counts.items()))
            detail = (
                f"{outcome.reason}: {outcome.message}"
                if outcome.failed
                else (outcome.message or found)
            )
            self.stdout.write(f"{outcome.status:<10} {path}" + (f": {detail}" if detail else ""))
            progress.advance(path.name)
        progress.finish()
        summary = ", ".join(f"{n} {status}" for status, n in sorted(totals.items())) or "no files"
        if missing:
            summary += f", {len(missing)} missing"
        self.stdout.write(f"{len(files)} file(s): {summary}")
        if options["accept"]:
            self.stdout.write(f"accepted {accepted} claim(s) into the registry")
        if failures:
            sys.exit(1)

    def enqueue(self, files: list[Path], missing: list[str], *, filing: Any, limit: Any) -> None:
        """--queue: each file a job for the workers (one upload for the whole command)."""
        upload = uuid.uuid4()
        failures = len(missing)
        for name in missing:
            self.stdout.write(f"failed     {name}: no such file or folder")
        for path in files:
            job = read_job(path, limit=limit, filing=filing)
            if isinstance(job, Outcome):
                failures += 1
                self.stdout.write(f"failed     {path}: {job.reason}: {job.message}")
                continue
            enqueue_upload(
                job.data, filename=path.name, source=str(path), filing=filing, upload=upload
            )
            self.stdout.write(f"queued     {path}")
        self.stdout.write(
            f"{len(files)} file(s) queued as upload {upload}; `envcoop worker` reads them"
        )
        if failures:
            sys.exit(1)
