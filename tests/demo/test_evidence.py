"""The demo's evidence: champions for two teams, a seeded North sample with two audits, two
follow-ups and a supervision note, so the evidence pages show something."""

from io import StringIO

import pytest
from django.core.management import call_command

from msp.demo.evidence import SEED
from msp.demo.users import NORTH
from msp.improvement.models import (
    AuditSample,
    CaseAudit,
    Champion,
    FeedbackResponse,
    SupervisionNote,
)
from msp.reference import selectors as ref
from tests.support.databases import demo_on_sqlite

pytestmark = [pytest.mark.django_db, demo_on_sqlite]


def test_the_demo_has_a_little_evidence():
    ref.clear_cache()
    call_command("demo", "--people", "60", "--seed", "7", stdout=StringIO())
    sample = AuditSample.objects.get()
    assert (
        sample.seed == SEED and sample.team.name == NORTH and sample.drawn_by.username == "manager"
    )
    assert CaseAudit.objects.filter(status="completed").count() == 2
    assert Champion.objects.filter(ended_at__isnull=True).count() == 2
    responses = FeedbackResponse.objects.all()
    assert responses.count() == 2 and {r.outcome for r in responses} == {"answered", "not_reached"}
    assert all(r.recorded_by.username == "lead" for r in responses)
    assert SupervisionNote.objects.get().supervisor.username == "manager"
