"""``detente serve`` (what ``make run`` starts) and ``detente web get /path`` (one request
in-process, for debugging)."""

from __future__ import annotations

import typer

from detente.cli.context import settings


def register(app: typer.Typer) -> None:
    """Add ``serve`` and the ``web`` group."""

    @app.command("serve")
    def serve(
        host: str = typer.Option(None, help="Interface to bind (default: DETENTE_HOST)."),
        port: int = typer.Option(None, help="Port (default: DETENTE_PORT)."),
    ) -> None:
        """Serve the web platform; Ctrl-C stops it cleanly."""
        import uvicorn

        from detente.web.app import create_app

        current = settings()
        bind_host = host or current.host
        bind_port = port or current.port
        typer.echo(f"Détente is serving http://{bind_host}:{bind_port}/ (Ctrl-C stops)")
        uvicorn.run(create_app(current), host=bind_host, port=bind_port, log_level="warning")

    web = typer.Typer(no_args_is_help=True, help="Web platform utilities.")

    @web.command("get")
    def get(
        path: str = typer.Argument(..., help="Path to request, e.g. /api/v1/countries"),
    ) -> None:
        """Run one GET request in-process and print the status and body."""
        from fastapi.testclient import TestClient

        from detente.web.app import create_app

        with TestClient(create_app(settings())) as client:
            response = client.get(path)
        typer.echo(f"{response.status_code} {response.headers.get('content-type', '')}")
        typer.echo(response.text)
        if response.status_code >= 400:
            raise typer.Exit(code=1)

    app.add_typer(web, name="web")
