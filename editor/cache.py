"""What every start computes the same way, computed once and kept on disk.

Loading the rule packs, building the US/UK spelling pairs and reading the word-frequency list
take most of a cold start. Each result is pickled under the user's cache folder (platformdirs;
COPYDESK_CACHE_DIR overrides it, `off` turns the cache off), in a file named by what it depends
on: copydesk's version and the contents of the data it was made from. A change to either makes a
new key, so a stale entry is never read; it is removed when its replacement is written. An entry
that cannot be read (a crash mid-write cannot leave one: writes are atomic) is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from copydesk.files import atomic_write
from copydesk.version import installed_version

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class Recent(Generic[K, T]):
    """In memory: the results of the most recently used keys, computed in batches for the keys not
    kept (an engine lints, the parser parses, all a document's new paragraphs at once)."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[K, T] = OrderedDict()
        self.size = size
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def get_many(self, keys: Sequence[K], compute: Callable[[list[K]], Iterable[T]]) -> list[T]:
        missing = list(dict.fromkeys(k for k in keys if k not in self._items))
        self.misses += len(missing)
        self.hits += len(keys) - len(missing)
        if missing:
            for key, value in zip(missing, compute(missing), strict=True):
                self._items[key] = value
        found = []
        for key in keys:
            self._items.move_to_end(key)
            found.append(self._items[key])
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return found


def cache_dir() -> Path | None:
    configured = os.environ.get("COPYDESK_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("copydesk"))


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """A key for the data a result is made from (with copydesk's version, always)."""
    digest = hashlib.sha256(installed_version().encode())
    for part in parts:
        digest.update(b"\x00" + (part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part))
    return digest.hexdigest()[:24]


def files_fingerprint(paths: Iterable[Path]) -> str:
    """A key for files: their paths and contents."""
    parts: list[str | bytes] = []
    for path in sorted(paths):
        parts.append(str(path))
        try:
            parts.append(path.read_bytes())
        except OSError:
            parts.append(b"(unreadable)")
    return fingerprint(parts)


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """`build()`'s result, from the disk when this name and key were built before."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            value: T = pickle.load(fh)
        return value
    except FileNotFoundError:
        pass
    except Exception:  # a damaged or foreign entry: rebuild it
        pass
    value = build()
    try:
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in folder.glob(f"{name}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:  # a read-only home or a full disk: the result still stands, uncached
        pass
    return value
