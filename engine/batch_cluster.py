"""The cluster side of a batch: the same jobs as Dask tasks, results streamed back as they finish."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence

from engine.batch import BadBatch, Results, Task
from engine.work import JobResult, render_job

CONNECT_TIMEOUT = 15.0  # seconds to reach the scheduler and see a first worker
INSTALL_HINT = "pip install 'deal-briefing[cluster]'"


def cluster_results(address: str) -> Callable[[Sequence[Task]], Results]:
    """A results source for engine.batch.run: one Dask task per output on the scheduler at `address`."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise BadBatch(f"--scheduler needs dask.distributed ({INSTALL_HINT})") from None

    def results(tasks: Sequence[Task]) -> Results:
        if not tasks:
            return
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise BadBatch(f"--scheduler: cannot reach {address}: {exc}") from None
        futures = []
        try:
            _check_workers(client, address)
            futures = [
                client.submit(
                    render_job,
                    task.data,
                    task.template,
                    task.digits.value if task.digits else None,
                    key=f"deal-briefing-{task.key[:24]}-{index}",
                    pure=False,
                    retries=1,  # a worker lost mid-render is retried once elsewhere
                )
                for index, task in enumerate(tasks)
            ]
            by_key = {future.key: task for future, task in zip(futures, tasks, strict=True)}
            with client.as_current():  # as_completed finds its client as the current one
                finished = as_completed(futures, with_results=True, raise_errors=False)
            for future, value in finished:
                task = by_key.pop(future.key)
                future.release()  # the client drops the PDF bytes once written
                yield task, value if isinstance(value, JobResult) else JobResult(error=_task_error(value))
        finally:
            if futures:
                client.cancel(futures)
            client.close()

    return results


def _check_workers(client: object, address: str) -> None:
    """Refuse early when the cluster has no worker, or its workers cannot import this program."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)  # type: ignore[attr-defined]
    except TimeoutError:
        raise BadBatch(
            f"--scheduler: no Dask worker joined {address} (start one: dask worker {address})"
        ) from None
    # The scheduler unpickles the task graph and the workers run it: both import engine.
    # (find_spec of a top-level name answers None when it is missing; it never raises.)
    found = client.run(importlib.util.find_spec, "engine")  # type: ignore[attr-defined]
    found["the scheduler"] = client.run_on_scheduler(importlib.util.find_spec, "engine")  # type: ignore[attr-defined]
    missing = sorted(where for where, spec in found.items() if spec is None)
    if missing:
        raise BadBatch(
            f"--scheduler: {', '.join(missing)} cannot import deal-briefing's engine (install it there: "
            f"{INSTALL_HINT}, or start the scheduler and workers with PYTHONPATH set to the project folder)"
        )


def _task_error(value: object) -> str:
    """One line for a task Dask could not run (its error comes back as an exception or a tuple)."""
    if isinstance(value, tuple) and len(value) == 3 and isinstance(value[1], BaseException):
        value = value[1]
    first = str(value).strip().splitlines()[0] if str(value).strip() else ""
    return f"Dask task failed: {type(value).__name__}: {first}"[:500]
