"""The ``detente`` command line: one Typer sub-command group per domain.

Commands parse options, call one core function and render the result. Errors that Détente raises
on purpose (:class:`detente.errors.DetenteError`) become one line on stderr and exit code 1;
usage errors (an unknown command or option, a value out of range) one line and exit code 2.
"""

from __future__ import annotations

from typing import Any

import duckdb
import typer
from typer._click.core import Context  # typer >= 0.29 vendors click
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from detente.errors import DetenteError
from detente.safetext import refuse_control_characters


class DetenteGroup(TyperGroup):
    """Root group that turns expected failures anywhere below into one line and exit 1.

    ``DetenteError`` (bad input, unknown ids, refused transitions) and the operating system's
    refusals to read or write a path the user gave (``--out`` into a missing folder, onto a
    directory, under ``/proc``): the user can act on both, a traceback helps neither.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Context | None = None,
        **extra: Any,
    ) -> Context:
        """Parse the root options (``detente --bogus`` is a usage error here, not below)."""
        try:
            refuse_control_characters_in(args)
        except DetenteError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(code=1) from error
        try:
            return super().make_context(info_name, args, parent, **extra)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            typer.echo(f"error: {usage_error_line(error)}", err=True)
            raise typer.Exit(code=2) from error

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            typer.echo(f"error: {usage_error_line(error)}", err=True)
            raise typer.Exit(code=2) from error
        except DetenteError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(code=1) from error
        except BrokenPipeError:
            # ``detente alerts list | head``: the reader has what it wanted. Typer's click
            # stops quietly on EPIPE (exit 1, later flushes silenced); "error: Broken pipe"
            # on stderr would blame the user for nothing
            raise
        except OSError as error:
            typer.echo(f"error: {os_error_line(error)}", err=True)
            raise typer.Exit(code=1) from error
        except duckdb.IOException as error:
            typer.echo(f"error: {str(error).splitlines()[0]}", err=True)
            raise typer.Exit(code=1) from error


def refuse_control_characters_in(args: list[str]) -> None:
    """Refuse every argument with a control character (a vertical tab, an escape...), naming
    its option: whatever a command stores comes from these, so one check covers them all."""
    for position, arg in enumerate(args):
        option, equals, value = arg.partition("=")
        if equals and option.startswith("--"):
            refuse_control_characters(value, "command line", option)
        elif position > 0 and args[position - 1].startswith("-") and not arg.startswith("-"):
            refuse_control_characters(arg, "command line", args[position - 1])
        else:
            refuse_control_characters(arg, "command line", f"argument {position + 1}")


def usage_error_line(error: UsageError) -> str:
    """One line for a usage error: the command, what is wrong, where the help is.

    Click would print a usage line, a hint and (with rich) a framed box: four to six lines for
    "--draws 0", unlike every other error of the command line.
    """
    path = error.ctx.command_path if error.ctx is not None else "detente"
    message = " ".join(error.format_message().split())
    return f"{path}: {message} (see '{path} --help')"


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
