"""A real HTTP server on loopback serving a folder laid out like the UCDP download site."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.sources.ged_files import write_ged, zip_file


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port_url() -> str:
    """A loopback URL nothing listens on (the port was just released)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}"


def make_site(
    folder: Path, yy: int, events: list[dict[str, Any]], candidates: dict[int, list[dict[str, Any]]]
) -> Path:
    """Lay out a GED annual release ``yy.1`` (zip) and candidate months like ucdp.uu.se.

    ``candidates`` maps a month number to its (synthetic) events.
    """
    annual = write_ged(folder / "build" / f"GEDEvent_v{yy}_1.csv", events)
    (folder / "ged").mkdir(parents=True, exist_ok=True)
    zip_file(annual, folder / "ged" / f"ged{yy}1-csv.zip")
    for month, month_events in candidates.items():
        write_ged(folder / "candidateged" / f"GEDEvent_v{yy}_0_{month}.csv", month_events)
    return folder
