"""Drift reminders through a stand-in GOV.UK Notify: who is told, what the emails say (and do
not say), and what happens without configuration or when Notify fails."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from msp.accounts.models import Role
from msp.core.dates import today
from msp.operations import reminders
from msp.operations.models import JobRun
from tests.factories import ConversationFactory, EnquiryFactory, PersonFactory, UserFactory
from tests.support.notify import NotifyStandIn

pytestmark = pytest.mark.django_db


@pytest.fixture
def notify(settings):
    with NotifyStandIn() as stand_in:
        settings.NOTIFY_API_KEY = stand_in.api_key
        settings.NOTIFY_BASE_URL = stand_in.base_url
        settings.NOTIFY_PRACTITIONER_TEMPLATE_ID = "11111111-1111-1111-1111-111111111111"
        settings.NOTIFY_MANAGER_TEMPLATE_ID = "22222222-2222-2222-2222-222222222222"
        settings.SERVICE_URL = "https://msp.council.example"
        yield stand_in


@pytest.fixture
def drifting(team, practitioner, manager):
    """Three open enquiries led by the practitioner: one without a start conversation, one with
    nothing for 60 days, one on track; and a closed one."""
    person = PersonFactory(team=team, first_name="Philomena", last_name="Quartermaine")
    no_start = EnquiryFactory(
        concern__person=person, lead=practitioner, concern__received_date=today() - timedelta(10)
    )
    stale = EnquiryFactory(
        concern__person=person, lead=practitioner, concern__received_date=today() - timedelta(90)
    )
    ConversationFactory(enquiry=stale, held_on=today() - timedelta(60))
    on_track = EnquiryFactory(
        concern__person=person, lead=practitioner, concern__received_date=today() - timedelta(5)
    )
    ConversationFactory(enquiry=on_track, held_on=today() - timedelta(1))
    return {"no_start": no_start, "stale": stale, "on_track": on_track}


def test_practitioners_and_managers_are_told_about_drift_without_personal_data(
    notify, drifting, practitioner, manager
):
    call_command("job", "drift-reminders")
    by_template = {email["template_id"]: email for email in notify.sent}
    assert len(notify.sent) == 2
    mine = by_template["11111111-1111-1111-1111-111111111111"]
    assert mine["email_address"] == practitioner.email
    assert mine["personalisation"]["count"] == 2
    lines = mine["personalisation"]["enquiries"]
    assert any(
        line.startswith(drifting["no_start"].concern.reference)
        and f"https://msp.council.example/enquiries/{drifting['no_start'].pk}/" in line
        and "no start conversation" in line
        for line in lines
    )
    assert any(
        drifting["stale"].concern.reference in line and "no recent conversation" in line
        for line in lines
    )
    assert not any(drifting["on_track"].concern.reference in line for line in lines)
    team_email = by_template["22222222-2222-2222-2222-222222222222"]
    assert team_email["email_address"] == manager.email
    assert team_email["personalisation"]["count"] == 2
    assert team_email["personalisation"]["link"].endswith("/enquiries/?view=team&drift=no_recent")
    sent = json.dumps(notify.sent)
    person = drifting["stale"].person
    for personal in (
        person.first_name,
        person.last_name,
        person.reference,
        str(person.date_of_birth),
    ):
        assert personal not in sent
    run = JobRun.objects.get(job="drift-reminders")
    assert run.succeeded and "2 emails sent" in run.summary


def test_a_practitioner_who_left_the_team_is_not_reminded(notify, drifting, practitioner, team):
    practitioner.teams.remove(team)
    emails, _ = reminders.drift_emails()
    assert [email.kind for email in emails] == ["manager"]


def test_without_configuration_the_job_says_what_is_missing(settings, drifting):
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_MANAGER_TEMPLATE_ID = ""
    with pytest.raises(CommandError) as raised:
        call_command("job", "drift-reminders")
    message = str(raised.value)
    assert "MSP_NOTIFY_API_KEY" in message and "MSP_NOTIFY_MANAGER_TEMPLATE_ID" in message
    assert "none were sent" in message
    run = JobRun.objects.get(job="drift-reminders")
    assert not run.succeeded and "MSP_NOTIFY_API_KEY" in run.summary


def test_a_refusal_from_notify_is_reported_and_the_rest_still_go(notify, drifting):
    notify.fail_next = 1
    with pytest.raises(CommandError) as raised:
        call_command("job", "drift-reminders")
    assert "1 emails sent, 1 failed" in str(raised.value)
    assert len(notify.sent) == 1


def test_a_wrong_api_key_is_refused_by_notify(notify, drifting, settings):
    settings.NOTIFY_API_KEY = f"msp_test-{notify.service_id}-00000000-0000-0000-0000-000000000000"
    with pytest.raises(CommandError):
        call_command("job", "drift-reminders")
    assert notify.sent == [] and notify.refused


def test_no_email_for_a_team_with_nothing_drifting(notify, team, practitioner):
    UserFactory(role=Role.TEAM_MANAGER, teams=[team])
    call_command("job", "drift-reminders")
    assert notify.sent == []
