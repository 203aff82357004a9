"""A small in-process memo for pure calculations keyed by everything they read.

Pages such as the scenario page recompute the same transition costs and map on every view.
The key is a digest of the ``repr`` of all inputs (frozen domain objects print every field),
so any change to the data gives a new key: a stale answer is impossible by construction, and
the cache needs no invalidation. Bounded (least recently used out) and thread-safe.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Least-recently-used results of pure calculations, by a digest of their inputs."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._items: OrderedDict[bytes, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(*inputs: object) -> bytes:
        """Digest of the inputs' ``repr`` (only for values whose repr shows all their state)."""
        return hashlib.blake2b(repr(inputs).encode(), digest_size=20).digest()

    def get(self, key: bytes, compute: Callable[[], T]) -> T:
        """The remembered result for ``key``, computing (outside the lock) when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            self.misses += 1
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._items.clear()
