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
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from envcoop.ingestion import workers
from envcoop.ingestion.gazetteer import gazetteer
from envcoop.ingestion.pipeline import (
    Filing,
    Job,
    Outcome,
    check_stored,
    process,
    read_job,
    store,
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
    resolver: object = None,
    filing: Filing | None = None,
    ocr_lang: str | None = None,
) -> Iterator[Outcome]:
    """One outcome per path, in order; a file that fails does not stop the others.
    ``filing`` says who may read the new documents (every one of the batch).
    ``ocr_lang``: the language scans are read in by OCR (None: OCR chooses, per file).

    A file whose content an earlier file of the batch already had is "unchanged", with or
    without --force (it is the same document).
    """
    from envcoop.review.resolution.resolver import Resolver

    seen = _SeenInBatch()
    resolver = resolver if resolver is not None else Resolver()  # one for the batch
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            job = read_job(path, limit=limit, filing=filing, ocr_lang=ocr_lang)
            if isinstance(job, Outcome):
                yield job
            else:
                yield seen.check(job) or process(
                    job, force=force, limit=limit, user=user, resolver=resolver
                )
        return
    yield from _parallel(
        paths, seen, force=force, limit=limit, jobs=jobs, user=user, resolver=resolver,
        filing=filing or Filing(), ocr_lang=ocr_lang,
    )  # fmt: skip


class _SeenInBatch:
    def __init__(self) -> None:
        self.first: dict[str, str] = {}  # content hash -> first file with that content

    def check(self, job: Job) -> Outcome | None:
        if job.digest in self.first:
            return Outcome(
                source=job.source,
                status="unchanged",
                message=f"same content as {self.first[job.digest]}",
            )
        self.first[job.digest] = job.source
        return None


def _parallel(
    paths: list[Path],
    seen: _SeenInBatch,
    *,
    force: bool,
    limit: int | None,
    jobs: int,
    user: object,
    resolver: object,
    filing: Filing,
    ocr_lang: str | None = None,
) -> Iterator[Outcome]:
    context = multiprocessing.get_context("spawn")  # no inherited database connections
    limit = max_bytes() if limit is None else limit  # this process's setting, not the workers'
    in_flight: deque[tuple[Job | Outcome, Future | None]] = deque()
    window = jobs * 4  # documents read ahead: bounds the memory held in results
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=workers.start,
        initargs=(gazetteer(),),
    )
    broken = False  # a worker died: what is left is read in this process

    def finish(item: Job | Outcome, future: Future | None) -> Outcome:
        nonlocal broken
        if isinstance(item, Outcome):
            return item
        if future is None:
            return process(item, force=force, limit=limit, user=user, resolver=resolver)
        try:
            state, value = future.result()
        except BrokenProcessPool:
            # A worker died (killed, out of memory): nobody knows which document it held,
            # so those in flight and the rest are read here, one by one.
            broken = True
            return process(item, force=force, limit=limit, user=user, resolver=resolver)
        if state == "failed":
            status, message = value
            return Outcome(source=item.source, status="failed", message=message, reason=status)
        return store(item, value, user=user, resolver=resolver)

    try:
        for path in paths:
            job = read_job(path, limit=limit, filing=filing, ocr_lang=ocr_lang)
            if isinstance(job, Outcome):
                in_flight.append((job, None))
            elif (early := check_stored(job, force=force) or seen.check(job)) is not None:
                in_flight.append((early, None))
            elif broken:
                in_flight.append((job, None))
            else:
                try:
                    future = pool.submit(
                        workers.understand,
                        job.data,
                        job.filename,
                        limit,
                        job.published,
                        job.ocr_lang,
                    )
                except BrokenProcessPool:
                    broken, future = True, None
                in_flight.append((job, future))
            while len(in_flight) > window or (in_flight and in_flight[0][1] is None):
                yield finish(*in_flight.popleft())
        while in_flight:
            yield finish(*in_flight.popleft())
    finally:
        pool.shutdown(wait=not broken, cancel_futures=True)
