"""A person whose processing is restricted is left out of exports and reports."""

import io
import zipfile
from datetime import date

import pytest

from msp.concerns.models import Concern
from msp.core.periods import ReportingYear
from msp.interop.exporter import Selection, export_zip
from msp.people.models import Person
from msp.privacy import services
from msp.privacy.selectors import exclude_restricted, restricted_person_ids
from msp.reporting import measures
from msp.returns.build import build_return
from tests.privacy.support import full_case

pytestmark = pytest.mark.django_db
YEAR = ReportingYear.parse("2025-26")


@pytest.fixture
def two_people(team, practitioner, lead):
    kept, _ = full_case(
        team=team, actor=practitioner, received=date(2025, 5, 1), closed=date(2025, 7, 1),
        first_name="Kept", last_name="Person", nhs_number="",
    )  # fmt: skip
    restricted, _ = full_case(
        team=team, actor=practitioner, received=date(2025, 5, 2), closed=date(2025, 7, 2),
        first_name="Restricted", last_name="Person", nhs_number="",
    )  # fmt: skip
    return kept, restricted


def _restrict(person, lead):
    services.processing_restrict(actor=lead, person=person, reason="Accuracy contested")


def test_selector_and_filter(two_people, lead):
    kept, restricted = two_people
    _restrict(restricted, lead)
    assert list(Person.objects.filter(pk__in=restricted_person_ids())) == [restricted]
    assert list(exclude_restricted(Person.objects.all(), person_field="")) == [kept]
    assert {c.person for c in exclude_restricted(Concern.objects.all())} == {kept}
    assert {c.person for c in exclude_restricted(Concern.objects.all(), "enquiry__person")} == {
        kept
    }


def _exported(selection: Selection | None = None) -> str:
    buffer = io.BytesIO()
    export_zip(buffer, selection or Selection())
    archive = zipfile.ZipFile(buffer)
    return "".join(archive.read(name).decode() for name in archive.namelist())


def test_restricted_person_is_absent_from_the_export(two_people, lead):
    kept, restricted = two_people
    assert restricted.reference in _exported()
    _restrict(restricted, lead)
    text = _exported()
    assert kept.reference in text and restricted.reference not in text
    concern = Concern.objects.get(person=restricted)
    assert concern.reference not in text
    assert restricted.reference not in _exported(Selection(team_id=concern.team_id))


def _sg1f(result) -> int:
    return next(c["value"] for c in result.as_json()["tables"]["SG1f"] if c["column"] == "concerns")


def test_restricted_person_is_absent_from_the_return_and_the_measures(two_people, lead):
    _, restricted = two_people
    options = measures.Options(period=YEAR, scope=measures.COUNCIL)
    before = (_sg1f(build_return(YEAR)), measures.board_figures(YEAR).concerns["concerns"],
              measures.concluded_counts(options)[None]["concluded"])  # fmt: skip
    assert before == (2, 2, 2)
    _restrict(restricted, lead)
    after = (_sg1f(build_return(YEAR)), measures.board_figures(YEAR).concerns["concerns"],
             measures.concluded_counts(options)[None]["concluded"])  # fmt: skip
    assert after == (1, 1, 1)
