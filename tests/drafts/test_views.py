import pytest
from django.utils import timezone

from msp.audit.models import AuditEntry
from msp.drafts.models import Draft
from msp.drafts.services import draft_keep

pytestmark = pytest.mark.django_db


def _draft(user, path="/people/P1/change/"):
    return draft_keep(user=user, path=path, form_data={"first_name": ["Margret"]})


def test_only_the_owner_sees_or_chooses_a_draft(client, practitioner, other_practitioner):
    draft = _draft(practitioner)
    client.force_login(other_practitioner)
    page = client.get("/session/unsaved/")
    assert page.status_code == 302  # nothing of theirs waiting
    assert client.post(f"/session/unsaved/{draft.pk}/", {"choice": "restore"}).status_code == 404
    assert client.post(f"/session/unsaved/{draft.pk}/", {"choice": "discard"}).status_code == 404
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_discarding_deletes_and_is_audited(client, practitioner):
    first, second = _draft(practitioner), _draft(practitioner, "/people/P2/change/")
    client.force_login(practitioner)
    response = client.post(
        f"/session/unsaved/{first.pk}/", {"choice": "discard", "next": "/people/"}
    )
    assert response.status_code == 302 and response.url.startswith("/session/unsaved/")
    response = client.post(
        f"/session/unsaved/{second.pk}/", {"choice": "discard", "next": "/people/"}
    )
    assert response.url == "/people/"
    assert not Draft.objects.exists()
    assert AuditEntry.objects.filter(object_type="draft", action="archive").count() == 2


def test_an_expired_draft_is_not_offered(client, practitioner):
    draft = _draft(practitioner)
    Draft.objects.filter(pk=draft.pk).update(expires_at=timezone.now())
    client.force_login(practitioner)
    assert client.get("/session/unsaved/").status_code == 302
    assert client.post(f"/session/unsaved/{draft.pk}/", {"choice": "restore"}).status_code == 404


def test_stay_signed_in_answers_the_script_and_sends_a_browser_back(client, practitioner):
    client.force_login(practitioner)
    response = client.post("/session/stay-signed-in/", HTTP_X_REQUESTED_WITH="msp-timeout")
    assert response.status_code == 204
    response = client.post("/session/stay-signed-in/", {"next": "/people/"})
    assert response.url == "/people/"
    response = client.post("/session/stay-signed-in/", {"next": "https://elsewhere.example/"})
    assert response.url == "/"


def test_the_warning_is_on_every_signed_in_page_with_the_idle_limit(client, practitioner, settings):
    client.force_login(practitioner)
    page = client.get("/enquiries/").content.decode()
    assert 'id="msp-timeout"' in page
    # Counted from signing in a moment ago (msp.core.context_processors.idle_seconds_left).
    left = int(page.split('data-idle-seconds="')[1].split('"')[0])
    assert settings.SESSION_IDLE_SECONDS - 2 <= left <= settings.SESSION_IDLE_SECONDS
    assert "<script>" not in page and "style=" not in page
    client.logout()
    assert 'id="msp-timeout"' not in client.get("/accounts/sign-in/").content.decode()


def test_the_warning_counts_from_the_time_the_server_saved(client, practitioner, settings):
    """The time last seen is saved at most once a minute, so a page seen 40 seconds after the
    save has 40 seconds fewer than the limit; "Stay signed in" saves the time there and then."""
    import time

    from msp.accounts.middleware import IDLE_KEY

    client.force_login(practitioner)
    client.get("/enquiries/")
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 40
    session.save()
    page = client.get("/enquiries/").content.decode()
    left = int(page.split('data-idle-seconds="')[1].split('"')[0])
    assert settings.SESSION_IDLE_SECONDS - 42 <= left <= settings.SESSION_IDLE_SECONDS - 40
    client.post("/session/stay-signed-in/", HTTP_X_REQUESTED_WITH="msp-timeout")
    assert int(time.time()) - client.session[IDLE_KEY] <= 2
