"""Every edit of configuration in the admin (practice lists, council settings, teams, the
retention schedule) keeps a history row by the administrator and an audit entry with the old
and new values; nothing is deleted there."""

import pytest

from msp.accounts.models import Team
from msp.audit.models import AuditEntry
from msp.core.models import council_settings
from msp.privacy.models import retention_schedule
from msp.reference.models import ReferenceItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, administrator):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    return client


def changed(obj):
    return AuditEntry.objects.filter(
        object_type=obj._meta.model_name, object_id=str(obj.pk)
    ).latest("sequence")


def test_a_practice_list_entry_retired_in_the_admin(admin_client, administrator):
    item = ReferenceItem.objects.get(list_code="responses", code="mediation")
    response = admin_client.post(
        f"/admin/reference/referenceitem/{item.pk}/change/",
        {
            "list_code": item.list_code,
            "code": item.code,
            "label": item.label,
            "sort_order": item.sort_order,
            "active_from": "2015-04-01",
            "active_to": "2026-03-31",
            "extra": "{}",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    entry = changed(item)
    assert entry.actor == administrator
    assert entry.changes["active_to"] == [None, "2026-03-31"]
    assert item.history.latest().history_user == administrator
    assert admin_client.get(f"/admin/reference/referenceitem/{item.pk}/delete/").status_code == 403


def test_council_settings_team_and_retention_schedule(admin_client, administrator, team):
    settings = council_settings()
    response = admin_client.post(
        f"/admin/core/councilsettings/{settings.pk}/change/",
        {
            "drift_days": 15,
            "financial_year_start_month": 4,
            "report_name": "Demo Borough Council",
            "cassr_code": "202",
            "ons_code": "E09000007",
            "region_code": "E12000007",
            "region_name": "London",
            "council_type": "London Borough",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    entry = changed(settings)
    assert entry.changes["drift_days"] == [20, 15] and entry.changes["cassr_code"] == ["", "202"]
    assert settings.history.latest().history_user == administrator

    response = admin_client.post(
        f"/admin/accounts/team/{team.pk}/change/", {"name": team.name, "active": ""}
    )
    assert response.status_code == 302
    assert changed(team).changes["active"] == [True, False]
    assert Team.history.filter(id=team.pk).latest().history_user == administrator
    assert admin_client.get(f"/admin/accounts/team/{team.pk}/delete/").status_code == 403

    schedule = retention_schedule()
    response = admin_client.post(
        f"/admin/privacy/retentionschedule/{schedule.pk}/change/",
        {"years_after_enquiry_closed": 8, "years_after_concern_without_enquiry": 2},
    )
    assert response.status_code == 302
    assert changed(schedule).changes["years_after_enquiry_closed"] == [7, 8]
    assert schedule.history.latest().history_user == administrator
