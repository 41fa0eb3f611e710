"""Helpers the analytics snapshot steps share (checksums, verbatim copies, Parquet writing)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_entry(shared: Path, relative: str) -> dict[str, str]:
    """``{"path", "sha256"}`` of an input file under ``../shared/data``."""
    return {"path": relative, "sha256": sha256(shared / relative)}


def copy_verbatim(shared: Path, relative: str, target: Path) -> None:
    """Copy an input byte for byte (the snapshot file is then the file as published)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shared / relative, target)


def write_parquet(table: pa.Table, target: Path) -> None:
    """Write ``table`` as zstd Parquet, deterministically (no pandas index, fixed settings)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        table,
        target,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        store_schema=True,
    )


def entry(**fields: Any) -> dict[str, Any]:
    """One provenance entry (see ``scripts/build_snapshot.py`` for the keys)."""
    required = ("file", "title", "publisher", "release", "licence", "citation", "inputs", "notes")
    missing = [key for key in required if key not in fields]
    if missing:
        raise ValueError(f"provenance entry lacks {missing}")
    return dict(fields)
