from datetime import date, timedelta

import pytest
from django.db import connection, transaction

from msp.core.dates import today
from msp.core.models import council_settings
from msp.enquiries import selectors
from tests.factories import (
    ConversationFactory,
    EnquiryFactory,
    PersonFactory,
    UserFactory,
    allegation_data,
    close_enquiry,
    days_ago,
)

pytestmark = pytest.mark.django_db


def rows(user, **filters):
    found, _ = selectors.caseload(user, **filters)
    return {enquiry.pk: drift for enquiry, drift, _age in found}


def open_enquiry(team, actor, **kwargs):
    return EnquiryFactory(concern__person__team=team, actor=actor, **kwargs)


def test_visibility_follows_the_team(
    practitioner, other_practitioner, lead, board_member, team, other_team
):
    ours = open_enquiry(team, practitioner)
    theirs = open_enquiry(other_team, other_practitioner)
    assert set(selectors.enquiries_visible_to(practitioner)) == {ours}
    assert set(selectors.enquiries_visible_to(lead)) == {ours, theirs}
    assert not selectors.enquiries_visible_to(board_member).exists()


def test_no_start_conversation_is_flagged_until_one_is_recorded(practitioner, team):
    enquiry = open_enquiry(team, practitioner)
    ConversationFactory(enquiry=enquiry, actor=practitioner, stage="during", held_on=today())
    assert rows(practitioner)[enquiry.pk].no_start
    assert rows(practitioner)[enquiry.pk].labels == ["No start conversation"]
    ConversationFactory(enquiry=enquiry, actor=practitioner, stage="start", held_on=today())
    assert not rows(practitioner)[enquiry.pk].any


def test_no_recent_conversation_uses_the_councils_drift_days(practitioner, team):
    drift_days = council_settings().drift_days
    # Started well before the drift window; the last conversation exactly on its edge.
    enquiry = open_enquiry(team, practitioner, decision_date=days_ago(drift_days + 10))
    ConversationFactory(enquiry=enquiry, actor=practitioner, held_on=days_ago(drift_days))
    assert not rows(practitioner)[enquiry.pk].no_recent
    assert enquiry.pk not in rows(practitioner, drift="no_recent")
    ConversationFactory(
        enquiry=enquiry, actor=practitioner, stage="during", held_on=days_ago(drift_days + 5)
    )
    assert not rows(practitioner)[enquiry.pk].no_recent  # the latest conversation counts

    stale = open_enquiry(team, practitioner, decision_date=days_ago(drift_days + 10))
    ConversationFactory(enquiry=stale, actor=practitioner, held_on=days_ago(drift_days + 1))
    assert rows(practitioner)[stale.pk].no_recent
    assert set(rows(practitioner, drift="no_recent")) == {stale.pk}

    settings = council_settings()
    settings.drift_days = drift_days + 1
    settings.save()
    assert not rows(practitioner)[stale.pk].no_recent
    assert rows(practitioner, drift="no_recent") == {}


def test_an_enquiry_with_no_conversation_drifts_from_its_start_date(practitioner, team):
    drift_days = council_settings().drift_days
    new = open_enquiry(team, practitioner, decision_date=today())
    old = open_enquiry(team, practitioner, decision_date=days_ago(drift_days + 1))
    found = rows(practitioner)
    assert not found[new.pk].no_recent and found[old.pk].no_recent
    assert set(rows(practitioner, drift="no_recent")) == {old.pk}
    assert set(rows(practitioner, drift="no_start")) == {new.pk, old.pk}


def test_closed_without_an_end_conversation(practitioner, team):
    asked = open_enquiry(team, practitioner)
    ConversationFactory(enquiry=asked, actor=practitioner, stage="end", held_on=today())
    close_enquiry(asked, actor=practitioner)
    not_asked = open_enquiry(team, practitioner)
    ConversationFactory(enquiry=not_asked, actor=practitioner)
    close_enquiry(not_asked, actor=practitioner)
    still_open = open_enquiry(team, practitioner)

    closed = rows(practitioner, status="closed")
    assert set(closed) == {asked.pk, not_asked.pk}
    assert closed[not_asked.pk].closed_without_end and closed[not_asked.pk].labels == [
        "Closed without asking"
    ]
    assert not closed[asked.pk].any
    assert not closed[asked.pk].no_start  # closed enquiries are not flagged for the start
    assert set(rows(practitioner, status="closed", drift="closed_without_end")) == {not_asked.pk}
    assert set(rows(practitioner)) == {still_open.pk}


def test_filters(practitioner, manager, lead, team, other_team, other_practitioner):
    colleague = UserFactory(teams=[team])
    mine = open_enquiry(team, practitioner, lead=practitioner)
    theirs = open_enquiry(
        team,
        practitioner,
        lead=colleague,
        concern__allegations=[allegation_data(type_of_risk="physical")],
        concern__person=PersonFactory(
            team=team, date_of_birth=today() - timedelta(days=70 * 365 + 30)
        ),
    )
    elsewhere = open_enquiry(other_team, other_practitioner)
    assert set(rows(practitioner, mine=True)) == {mine.pk}
    assert set(rows(manager, lead_id=colleague.pk)) == {theirs.pk}
    assert set(rows(lead, team_id=other_team.pk)) == {elsewhere.pk}
    assert set(rows(lead, type_of_risk="physical")) == {theirs.pk}
    assert theirs.pk in rows(lead, age_band="65_74")
    assert theirs.pk not in rows(lead, age_band="75_84")
    assert set(rows(lead, age_band="no-such-band")) == {mine.pk, theirs.pk, elsewhere.pk}


