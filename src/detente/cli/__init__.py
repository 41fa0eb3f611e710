"""The ``detente`` command line: one Typer sub-command group per domain.

Commands parse options, call one core function and render the result. Errors that Détente raises
on purpose (:class:`detente.errors.DetenteError`) become one line on stderr and exit code 1.
"""

from __future__ import annotations

from typing import Any

import duckdb
import typer
from typer._click.core import Context  # typer >= 0.29 vendors click
from typer.core import TyperGroup

from detente.errors import DetenteError


class DetenteGroup(TyperGroup):
    """Root group that turns expected failures anywhere below into one line and exit 1.

    ``DetenteError`` (bad input, unknown ids, refused transitions) and the operating system's
    refusals to read or write a path the user gave (``--out`` into a missing folder, onto a
    directory, under ``/proc``): the user can act on both, a traceback helps neither.
    """

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except DetenteError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(code=1) from error
        except OSError as error:
            typer.echo(f"error: {os_error_line(error)}", err=True)
            raise typer.Exit(code=1) from error
        except duckdb.IOException as error:
            typer.echo(f"error: {str(error).splitlines()[0]}", err=True)
            raise typer.Exit(code=1) from error


def os_error_line(error: OSError) -> str:
    """'cannot use PATH: reason' from an ``OSError`` (its path, when it names one)."""
    reason = error.strerror or str(error)
    if error.filename is not None:
        return f"cannot use {error.filename}: {reason}"
    return reason


app = typer.Typer(
    cls=DetenteGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Détente: multilateral conflict prevention on real data.",
)


def _register_domains() -> None:
    """Each domain module adds its commands to ``app`` (see ``detente/cli/<domain>.py``)."""
    from detente.cli import (
        accounts,
        alerts,
        alliance,
        countries,
        data,
        response,
        security,
        serve,
        setup,
        warning,
    )

    for module in (
        setup,
        data,
        countries,
        warning,
        alerts,
        response,
        alliance,
        security,
        accounts,
        serve,
    ):
        module.register(app)


_register_domains()


def main() -> None:
    """Entry point of the ``detente`` console script."""
    app()
