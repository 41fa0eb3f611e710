"""Build the bundled real-data snapshot in ``data/`` from the raw releases in ``../shared/data``.

Usage::

    .venv/bin/python scripts/build_snapshot.py [--shared ../shared/data] [--out data]

Runs every step module ``scripts/snapshot/<name>.py`` (names starting with ``_`` are helpers),
each exposing ``build(shared: Path, out: Path) -> list[dict]`` that writes its files under
``out/<name>/`` and returns one provenance entry per file (file, title, publisher, release,
licence, citation, inputs [{path, sha256}], notes; optional ``import_kind`` for the files the
analytics store imports at ``detente init``). Then writes ``out/PROVENANCE.md`` and
``out/manifest.json`` with the sha256, size and row count of every output.

Reproducible: the same inputs give byte-identical outputs (no timestamps, fixed ordering,
deterministic Parquet settings). Fails if the snapshot exceeds the size budget for git.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
STEPS_DIR = REPO_ROOT / "scripts" / "snapshot"
SIZE_BUDGET = 25 * 1024 * 1024
"""The whole ``data/`` folder must stay under 25 MB to live in git."""


def step_names() -> list[str]:
    """Every snapshot step module, in a stable order."""
    return sorted(p.stem for p in STEPS_DIR.glob("*.py") if not p.stem.startswith("_"))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_rows(path: Path) -> int | None:
    """Data rows of a CSV (quoted newlines respected) or Parquet file; ``None`` otherwise."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    return None


def run_steps(shared: Path, out: Path, names: list[str]) -> list[dict[str, Any]]:
    """Run the steps; return their entries with each output's bytes, rows and sha256."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    entries: list[dict[str, Any]] = []
    for name in names:
        module = importlib.import_module(f"scripts.snapshot.{name}")
        produced = module.build(shared, out)
        for item in produced:
            path = out / item["file"]
            entries.append(
                {
                    **item,
                    "step": name,
                    "bytes": path.stat().st_size,
                    "rows": count_rows(path),
                    "sha256": sha256(path),
                }
            )
        print(f"{name}: {len(produced)} file(s)", flush=True)
    return sorted(entries, key=lambda e: e["file"])


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def provenance_markdown(entries: list[dict[str, Any]]) -> str:
    """``PROVENANCE.md``: a table of every output, then where each dataset comes from."""
    total = sum(e["bytes"] for e in entries)
    lines = [
        "# Provenance of the bundled data snapshot",
        "",
        "Built by `scripts/build_snapshot.py` from the raw releases in `../shared/data` "
        "(paths below are relative to it). Same inputs give byte-identical outputs. "
        "Real data only; nothing here is generated.",
        "",
        f"{len(entries)} files, {total:,} bytes in total.",
        "",
        "| file | rows | bytes | sha256 |",
        "|---|---:|---:|---|",
    ]
    for e in entries:
        rows = "" if e["rows"] is None else f"{e['rows']:,}"
        lines.append(f"| `{e['file']}` | {rows} | {e['bytes']:,} | `{e['sha256']}` |")
    for e in entries:
        lines += [
            "",
            f"## `{e['file']}`",
            "",
            f"- **Title:** {_cell(e['title'])}",
            f"- **Publisher:** {_cell(e['publisher'])}",
            f"- **Release:** {_cell(e['release'])}",
            f"- **Licence:** {_cell(e['licence'])}",
            f"- **Citation:** {_cell(e['citation'])}",
            f"- **Built by:** `scripts/snapshot/{e['step']}.py`",
        ]
        if e.get("import_kind"):
            lines.append(f"- **Imported at `detente init` as:** `{e['import_kind']}`")
        if e["inputs"]:
            lines.append("- **Inputs:**")
            lines += [f"  - `{i['path']}` sha256 `{i['sha256']}`" for i in e["inputs"]]
        else:
            lines.append("- **Inputs:** none (written by hand in the repository)")
        lines.append(f"- **Notes:** {_cell(e['notes'])}")
    return "\n".join(lines) + "\n"


def manifest_json(entries: list[dict[str, Any]]) -> str:
    """``manifest.json``: every entry, machine-readable (the web footer and ``init`` read it)."""
    payload = {
        "snapshot": "Détente bundled real-data snapshot",
        "builder": "scripts/build_snapshot.py",
        "total_bytes": sum(e["bytes"] for e in entries),
        "files": entries,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def folder_bytes(out: Path) -> int:
    """Size of every file under ``out`` (what git would hold)."""
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


def build(shared: Path, out: Path, names: list[str] | None = None) -> list[dict[str, Any]]:
    """Run the steps and write ``PROVENANCE.md`` and ``manifest.json`` into ``out``."""
    if not shared.is_dir():
        raise SystemExit(f"no raw data folder at {shared}; pass --shared")
    out.mkdir(parents=True, exist_ok=True)
    entries = run_steps(shared, out, names or step_names())
    (out / "PROVENANCE.md").write_text(provenance_markdown(entries), encoding="utf-8")
    (out / "manifest.json").write_text(manifest_json(entries), encoding="utf-8")
    size = folder_bytes(out)
    if size > SIZE_BUDGET:
        raise SystemExit(f"snapshot is {size:,} bytes, over the {SIZE_BUDGET:,}-byte budget")
    print(f"snapshot: {len(entries)} files, {size:,} bytes in {out}")
    return entries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data")
    parser.add_argument("steps", nargs="*", help="only these steps (default: all)")
    args = parser.parse_args(argv)
    build(args.shared, args.out, args.steps or None)


if __name__ == "__main__":
    main()
