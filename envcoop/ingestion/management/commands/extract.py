"""`envcoop extract FILE [FILE ...] [--out DIR]` (see ../shared/contracts/extract.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.ingestion.contract import to_contract
from envcoop.ingestion.parsers import DocumentError
from envcoop.ingestion.understand import check_size, understand_bytes


class Command(BaseCommand):
    help = (
        "Read documents and print what envcoop understands in them (dates, countries, "
        "organisations, events, agreements, projects, areas) as JSON. Writes nothing to the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--out", metavar="DIR", help="write DIR/<file stem>.json for every FILE"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = [Path(name) for name in options["files"]]
        out = Path(options["out"]) if options["out"] else None
        if out is None and len(files) > 1:
            raise CommandError("give --out DIR to extract several files (one JSON object each)")
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
        failed = False
        for path, given in zip(files, options["files"], strict=True):
            try:
                check_size(path.stat().st_size)  # before reading a huge file into memory
                result = to_contract(understand_bytes(path.read_bytes(), filename=path.name), given)
            except (DocumentError, OSError) as error:
                failed = True
                message = (
                    error.message
                    if isinstance(error, DocumentError)
                    else f"cannot read {given}: {error}"
                )
                result = {"error": message}
                if out is None:
                    raise CommandError(message) from error
                self.stderr.write(f"{given}: {message}")
            text = json.dumps(result, ensure_ascii=False, indent=2)
            if out is None:
                self.stdout.write(text)
            else:
                (out / f"{path.stem}.json").write_text(text + "\n", encoding="utf-8")
        if failed:
            sys.exit(1)
