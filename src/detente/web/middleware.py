"""ASGI middleware of the shell: language choice, security headers, HEAD requests.

Pure ASGI (no ``BaseHTTPMiddleware``) so streaming responses and background tasks behave.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.web.i18n import LANG_COOKIE, LANG_PARAM, LANGUAGES, choose_language

ONE_YEAR = 365 * 24 * 3600

# No inline scripts and nothing from elsewhere: every asset is vendored under /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's Swagger UI page starts itself with an inline script.
DOCS_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def add_vary(headers: MutableHeaders, *tokens: str) -> None:
    """Add ``tokens`` to ``Vary`` once each, as one header.

    Starlette's ``add_vary_header`` appends blindly, and its session middleware already adds
    ``Cookie`` to pages that read the session: the language choice also depends on the cookie,
    so adding it again gave ``Vary: Cookie, Cookie, Accept-Language``.
    """
    present = [t.strip() for v in headers.getlist("vary") for t in v.split(",") if t.strip()]
    seen = {t.lower() for t in present}
    for token in tokens:
        if token.lower() not in seen:
            present.append(token)
            seen.add(token.lower())
    if present:
        headers["vary"] = ", ".join(present)


class LanguageMiddleware:
    """Choose the language (``?lang=``, cookie, ``Accept-Language``) and remember a choice.

    The choice is stored in ``scope["state"]["language"]``; ``?lang=xx`` also sets a cookie so
    the next pages stay in that language.
    """

    def __init__(self, app: ASGIApp, *, secure: bool = False) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        asked = (query.get(LANG_PARAM) or [None])[0]
        cookies = SimpleCookie()
        try:
            cookies.load(_header(scope, b"cookie") or "")
        except Exception:  # a malformed cookie header is the client's problem, not a 500
            cookies = SimpleCookie()
        cookie = cookies[LANG_COOKIE].value if LANG_COOKIE in cookies else None
        language = choose_language(asked, cookie, _header(scope, b"accept-language"))
        scope.setdefault("state", {})["language"] = language
        remember = asked in LANGUAGES and asked != cookie

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                add_vary(headers, "Cookie", "Accept-Language")
                if remember:
                    flags = "; Secure" if self.secure else ""
                    headers.append(
                        "Set-Cookie",
                        f"{LANG_COOKIE}={language}; Path=/; Max-Age={ONE_YEAR}; "
                        f"SameSite=Lax{flags}",
                    )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and friends on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope.get("path") == "/docs" else CONTENT_SECURITY_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGetMiddleware:
    """Answer ``HEAD`` as the same ``GET`` would, headers only.

    FastAPI routes declared with ``@router.get`` answer ``HEAD`` with 405, so ``curl -I``, a
    link checker or a download manager probing a CSV's size got "Method Not Allowed" from
    every page, API operation and download, where HTTP wants HEAD wherever GET is (RFC 9110,
    9.3.2). The route runs as a GET and the body is dropped (``Content-Length`` stays, as for
    GET); a 405 lists ``HEAD`` in ``Allow`` beside ``GET``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, self._allow_head(send))
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, self._allow_head(headers_only))

    @staticmethod
    def _allow_head(send: Send) -> Send:
        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                headers = MutableHeaders(scope=message)
                allowed = [m.strip() for m in headers.get("allow", "").split(",") if m.strip()]
                if "GET" in allowed and "HEAD" not in allowed:
                    headers["allow"] = ", ".join([*allowed, "HEAD"])
            await send(message)

        return send_with_allow
