"""``detente init`` step: load the bundled snapshot into the analytics store, idempotently.

The snapshot's ``manifest.json`` (written by ``scripts/build_snapshot.py``) marks the files the
store imports with ``import_kind``. A second run finds every file's sha256 already recorded and
only checks that the panels were built by this code from this country reference.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from detente.analytics.imports import ImportResult, ProgressCallback, import_release
from detente.analytics.panels import panels_current, rebuild_panels
from detente.analytics.store import attach_for_writing, memory_connection, store_path
from detente.errors import ConfigError
from detente.numbers import counted
from detente.settings import Settings


def snapshot_imports(snapshot_dir: Path) -> list[tuple[Path, str]]:
    """``(file, kind)`` of every snapshot file the analytics store imports, in manifest order."""
    manifest = snapshot_dir / "manifest.json"
    try:
        payload: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(
            f"no snapshot manifest at {manifest}; build it with scripts/build_snapshot.py"
        ) from error
    return [
        (snapshot_dir / entry["file"], str(entry["import_kind"]))
        for entry in payload.get("files", [])
        if entry.get("import_kind")
    ]


def refresh_panels(target: Settings | Path | str) -> bool:
    """Rebuild the panels if they are out of date (code or country reference changed).

    Returns whether they were rebuilt.
    """
    path = store_path(target)
    if not path.is_file():
        return False
    with memory_connection() as con:
        attach_for_writing(con, path)
        if panels_current(con):
            return False
        con.execute("BEGIN TRANSACTION")
        try:
            rebuild_panels(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return True


def import_snapshot(
    settings: Settings, progress: ProgressCallback | None = None
) -> list[ImportResult]:
    """Import every snapshot file the manifest marks (skipping those already imported)."""
    results = [
        import_release(settings, path, kind, progress=progress)
        for path, kind in snapshot_imports(settings.snapshot_dir)
    ]
    refresh_panels(settings)
    return results


def load_snapshot(settings: Settings) -> str:
    """Init step: load the bundled snapshot into the analytics store; one summary line."""
    results = import_snapshot(settings)
    imported = [r for r in results if r.status == "imported"]
    labels = ", ".join(f"{r.kind} {r.release}" for r in results)
    if not imported:
        return f"analytics: snapshot already loaded ({labels}) in {settings.analytics_path}"
    seconds = sum(r.seconds for r in imported)
    return (
        f"analytics: loaded {counted(len(imported), 'release')} ({labels}) into "
        f"{settings.analytics_path} in {seconds:.1f} s"
    )
