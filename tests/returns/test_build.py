"""The whole return: its JSON contract, and a query count that does not grow with the data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from msp import sac
from msp.core.periods import ReportingYear
from msp.returns.build import ReturnResult, build_return
from tests.returns import records as r

pytestmark = pytest.mark.django_db
YEAR = ReportingYear.parse("2025-26")


def some_cases(n: int):
    for i in range(n):
        someone = r.person(date_of_birth=None if i % 4 == 0 else date(1940 + i, 1, 1))
        r.concern(someone)
        r.enquiry(
            someone,
            end=date(2025, 6, 1) if i % 2 else None,
            risks=[("physical", "own_home", "other_known")],
            sac_lacked_capacity="" if i % 3 == 0 else "dont_know",
        )


def test_json_contract():
    some_cases(2)
    result = build_return(YEAR)
    assert isinstance(result, ReturnResult)
    data = result.as_json()
    assert set(data) == {"year", "tables", "validation"}
    assert data["year"] == "2025-26"
    assert list(data["tables"]) == list(sac.spec_for(YEAR).tables)
    assert data["tables"]["SG1f"] == [
        {"row": "total", "column": "concerns", "value": 4},
        {"row": "total", "column": "s42", "value": 2},
        {"row": "total", "column": "other", "value": 0},
    ]
    assert {"rule", "severity", "message", "links", "total"} <= set(data["validation"][0])


def test_without_validation():
    some_cases(1)
    assert build_return(YEAR, include_validation=False).validation == []


def queries_for_return() -> int:
    with CaptureQueriesContext(connection) as captured:
        build_return(YEAR)
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_the_data():
    # Six cases already hold every kind of fault the larger set has, so the same rules fire
    # (each firing rule adds a count and a page of links).
    some_cases(6)
    small = queries_for_return()
    some_cases(12)
    assert queries_for_return() == small
    assert small <= 20
