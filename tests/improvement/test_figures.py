"""A project's figures: read through the reporting selectors, equal to counting the same cases by
hand, and bounded in queries."""

from datetime import date

import pytest

from msp.core.models import council_settings
from msp.enquiries.models import ClosingReview, Conversation, Stage
from msp.improvement.projects import figures, selectors
from msp.reporting.disclosure import Presenter

pytestmark = pytest.mark.django_db


def independent(enquiries) -> dict[str, int]:
    """The figures counted the long way: one case at a time, in Python, from the records."""
    enquiries = [e for e in enquiries if not e.person.processing_restricted]
    concluded = [e for e in enquiries if e.end_date]

    def has(e, stage):
        return Conversation.objects.filter(
            enquiry=e, stage=stage, archived_at__isnull=True
        ).exists()

    def asked_at_end(e):
        # An end conversation, or a closing review saying who gave their view (docs/measures.md).
        review = ClosingReview.objects.filter(enquiry=e, archived_at__isnull=True).first()
        return has(e, Stage.END) or (review is not None and review.experience_answered_by != "")

    long_open = [e for e in concluded if (e.end_date - e.start_date).days > 20]
    defined = [e for e in concluded if e.sac_asked_outcomes == "asked_expressed"]
    direct = [e for e in defined if e.outcomes.filter(expressed_by="person").exists()]
    rating = {e.pk: e.sac_outcomes_achieved for e in defined}
    listened = [
        e.closing_review.experience.filter(
            topic="felt_listened_to", archived_at__isnull=True
        ).first()
        for e in concluded
        if hasattr(e, "closing_review")
    ]
    open_ = [e for e in enquiries if not e.end_date]
    return {
        "started.started": len(enquiries),
        "started.with_start": sum(1 for e in enquiries if has(e, Stage.START)),
        "concluded.concluded": len(concluded),
        "concluded.long_open": len(long_open),
        "concluded.long_open_with_during": sum(1 for e in long_open if has(e, Stage.DURING)),
        "concluded.with_end": sum(1 for e in concluded if asked_at_end(e)),
        "concluded.defined": len(defined),
        "concluded.defined_direct": len(direct),
        "concluded.defined_via": len(defined) - len(direct),
        "concluded.fully": sum(1 for r in rating.values() if r == "fully"),
        "concluded.partially": sum(1 for r in rating.values() if r == "partially"),
        "concluded.not_met": sum(1 for r in rating.values() if r == "not"),
        "experience.felt_listened_to.yes": sum(1 for r in listened if r and r.answer == "yes"),
        "experience.felt_listened_to.answered": sum(1 for r in listened if r),
        "drift.open": len(open_),
        "drift.closed": len(concluded),
        "drift.no_start": sum(1 for e in open_ if not has(e, Stage.START)),
    }


def test_the_project_holds_its_scope_plus_additions_less_exclusions(pilot, cases):
    held = set(selectors.project_cases(pilot).values_list("pk", flat=True))
    expected = {cases[k].pk for k in "abcdei"}
    assert held == expected  # restricted I is held but never counted (below)
    assert set(selectors.baseline_cases(pilot).values_list("pk", flat=True)) == {cases["h"].pk}


def test_figures_equal_an_independent_count_over_the_same_cases(pilot, cases):
    counted = figures.live(selectors.project_cases(pilot), selectors.baseline_cases(pilot))
    for which, enquiries in (
        ("project", [cases[k] for k in "abcdei"]),
        ("baseline", [cases["h"]]),
    ):
        for e in enquiries:
            e.refresh_from_db()
        by_hand = independent(enquiries)
        for key, value in by_hand.items():
            assert counted[which].get(key, 0) == value, (which, key)


def test_figures_worked_out_on_paper(pilot, cases):
    project = figures.live(selectors.project_cases(pilot), selectors.baseline_cases(pilot))[
        "project"
    ]
    assert project["started.started"] == 5  # A B C D E (F left out, G too late, I restricted)
    assert project["started.with_start"] == 3  # A D E
    assert project["concluded.concluded"] == 3  # A B E
    assert project["concluded.long_open"] == 1 and project["concluded.long_open_with_during"] == 1
    assert project["concluded.with_end"] == 3  # A B (their reviews say who answered), E
    assert project["concluded.defined"] == 3 and project["concluded.defined_direct"] == 2
    assert (project["concluded.fully"], project["concluded.partially"]) == (1, 1)
    assert project["concluded.not_met"] == 1
    assert project["experience.felt_listened_to.yes"] == 1
    assert project["experience.felt_listened_to.answered"] == 2
    assert (project["drift.open"], project["drift.no_start"]) == (2, 1)  # C D; C


