"""The alerts API's declared types (``detente.web.routes.alerts_api``); its answers over HTTP
are tested with the pages in ``test_alerts.py``, which share their fixtures."""

from __future__ import annotations

from typing import get_args

from detente.warning.alert_rules import RULE_NAMES
from detente.web.routes.alerts_api import RuleName


def test_the_api_rule_names_are_the_rules_alerts_carry() -> None:
    assert get_args(RuleName) == RULE_NAMES
