"""Case file audits: questions as versioned data, seeded samples, and audits of cases."""

import pytest
from django.core.exceptions import ValidationError

from msp.audit.models import AuditEntry
from msp.core.dates import today
from msp.improvement.audits import services, wording
from msp.improvement.models import AuditQuestionSet, AuditSampleCase
from msp.improvement.models.audits import AuditStatus
from tests.factories import days_ago

pytestmark = pytest.mark.django_db


def draw(manager, team, **kwargs):
    options = {
        "which": "closed",
        "period_start": days_ago(40),
        "period_end": today(),
        "size": 10,
        "team": team,
    }
    options.update(kwargs)
    return services.audit_sample_draw(actor=manager, **options)


def cases_of(sample) -> list[int]:
    return list(
        AuditSampleCase.objects.filter(sample=sample)
        .order_by("position")
        .values_list("enquiry_id", flat=True)
    )


def test_a_seeded_sample_is_drawn_again_the_same(manager, team, closed_cases):
    first = draw(manager, team, seed=4821)
    again = draw(manager, team, seed=4821)
    other = draw(manager, team, seed=17)
    assert first.seed == 4821 and first.pool_size == 12 and len(cases_of(first)) == 10
    assert cases_of(first) == cases_of(again)
    assert cases_of(first) != cases_of(other)
    north = {e.pk for e in closed_cases["north"]}
    assert set(cases_of(first)) <= north  # the South case is not the manager's to audit


def test_a_sample_without_a_seed_gets_one_and_says_so(manager, team, closed_cases):
    sample = draw(manager, team, size=3)
    assert 0 <= sample.seed <= services.LARGEST_SEED and len(cases_of(sample)) == 3
    entry = AuditEntry.objects.filter(
        object_type="auditsample", object_id=str(sample.pk), detail__startswith="audit sample of"
    ).get()
    assert f"seed {sample.seed}" in entry.detail
    assert entry.changes["enquiry_ids"] == cases_of(sample)


def test_no_one_samples_their_own_cases(manager, team, closed_cases):
    from tests.factories import PersonFactory
    from tests.reporting.conftest import close, make_enquiry

    mine = make_enquiry(
        PersonFactory(team=team, actor=manager),
        actor=manager,
        start=closed_cases["started"],
        lead=manager,
    )
    close(mine, actor=manager, end=closed_cases["ended"])
    sample = draw(manager, team, size=100)
    assert mine.pk not in cases_of(sample) and sample.pool_size == 12


def test_every_problem_with_a_sample_is_reported_at_once(manager, other_team):
    with pytest.raises(ValidationError) as raised:
        services.audit_sample_draw(
            actor=manager,
            which="sometimes",
            period_start=today(),
            period_end=days_ago(3),
            size=500,
            seed=-1,
            team=other_team,
        )
    fields = set(raised.value.error_dict)
    assert {"which", "period_end", "size", "seed", "team"} <= fields


def test_practitioners_cannot_draw_samples(practitioner, team, closed_cases):
    with pytest.raises(ValidationError):
        draw(practitioner, team)


def test_questions_are_versioned_and_a_published_version_never_changes(
    lead, manager, team, closed_cases
):
    sample = draw(manager, team, seed=1)
    enquiry = next(e for e in closed_cases["north"] if e.pk == cases_of(sample)[0])
    audit = services.case_audit_start(actor=manager, sample=sample, enquiry=enquiry)
    first = audit.question_set
    assert first.number == 1 and first.is_published
    assert [q.topic for q in first.questions.all()] == [q.topic for q in wording.QUESTIONS]

    items = services.starting_point()
    items[0]["question"] = "Did someone ask the person, early on, what they wanted?"
    items.append(
        {"question": "Was the family's view kept apart from the person's?", "scale": "yes_no"}
    )
    draft = services.audit_questions_save_draft(actor=lead, questions=items, change_note="Reworded")
    assert draft.number == 2 and not draft.is_published
    services.audit_questions_publish(actor=lead)
    draft.refresh_from_db()
    assert draft.is_published
    # The reworded question keeps its topic, so results follow it over time.
    assert draft.questions.get(position=1).topic == "asked_at_start"
    assert draft.questions.count() == len(wording.QUESTIONS) + 1
    # The audit begun earlier still answers version 1.
    audit.refresh_from_db()
    assert audit.question_set_id == first.pk
    assert AuditQuestionSet.objects.get(number=1).questions.get(position=1).question == (
        wording.QUESTIONS[0].question
    )


