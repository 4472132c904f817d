"""Worker processes: a worker that dies does not stop the batch; duplicates are found in order."""

import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import pytest

from envcoop.ingestion.batch import PARALLEL_FROM, ingest_files
from envcoop.ingestion.models import Document

ANNOTATED = Path(__file__).resolve().parents[1] / "data" / "annotated" / "docs"

pytestmark = pytest.mark.django_db


def _folder(tmp_path: Path, count: int) -> list[Path]:
    names = sorted(p.name for p in ANNOTATED.iterdir())[:count]
    for name in names:
        shutil.copy(ANNOTATED / name, tmp_path / name)
    return [tmp_path / name for name in names]


def test_a_worker_killed_mid_batch_does_not_stop_it(tmp_path):
    paths = _folder(tmp_path, PARALLEL_FROM + 6)
    outcomes = ingest_files(paths, jobs=2)
    first = next(outcomes)
    for child in multiprocessing.active_children():  # as the kernel's out-of-memory killer would
        os.kill(child.pid, signal.SIGKILL)
    rest = list(outcomes)  # the documents the workers held are read again here
    assert [o.status for o in [first, *rest]] == ["stored"] * len(paths)
    assert Document.objects.count() == len(paths)


def test_the_same_content_twice_in_one_batch_is_stored_once_even_with_force(tmp_path):
    paths = _folder(tmp_path, 2)
    copy = tmp_path / "zz-copy.txt"
    shutil.copy(paths[0], copy)
    outcomes = list(ingest_files([*paths, copy], jobs=1, force=True))
    assert [o.status for o in outcomes] == ["stored", "stored", "unchanged"]
    assert "same content as" in outcomes[2].message
    assert (
        Document.objects.get(content_hash=outcomes[0].document.content_hash).filename
        == paths[0].name
    )
