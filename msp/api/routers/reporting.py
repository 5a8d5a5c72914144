"""Measures and the statutory return: the reporting scope.

The counts are msp.reporting.measures' own, scoped by its scope_for, which starts from the same
policy.visible_team_ids as every page; who may ask follows the measures page. The return is
msp.returns.build's, for the roles its pages allow (performance officers, safeguarding leads).
"""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from ninja import Path, Query, Router, Schema
from pydantic import Field

from msp.accounts import policy
from msp.api import auth
from msp.api.problems import Problem
from msp.api.routers.common import READ_ERRORS
from msp.api.schemas import Id
from msp.audit.services import access_record
from msp.core.dates import today
from msp.core.periods import ReportingYear
from msp.reporting import measures
from msp.returns.build import build_return

router = Router(tags=["Reporting"])

Dimension = Literal[
    "period",
    "team",
    "practitioner",
    "type_of_risk",
    "location_of_risk",
    "source_of_risk",
    "age_band",
    "sex",
    "ethnicity",
    "primary_support_reason",
]


class MeasuresQuery(Schema):
    year: str = Field(
        "",
        pattern=r"^(\d{4}-\d{2})?$",
        description="Reporting year such as 2025-26; the current year when blank",
    )
    quarter: Literal[1, 2, 3, 4] | None = None
    team: Id | None = None
    lead: Id | None = Field(None, description="Lead practitioner's user id")
    include_other: bool = Field(False, description="Count other enquiries as well as s42")
    breakdown: Dimension | None = None


class PeriodOut(Schema):
    start: date
    end: date
    label: str


class BreakdownOut(Schema):
    key: str | None
    label: str
    concluded: dict[str, Any]
    started: dict[str, Any]
    outcomes: dict[str, Any]
    responses: dict[str, Any]
    experience: dict[str, Any]


class MeasuresOut(Schema):
    period: PeriodOut
    include_other: bool
    drift_days: int
    totals: dict[str, Any]
    started: dict[str, Any]
    outcomes: dict[str, Any]
    responses: list[Any]
    experience: list[Any]
    breakdown: list[BreakdownOut]


def plain(value):
    """Counts as JSON: dicts and lists kept, dates as ISO dates, anything else as a number or text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


@router.get(
    "/measures",
    response={200: MeasuresOut, **READ_ERRORS},
    auth=auth.reporting,
    summary="Making Safeguarding Personal measures",
)
def get_measures(request, query: Query[MeasuresQuery]):
    """The MSP measures for a reporting year (or quarter), counted over the enquiries your
    teams may see, optionally narrowed to a team or lead and broken down by one dimension."""
    user = request.user
    if not policy.can_use_measures(user):
        raise Problem(403, "Your role does not give access to the measures.")
    try:
        year = ReportingYear.parse(query.year) if query.year else ReportingYear.containing(today())
    except ValueError as error:
        raise Problem(
            422, str(error), errors=[{"field": "year", "in": "query", "message": str(error)}]
        ) from error
    period = year.quarters()[query.quarter - 1] if query.quarter else year
    options = measures.Options(
        period=period,
        scope=measures.scope_for(user, team_id=query.team, lead_id=query.lead),
        include_other=query.include_other,
    )
    result = measures.measures(options, query.breakdown or "")
    return {
        "period": {"start": period.start, "end": period.end, "label": period.label},
        "include_other": query.include_other,
        "drift_days": result.drift_days,
        "totals": plain(result.totals),
        "started": plain(result.started),
        "outcomes": plain(result.outcomes),
        "responses": plain(result.responses),
        "experience": plain(result.experience),
        "breakdown": [
            {
                "key": None if row.key is None else str(row.key),
                "label": str(row.label),
                "concluded": plain(row.concluded),
                "started": plain(row.started),
                "outcomes": plain(row.outcomes),
                "responses": plain(row.responses),
                "experience": plain(row.experience),
            }
            for row in result.breakdown
        ],
    }


class CellOut(Schema):
    row: Any
    column: Any
    value: Any


class LinkOut(Schema):
    href: str
    text: str


class FindingOut(Schema):
    rule: str
    severity: str
    message: str
    links: list[LinkOut]
    total: Any = None


class ReturnOut(Schema):
    year: str
    tables: dict[str, list[CellOut]]
    validation: list[FindingOut]


@router.get(
    "/returns/{year}",
    response={200: ReturnOut, **READ_ERRORS},
    auth=auth.reporting,
    summary="The statutory return (Safeguarding Adults Collection) for a year",
)
def get_return(
    request,
    year: str = Path(..., pattern=r"^\d{4}-\d{2}$", description="Reporting year, e.g. 2025-26"),
):
    """Every SAC table for the reporting year, cell by cell, with the validation findings."""
    user = request.user
    if not policy.can_prepare_return(user):
        raise Problem(
            403, "The statutory return is for performance officers and safeguarding leads."
        )
    try:
        reporting_year = ReportingYear.parse(year)
    except ValueError as error:
        raise Problem(
            422, str(error), errors=[{"field": "year", "in": "path", "message": str(error)}]
        ) from error
    result = build_return(reporting_year)
    access_record(
        actor=user, action="view", detail=f"SAC return {result.year} via API", request=request
    )
    return plain(result.as_json())
