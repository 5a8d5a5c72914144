"""Supervision notes (seen by the practitioner, their supervisors and leads only), named
supervisors, and MSP champions on the team and briefing pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from msp.audit.models import AuditEntry
from msp.core.dates import today
from msp.improvement.models import Champion, SupervisionNote
from msp.improvement.supervision import services
from tests.improvement.support import date_fields

pytestmark = pytest.mark.django_db


def note(manager, enquiry, words="We talked about what she wants"):
    return services.supervision_note_create(
        actor=manager,
        enquiry=enquiry,
        held_on=today(),
        reflection=words,
        agreed_actions="Visit again with an advocate",
    )


def test_the_team_manager_writes_supervision_with_the_practitioner(manager, practitioner, enquiry):
    saved = note(manager, enquiry)
    assert saved.practitioner == practitioner and saved.supervisor == manager
    assert AuditEntry.objects.filter(
        object_type="supervisionnote", object_id=str(saved.pk)
    ).exists()


def test_a_colleague_in_the_team_cannot_write_or_read_it(client, manager, colleague, enquiry):
    with pytest.raises(ValidationError):
        note(colleague, enquiry)
    saved = note(manager, enquiry)
    client.force_login(colleague)
    for url in (
        reverse("improvement:supervision_case", args=[enquiry.pk]),
        reverse("improvement:supervision_note", args=[saved.pk]),
        reverse("improvement:supervision_sessions", args=[enquiry.lead_id]),
        reverse("improvement:supervision_new", args=[enquiry.pk]),
    ):
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("enquiries:detail", args=[enquiry.pk])).content.decode()
    assert "We talked about what she wants" not in page
    assert reverse("improvement:supervision_case", args=[enquiry.pk]) not in page


def test_the_practitioner_their_manager_and_leads_read_it(
    client, manager, practitioner, lead, enquiry
):
    saved = note(manager, enquiry)
    for reader in (practitioner, manager, lead):
        client.force_login(reader)
        page = client.get(reverse("improvement:supervision_case", args=[enquiry.pk])).content
        assert b"We talked about what she wants" in page
        sessions = client.get(reverse("improvement:supervision_sessions", args=[practitioner.pk]))
        assert b"Visit again with an advocate" in sessions.content
        assert (
            client.get(reverse("improvement:supervision_note", args=[saved.pk])).status_code == 200
        )
    assert AuditEntry.objects.filter(detail="supervision notes viewed").count() == 3


def test_a_named_supervisor_from_another_team_supervises_too(
    client, lead, other_practitioner, practitioner, enquiry
):
    with pytest.raises(ValidationError):
        note(other_practitioner, enquiry)
    services.supervisor_name(actor=lead, practitioner=practitioner, supervisor=other_practitioner)
    # They still need to see the case: a supervisor outside the team cannot open it.
    from msp.accounts.models import Role
    from tests.factories import UserFactory

    senior = UserFactory(role=Role.TEAM_MANAGER, teams=[enquiry.team])
    services.supervisor_name(actor=lead, practitioner=practitioner, supervisor=senior)
    saved = note(senior, enquiry)
    assert saved.supervisor == senior


def test_every_problem_with_a_note_at_once(client, manager, enquiry):
    client.force_login(manager)
    page = client.post(reverse("improvement:supervision_new", args=[enquiry.pk]), {}).content
    page = page.decode()
    assert "Enter the date" in page and "Write what you reflected on together" in page
    assert SupervisionNote.objects.count() == 0
    response = client.post(
        reverse("improvement:supervision_new", args=[enquiry.pk]),
        {**date_fields("held_on", today()), "reflection": "Her wishes", "agreed_actions": ""},
    )
    assert response.status_code == 302 and SupervisionNote.objects.get().reflection == "Her wishes"


def test_only_leads_mark_champions_and_ending_keeps_the_row(lead, manager, practitioner, team):
    with pytest.raises(ValidationError):
        services.champion_mark(actor=manager, team=team, user=practitioner)
    champion = services.champion_mark(actor=lead, team=team, user=practitioner)
    with pytest.raises(ValidationError):
        services.champion_mark(actor=lead, team=team, user=practitioner)
    services.champion_end(actor=lead, champion=champion)
    champion.refresh_from_db()
    assert champion.ended_by == lead and Champion.objects.count() == 1


def test_champions_show_on_the_team_page_and_the_briefing(
    client, lead, practitioner, colleague, team, other_team, other_practitioner
):
    from msp.improvement.briefing import services as briefing

    briefing.briefing_save_draft(actor=lead, **briefing.starting_point())
    briefing.briefing_publish(actor=lead)
    client.force_login(lead)
    response = client.post(
        reverse("improvement:champion_mark", args=[team.pk]), {"user": str(practitioner.pk)}
    )
    assert response.status_code == 302
    services.champion_mark(actor=lead, team=other_team, user=other_practitioner)
    client.force_login(colleague)
    team_page = client.get(reverse("improvement:team", args=[team.pk])).content.decode()
    assert escape(practitioner) in team_page.split('data-testid="champions"')[1].split("</ul>")[0]
    assert "Mark as champion" not in team_page
    briefing_page = client.get(reverse("improvement:briefing")).content.decode()
    champions = briefing_page.split('data-testid="champions"')[1].split("</dl>")[0]
    assert escape(practitioner) in champions and escape(other_practitioner) not in champions
    assert client.get(reverse("improvement:team", args=[other_team.pk])).status_code == 404


def test_marking_someone_outside_the_team_is_refused_on_the_page(
    client, lead, team, other_practitioner
):
    client.force_login(lead)
    page = client.post(
        reverse("improvement:champion_mark", args=[team.pk]), {"user": str(other_practitioner.pk)}
    ).content.decode()
    assert "govuk-error-summary" in page and Champion.objects.count() == 0


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_lists_run_in_a_fixed_number_of_queries(
    client, lead, manager, practitioner, team, closed_cases
):
    north = closed_cases["north"]
    note(manager, north[0])
    client.force_login(lead)
    sessions = reverse("improvement:supervision_sessions", args=[practitioner.pk])
    teams = reverse("improvement:teams")
    team_page = reverse("improvement:team", args=[team.pk])
    before = [_queries(client, url) for url in (sessions, teams, team_page)]
    for enquiry in north[1:6]:
        note(manager, enquiry)
    from msp.accounts.models import Role
    from tests.factories import TeamFactory, UserFactory

    for index in range(3):
        extra = TeamFactory(name=f"Extra team {index}")
        services.champion_mark(
            actor=lead, team=extra, user=UserFactory(role=Role.PRACTITIONER, teams=[extra])
        )
        UserFactory(role=Role.PRACTITIONER, teams=[team])
    assert [_queries(client, url) for url in (sessions, teams, team_page)] == before
