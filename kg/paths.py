"""Where Ancrage finds the files it ships, and where it keeps its own: one answer for a checkout
and for an installed package.

The wheel carries the repository's ``ontology/``, ``data/``, ``docs/templates/`` and ``app.py``
inside the package, under ``kg/_shipped/`` with the same relative paths (``[tool.setuptools]`` in
pyproject.toml); in a checkout, or an editable install, they are read where the repository keeps
them. Every module asks :func:`shipped`; none builds a path from ``__file__`` to the repository.

>>> shipped("ontology", "ancrage.ttl").is_file()
True
>>> shown(shipped("data", "territories", "cog.json.gz"))
'data/territories/cog.json.gz'
>>> shown("/elsewhere/my.csv")
'/elsewhere/my.csv'
"""

from __future__ import annotations

import os
from pathlib import Path

#: The ``kg`` package folder.
PACKAGE = Path(__file__).resolve().parent
_INSTALLED = PACKAGE / "_shipped"
#: The repository when running from a checkout (or an editable install); None once installed.
CHECKOUT: Path | None = None if _INSTALLED.is_dir() else PACKAGE.parent
#: The folder the shipped files are relative to: the checkout, or ``kg/_shipped`` once installed.
SHIPPED = CHECKOUT or _INSTALLED


def shipped(*parts: str) -> Path:
    """A file or folder Ancrage ships, named as in the repository: ``shipped("data", "seed")``."""
    return SHIPPED.joinpath(*parts)


def shown(path: str | Path) -> str:
    """A path as provenance records name it: relative to the shipped files (``data/seed``, the same
    in a checkout and installed), or as given for a file of the user's."""
    path = Path(path)
    return path.relative_to(SHIPPED).as_posix() if path.is_relative_to(SHIPPED) else str(path)


def var_dir() -> Path:
    """Where the default store and caches live: ``var/`` in a checkout; once installed, the user's
    data folder (``$XDG_DATA_HOME/ancrage``, by default ``~/.local/share/ancrage``)."""
    if CHECKOUT is not None:
        return CHECKOUT / "var"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "ancrage"


__all__ = ["CHECKOUT", "PACKAGE", "SHIPPED", "shipped", "shown", "var_dir"]
