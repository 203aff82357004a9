"""Flask web app for coop; ``create_app`` (in ``web.app``) is the composition root.

The package itself imports nothing heavy, so the ``coop`` command line (``web.cli``) starts
without Flask, SQLAlchemy, pandas or PuLP; ``from web import create_app`` loads the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """``web.create_app`` on first use (PEP 562)."""
    if name == "create_app":
        from web.app import create_app

        return create_app
    raise AttributeError(f"module 'web' has no attribute {name!r}")
