"""Load on the web platform: a country page and an API endpoint under 50 concurrent clients.

A real uvicorn server (``detente serve``, one worker) runs on a free loopback port over a fresh
data folder prepared by every ``detente init`` step. Debian's ``wrk`` (C, so the load generator
does not eat the CPU the server needs; ``make bench`` installs it) keeps 50 keep-alive
connections busy back to back (closed loop) for 10 s per endpoint and reports latency
percentiles and errors. The baseline is a static file served by the same server in
the same run, so the ratios say what the page costs beyond the HTTP stack itself.
Target: p95 < 100 ms and zero errors. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx2

from bench.common import write_results

CLIENTS = 50
ENDPOINTS = {
    "static file (baseline)": "/static/css/detente.css",
    "country page": "/countries/SDN",
    "API: country panel": "/api/v1/countries/SDN/panel",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _initialise(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DETENTE_DATA_DIR": str(data_dir)}
    subprocess.run(
        [sys.executable, "-c", "from detente.cli import main; main()", "init"],
        env=env,
        check=True,
        capture_output=True,
    )
    return env


WRK = Path("/usr/bin/wrk")
DURATION_S = 10
# wrk's Lua hooks: print the numbers we need as one JSON line at the end.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "errors": %d, "seconds": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, '
    .. '"p99_ms": %.3f, "mean_ms": %.3f}\\n',
    summary.requests, errors, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
end
"""


def _hammer(base: str, path: str, script: Path) -> dict[str, Any]:
    """50 keep-alive connections from one wrk thread for DURATION_S seconds."""
    httpx2.get(base + path, timeout=60).raise_for_status()  # one visitor first: loads the data
    subprocess.run(  # warm-up: caches, connections; not measured
        [str(WRK), "-t1", f"-c{CLIENTS}", "-d2s", base + path], check=True, capture_output=True
    )
    completed = subprocess.run(
        [
            str(WRK),
            "-t1",
            f"-c{CLIENTS}",
            f"-d{DURATION_S}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base + path,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["path"] = path
    result["requests_per_s"] = result["requests"] / result["seconds"]
    return result


def main(results_dir: Path) -> None:
    """Start the server, load each endpoint in turn, write ``web_load.json`` and ``.md``."""
    if not WRK.exists():
        raise RuntimeError(f"{WRK} is missing: 'make bench' installs Debian's wrk")
    with tempfile.TemporaryDirectory(prefix="detente-bench-web-") as tmp:
        env = _initialise(Path(tmp))
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from detente.cli import main; main()",
                "serve",
                "--port",
                str(port),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx2.get(base + "/static/css/detente.css", timeout=2)
                    break
                except httpx2.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.2)
            script = Path(tmp) / "report.lua"
            script.write_text(WRK_SCRIPT)
            results = {name: _hammer(base, path, script) for name, path in ENDPOINTS.items()}
        finally:
            server.terminate()
            server.wait(timeout=20)
    baseline = results["static file (baseline)"]
    for result in results.values():
        result["p50_ratio_to_static"] = result["p50_ms"] / baseline["p50_ms"]
        result["p95_ratio_to_static"] = result["p95_ms"] / baseline["p95_ms"]
    lines = [
        "# Web load: 50 concurrent clients on loopback, one uvicorn worker",
        "",
        "| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms | p95 / static |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} `{r['path']}` | {r['requests']} | {r['errors']} | "
            f"{r['requests_per_s']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
            f"{r['p99_ms']:.1f} | {r['p95_ratio_to_static']:.2f} |"
        )
    lines += ["", "Target: p95 < 100 ms, zero errors (closed loop: latency includes queueing)."]
    markdown = "\n".join(lines) + "\n"
    write_results(
        results_dir,
        "web_load",
        {"clients": CLIENTS, "seconds_per_endpoint": DURATION_S, "results": results},
        markdown,
    )
    print(markdown)


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