def test_other_enquiries_can_be_left_out_of_the_scope(pilot, cases, lead):
    from msp.improvement.projects import services

    services.project_update(actor=lead, project=pilot, include_other=False)
    pilot.refresh_from_db()
    held = set(selectors.project_cases(pilot).values_list("pk", flat=True))
    assert cases["d"].pk not in held and cases["a"].pk in held


def test_scope_by_area_client_group_and_type_of_risk(lead, team, other_team, practitioner):
    from msp.improvement.projects import services
    from tests.factories import PersonFactory, allegation_data
    from tests.reporting.conftest import make_enquiry

    team.area = "North"
    team.save()
    learning = PersonFactory(
        team=team, actor=practitioner, primary_support_reason="learning_disability"
    )
    physical = PersonFactory(team=team, actor=practitioner, primary_support_reason="physical")
    day = date(2025, 9, 10)
    wanted = make_enquiry(
        learning,
        actor=practitioner,
        start=day,
        allegations=[allegation_data(type_of_risk="psychological")],
    )
    make_enquiry(learning, actor=practitioner, start=day)  # financial: wrong type of risk
    make_enquiry(
        physical,
        actor=practitioner,
        start=day,
        allegations=[allegation_data(type_of_risk="psychological")],
    )
    project = services.project_create(
        actor=lead,
        name="Learning disability pilot",
        lead=lead,
        start_date=date(2025, 9, 1),
        areas=["North"],
        client_groups=["learning_disability"],
        types_of_risk=["psychological"],
        review_dates=[date(2025, 12, 1)],
    )
    assert list(selectors.project_cases(project)) == [wanted]
    assert selectors.source_team_ids(project) == {team.pk}


def test_cases_behind_each_figure_are_the_ones_it_counts(pilot, cases):
    counted = figures.live(selectors.project_cases(pilot), selectors.baseline_cases(pilot))
    for item in figures.catalogue():
        behind = figures.cases_behind(selectors.project_cases(pilot), item.key)
        assert behind.count() == counted["project"].get(item.num, 0), item.key
    with_start = figures.cases_behind(selectors.project_cases(pilot), "with_start")
    assert set(with_start) == {cases["a"], cases["d"], cases["e"]}
    drifting = figures.cases_behind(selectors.project_cases(pilot), "no_start")
    assert list(drifting) == [cases["c"]]
    # B's only outcome was said by a representative: the difference of two counts, listed.
    via = figures.cases_behind(selectors.project_cases(pilot), "defined_via")
    assert list(via) == [cases["b"]]


def test_rows_suppress_small_numbers_for_the_board(pilot, cases):
    counted = figures.live(selectors.project_cases(pilot), selectors.baseline_cases(pilot))
    rows = {r.figure.key: r for r in figures.rows(counted, Presenter(suppress=True))}
    assert rows["cases"].cells[0].count == 5  # 5 is shown, rounded to the nearest 5
    cell = rows["with_start"].cells[0]
    assert (cell.count, cell.share, cell.raw) == ("[c]", "[c]", 3)
    exact = {r.figure.key: r for r in figures.rows(counted, Presenter(suppress=False))}
    assert exact["with_start"].cells[0].count == 3 and exact["with_start"].cells[0].share == 60.0


def test_live_figures_in_a_fixed_number_of_queries(pilot, cases, django_assert_max_num_queries):
    # Per set of cases: started, concluded, experience, drift and the drift threshold twice;
    # the same whatever the number of cases.
    council_settings()
    with django_assert_max_num_queries(13):
        figures.live(selectors.project_cases(pilot), selectors.baseline_cases(pilot))


def test_listed_cases_in_a_fixed_number_of_queries(
    pilot, cases, lead, django_assert_max_num_queries
):
    council_settings()
    with django_assert_max_num_queries(4):
        rows = list(selectors.listed_cases(lead, pilot, "project", "cases"))
        [(e.person.full_name, e.team.name, e.concern.reference, e.lead) for e in rows]
    assert len(rows) == 5
