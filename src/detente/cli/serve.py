"""``detente serve`` (what ``make run`` starts), ``detente web get /path`` (one request
in-process, for debugging) and ``detente web catalogues`` (add new msgids to the French
catalogues)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import typer

from detente.cli.context import check_initialised, settings
from detente.numbers import counted


def register(app: typer.Typer) -> None:
    """Add ``serve`` and the ``web`` group."""

    @app.command("serve")
    def serve(
        host: str = typer.Option(None, help="Interface to bind (default: DETENTE_HOST)."),
        port: int = typer.Option(None, help="Port (default: DETENTE_PORT)."),
        workers: int = typer.Option(1, min=1, max=64, help="Worker processes."),
    ) -> None:
        """Serve the web platform; Ctrl-C stops it cleanly."""
        import uvicorn

        check_initialised(settings())
        current = settings()
        bind_host = host or current.host
        bind_port = port or current.port
        typer.echo(f"Détente is serving http://{bind_host}:{bind_port}/ (Ctrl-C stops)")
        uvicorn.run(
            "detente.web.app:create_app",
            factory=True,
            host=bind_host,
            port=bind_port,
            workers=workers,
            log_level="warning",
            timeout_graceful_shutdown=5,
        )
        typer.echo("Détente stopped.")

    web = typer.Typer(no_args_is_help=True, help="Web platform utilities.")

    @web.command("get")
    def get(
        path: str = typer.Argument(..., help="Path to request, e.g. /api/v1/countries"),
        headers: bool = typer.Option(False, "--headers", help="Print the response headers."),
    ) -> None:
        """Run one GET request in-process and print the status and body."""
        import httpx2

        from detente.web.app import create_app

        async def one_request() -> httpx2.Response:
            transport = httpx2.ASGITransport(app=create_app(settings()))
            async with httpx2.AsyncClient(transport=transport, base_url="http://local") as client:
                return await client.get(path)

        # A thread of its own: asyncio.run refuses to nest inside a running event loop.
        with ThreadPoolExecutor(max_workers=1) as pool:
            response = pool.submit(asyncio.run, one_request()).result()
        typer.echo(f"{response.status_code} {response.headers.get('content-type', '')}")
        if headers:
            for name, value in response.headers.items():
                typer.echo(f"{name}: {value}")
        typer.echo(response.text)
        if response.status_code >= 400:
            raise typer.Exit(code=1)

    @web.command("catalogues")
    def catalogues() -> None:
        """Add msgids used in templates and routes to their French .po files (untranslated)."""
        from detente.web.catalogues import add_missing

        added = add_missing()
        for domain, count in added.items():
            typer.echo(f"{domain}.po: {counted(count, 'new msgid')} to translate")
        if not added:
            typer.echo("every msgid is in its catalogue")

    app.add_typer(web, name="web")
