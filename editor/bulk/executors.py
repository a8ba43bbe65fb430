"""Where the files are worked on: this process, a pool of worker processes, or a Dask cluster;
the same `map` for each, results in input order (Dask: as they complete)."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from copydesk.bulk.options import BulkError
from copydesk.engines.warmup import settled

# Worker processes get the per-run arguments (settings, archive counts) once, at start-up,
# rather than with every file.
_shared: tuple[Callable[..., Any], tuple[Any, ...]] | None = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _init_worker(fn: Callable[..., Any], args: tuple[Any, ...], parent: int | None = None) -> None:
    """`parent` is the pid of the process that made the pool, taken before the fork: read here, it
    would be init's once the parent was killed before this worker got this far."""
    global _shared
    _shared = (fn, args)
    if parent is not None and not _killed_with_parent(parent):
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _killed_with_parent(parent: int) -> bool:
    """A pool worker whose parent was killed (SIGKILL leaves it no time to say so) would wait for
    work forever. On Linux the kernel kills it with its parent (PR_SET_PDEATHSIG), however busy it
    is: a thread of its own cannot run while a long call holds the interpreter. The signal comes
    when the parent's thread that forked it ends; the pool forks its workers from the thread that
    first submits to it, the one that consumes the results, so they end with that thread's work."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent:  # the parent died before the request: nobody will send the signal
        os._exit(1)
    return True


def _exit_with_parent(parent: int) -> None:
    """Elsewhere, a thread of the worker's own leaves as soon as the worker is re-parented."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _run(item: Any) -> Any:
    assert _shared is not None
    fn, args = _shared
    return fn(*args, item)


def _dask_call(item: Any, fn: Callable[..., Any], shared: tuple[Any, ...]) -> Any:
    return fn(*shared, item)


class LocalMap:
    """In this process (--jobs 1) or a pool of worker processes; results in input order.

    A worker that dies (an abort inside an engine, the kernel's out-of-memory killer) breaks the
    pool: the first unfinished file is then run alone in a fresh worker, so that the file that
    kills a worker is found and given `lost(item)` as its result, and the rest go on in a new pool.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def map(self, fn: Callable[..., Any], args: tuple[Any, ...], items: Sequence[Any],
            lost: Callable[[Any], Any]) -> Iterator[Any]:  # fmt: skip
        if self.jobs <= 1:
            _init_worker(fn, args)
            yield from (_run(item) for item in items)
            return
        queue = list(items)
        while queue:
            done = yield from self._until_broken(fn, args, queue, self.jobs)
            queue = queue[done:]
            if queue:  # the pool broke: is the first unfinished file the one that broke it?
                alone = yield from self._until_broken(fn, args, queue[:1], 1)
                if not alone:
                    yield lost(queue[0])
                queue = queue[1:]

    def _until_broken(self, fn: Callable[..., Any], args: tuple[Any, ...], queue: Sequence[Any],
                      jobs: int) -> Generator[Any, None, int]:  # fmt: skip
        """Yield results in order until the pool breaks; return how many were yielded."""
        settled()  # workers are forked: no thread of this process may be inside Harper then
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(fn, args, os.getpid()))
        window: deque[Future[Any]] = deque()
        ahead = jobs * 16  # files handed out ahead of the results, not the whole archive at once
        done = 0
        settled_pool = False  # every file answered, or the pool broke: nothing left running
        try:
            position = 0
            while done < len(queue):
                while position < len(queue) and len(window) < ahead:
                    window.append(pool.submit(_run, queue[position]))
                    position += 1
                try:
                    result = window.popleft().result()
                except BrokenProcessPool:
                    settled_pool = True
                    return done
                done += 1
                settled_pool = done == len(queue)  # a consumer may stop once it has the last answer
                yield result
            return done
        finally:
            # Waiting costs nothing once the work is done, and a pool left to shut itself down can
            # print a traceback at exit (CPython 3.11's race on its wake-up pipe, bpo-39098); a run
            # stopped early (interrupted, or its consumer gone) does not wait for the files in hand.
            pool.shutdown(wait=settled_pool, cancel_futures=True)

    def close(self) -> None:
        pass


class DaskMap:
    """The same work on a dask.distributed cluster; --dask local starts a LocalCluster."""

    def __init__(self, address: str, jobs: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise BulkError("--dask needs the dask extra: pip install 'copydesk[dask]'") from None
        self.cluster = (
            LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
            if address == "local"
            else None
        )
        try:
            self.client = Client(self.cluster if self.cluster is not None else address, timeout="30s")
        except OSError as exc:
            raise BulkError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def map(self, fn: Callable[..., Any], args: tuple[Any, ...], items: Sequence[Any],
            lost: Callable[[Any], Any]) -> Iterator[Any]:  # fmt: skip
        from dask.distributed import as_completed

        [shared] = self.client.scatter([args], broadcast=True)
        futures = self.client.map(_dask_call, list(items), fn=fn, shared=shared, pure=False)
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
