"""A made-up next year (2027-28) that renames one code, retires another and adds a category:
the pages, the import, the return and its validation all follow it from the specification
alone, while last year's return and labels stay exactly as they were."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from msp import sac
from msp.concerns import services as concern_services
from msp.concerns.forms import AllegationForm
from msp.concerns.models import Allegation
from msp.core.periods import ReportingYear
from msp.facts import services as facts
from msp.interop.reading import open_paths
from msp.interop.validation import validate
from msp.returns import exports, publication
from msp.returns.build import build_return
from msp.sac.model import Changes, Code, ListChanges
from tests.factories import ConcernFactory, allegation_data, close_enquiry
from tests.interop.support import concern, file_set, person, risk, write_folder

pytestmark = pytest.mark.django_db

LAST = ReportingYear.parse("2026-27")
NEXT = ReportingYear.parse("2027-28")
RENAMED = "Domestic Abuse, including Coercive Control"
NEXT_YEAR = Changes(
    source="A made-up year for this test",
    lists={
        "type_of_risk": ListChanges(
            add=(Code("cuckooing", "Cuckooing"),), rename={"domestic": RENAMED}
        ),
        "location_of_risk": ListChanges(retire=("hospital_community",)),
    },
)


@pytest.fixture
def on(monkeypatch):
    """Move today to a given day (every "today" in the product asks timezone.localdate)."""

    def move(day: date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return move


def record(practitioner, received: date, end: date | None = None, **allegation):
    """A section 42 enquiry on a concern received that day, closed that month (or on `end`)."""
    from tests.factories import EnquiryFactory

    origin = ConcernFactory(
        person__team=practitioner.teams.get(),
        actor=practitioner,
        received_date=received,
        allegations=[allegation_data(**allegation)],
    )
    enquiry = EnquiryFactory(concern=origin, actor=practitioner, lead=practitioner)
    return close_enquiry(enquiry, actor=practitioner, end_date=end or received.replace(day=28))


def last_years_outputs():
    result = build_return(LAST)
    return (
        result.as_json(),
        [exports.table_grid(result, code) for code in result.tables],
        publication.rows(result),
    )


def test_a_made_up_next_year_is_followed_everywhere_and_last_year_is_untouched(
    practitioner, client, on, tmp_path
):
    on(date(2027, 1, 15))
    domestic = record(practitioner, date(2026, 11, 2), type_of_risk="domestic")
    community = record(practitioner, date(2026, 12, 1), location_of_risk="hospital_community")
    before = last_years_outputs()
    assert "Domestic Abuse" in dict(sac.spec_for(LAST).rows("SG2a")).values()

    with sac.adding_year(NEXT.label, NEXT_YEAR) as spec:
        on(date(2027, 6, 20))
        assert spec.year == "2027-28" and sac.spec_on().year == "2027-28"
        assert last_years_outputs() == before

        # Pages: the form offers the new year's list, with its new label and category.
        choices = dict(AllegationForm().fields["type_of_risk"].choices)
        assert choices["domestic"] == RENAMED and choices["cuckooing"] == "Cuckooing"
        assert "hospital_community" not in dict(AllegationForm().fields["location_of_risk"].choices)

        # Services: the retired code is refused for a concern of the new year, but a concern
        # received last year (recorded late) still takes last year's list.
        with pytest.raises(ValidationError) as refused:
            record(practitioner, date(2027, 5, 1), location_of_risk="hospital_community")
        assert "not in use in 2027-28" in str(refused.value)
        cuckooing = record(practitioner, date(2027, 5, 2), type_of_risk="cuckooing")
        renamed = record(practitioner, date(2027, 5, 3), type_of_risk="domestic")
        with pytest.raises(ValidationError, match="not in use in 2026-27"):
            concern_services.allegation_add(
                actor=practitioner,
                concern=domestic.concern,
                **allegation_data(type_of_risk="cuckooing"),
            )

        # The page adding an allegation to last year's concern offers last year's list.
        client.force_login(practitioner)
        adding = client.get(f"/concerns/{domestic.concern.reference}/allegations/new/")
        assert "Cuckooing" not in adding.content.decode()
        assert 'value="hospital_community"' in adding.content.decode()
        assert (
            'value="hospital_community"'
            not in (
                client.get(f"/concerns/{cuckooing.concern.reference}/allegations/new/")
            ).content.decode()
        )

        # Import: the same rules, by each row's own year; old and new labels both read.
        files = file_set(
            people=[person("P1"), person("P2")],
            concerns=[
                concern("C1", "P1", received_date="2027-05-01", enquiry_start_date="2027-05-02",
                        enquiry_end_date="2027-06-01"),
                concern("C2", "P2", received_date="2026-05-01", enquiry_start_date="2026-05-02",
                        enquiry_end_date="2026-06-01"),
            ],
            risks=[
                risk("C1", type_of_risk=RENAMED, location_of_risk="hospital_community"),
                risk("C1", type_of_risk="Cuckooing"),
                risk("C2", type_of_risk="cuckooing"),
                risk("C2", type_of_risk="Domestic Abuse", location_of_risk="hospital_community"),
            ],
        )  # fmt: skip
        problems = validate(open_paths([write_folder(tmp_path / "files", files)])).problems
        assert {(p.row, p.column, p.expected.split(":")[0]) for p in problems} == {
            (2, "location_of_risk", "hospital_community was not in use in 2027-28"),
            (4, "type_of_risk", "cuckooing was not in use in 2026-27"),
        }

        # The return of the new year has the new category, the new label and no retired row;
        # a record of the new year holding the retired code is named by validation.
        result = build_return(NEXT)
        sg2a = dict(((c.row, c.column), c.value) for c in result.tables["SG2a"])
        assert sg2a[("cuckooing", "other_known")] == 1 and sg2a[("domestic", "other_known")] == 1
        assert "hospital_community" not in {c.row for c in result.tables["SG2b"]}
        grid = exports.table_grid(result, "SG2a")
        assert RENAMED in [label for label, _ in grid["rows"]]
        assert result.errors == []
        Allegation.objects.filter(concern=cuckooing.concern).update(
            location_of_risk="hospital_community"
        )
        facts.case_refresh(concern_ids=[cuckooing.concern_id])
        (unlisted,) = [f for f in build_return(NEXT).errors if f.rule == "DQ-UNLISTED-CODE"]
        assert unlisted.links[0].href == f"/enquiries/{cuckooing.pk}/" and unlisted.total == 1

        # Past records keep their codes and show the label of their own year.
        assert sac.label("type_of_risk", "domestic", on=domestic.concern.received_date) == (
            "Domestic Abuse"
        )
        assert sac.label("type_of_risk", "domestic", on=renamed.concern.received_date) == RENAMED
        assert sac.label("location_of_risk", "hospital_community") == "Hospital - Community"
        client.force_login(practitioner)
        old_page = client.get(f"/concerns/{domestic.concern.reference}/").content.decode()
        new_page = client.get(f"/concerns/{renamed.concern.reference}/").content.decode()
        assert "Domestic Abuse<" in old_page and RENAMED not in old_page
        assert RENAMED in new_page
        assert (
            "Hospital - Community"
            in client.get(f"/concerns/{community.concern.reference}/").content.decode()
        )

        # Last year's return is exactly as it was, labels and all.
        assert last_years_outputs() == before

        # A concern received last year but recorded now still takes last year's list.
        late = record(
            practitioner, date(2027, 3, 1), end=date(2027, 4, 10),
            location_of_risk="hospital_community",
        )  # fmt: skip
        assert late.concern.allegations.get().location_of_risk == "hospital_community"

    assert sac.spec_on(date(2027, 6, 20)).year == "2026-27"  # the draft year is gone again


def test_the_measures_count_what_a_years_codes_mean(practitioner, on):
    """A made-up year adds a risk outcome and says it counts as "reduced or removed": the
    closing takes it, the measures follow the year's groups, and last year's figure stays."""
    from msp.reporting import measures
    from msp.sac.model import CodeGroup
    from tests.factories import EnquiryFactory

    def closed(received: date, risk_outcome: str):
        origin = ConcernFactory(
            person__team=practitioner.teams.get(),
            actor=practitioner,
            received_date=received,
            allegations=[allegation_data()],
        )
        enquiry = EnquiryFactory(concern=origin, actor=practitioner, lead=practitioner)
        return close_enquiry(
            enquiry, actor=practitioner, end_date=received.replace(day=28),
            risk_outcome=risk_outcome,
        )  # fmt: skip

    def reduced_or_removed(year):
        options = measures.Options(period=year, scope=measures.COUNCIL)
        return measures.concluded_counts(options)[None]["risk_reduced_removed"]

    on(date(2027, 1, 15))
    closed(date(2026, 11, 2), "removed")
    closed(date(2026, 11, 3), "remained")
    mitigated = Changes(
        source="A made-up year for this test",
        lists={"risk_outcome": ListChanges(add=(Code("mitigated", "Risk mitigated"),))},
        groups=(
            CodeGroup(
                "risk_reduced_or_removed",
                "risk_outcome",
                frozenset({"reduced", "removed", "mitigated"}),
            ),
        ),
    )
    with sac.adding_year(NEXT.label, mitigated) as spec:
        on(date(2027, 6, 20))
        assert closed(date(2027, 5, 2), "mitigated").risk_outcome == "mitigated"
        closed(date(2027, 5, 3), "remained")
        assert reduced_or_removed(NEXT) == 1
        assert reduced_or_removed(LAST) == 1
        # A group naming a code its list does not hold is refused when the year is read.
        wrong = Changes(
            source="test",
            groups=(CodeGroup("risk_reduced_or_removed", "risk_outcome", frozenset({"gone"})),),
        )
        with pytest.raises(ValueError, match="not on risk_outcome"):
            wrong.apply(spec, "2028-29")


def test_a_new_concern_received_last_year_takes_last_years_lists(practitioner, client, on):
    """The received date is typed on the same page as the risk: once sent, the page offers that
    year's lists, and a choice made from another year's list that differs is not saved."""
    from msp.concerns.models import Concern
    from tests.factories import PersonFactory

    person = PersonFactory(team=practitioner.teams.get())
    client.force_login(practitioner)
    url = f"/concerns/new/{person.reference}/"

    def send(received: date, lists_year: str, **risk):
        return client.post(
            url,
            {
                "received_date_0": received.day,
                "received_date_1": received.month,
                "received_date_2": received.year,
                "raised_by_relationship": "police",
                "what_reported": "Bruising noticed at the day centre",
                "type_of_risk": "physical",
                "location_of_risk": "own_home",
                "source_of_risk": "other_known",
                "team": practitioner.teams.get().pk,
                "lists_year": lists_year,
                **risk,
            },
        )

    with sac.adding_year(NEXT.label, NEXT_YEAR):
        on(date(2027, 6, 20))
        first = client.get(url).content.decode()
        assert 'value="hospital_community"' not in first and "Cuckooing" in first
        assert 'name="lists_year" value="2027-28"' in first

        # Chosen from this year's lists for a concern received last year: shown again, with
        # last year's lists and a message saying why; nothing is saved.
        again = send(date(2027, 3, 1), "2027-28").content.decode()
        assert "Check the type of risk, where it is and its source" in again
        assert "those of 2026-27" in again and 'value="hospital_community"' in again
        assert "Cuckooing" not in again and 'name="lists_year" value="2026-27"' in again
        assert not Concern.objects.exists()

        # A category that did not exist last year is named as such.
        wrong = send(date(2027, 3, 1), "2026-27", type_of_risk="cuckooing").content.decode()
        assert "Choose a type of risk from the 2026-27 list" in wrong
        assert not Concern.objects.exists()

        # From last year's lists, a code retired since is taken.
        saved = send(date(2027, 3, 1), "2026-27", location_of_risk="hospital_community")
        assert saved.status_code == 302
        assert Concern.objects.get().allegations.get().location_of_risk == "hospital_community"

        # A concern of this year from this year's lists saves first time.
        assert send(date(2027, 6, 1), "2027-28").status_code == 302


def test_the_caseload_names_each_risk_as_the_concerns_year_did(practitioner, client, on):
    on(date(2027, 1, 15))
    record(practitioner, date(2026, 11, 2), type_of_risk="domestic")
    with sac.adding_year(NEXT.label, NEXT_YEAR):
        on(date(2027, 6, 20))
        record(practitioner, date(2027, 5, 3), type_of_risk="domestic")
        client.force_login(practitioner)
        page = client.get("/enquiries/", {"status": "closed"}).content.decode()
    cell = '<td class="govuk-table__cell">{}</td>'
    assert cell.format("Domestic Abuse") in page  # received in 2026-27
    assert cell.format(RENAMED) in page  # received in 2027-28
