"""Détente: open-source platform for multilateral conflict prevention.

The package is laid out by domain (``countries``, ``sources``, ``analytics``, ``warning``,
``response``, ``alliance``, ``security``) with ``store``, ``accounts``, ``web`` and ``cli``
around them. Core domains never import ``web`` or ``cli`` (checked in
``tests/test_architecture.py``).
"""

__version__ = "0.1.0"
