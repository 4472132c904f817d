"""Many files at once: `envcoop ingest` reads them in worker processes and stores them here.

Understanding a document is pure computation; storing it is a short transaction. With
``jobs`` > 1, worker processes (one per core by default) understand the documents while
this process checks what is already stored and writes the results in the order of the
files given. Workers get this process's gazetteer, so the names a batch recognises are
the registry's names when the batch started.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from envcoop.ingestion import workers
from envcoop.ingestion.gazetteer import gazetteer
from envcoop.ingestion.parsers import DocumentError
from envcoop.ingestion.pipeline import (
    Job,
    Outcome,
    check_stored,
    failure,
    read_job,
    store,
    understand_job,
)
from envcoop.ingestion.understand import max_bytes

# Fewer files than this are read in this process: starting workers costs about a second.
PARALLEL_FROM = 8


def default_jobs() -> int:
    return max(
        1,
        min(
            4,
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count() or 1,
        ),
    )


def ingest_files(
    paths: list[Path],
    *,
    force: bool = False,
    limit: int | None = None,
    jobs: int = 1,
    user: object = None,
) -> Iterator[Outcome]:
    """One outcome per path, in order; a file that fails does not stop the others."""
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield _serial(path, force=force, limit=limit, user=user)
        return
    yield from _parallel(paths, force=force, limit=limit, jobs=jobs, user=user)


def _serial(path: Path, *, force: bool, limit: int | None, user: object) -> Outcome:
    job = read_job(path, limit=limit)
    if isinstance(job, Outcome):
        return job
    early = check_stored(job, force=force)
    if early is not None:
        return early
    try:
        result = understand_job(job, limit=limit)
    except DocumentError as error:
        return failure(job.source, error)
    except Exception as error:  # a bug must not stop the other documents of a batch
        return Outcome(
            source=job.source,
            status="failed",
            message=f"internal error while reading: {type(error).__name__}: {error}",
            reason="internal",
        )
    return store(job, result, user=user)


def _parallel(
    paths: list[Path], *, force: bool, limit: int | None, jobs: int, user: object
) -> Iterator[Outcome]:
    context = multiprocessing.get_context("spawn")  # no inherited database connections
    limit = max_bytes() if limit is None else limit  # this process's setting, not the workers'
    in_flight: deque[tuple[Job | Outcome, Future | None]] = deque()
    window = jobs * 4  # documents read ahead: bounds the memory held in results
    submitted: dict[str, str] = {}  # content hash -> first file with that content
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=workers.start,
        initargs=(gazetteer(),),
    ) as pool:
        for path in paths:
            job = read_job(path, limit=limit)
            if isinstance(job, Job):
                early = check_stored(job, force=force)
                if early is None and job.digest in submitted:
                    early = Outcome(
                        source=job.source,
                        status="unchanged",
                        message=f"same content as {submitted[job.digest]}",
                    )
                if early is None:
                    submitted[job.digest] = job.source
                    future = pool.submit(workers.understand, job.data, job.filename, limit)
                    in_flight.append((job, future))
                else:
                    in_flight.append((early, None))
            else:
                in_flight.append((job, None))
            while len(in_flight) > window or (in_flight and in_flight[0][1] is None):
                yield _finish(*in_flight.popleft(), user=user)
        while in_flight:
            yield _finish(*in_flight.popleft(), user=user)


def _finish(item: Job | Outcome, future: Future | None, *, user: object) -> Outcome:
    if isinstance(item, Outcome):
        return item
    state, value = future.result()  # type: ignore[union-attr]
    if state == "failed":
        status, message = value
        return Outcome(source=item.source, status="failed", message=message, reason=status)
    return store(item, value, user=user)
