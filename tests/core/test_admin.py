"""The council's settings in the administration pages: the adult population by year and the
region, each change kept in the history and the audit trail."""

import pytest

from msp.audit.models import Action, AuditEntry
from msp.core.models import AdultPopulation, CouncilSettings, Region
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    from msp.accounts.models import Role

    return UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_an_administrator_sets_the_adult_population_with_history_and_audit(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/core/adultpopulation/add/",
        {"year": "2025-26", "adults": "251000", "source": "ONS mid-2024 estimates"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = AdultPopulation.objects.get()
    assert record.adults == 251_000
    entry = AuditEntry.objects.filter(object_type="adultpopulation").get()
    assert entry.action == Action.CREATE and entry.actor == superuser
    client.post(
        f"/admin/core/adultpopulation/{record.pk}/change/",
        {"year": "2025-26", "adults": "252500", "source": "ONS mid-2024 estimates, revised"},
    )
    change = AuditEntry.objects.filter(object_type="adultpopulation").latest("sequence")
    assert change.action == Action.CHANGE and change.changes["adults"] == [251_000, 252_500]
    assert [h.adults for h in record.history.order_by("history_date")] == [251_000, 252_500]
    assert {h.history_user for h in record.history.all()} == {superuser}
    assert client.get(f"/admin/core/adultpopulation/{record.pk}/history/").status_code == 200
    # A year's figure is corrected, never deleted.
    assert client.get(f"/admin/core/adultpopulation/{record.pk}/delete/").status_code == 403


def test_the_region_is_a_council_setting_and_its_change_is_audited(client, superuser):
    settings_row = CouncilSettings.objects.create(pk=1)
    client.force_login(superuser)
    response = client.post(
        f"/admin/core/councilsettings/{settings_row.pk}/change/",
        {
            "drift_days": "20",
            "financial_year_start_month": "4",
            "report_name": "",
            "region_code": Region.LONDON,
        },
    )
    assert response.status_code == 302
    assert CouncilSettings.objects.get().region_code == Region.LONDON
    entry = AuditEntry.objects.filter(object_type="councilsettings").get()
    assert entry.changes["region_code"] == ["", Region.LONDON]


def test_staff_without_the_administrator_role_cannot_open_them(client, lead):
    client.force_login(lead)
    response = client.get("/admin/core/adultpopulation/")
    assert response.status_code == 302 and "/admin/login/" in response.url
