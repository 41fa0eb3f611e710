"""The gettext marker shared by every layer that defines words shown to people.

Labels defined outside the web layer (the forecast features, for instance) are printed in
English by the CLI and translated by the web pages; marking them here, where they are defined,
lets :mod:`detente.web.catalogues` extract them without the domain code importing the web stack.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802  # the gettext convention for "mark, translate later"
    """Mark ``message`` for extraction without translating it now."""
    return message
