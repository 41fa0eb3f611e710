"""Crisis management unit: a roster of policy officers, team assembly, deployments.

Public API
----------
:mod:`detente.response.officers`     roster: ``list_officers``, ``get_officer``, ``import_csv``,
                                      ``export_csv`` (CSV format in the module docstring)
:mod:`detente.response.teams`        ``team_requirements``, ``propose_team`` -> ``TeamProposal``
:mod:`detente.response.solver`       the CP-SAT model (objective and rules documented there) and
                                      the greedy baseline
:mod:`detente.response.deployments`  ``request_deployment``, ``propose``, ``approve``,
                                      ``deploy``, ``end``, ``handover``, ``cancel``,
                                      ``list_deployments``, ``get_deployment``
:mod:`detente.response.demo`         the generated demo roster (invented people)

Officer ids are ints; countries are ``gwno``. This package never writes warning tables; it calls
``detente.warning.alerts.get_alert`` / ``request_team`` when the warning domain provides them.
"""

from __future__ import annotations

from detente.response.deployments import (
    STATUSES,
    DeploymentView,
    approve,
    cancel,
    deploy,
    end,
    get_deployment,
    handover,
    list_deployments,
    propose,
    request_deployment,
)
from detente.response.officers import (
    ImportSummary,
    OfficerView,
    count_officers,
    export_csv,
    get_officer,
    import_csv,
    list_officers,
)
from detente.response.teams import TeamProposal, TeamRequest, propose_team, team_requirements

__all__ = [
    "STATUSES",
    "DeploymentView",
    "ImportSummary",
    "OfficerView",
    "TeamProposal",
    "TeamRequest",
    "approve",
    "cancel",
    "count_officers",
    "deploy",
    "end",
    "export_csv",
    "get_deployment",
    "get_officer",
    "handover",
    "import_csv",
    "list_deployments",
    "list_officers",
    "propose",
    "propose_team",
    "request_deployment",
    "team_requirements",
]
