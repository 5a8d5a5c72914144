"""The demo's improvement programme: one pilot for the North team with its plan written and its
impact statement begun, and a published staff briefing. Written through the services."""

from datetime import date, timedelta

from msp.demo.users import NORTH
from msp.improvement.briefing import services as briefing
from msp.improvement.models import BriefingVersion, ImprovementProject
from msp.improvement.projects import services as projects

PLAN = {
    "completed_by": "Joanne Pritchard (safeguarding lead) with Helen Marsh (North team "
    "manager), agreed at the safeguarding adults board's practice subgroup.",
    "issues": "People in the North team are often asked what they want only at the end of an "
    "enquiry, and their words are summarised in ours. Few enquiries record a conversation "
    "during the enquiry, and we do not know whether people felt listened to.",
    "starts_with": "Every safeguarding enquiry that starts in the North team during the pilot, "
    "because the team is one office with one manager and a mix of cases. We aim for 25 cases, "
    "inside the 20 to 30 the guide suggests.",
    "current_practice": "Enquiries follow the council procedure step by step. The first visit "
    "gathers facts for the strategy discussion; the person is asked about outcomes on the "
    "closure form. Advocacy is arranged late.",
    "what_needs_to_change": "Ask what the person wants in the first conversation and record it "
    "in their words; revisit it at every contact; ask at the end whether it was achieved and "
    "how the support felt.",
    "how_change_happens": "A half-day briefing for the team, the staff briefing note in the "
    "system, weekly case discussion in supervision, and the manager following the figures on "
    "the project page.",
    "anticipated_impacts": "People say what they want earlier and more of them get it. Staff "
    "feel able to use their judgement. Fewer enquiries drift without a conversation.",
    "unintended_outcomes": "Enquiries may take longer at first. The manager watches drift and "
    "caseloads each week and the lead reviews any enquiry open more than 60 days.",
    "how_measured": "The MSP measures on the project page against the three months before, "
    "read monthly by the team manager; a case file audit of ten cases at the end.",
    "how_shared": "With the team each month, with the board's practice subgroup at the review, "
    "and with the other teams before the roll-out.",
}
STATEMENT = {
    "issues_addressed": "We set out to ask people what they wanted at the start and to record "
    "it in their own words.",
    "work_completed": "The team had the briefing in the first week; supervision included one "
    "pilot case a week.",
}
HOW_WE_RECORD = (
    "Record the first conversation with the person as a start conversation, and add what they "
    "want to happen in their own words on the same page.\n\n"
    "Record every later contact as a conversation during the enquiry and revisit each outcome: "
    "still wanted, changed or no longer wanted.\n\n"
    "Before closing, complete the closing review with the person: each outcome fully, partly or "
    "not achieved in their view, and their experience. Ask the North team manager if unsure."
)


def _first_of_month(day: date, months_back: int) -> date:
    month = day.month - 1 - months_back
    return date(day.year + month // 12, month % 12 + 1, 1)


def create(*, teams, users, today: date) -> None:
    """The sample pilot (started four months ago, three months long) and briefing version 1,
    unless the database already has a programme (a second `msp demo --force` adds none)."""
    if ImprovementProject.objects.exists() or BriefingVersion.objects.exists():
        return
    lead = users["lead"]
    start = _first_of_month(today, 4)
    end = projects.default_end(start)
    project = projects.project_create(
        actor=lead,
        name="North team pilot",
        lead=lead,
        manager=users["manager"],
        editors=[users["manager"]],
        start_date=start,
        team_ids=[teams[NORTH].pk],
        target_cases=projects.DEFAULT_TARGET,
        review_dates=[end + timedelta(days=21), end + timedelta(days=112)],
        plan=PLAN,
    )
    projects.statement_update(actor=users["manager"], project=project, **STATEMENT)
    starting = briefing.starting_point()
    starting["how_we_record"] = HOW_WE_RECORD
    briefing.briefing_save_draft(actor=lead, change_note="First version", **starting)
    version = briefing.briefing_publish(actor=lead)
    briefing.briefing_confirm_read(actor=users["practitioner"], briefing=version)