def test_sorting_and_days_open(practitioner, team):
    older = open_enquiry(team, practitioner, decision_date=days_ago(30))
    newer = open_enquiry(team, practitioner, decision_date=days_ago(5))
    ConversationFactory(enquiry=newer, actor=practitioner, held_on=days_ago(4))
    found, drift_days = selectors.caseload(practitioner, sort="-opened")
    assert [(e.pk, age) for e, _, age in found] == [(newer.pk, 5), (older.pk, 30)]
    assert drift_days == council_settings().drift_days
    by_last, _ = selectors.caseload(practitioner, sort="last_conversation")
    assert [e.pk for e, _, _ in by_last] == [older.pk, newer.pk]  # never spoken to comes first


@pytest.mark.parametrize(
    ("on", "band", "born", "inside"),
    [
        (date(2026, 6, 15), "18_64", date(2008, 6, 15), True),  # 18 today
        (date(2026, 6, 15), "18_64", date(2008, 6, 16), False),  # 18 tomorrow
        (date(2026, 6, 15), "18_64", date(1961, 6, 16), True),  # 64, 65 tomorrow
        (date(2026, 6, 15), "18_64", date(1961, 6, 15), False),  # 65 today
        (date(2028, 2, 29), "18_64", date(2010, 2, 28), True),  # a leap day
        (date(2028, 2, 29), "18_64", date(2010, 3, 1), False),
        (date(2028, 2, 29), "65_74", date(1963, 2, 28), True),
        (date(2028, 2, 29), "18_64", date(1963, 3, 1), True),
    ],
)
def test_age_bands(practitioner, team, on, band, born, inside):
    enquiry = open_enquiry(
        team, practitioner, concern__person=PersonFactory(team=team, date_of_birth=born)
    )
    qs = selectors._filter_age_band(selectors.enquiries_visible_to(practitioner), band, on)
    assert (enquiry in qs) is inside


def test_enquiry_page_in_a_fixed_number_of_queries(
    practitioner, team, django_assert_max_num_queries
):
    enquiry = open_enquiry(team, practitioner)
    ConversationFactory(
        enquiry=enquiry,
        actor=practitioner,
        new_outcomes=[
            {"words": "I want to feel safe", "expressed_by": "person"},
            {"words": "I want my cat back", "expressed_by": "person"},
        ],
    )
    with django_assert_max_num_queries(12):
        page = selectors.enquiry_page(enquiry)
        [list(o.events.all()) for o in page["outcomes"]]
    assert len(page["outcomes"]) == 2 and len(page["conversations"]) == 1


def test_drift_counted_in_the_database_agrees_with_each_enquirys_flags(practitioner, team):
    from tests.factories import close_enquiry

    fresh = open_enquiry(team, practitioner)  # started 58 days ago, no conversation
    talked = open_enquiry(team, practitioner)
    ConversationFactory(enquiry=talked, actor=practitioner, held_on=today() - timedelta(days=2))
    closed = open_enquiry(team, practitioner)
    close_enquiry(closed, actor=practitioner)
    enquiries = selectors.enquiries_visible_to(practitioner)
    counts = selectors.drift_counts(enquiries)
    drift_days = council_settings().drift_days
    flags = {e.pk: selectors.drift_of(e, drift_days) for e in selectors.with_drift(enquiries)}
    assert counts["open"] == 2 and counts["closed"] == 1
    for flag in selectors.DRIFT_FILTERS:
        by_row = {pk for pk, drift in flags.items() if getattr(drift, flag)}
        assert set(selectors.drifting(enquiries, flag).values_list("pk", flat=True)) == by_row
        assert counts[flag] == len(by_row), flag
    assert fresh.pk in {e.pk for e in selectors.drifting(enquiries, "no_start")}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_caseloads_first_page_is_read_from_the_open_enquiries_indexes(
    practitioner, manager, team
):
    """The first 50 open enquiries, oldest first, come from an index of open enquiries by team
    or lead and start date, rather than a walk through every enquiry by start date (a team's
    first page took 38 ms of PostgreSQL's time at council scale; docs/performance.md)."""
    for _ in range(3):
        open_enquiry(team, practitioner, lead=practitioner)
    with transaction.atomic(), connection.cursor() as cursor:
        # As on a council-sized table, where reading every row would cost more.
        cursor.execute("SET LOCAL enable_seqscan = off")
        team_plan = selectors.caseload_ids(manager)[:50].explain()
        own_plan = selectors.caseload_ids(practitioner, mine=True)[:50].explain()
    assert "enquiry_open_team_start" in team_plan, team_plan
    assert "enquiry_open_lead_start" in own_plan or "enquiry_open_team_start" in own_plan, own_plan
