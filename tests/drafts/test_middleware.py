"""A form sent after the session ended is kept for its author and offered back after signing in."""

import time

import pytest
from django.test import Client

from msp.accounts.middleware import IDLE_KEY
from msp.audit.models import AuditEntry
from msp.drafts.middleware import SIGNED_IN_AS
from msp.drafts.models import Draft
from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert SIGNED_IN_AS in client.cookies and client.cookies[SIGNED_IN_AS]["httponly"]
    return client


def _idle(client):
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 31 * 60
    session.save()


def test_a_form_sent_after_the_idle_time_out_is_kept_and_offered_back(
    client, practitioner, enquiry
):
    person = enquiry.person
    _signed_in(client, practitioner)
    edit = f"/people/{person.reference}/change/"
    assert client.get(edit).status_code == 200
    _idle(client)

    response = client.post(edit, {"first_name": "Margret", "last_name": person.last_name})

    assert response.status_code == 302 and "/accounts/sign-in/" in response.url
    assert "kept=1" in response.url and "next=" in response.url
    draft = Draft.objects.get()
    assert draft.user == practitioner and draft.path == edit
    assert draft.form_data["first_name"] == ["Margret"]
    assert "csrfmiddlewaretoken" not in draft.form_data
    person.refresh_from_db()
    assert person.first_name != "Margret"  # nothing was saved
    assert AuditEntry.objects.filter(object_type="draft", action="create").exists()

    # Signing in again offers the draft before anything else.
    client.post("/accounts/sign-in/", {"username": practitioner.username, "password": PASSWORD})
    offered = client.get("/enquiries/")
    assert offered.status_code == 302 and offered.url.startswith("/session/unsaved/")
    page = client.get(offered.url)
    assert "You were signed out before your changes were saved" in page.content.decode()
    assert edit in page.content.decode()
    assert client.get("/enquiries/").status_code == 200  # offered once, not on every page

    restored = client.post(f"/session/unsaved/{draft.pk}/", {"choice": "restore"})
    assert restored.status_code == 302 and restored.url == edit
    form = client.get(edit).content.decode()
    assert 'value="Margret"' in form
    assert "filled in below" in form
    assert 'value="Margret"' not in client.get(edit).content.decode()  # filled once
    assert not Draft.objects.exists()
    assert AuditEntry.objects.filter(object_type="draft", action="change").exists()


def test_a_form_sent_with_no_session_at_all_is_kept(client, practitioner, enquiry):
    _signed_in(client, practitioner)
    client.cookies.pop("sessionid")
    edit = f"/people/{enquiry.person.reference}/change/"
    response = client.post(edit, {"first_name": "Margret"})
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url
    assert Draft.objects.get().user == practitioner


def test_nothing_is_kept_without_the_signed_cookie_or_with_a_forged_one(client, enquiry):
    edit = f"/people/{enquiry.person.reference}/change/"
    client.post(edit, {"first_name": "Margret"})
    client.cookies[SIGNED_IN_AS] = "1"
    client.post(edit, {"first_name": "Margret"})
    assert not Draft.objects.exists()


def test_nothing_is_kept_from_a_form_without_this_sites_token(practitioner, enquiry):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    client.get("/enquiries/")
    assert SIGNED_IN_AS in client.cookies
    client.cookies.pop("sessionid")
    client.post(f"/people/{enquiry.person.reference}/change/", {"first_name": "Margret"})
    assert not Draft.objects.exists()


def test_sign_in_and_password_forms_are_never_kept(client, practitioner):
    _signed_in(client, practitioner)
    client.cookies.pop("sessionid")
    client.post("/accounts/two-factor/", {"code": "123456"})
    assert not Draft.objects.exists()


def test_passwords_are_never_kept(client, practitioner, enquiry):
    _signed_in(client, practitioner)
    client.cookies.pop("sessionid")
    client.post(
        f"/people/{enquiry.person.reference}/change/", {"first_name": "A", "new_password": "x"}
    )
    assert set(Draft.objects.get().form_data) == {"first_name"}


def test_signing_out_forgets_who_was_here(client, practitioner, enquiry):
    _signed_in(client, practitioner)
    response = client.post("/accounts/sign-out/")
    assert response.cookies[SIGNED_IN_AS].value == ""
    client.post(f"/people/{enquiry.person.reference}/change/", {"first_name": "Margret"})
    assert not Draft.objects.exists()


def test_a_restored_page_the_user_may_no_longer_open_shows_nothing(
    client, practitioner, enquiry, other_team
):
    _signed_in(client, practitioner)
    client.cookies.pop("sessionid")
    edit = f"/people/{enquiry.person.reference}/change/"
    client.post(edit, {"first_name": "Margret"})
    practitioner.teams.set([other_team])
    _signed_in(client, practitioner)
    draft = Draft.objects.get()
    client.post(f"/session/unsaved/{draft.pk}/", {"choice": "restore"})
    response = client.get(edit)
    assert response.status_code == 404 and b"Margret" not in response.content
