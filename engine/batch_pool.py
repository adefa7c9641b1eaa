"""The local side of a batch: a pool of warm worker processes, stopped at once on Ctrl+C."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager

from engine.batch import Results, Task
from engine.work import JobResult, render_job, warm_worker


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` fresh (spawned) processes, each warmed once; stopped however the block ends."""
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=warm_worker
    )
    try:
        yield pool
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Drop queued jobs and end the workers now, without waiting for the renders in flight."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    if terminate is not None:
        terminate()
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def local_results(workers: int) -> Callable[[Sequence[Task]], Results]:
    """A results source for engine.batch.run: the tasks rendered on a local pool, as they finish."""

    def results(tasks: Sequence[Task]) -> Results:
        if not tasks:
            return
        with worker_pool(min(workers, len(tasks))) as pool:
            pending: dict[Future[JobResult], Task] = {
                pool.submit(render_job, t.data, t.template, t.digits.value if t.digits else None): t
                for t in tasks
            }
            for future in as_completed(list(pending)):
                task = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # a worker died (killed, out of memory): the pool is broken
                    result = JobResult(error=f"worker stopped: {type(exc).__name__}: {exc}"[:500])
                yield task, result

    return results
