"""One process reading a folder of documents into a fresh SQLite database, timed.

    .venv/bin/python bench/ingest_serial.py FOLDER

Prints {"seconds": ..., "documents": ..., "claims": ...} as JSON. bench/ingest.py runs it
under another checkout of envcoop (PYTHONPATH pointing there) to time the previous commit's
pipeline on the same files in the same run; it uses only what both versions have.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ["ENVCOOP_VAR_DIR"] = tempfile.mkdtemp(prefix="envcoop-bench-serial-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from envcoop.ingestion.batch import ingest_files  # noqa: E402
from envcoop.ingestion.models import Claim, Document  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1])
    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())
    paths = sorted(folder.iterdir())
    clock = time.perf_counter()
    outcomes = list(ingest_files(paths, jobs=1))
    seconds = time.perf_counter() - clock
    failed = [o for o in outcomes if o.failed]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "documents": Document.objects.count(),
                "claims": Claim.objects.count(),
                "failed": len(failed),
            }
        )
    )


if __name__ == "__main__":
    main()
