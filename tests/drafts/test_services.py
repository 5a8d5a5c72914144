from datetime import timedelta

import pytest
from django.utils import timezone

from msp.audit.models import AuditEntry
from msp.drafts.models import Draft
from msp.drafts.services import MAX_BYTES, draft_keep, drafts_expired_delete
from msp.operations.jobs import JOBS

pytestmark = pytest.mark.django_db


def test_a_draft_expires_after_the_set_time(practitioner, settings):
    settings.DRAFT_HOURS = 5
    draft = draft_keep(user=practitioner, path="/x/", form_data={"a": ["b"]})
    assert timedelta(hours=4, minutes=59) < draft.expires_at - timezone.now() <= timedelta(hours=5)


def test_empty_and_oversized_forms_are_not_kept(practitioner):
    assert draft_keep(user=practitioner, path="/x/", form_data={}) is None
    assert draft_keep(user=practitioner, path="/x/", form_data={"a": ["x" * MAX_BYTES]}) is None
    assert not Draft.objects.exists()


def test_the_retention_job_deletes_expired_drafts_only(practitioner):
    old = draft_keep(user=practitioner, path="/old/", form_data={"a": ["b"]})
    new = draft_keep(user=practitioner, path="/new/", form_data={"a": ["b"]})
    Draft.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    job = JOBS["retention"]
    message = job.run()
    assert "1 expired unsaved drafts deleted" in message
    assert list(Draft.objects.all()) == [new]
    assert AuditEntry.objects.filter(detail__contains="unsaved drafts deleted").count() == 1
    assert drafts_expired_delete() == 0
