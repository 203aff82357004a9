"""Compiled templates shared by every app in the process, so a second ``create_app`` is cheap.

One server process builds one app, but the test suite, the CLI and job workers build many; each
Flask app has its own Jinja environment and would parse and compile every template again (about
50 ms a page). Jinja's bytecode cache is the hook for that: this one keeps the code objects in
memory, keyed by template file and checked against the source's checksum, so an edited template
is compiled afresh.
"""

from __future__ import annotations

from threading import Lock
from types import CodeType

from jinja2.bccache import Bucket, BytecodeCache


class SharedTemplateCode(BytecodeCache):
    """Code objects of compiled templates by (key, source checksum), for all apps in a process."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}
        self._lock = Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give the bucket the kept code, unless its template's source has changed since."""
        with self._lock:
            found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep what Jinja has just compiled."""
        if bucket.code is not None:
            with self._lock:
                self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        """Forget every template (Jinja's own cache API)."""
        with self._lock:
            self._code.clear()


SHARED = SharedTemplateCode()
