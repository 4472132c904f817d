"""`envcoop worker [--until-empty]`: read queued uploads (background jobs)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from envcoop.ingestion.jobs import Heartbeat, beat, make_worker, requeue_stale, worker_name


class Command(BaseCommand):
    help = (
        "Run a worker: read the documents waiting in the queue (uploads, `envcoop ingest "
        "--queue`), one at a time, until stopped (Ctrl-C: the document being read is "
        "finished first). Run as many as you like, on this machine or others sharing the "
        "database (PostgreSQL): each document is read by one of them. A document left half-"
        "read by a worker that died is read again by the next worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--until-empty",
            action="store_true",
            help="stop when the queue is empty (instead of waiting for more)",
        )
        parser.add_argument(
            "--queue",
            default="*",
            metavar="NAME[,NAME]",
            help='the queues to take jobs from: "reading", "ocr" (default: all)',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verbosity"]:  # what django-tasks-db says: started, each task, stopped
            logger = logging.getLogger("django_tasks_db")
            logger.setLevel(logging.INFO if options["verbosity"] == 1 else logging.DEBUG)
            if not logger.hasHandlers():
                logger.addHandler(logging.StreamHandler(self.stdout))
        name = worker_name()
        beat(name)
        requeued = requeue_stale()
        if requeued and options["verbosity"]:
            self.stdout.write(f"queued again (left by a dead worker): {len(requeued)}")
        heartbeat = Heartbeat(name)
        heartbeat.start()
        worker = make_worker(queues=options["queue"], until_empty=options["until_empty"], name=name)
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()
            worker.reset_signals()
