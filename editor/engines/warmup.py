"""Harper's one-time set-up (its dictionary: half a second, in Rust, without the GIL), started in a
thread as early as a command knows it will need Harper. This module imports harper-py alone, so
starting it costs nothing; the first Linter built later finds the work done."""

from __future__ import annotations

import threading

_warm_up: threading.Thread | None = None


def prewarm() -> None:
    global _warm_up
    if _warm_up is None:
        import harper

        _warm_up = threading.Thread(target=harper.Linter, args=(harper.Dialect.AMERICAN,), daemon=True,
                                    name="copydesk-harper-warm-up")  # fmt: skip
        _warm_up.start()


def settled() -> None:
    """Wait for the warm-up, if one was started: call before forking (a child must not inherit a
    thread inside Harper, with its locks held)."""
    if _warm_up is not None:
        _warm_up.join()