def test_only_leads_write_the_questions(manager):
    with pytest.raises(ValidationError):
        services.audit_questions_save_draft(actor=manager, questions=services.starting_point())


def test_every_problem_with_the_questions_at_once():
    problems = services.question_problems(
        [{"question": "", "scale": "yes_no"}, {"question": "x" * 301, "scale": "sometimes"}]
    )
    assert problems.has("question_1") and problems.has("question_2") and problems.has("scale_2")


def audit_case(manager, sample, enquiry, answers, *, grade="good", complete=True):
    audit = services.case_audit_start(actor=manager, sample=sample, enquiry=enquiry)
    questions = {q.topic: q for q in audit.question_set.questions.all()}
    given = {
        questions[topic].pk: (answer, "" if answer in ("yes", "not_applicable") else "Not in file")
        for topic, answer in answers.items()
    }
    for question in questions.values():
        given.setdefault(question.pk, ("not_applicable", ""))
    return services.case_audit_save(
        actor=manager,
        audit=audit,
        answers=given,
        grade=grade,
        summary="Read the file",
        actions="Record the start conversation",
        complete=complete,
    )


def test_completing_an_audit_needs_every_answer_a_grade_and_a_summary(manager, team, closed_cases):
    sample = draw(manager, team, seed=3)
    enquiry = next(e for e in closed_cases["north"] if e.pk == cases_of(sample)[0])
    audit = services.case_audit_start(actor=manager, sample=sample, enquiry=enquiry)
    first = audit.question_set.questions.first()
    services.case_audit_save(actor=manager, audit=audit, answers={first.pk: ("no", "")})
    audit.refresh_from_db()
    assert audit.status == AuditStatus.IN_PROGRESS  # saved to come back to later
    with pytest.raises(ValidationError) as raised:
        services.case_audit_save(
            actor=manager, audit=audit, answers={first.pk: ("no", "")}, complete=True
        )
    fields = set(raised.value.error_dict)
    assert f"note_{first.pk}" in fields and "grade" in fields and "summary" in fields
    assert (
        sum(1 for f in fields if f.startswith("answer_"))
        == audit.question_set.questions.count() - 1
    )


def test_a_completed_audit_is_kept_as_it_was(manager, lead, team, closed_cases):
    sample = draw(manager, team, seed=3)
    enquiry = next(e for e in closed_cases["north"] if e.pk == cases_of(sample)[0])
    audit = audit_case(manager, sample, enquiry, {"asked_at_start": "no"}, grade="inadequate")
    assert (
        audit.is_completed
        and audit.grade == "inadequate"
        and audit.practitioner_id == enquiry.lead_id
    )
    with pytest.raises(ValidationError):
        services.case_audit_save(actor=manager, audit=audit, answers={}, complete=True)
    assert AuditEntry.objects.filter(object_type="caseaudit", object_id=str(audit.pk)).exists()


def test_the_lead_practitioner_cannot_audit_their_own_case(
    practitioner, manager, team, closed_cases
):
    sample = draw(manager, team, seed=3)
    enquiry = next(e for e in closed_cases["north"] if e.pk == cases_of(sample)[0])
    with pytest.raises(ValidationError):
        services.case_audit_start(actor=practitioner, sample=sample, enquiry=enquiry)
