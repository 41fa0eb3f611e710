"""Readers and validation of real data releases: UCDP country-year, UCDP/PRIO ACD, UCDP GED,
PA-X peace agreements and UN General Assembly votes.

Every reader validates the whole file before returning (vectorised in DuckDB) and raises
:class:`detente.errors.DataValidationError` naming file, row and field of the first problem:
wrong or missing columns, values that do not parse (numbers, ISO dates), negative deaths,
unknown Gleditsch–Ward codes (several codes in one field, ``"651, 666"``, are split), codes of
states not independent that year, truncated zip archives, files not in UTF-8.

The ``stage_*`` functions do the same work into temporary tables of a DuckDB connection; the
analytics store (:mod:`detente.analytics`) writes from there.
"""

from __future__ import annotations

from detente.sources.acd import read_acd, stage_acd
from detente.sources.base import StagedRelease, StagedTable, Stager
from detente.sources.detect import KINDS, detect_kind
from detente.sources.files import open_input, release_from_name, release_order, sha256_file
from detente.sources.ged import read_ged, stage_ged
from detente.sources.pax import read_pax, stage_pax
from detente.sources.ucdp_cy import read_ucdp_cy, stage_cy
from detente.sources.unvotes import UnVotes, read_un_votes, stage_unvotes

STAGERS: dict[str, Stager] = {
    "ucdp-cy": stage_cy,
    "acd": stage_acd,
    "ged": stage_ged,
    "pax": stage_pax,
    "unvotes": stage_unvotes,
}
"""Source kind -> function validating a file of that kind into a DuckDB connection."""

TITLES: dict[str, str] = {
    "ucdp-cy": "UCDP Country-Year Organized Violence",
    "acd": "UCDP/PRIO Armed Conflict Dataset",
    "ged": "UCDP Georeferenced Event Dataset",
    "pax": "PA-X Peace Agreements",
    "unvotes": "UN General Assembly votes",
}

__all__ = [
    "KINDS",
    "STAGERS",
    "TITLES",
    "StagedRelease",
    "StagedTable",
    "Stager",
    "UnVotes",
    "detect_kind",
    "open_input",
    "read_acd",
    "read_ged",
    "read_pax",
    "read_ucdp_cy",
    "read_un_votes",
    "release_from_name",
    "release_order",
    "sha256_file",
]
