"""The demo's improvement programme: `msp demo` leaves one sample pilot and a published briefing
for a newcomer to find, written through the services, and adds no second one."""

from io import StringIO

import pytest
from django.core.management import call_command

from msp.demo.users import NORTH
from msp.improvement import impact_tool
from msp.improvement.briefing import selectors as briefing
from msp.improvement.models import ImprovementProject
from msp.improvement.projects import figures, selectors
from msp.reference import selectors as ref
from tests.support.databases import demo_on_sqlite

pytestmark = [pytest.mark.django_db, demo_on_sqlite]


def test_the_demo_has_a_north_pilot_and_a_published_briefing():
    ref.clear_cache()
    out = StringIO()
    call_command("demo", "--people", "60", "--seed", "7", stdout=out)
    assert "a sample improvement project" in out.getvalue()
    project = ImprovementProject.objects.get()
    assert project.name == "North team pilot" and project.target_cases == 25
    assert project.lead.username == "lead" and project.manager.username == "manager"
    assert selectors.scope_labels(project).teams == [NORTH]
    assert 88 <= (project.end_date - project.start_date).days <= 91
    assert all(getattr(project.plan, q.field) for q in impact_tool.PLAN if q.field)
    assert project.statement.work_completed and not project.statement.signed_off
    assert project.history.get().history_user == project.lead
    counted = figures.live(selectors.project_cases(project), selectors.baseline_cases(project))
    assert counted["project"]["started.started"] > 0 and counted["baseline"]["started.started"] > 0
    current = briefing.current()
    assert current.number == 1 and "start conversation" in current.how_we_record
    assert briefing.read_on(project.manager, current) is None

    call_command("demo", "--people", "2", "--force", stdout=StringIO())
    assert ImprovementProject.objects.count() == 1
