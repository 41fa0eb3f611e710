"""Closed vocabularies of the security domain and the built-in Helsinki catalogue.

The words come from the 2019 Leaders for Peace report (three baskets, three audiences, four
roadmap steps) and from the Vienna Document 2011 (kinds of confidence- and security-building
notifications). Seed facts with their sources live in ``seeds/*.json`` next to this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.caching import single_flight_cache

SEEDS_DIR = Path(__file__).parent / "seeds"

BASKETS: tuple[str, ...] = ("security", "cooperation", "civil_society")
"""The report's three areas of a regional collective-security agreement."""

PACT_STATUSES: tuple[str, ...] = ("draft", "in_force", "suspended", "terminated")
PACT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("in_force", "terminated"),
    "in_force": ("suspended", "terminated"),
    "suspended": ("in_force", "terminated"),
    "terminated": (),
}

COMMITMENT_STATUSES: tuple[str, ...] = ("open", "fulfilled", "dropped")

NOTIFICATION_KINDS: tuple[str, ...] = (
    "military_activity",
    "information_exchange",
    "liaison",
    "pre_alert",
)
"""What a member owes under CSBMs: prior notice of a military activity above the thresholds,
the annual exchange of military information, a liaison/deconfliction contact point, and the
reply to a pre-alert (risk-reduction) request."""

PRE_ALERT_REPLY_DAYS = 2
"""Vienna Document 2011, Chapter III, para 16.1.1: the requested state replies within 48 hours."""

INCIDENT_STATUSES: tuple[str, ...] = ("reported", "under_review", "decided", "withdrawn")
INCIDENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "reported": ("under_review", "decided", "withdrawn"),
    "under_review": ("decided", "withdrawn"),
    "decided": (),
    "withdrawn": (),
}
FINDINGS: tuple[str, ...] = ("violation", "no_violation", "inconclusive")

STAGES: tuple[str, ...] = (
    "ground_arrangements",
    "diplomatic_dialogue",
    "civil_society_awareness",
    "regional_conference",
)
"""The report's step-by-step path: cease-fires or evacuation zones on the ground, diplomatic
dialogue, raising awareness in civil society, a regional conference for the final pact."""

AUDIENCES: tuple[str, ...] = ("state", "civil_society", "armed_group")
CHANNELS: dict[str, tuple[str, ...]] = {
    "state": ("official", "private_intermediary"),
    "civil_society": ("discreet", "formal"),
    "armed_group": ("private_mediator", "direct"),
}
"""Channels each audience can be reached through (the report's three audiences)."""
MEDIATED_CHANNELS: frozenset[str] = frozenset({"private_mediator", "private_intermediary"})

SANCTION_CATEGORIES: tuple[str, ...] = (
    "diplomatic",
    "individual",
    "economic",
    "financial",
    "arms",
    "travel",
    "other",
)
PAIR_STATUSES: tuple[str, ...] = ("proposed", "agreed", "fulfilled", "abandoned")


@dataclass(frozen=True)
class Thresholds:
    """When a military activity must be notified, and how many days ahead (per pact)."""

    troops: int
    tanks: int
    acv: int
    artillery: int
    days: int
    source: str = ""

    def reached(
        self, troops: int | None, tanks: int | None, acv: int | None, artillery: int | None
    ) -> list[str]:
        """The thresholds an activity reaches (empty: no prior notification needed)."""
        reached = []
        for name, value, limit in (
            ("troops", troops, self.troops),
            ("tanks", tanks, self.tanks),
            ("acv", acv, self.acv),
            ("artillery", artillery, self.artillery),
        ):
            if value is not None and value >= limit:
                reached.append(f"{name} {value:,} >= {limit:,}")
        return reached


@single_flight_cache(maxsize=4)
def seed(name: str) -> dict[str, Any]:
    """A seed file of ``seeds/`` (``helsinki`` or ``sanctions``) as parsed JSON."""
    data: dict[str, Any] = json.loads((SEEDS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def helsinki_principles() -> tuple[str, ...]:
    """The ten Helsinki Final Act principles, in the Act's order (report, footnote 4)."""
    return tuple(seed("helsinki")["principles"])


def vienna_document_thresholds() -> Thresholds:
    """The Vienna Document 2011 notification thresholds (the default for a new pact)."""
    values = seed("helsinki")["thresholds"]
    return Thresholds(
        troops=int(values["troops"]),
        tanks=int(values["tanks"]),
        acv=int(values["acv"]),
        artillery=int(values["artillery"]),
        days=int(values["days"]),
        source=str(values["source"]),
    )
