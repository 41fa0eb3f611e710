"""The exception tree of Détente.

Every error the package raises on purpose derives from :class:`DetenteError`, so the CLI can turn
it into one line and a non-zero exit and the web layer into a 4xx page::

    DetenteError
    ├── ConfigError              a setting has a value that cannot work
    ├── DataValidationError      an input file is wrong (file, row, field)
    ├── UnknownCountryError      a code or name is not a known state
    ├── NotFoundError            an id does not exist
    │   └── StoreMissingError    a store the request reads is not there (before `detente init`)
    ├── NotFittedError           a forecaster was asked to sample before fit
    ├── PermissionDeniedError    the acting user lacks the role for a write
    ├── ConflictError            a write collides with another (double booking, stale state)
    ├── InvalidTransitionError   a lifecycle step that is not allowed from the current state
    └── OfflineError             a download was asked for but the network is unreachable

Messages say what went wrong, which value, where, and how to fix it. The classes hold data and
format it; they never act (no logging, no side effects) when created.
"""

from __future__ import annotations

from pathlib import Path


class DetenteError(Exception):
    """Base class of every error Détente raises on purpose."""


class ConfigError(DetenteError):
    """A setting has a value that cannot work."""


class DataValidationError(DetenteError):
    """An input file (or record) is invalid.

    Parameters
    ----------
    file:
        The file that was being read (a path or a display name).
    row:
        1-based data row number (the header is row 0); ``None`` when the problem is the whole
        file (missing columns, truncated archive, wrong encoding).
    field:
        The column name concerned, or ``None``.
    problem:
        What is wrong, quoting the bad value, and if possible how to fix it.
    """

    def __init__(self, file: str | Path, row: int | None, field: str | None, problem: str) -> None:
        self.file = str(file)
        self.row = row
        self.field = field
        self.problem = problem
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.problem}"


class UnknownCountryError(DetenteError):
    """A country code or name does not match any known state."""


class NotFoundError(DetenteError):
    """An object with the given id does not exist."""


class StoreMissingError(NotFoundError):
    """A store the request reads does not exist yet (the analytics store before ``detente init``).

    The message names the path for the command line; :attr:`public` says the same without it,
    for answers to a web client (a missing store is the server's state: 503, no server path).
    """

    def __init__(self, what: str, path: str | Path, hint: str = "run `detente init`") -> None:
        self.what = what
        self.path = Path(path)
        self.hint = hint
        super().__init__(f"no {what} at {path}; {hint}")

    @property
    def public(self) -> str:
        """The message without the server's path."""
        return f"no {self.what} is loaded on this server"


class NotFittedError(DetenteError):
    """A forecaster was asked to predict before ``fit`` was called."""


class PermissionDeniedError(DetenteError):
    """The acting user does not hold a role that allows this action."""


class ConflictError(DetenteError):
    """A write collides with existing state (double booking, concurrent change)."""


class InvalidTransitionError(DetenteError):
    """A lifecycle transition that is not allowed from the current state."""


class OfflineError(DetenteError):
    """A download was requested but the network (or the publisher) cannot be reached."""
