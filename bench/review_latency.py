"""The review app's answer to each key on a large article, driven by Textual's Pilot.

usage: python bench/review_latency.py [MB]   (default 1: the samples repeated to one megabyte)
Each key is pressed 20 times (u after a, so there is always something to undo). Two times per
key, median and worst: the app's own work (CPU time of this process, where the app runs, from the
key to the screen settled: what a key costs), and the round trip through Textual's Pilot (wall
time to the screen settled, which also waits for Pilot's idle polling: the key "z", bound to
nothing, shows that floor). The article is checked once, in the app's checker process, before the
keys are timed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from copydesk.document import Document
from copydesk.review.app import ReviewApp

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("z", "n", "n", "p", "a", "u", "r", "u", "D", "escape", "question_mark", "escape")


def big_article(folder: Path, megabytes: float) -> Path:
    pieces = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    text, i = [], 0
    while sum(map(len, text)) < megabytes * 1_000_000:
        text.append(pieces[i % len(pieces)])
        i += 1
    path = folder / "big.txt"
    path.write_text("\n\n".join(text), encoding="utf-8")
    return path


async def measure(path: Path) -> None:
    app = ReviewApp([Document.from_bytes(path.read_bytes(), str(path))], root=path.parent)
    timings: dict[str, list[tuple[float, float]]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        while not all(r.checked for r in app.reviews) or app.workers:
            await pilot.pause(0.1)
        print(f"checked in {time.perf_counter() - started:.1f} s: {len(app.pending())} findings", flush=True)
        for _ in range(20):
            for key in KEYS:
                started, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                timings.setdefault(key, []).append((time.process_time() - cpu, time.perf_counter() - started))
    print(f"  {'key':<14} {'app (CPU) median':>17} {'worst':>8}   {'Pilot round trip median':>24} {'worst':>8}")
    for key, times in timings.items():
        work, trip = [w for w, _ in times], [t for _, t in times]
        print(f"  {key:<14} {statistics.median(work) * 1000:14.1f} ms {max(work) * 1000:5.0f} ms   "
              f"{statistics.median(trip) * 1000:21.1f} ms {max(trip) * 1000:5.0f} ms")  # fmt: skip
    print("target: every key within 50 ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("megabytes", nargs="?", type=float, default=1.0)
    megabytes = parser.parse_args().megabytes
    with tempfile.TemporaryDirectory() as tmp:
        path = big_article(Path(tmp), megabytes)
        print(f"{path.stat().st_size / 1e6:.2f} MB article, {len(path.read_text(encoding='utf-8').split())} words")
        asyncio.run(measure(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
