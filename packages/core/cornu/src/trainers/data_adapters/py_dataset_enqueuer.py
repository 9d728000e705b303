"""Ordered prefetching of `PyDataset` batches on a thread or process pool.

`prefetch_batches` keeps up to `max_queue_size` batches in flight on a
pool of `workers` threads (or processes) and yields them in index
order. The pool lives for one pass: it is shut down when the pass ends,
when the consumer stops early (`close()`, garbage collection) and on any
error, so no worker outlives its epoch.
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Iterable
from collections.abc import Iterator
from concurrent import futures
from typing import Any

# The dataset a worker *process* reads from, set by `_init_worker` when the
# process starts. It exists only inside pool processes (each holds its own
# unpickled copy), never in the training process; it is not shared state.
_WORKER_DATASET: dict = {}


def _init_worker(dataset: Any) -> None:
    _WORKER_DATASET["dataset"] = dataset


def _get_item(index: int) -> Any:
    return _WORKER_DATASET["dataset"][index]


def _process_context() -> Any:
    """ "forkserver" where the platform has it, else "spawn".

    Both start workers from a clean process, which is safe with the
    threads that jax and torch run. The fork server imports cornu (this
    module) once, so each epoch's new workers start in milliseconds
    instead of importing the backend framework again.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def prefetch_batches(
    dataset: Any,
    indices: Iterable[int],
    workers: int,
    use_multiprocessing: bool,
    max_queue_size: int,
) -> Iterator[Any]:
    """Yields `dataset[i]` for `i` in `indices`, fetched ahead in parallel.

    Args:
        dataset: Object with `__getitem__` (a `PyDataset`). With
            `use_multiprocessing` it must be picklable: each worker process
            (see `_process_context`) gets a copy when the pass starts.
        indices: Batch indices, in the order to yield (may be infinite).
        workers: Pool size, >= 1.
        use_multiprocessing: Processes instead of threads.
        max_queue_size: Batches fetched ahead, >= 1.

    Yields:
        The batches, in the order of `indices`. An exception raised by
        `__getitem__` is re-raised here, for the batch that raised it.
    """
    if use_multiprocessing:
        executor = futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_process_context(),
            initializer=_init_worker,
            initargs=(dataset,),
        )

        def submit(i: int) -> futures.Future:
            return executor.submit(_get_item, i)

    else:
        executor = futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="cornu_py_dataset"
        )

        def submit(i: int) -> futures.Future:
            return executor.submit(dataset.__getitem__, i)

    pending: collections.deque = collections.deque()
    order = iter(indices)
    wait = True
    try:
        for _ in range(max(1, max_queue_size)):
            index = next(order, None)
            if index is None:
                break
            pending.append(submit(index))
        while pending:
            batch = pending.popleft().result()
            index = next(order, None)
            if index is not None:
                pending.append(submit(index))
            yield batch
    except KeyboardInterrupt:
        wait = False  # leave at once; the pool finishes in the background
        raise
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=wait, cancel_futures=True)
