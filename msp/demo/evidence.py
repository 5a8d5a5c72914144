"""A little evidence for the demo's improvement pages: the North team's MSP champion, a seeded
audit sample of its closed cases with two audits completed, two follow-ups by someone independent
of the cases, and one supervision note. Written once; a second `msp demo --force` adds none."""

from datetime import timedelta

from django.core.exceptions import ValidationError

from msp.core.dates import today
from msp.demo.users import NORTH, SOUTH
from msp.enquiries.models import Enquiry
from msp.improvement.audits import services as audits
from msp.improvement.feedback import selectors as feedback_selectors
from msp.improvement.feedback import services as feedback
from msp.improvement.feedback import wording
from msp.improvement.models import AuditSample
from msp.improvement.supervision import services as supervision

SEED = 2026


def create(*, teams, users) -> None:
    if AuditSample.objects.exists():
        return
    lead, manager = users["lead"], users["manager"]
    supervision.champion_mark(actor=lead, team=teams[NORTH], user=users["practitioner.north"])
    supervision.champion_mark(actor=lead, team=teams[SOUTH], user=users["practitioner.south"])
    on = today()
    try:
        sample = audits.audit_sample_draw(
            actor=manager,
            which="closed",
            period_start=on - timedelta(days=180),
            period_end=on,
            size=10,
            seed=SEED,
            team=teams[NORTH],
        )
    except ValidationError:  # a tiny demo may have no closed North cases to sample
        return
    for entry, answer, grade in zip(
        list(sample.cases.all())[:2],
        ("yes", "partly"),
        ("good", "requires_improvement"),
        strict=False,
    ):
        audit = audits.case_audit_start(actor=manager, sample=sample, enquiry=entry.enquiry)
        answers = {}
        for question in audit.question_set.questions.all():
            given = answer if question.topic in ("asked_at_start", "revisited") else "yes"
            answers[question.pk] = (given, "" if given == "yes" else "Only partly in the file")
        audits.case_audit_save(
            actor=manager,
            audit=audit,
            answers=answers,
            grade=grade,
            summary="The person's wishes run through the file.",
            actions="" if grade == "good" else "Record how the outcomes changed, and why.",
            complete=True,
        )
    worker = users["lead"]
    for enquiry, outcome in zip(
        feedback_selectors.follow_up_cases(worker).filter(team=teams[NORTH])[:2],
        ("answered", "not_reached"),
        strict=False,
    ):
        feedback.feedback_record(
            actor=worker,
            enquiry=enquiry,
            respondent="person",
            outcome=outcome,
            method="phone",
            answered_on=max(enquiry.end_date, on - timedelta(days=3)),
            answers={q.code: "yes" for q in wording.questions()} if outcome == "answered" else {},
            comments="They listened to me." if outcome == "answered" else "",
        )
    mine = Enquiry.objects.filter(lead=users["practitioner"], team=teams[NORTH]).first()
    if mine is not None:
        supervision.supervision_note_create(
            actor=manager,
            enquiry=mine,
            held_on=max(mine.start_date, on - timedelta(days=7)),
            reflection="We talked about what Priya's client wants now that her son has moved "
            "back in, and how to keep asking her on her own.",
            agreed_actions="Offer an advocate before the next visit.",
        )
