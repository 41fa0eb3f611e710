"""Collective-security pacts: principles, commitments, CSBM notifications, compliance, roadmap
stages, dialogue tracks, sanctions and reciprocal gestures (issue 6).

Core library (no web, no CLI). Modules:

- :mod:`~detente.security.pacts` — pacts, members over time, principles, commitments per basket
- :mod:`~detente.security.csbm` — confidence- and security-building notifications, deadlines
- :mod:`~detente.security.compliance` — incidents, verdicts, per-principle/member views, UCDP
- :mod:`~detente.security.roadmap` — roadmap stages and frozen-conflict detection
- :mod:`~detente.security.tracks` — dialogue tracks and the private-mediation rule
- :mod:`~detente.security.sanctions` — sanctions register and reciprocal gestures
- :mod:`~detente.security.imports` — CSV/JSON imports as transactions
- :mod:`~detente.security.bootstrap` — the ``detente init`` step (Helsinki / OSCE seed)
"""

from detente.security.catalogue import (
    AUDIENCES,
    BASKETS,
    CHANNELS,
    FINDINGS,
    NOTIFICATION_KINDS,
    SANCTION_CATEGORIES,
    STAGES,
    Thresholds,
    helsinki_principles,
    vienna_document_thresholds,
)
from detente.security.compliance import (
    ComplianceRow,
    ConflictMatch,
    IncidentView,
    by_member,
    by_principle,
    get_incident,
    give_verdict,
    list_incidents,
    report_incident,
    set_incident_status,
    ucdp_matches,
)
from detente.security.csbm import (
    MemberRecord,
    NotificationView,
    list_notifications,
    mark_sent,
    member_records,
    overdue,
    record_notification,
)
from detente.security.pacts import (
    CommitmentView,
    MemberSpell,
    PactSummary,
    PactView,
    add_commitment,
    add_member,
    close_commitment,
    create_pact,
    end_membership,
    get_pact,
    list_commitments,
    list_pacts,
    pacts_of,
    set_pact_status,
)
from detente.security.roadmap import (
    FrozenCheck,
    FrozenReason,
    ProcessView,
    create_process,
    frozen_check,
    get_process,
    list_processes,
    reach_stage,
)
from detente.security.sanctions import (
    GesturePairView,
    SanctionView,
    add_sanction,
    lift_sanction,
    list_pairs,
    list_sanctions,
    pair_gesture,
    set_pair_status,
)
from detente.security.tracks import (
    ContactRefusedError,
    ContactView,
    CounterpartView,
    add_counterpart,
    list_contacts,
    list_counterparts,
    record_contact,
)

__all__ = [
    "AUDIENCES",
    "BASKETS",
    "CHANNELS",
    "FINDINGS",
    "NOTIFICATION_KINDS",
    "SANCTION_CATEGORIES",
    "STAGES",
    "CommitmentView",
    "ComplianceRow",
    "ConflictMatch",
    "ContactRefusedError",
    "ContactView",
    "CounterpartView",
    "FrozenCheck",
    "FrozenReason",
    "GesturePairView",
    "IncidentView",
    "MemberRecord",
    "MemberSpell",
    "NotificationView",
    "PactSummary",
    "PactView",
    "ProcessView",
    "SanctionView",
    "Thresholds",
    "add_commitment",
    "add_counterpart",
    "add_member",
    "add_sanction",
    "by_member",
    "by_principle",
    "close_commitment",
    "create_pact",
    "create_process",
    "end_membership",
    "frozen_check",
    "get_incident",
    "get_pact",
    "get_process",
    "give_verdict",
    "helsinki_principles",
    "lift_sanction",
    "list_commitments",
    "list_contacts",
    "list_counterparts",
    "list_incidents",
    "list_notifications",
    "list_pacts",
    "list_pairs",
    "list_processes",
    "list_sanctions",
    "mark_sent",
    "member_records",
    "overdue",
    "pacts_of",
    "pair_gesture",
    "reach_stage",
    "record_contact",
    "record_notification",
    "report_incident",
    "set_incident_status",
    "set_pact_status",
    "set_pair_status",
    "ucdp_matches",
    "vienna_document_thresholds",
]
