"""`envcoop serve`: the production server (gunicorn running config.wsgi).

    envcoop serve [--bind ADDR] [--workers N] [--timeout S] [--migrate] [--no-collectstatic]

Collects the static files into STATIC_ROOT first (WhiteNoise serves them from there), then
replaces itself with gunicorn: its access log goes to standard output, its error log to
standard error. More gunicorn options: the GUNICORN_CMD_ARGS environment variable.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_TIMEOUT = 120  # seconds a request may take before gunicorn restarts its worker
MOST_WORKERS = 8


def default_workers(cores: int | None = None) -> int:
    """gunicorn's rule of thumb, two per core and one, capped; WEB_CONCURRENCY wins."""
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise CommandError(
                f"WEB_CONCURRENCY must be a whole number; got {configured!r}"
            ) from None
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(MOST_WORKERS, 2 * (cores or 1) + 1))


def gunicorn_arguments(
    *, bind: list[str], workers: int, timeout: int, threads: int = 1
) -> list[str]:
    arguments = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        *[item for address in bind for item in ("--bind", address)],
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        "30",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        # a worker is replaced after this many requests, so memory cannot creep up
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
    ]
    if Path("/dev/shm").is_dir():
        arguments += ["--worker-tmp-dir", "/dev/shm"]  # heartbeat files off a slow disk
    return arguments


class Command(BaseCommand):
    help = "Serve envcoop with gunicorn (the production server)."
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            action="append",
            metavar="ADDR",
            help=f"address to listen on, HOST:PORT or unix:PATH; repeatable (default {DEFAULT_BIND})",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="worker processes (default: WEB_CONCURRENCY, else 2 per core and 1, at most 8)",
        )
        parser.add_argument("--threads", type=int, default=1, help="threads per worker")
        parser.add_argument(
            "--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds a request may take"
        )
        parser.add_argument(
            "--migrate", action="store_true", help="apply waiting migrations before serving"
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="do not collect the static files first",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print the gunicorn command and stop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        workers = options["workers"] or default_workers()
        if workers < 1 or options["threads"] < 1 or options["timeout"] < 1:
            raise CommandError("--workers, --threads and --timeout must be at least 1")
        arguments = gunicorn_arguments(
            bind=options["bind"] or [DEFAULT_BIND],
            workers=workers,
            timeout=options["timeout"],
            threads=options["threads"],
        )
        if options["dry_run"]:
            self.stdout.write(shlex.join(arguments))
            return
        self.check()
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=1)
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        sys.stdout.flush()
        sys.stderr.flush()
        from django.db import connections

        connections.close_all()  # gunicorn's workers open their own
        os.execv(sys.executable, arguments)
