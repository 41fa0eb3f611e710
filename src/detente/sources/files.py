"""Opening an input file: zipped or not, CSV or Parquet, with its checksum and release name.

UCDP publishes its files as ``*-csv.zip`` archives (``ged251-csv.zip``) and its monthly candidate
events as plain CSV (``GEDEvent_v25_0_1.csv``). :func:`open_input` hides the difference: it
extracts the one CSV of an archive into a temporary folder and hands back an
:class:`InputFile`; a truncated or corrupt archive becomes a :class:`DataValidationError`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from detente.errors import DataValidationError

FileFormat = Literal["csv", "parquet"]

_RELEASE_PATTERNS = (
    re.compile(r"ged(\d{2})(\d)-csv", re.IGNORECASE),
    re.compile(r"gedevent_v(\d+(?:_\d+)+)", re.IGNORECASE),
    re.compile(r"organizedviolencecy[-_]v?(\d{2})_?(\d)", re.IGNORECASE),
    re.compile(r"ucdp-prio-acd-(\d{2})(\d)", re.IGNORECASE),
    re.compile(r"ucdpprioconflict_v(\d+)_(\d+)", re.IGNORECASE),
)


@dataclass(frozen=True)
class InputFile:
    """A file ready to be read.

    Attributes
    ----------
    path:
        Where the bytes are on disk (a temporary copy when extracted from an archive).
    display:
        How messages name it: the given path, plus ``:member`` for an archive member.
    format:
        ``"csv"`` or ``"parquet"``.
    """

    path: Path
    display: str
    format: FileFormat


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (what the releases table records)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_from_name(name: str) -> str | None:
    """The UCDP release a file name announces: ``ged251-csv.zip`` -> ``25.1``.

    ``GEDEvent_v25_0_1.csv`` (monthly candidate) -> ``25.0.1``; ``None`` when the name says
    nothing.
    """
    for pattern in _RELEASE_PATTERNS:
        match = pattern.search(name)
        if match:
            parts = [p for group in match.groups() for p in group.split("_")]
            return ".".join(str(int(p)) for p in parts)
    return None


def release_order(release: str) -> tuple[int, ...]:
    """Sort key of a release label: its numbers in order (``25.0.1`` < ``25.1`` < ``25.2``)."""
    return tuple(int(n) for n in re.findall(r"\d+", release))


def _format_of(name: str, display: str) -> FileFormat:
    lowered = name.lower()
    if lowered.endswith(".parquet"):
        return "parquet"
    if lowered.endswith((".csv", ".txt")):
        return "csv"
    raise DataValidationError(
        display, None, None, "not a CSV, Parquet or zip file; UCDP files end in .csv or -csv.zip"
    )


def _extract(archive: Path, target: Path) -> InputFile:
    display = str(archive)
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [
                info
                for info in zipped.infolist()
                if not info.is_dir()
                and not info.filename.startswith("__MACOSX/")
                and info.filename.lower().endswith((".csv", ".parquet"))
            ]
            if len(members) != 1:
                names = ", ".join(i.filename for i in members) or "none"
                raise DataValidationError(
                    display, None, None, f"expected one CSV file in the archive, found: {names}"
                )
            member = members[0]
            out = target / Path(member.filename).name
            with zipped.open(member) as source, out.open("wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise DataValidationError(
            display,
            None,
            None,
            f"the zip archive is truncated or corrupt ({error}); download it again",
        ) from error
    inner = f"{display}:{member.filename}"
    return InputFile(out, inner, _format_of(member.filename, inner))


@contextmanager
def open_input(path: Path) -> Iterator[InputFile]:
    """Yield a readable :class:`InputFile` for ``path`` (extracting a zip archive if needed).

    Raises
    ------
    DataValidationError
        If the file is missing, the archive is truncated or holds no single CSV, or the
        extension is not one of ``.csv``, ``.parquet``, ``.zip``.
    """
    if not path.is_file():
        raise DataValidationError(path, None, None, "no such file")
    if path.suffix.lower() != ".zip":
        yield InputFile(path, str(path), _format_of(path.name, str(path)))
        return
    with tempfile.TemporaryDirectory(prefix="detente-unzip-") as folder:
        yield _extract(path, Path(folder))
