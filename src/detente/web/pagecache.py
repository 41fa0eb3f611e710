"""A cache of public pages for anonymous visitors, invalidated by any change to the data.

The public pages (country page, home, pacts, initiatives, ...) gather blocks from every domain,
which costs tens of milliseconds; under a crowd of visitors (a crisis in the news) that is what
limits the server. Anonymous visitors all see the same page for the same path, query and
language, so the rendered response is kept and served again until something changes.

"Something changes" is read from the data itself, so it holds across worker processes and
across the CLI and the web: every write in every domain records an audit entry in the same
transaction (the newest audit id moves), bulk data lives in the analytics DuckDB file (its
modification time moves), and forecasts are files under ``data_dir/forecasts`` (theirs move).
Responses that set a cookie (a CSRF token for a form, a session) and requests that carry the
session cookie are never cached, so nothing personal is ever shared.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 512
MAX_BODY_BYTES = 2 * 1024 * 1024
"""Larger bodies (open-data downloads) are streamed every time rather than held in memory."""

SKIPPED_PREFIXES = ("/static/", "/docs", "/openapi.json")
"""Static files are already cheap; the API docs page has its own headers."""


@dataclass(frozen=True)
class _Cached:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class PublicPageCache:
    """Pure ASGI middleware serving repeated anonymous GETs from memory.

    ``data_version`` returns a value that changes whenever anything a page shows may have
    changed; it runs in a worker thread since it reads the database.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        data_version: Callable[[], Hashable],
        session_cookie: str,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.app = app
        self.data_version = data_version
        self.session_cookie = session_cookie.encode("latin-1")
        self.max_entries = max_entries
        self.entries: OrderedDict[Hashable, _Cached] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _cacheable_request(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        if scope["path"].startswith(SKIPPED_PREFIXES):
            return False
        for name, value in scope.get("headers", []):
            if name == b"cookie" and self.session_cookie + b"=" in value:
                return False
            if name == b"authorization":
                return False
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable_request(scope):
            await self.app(scope, receive, send)
            return
        version = await anyio.to_thread.run_sync(self.data_version)
        language = scope.get("state", {}).get("language")
        key = (scope["path"], scope.get("query_string", b""), language, version)
        cached = self.entries.get(key)
        if cached is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            await send(
                {"type": "http.response.start", "status": cached.status, "headers": cached.headers}
            )
            await send({"type": "http.response.body", "body": cached.body})
            return
        self.misses += 1
        await self._render_and_keep(key, scope, receive, send)

    async def _render_and_keep(
        self, key: Hashable, scope: Scope, receive: Receive, send: Send
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                # a copy: the middlewares outside add their headers (the language cookie,
                # Vary) to this message in place, and those must not be replayed from memory
                start = {**message, "headers": list(message.get("headers", []))}
                headers = start["headers"]
                if message["status"] != 200 or any(n == b"set-cookie" for n, _ in headers):
                    keep = False
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > MAX_BODY_BYTES:
                    keep = False
                    chunks.clear()
                elif not message.get("more_body", False) and start is not None:
                    self._keep(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: Hashable, start: Message, body: bytes) -> None:
        self.entries[key] = _Cached(start["status"], tuple(start.get("headers", [])), body)
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
