"""`envcoop backup -o FILE`: the database and the stored files in one archive (0600).

Safe while the site runs: SQLite is copied with its online backup API, PostgreSQL with
pg_dump, each a consistent picture of one moment. See envcoop/core/backup.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and the stored files into one archive (tar.gz, owner-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="the archive to write"
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = create_backup(Path(options["output"]), alias=options["database"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        manifest = outcome.manifest
        self.stdout.write(
            f"{outcome.path}: {manifest['engine']}, {len(manifest['tables'])} tables, "
            f"{outcome.rows} rows, {manifest['media']['files']} stored files "
            f"({outcome.path.stat().st_size} bytes)"
        )
