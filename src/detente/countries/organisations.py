"""Regional organisations, their members over time, and the P5.

Why dated memberships: coalitions and regional responses depend on who belonged when (South
Sudan joined the AU and IGAD in 2011 and the EAC in 2016; the UK left the EU on 2020-01-31;
Finland joined NATO in 2023 and Sweden in 2024; Burkina Faso, Mali and Niger left ECOWAS on
2025-01-29). Memberships come from ``data/countries/memberships_manual.csv``, written by hand
from each organisation's official member page or founding treaty (cited on every row) and
cross-checked by the snapshot step against REST Countries' bloc lists and country_converter.

Choices: the EU includes its predecessors (EEC/EC from 1958); the OAU (1963-2002) and the AU
(from 2002-07-09) are two organisations; SADC starts with the 1992 treaty, CSTO with its 2002
charter, IGAD with IGADD (1986). Suspensions (Egypt in the Arab League 1979-1989, Cuba in the
OAS, AU suspensions after coups, ...) are not modelled: a suspended state is still a member.
Non-GW members (the Sahrawi Republic in the AU, Palestine in the Arab League) are left out.
Where a source gives only the year, the membership covers that whole year.
"""

from __future__ import annotations

from detente.countries.loading import load_memberships, snapshot_folder
from detente.countries.model import OnDate, Organisation, overlaps
from detente.countries.states import get_state
from detente.errors import NotFoundError

ORGANISATIONS: dict[str, Organisation] = {
    org.acronym: org
    for org in (
        Organisation(
            "OAU",
            "Organisation of African Unity",
            "https://au.int/en/member_states/countryprofiles2",
        ),
        Organisation("AU", "African Union", "https://au.int/en/member_states/countryprofiles2"),
        Organisation(
            "ECOWAS",
            "Economic Community of West African States",
            "https://www.ecowas.int/member-states/",
        ),
        Organisation(
            "SADC", "Southern African Development Community", "https://www.sadc.int/member-states"
        ),
        Organisation("IGAD", "Intergovernmental Authority on Development", "https://igad.int/"),
        Organisation("EAC", "East African Community", "https://www.eac.int/eac-partner-states"),
        Organisation(
            "ECCAS", "Economic Community of Central African States", "https://ceeac-eccas.org/"
        ),
        Organisation(
            "EU",
            "European Union (EEC/EC before 1993)",
            "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
        ),
        Organisation(
            "NATO",
            "North Atlantic Treaty Organization",
            "https://www.nato.int/cps/en/natohq/topics_52044.htm",
        ),
        Organisation(
            "OSCE",
            "Organization for Security and Co-operation in Europe (CSCE before 1995)",
            "https://www.osce.org/participating-states",
        ),
        Organisation(
            "ASEAN", "Association of Southeast Asian Nations", "https://asean.org/member-states/"
        ),
        Organisation("SCO", "Shanghai Cooperation Organisation", "https://eng.sectsco.org/"),
        Organisation(
            "CSTO", "Collective Security Treaty Organization", "https://en.odkb-csto.org/"
        ),
        Organisation(
            "OAS",
            "Organization of American States",
            "https://www.oas.org/en/member_states/default.asp",
        ),
        Organisation("LAS", "League of Arab States (Arab League)", "http://www.lasportal.org/"),
        Organisation("GCC", "Gulf Cooperation Council", "https://www.gcc-sg.org/"),
    )
}
"""Acronym -> organisation, for every organisation whose memberships are tracked."""

P5: frozenset[int] = frozenset({2, 200, 220, 365, 710})
"""Permanent members of the UN Security Council: USA, UK, France, Russia (USSR), China.

China's seat was held by the Republic of China (Taiwan, 713) until 1971-10-25 (UNGA resolution
2758); the constant names today's holders.
"""


def _organisation(org: str) -> str:
    acronym = org.strip().upper()
    if acronym == "ARAB LEAGUE":
        acronym = "LAS"
    if acronym not in ORGANISATIONS:
        known = ", ".join(sorted(ORGANISATIONS))
        raise NotFoundError(f"unknown organisation '{org}'; known: {known}")
    return acronym


def members(org: str, on: OnDate) -> frozenset[int]:
    """Gleditsch–Ward codes of the members of ``org`` on ``on`` (a year: any day of it).

    Raises
    ------
    NotFoundError
        If ``org`` is not one of :data:`ORGANISATIONS` (case-insensitive; "Arab League" = LAS).
    """
    acronym = _organisation(org)
    rows = load_memberships(snapshot_folder()).by_org.get(acronym, ())
    return frozenset(m.gwno for m in rows if overlaps(m.start, m.end, on))


def memberships(gwno: int, on: OnDate) -> frozenset[str]:
    """Acronyms of the organisations ``gwno`` belonged to on ``on`` (a year: any day of it).

    Raises
    ------
    UnknownCountryError
        If ``gwno`` is not a known code.
    """
    get_state(gwno)
    rows = load_memberships(snapshot_folder()).by_gwno.get(gwno, ())
    return frozenset(m.org for m in rows if overlaps(m.start, m.end, on))


def is_member(gwno: int, org: str, on: OnDate) -> bool:
    """Whether ``gwno`` belonged to ``org`` on ``on``."""
    return gwno in members(org, on)
