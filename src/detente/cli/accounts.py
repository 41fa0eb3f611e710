"""``detente users``: add, list, change the password of, and (de)activate users."""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.table import Table

from detente.accounts import ROLES, create_user, list_users, set_active, set_password
from detente.cli.context import actor, database

users = typer.Typer(no_args_is_help=True, help="User accounts and roles.")


def _read_password(from_stdin: bool) -> str:
    """The password from standard input (first line) or an interactive, confirmed prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@users.command("add")
def add(
    username: str = typer.Argument(..., help="Login name: lower-case letters, digits, . _ -"),
    role: str = typer.Option(..., "--role", "-r", help=f"One of: {', '.join(ROLES)}."),
    gwno: int | None = typer.Option(None, help="The state a delegate acts for (GW code)."),
    display_name: str | None = typer.Option(None, help="Name shown on pages (default: username)."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
) -> None:
    """Add a user (the password is prompted for, or read from stdin)."""
    password = _read_password(password_stdin)
    with database().session() as session:
        user = create_user(
            session,
            username=username,
            role=role,
            password=password,
            actor=actor(),
            gwno=gwno,
            display_name=display_name,
        )
    where = f" for gwno {user.gwno}" if user.gwno is not None else ""
    typer.echo(f"added user '{user.username}' with role {user.role}{where}")


@users.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List every user with role, state (for delegates) and whether active."""
    with database().session() as session:
        found = list_users(session)
    if as_json:
        rows = [{**u.audit_state(), "created_at": u.created_at.isoformat()} for u in found]
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("username", "role", "gwno", "display name", "active")
    for u in found:
        table.add_row(
            u.username, u.role, "" if u.gwno is None else str(u.gwno), u.display_name, str(u.active)
        )
    Console().print(table)


@users.command("passwd")
def passwd(
    username: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read it from stdin."),
) -> None:
    """Set a new password for a user."""
    password = _read_password(password_stdin)
    with database().session() as session:
        set_password(session, username, password, actor=actor())
    typer.echo(f"password of '{username}' changed")


@users.command("deactivate")
def deactivate(username: str = typer.Argument(...)) -> None:
    """Stop a user from signing in (their history stays in the audit log)."""
    with database().session() as session:
        set_active(session, username, False, actor=actor())
    typer.echo(f"user '{username}' can no longer sign in")


@users.command("activate")
def activate(username: str = typer.Argument(...)) -> None:
    """Let a deactivated user sign in again."""
    with database().session() as session:
        set_active(session, username, True, actor=actor())
    typer.echo(f"user '{username}' can sign in again")


def register(app: typer.Typer) -> None:
    """Add the ``users`` group."""
    app.add_typer(users, name="users")
