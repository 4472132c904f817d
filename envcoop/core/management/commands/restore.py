"""`envcoop restore FILE [--force]`: put back what `envcoop backup` saved.

Into a new or empty database (a new SQLite file, a new PostgreSQL database, or one that
`envcoop migrate` just made); one that holds records is refused unless --force. The
archive is read and checked whole first: a damaged or foreign one changes nothing.
Stop the web server and the workers while restoring.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from envcoop.core.backup import BackupError, media_root, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `envcoop backup` into a new or empty database."
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", metavar="FILE")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds records",
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        try:
            outcome = restore_backup(Path(options["archive"]), force=options["force"], alias=alias)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        manifest = outcome.manifest
        self.stdout.write(
            f"restored {outcome.path} (taken {manifest['created']} by envcoop "
            f"{manifest['envcoop_version']}): {len(manifest['tables'])} tables, "
            f"{outcome.rows} rows, {manifest['media']['files']} stored files"
        )
        if manifest["media"]["files"] and media_root() is None:
            self.stderr.write(
                f"the backup's {manifest['media']['files']} stored files were not restored: "
                "this envcoop has no MEDIA_ROOT"
            )
        executor = MigrationExecutor(connections[alias])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write(
                "the backup is from an older envcoop: run `envcoop migrate` before serving"
            )
