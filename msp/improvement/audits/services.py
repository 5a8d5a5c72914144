"""Writes for case file audits: the council's audit questions, drawing a sample, and auditing a
case. Each takes the acting user, runs in one transaction and keeps history and an audit entry."""

import random
import secrets
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import audit_append
from msp.core.problems import Problems
from msp.core.services import check_version, save_recorded
from msp.improvement.audits import selectors, wording
from msp.improvement.models import (
    AuditAnswer,
    AuditQuestion,
    AuditQuestionSet,
    AuditSample,
    AuditSampleCase,
    CaseAudit,
)
from msp.improvement.models.audits import (
    AnswerScale,
    AuditAnswerChoice,
    AuditGrade,
    AuditStatus,
    QuestionSetState,
    SampleCases,
)
from msp.reference import selectors as ref

SMALLEST_SAMPLE = 1
LARGEST_SAMPLE = 100
DEFAULT_SAMPLE = 10
LARGEST_SEED = 999_999
MOST_QUESTIONS = 30
LONGEST_QUESTION = 300
# Answers that say something is missing from the file: completing an audit asks for a note.
NEEDS_A_NOTE = {AuditAnswerChoice.PARTLY, AuditAnswerChoice.NO}


# --- the questions -----------------------------------------------------------------------------


def starting_point() -> list[dict]:
    """What a new draft of the questions starts from: the latest published version, or the
    product's own questions."""
    latest = selectors.current_questions()
    if latest is not None:
        return [
            {"topic": q.topic, "question": q.question, "guidance": q.guidance, "scale": q.scale}
            for q in latest.questions.all()
        ]
    return [
        {"topic": q.topic, "question": q.question, "guidance": q.guidance, "scale": q.scale}
        for q in wording.QUESTIONS
    ]


def question_problems(questions: list[dict | None]) -> Problems:
    """Every problem with a list of questions, each named by its place (`question_3`)."""
    problems = Problems()
    kept = [q for q in questions if q]
    if not kept:
        problems.add(None, "Keep or add at least one question")
    if len(kept) > MOST_QUESTIONS:
        problems.add(None, f"An audit can have up to {MOST_QUESTIONS} questions")
    seen: set[str] = set()
    for index, item in enumerate(questions, start=1):
        if not item:
            continue
        text = " ".join((item.get("question") or "").split())
        if not text:
            problems.add(f"question_{index}", f"Write question {index}, or leave it out")
        elif len(text) > LONGEST_QUESTION:
            problems.add(
                f"question_{index}",
                f"Question {index} must be {LONGEST_QUESTION} characters or fewer",
            )
        if item.get("scale") not in AnswerScale.values:
            problems.add(f"scale_{index}", f"Choose how question {index} is answered")
        topic = item.get("topic") or slugify(text)[:64].replace("-", "_")
        if topic and topic in seen:
            problems.add(f"question_{index}", f"Question {index} is the same as another question")
        seen.add(topic)
    return problems


def _topic_of(item: dict, taken: set[str]) -> str:
    """A new question's topic: from its words, made unique among the version's topics."""
    if item.get("topic"):
        return item["topic"]
    base = slugify(" ".join(item["question"].split()[:8]))[:56].replace("-", "_") or "question"
    topic, n = base, 2
    while topic in taken:
        topic, n = f"{base}_{n}", n + 1
    return topic


@transaction.atomic
def audit_questions_save_draft(
    *,
    actor,
    questions: list[dict | None],
    change_note: str = "",
    seen_version: int | None = None,
) -> AuditQuestionSet:
    """Save the draft of the next version of the audit questions (starting one if there is none).

    `questions` is in order; None for a place left out. A question keeps its `topic` from the
    version it came from; a new one gets a topic from its words.
    """
    if not policy.can_edit_audit_questions(actor):
        raise ValidationError("Only a safeguarding lead can change the audit questions")
    question_problems(questions).raise_if_any()
    draft = (
        AuditQuestionSet.objects.select_for_update().filter(state=QuestionSetState.DRAFT).first()
    )
    creating = draft is None
    if creating:
        number = (AuditQuestionSet.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = AuditQuestionSet(number=number)
    else:
        check_version(draft, seen_version)
    draft.change_note = " ".join(change_note.split())
    save_recorded(draft, actor=actor, creating=creating, reason="Audit questions draft saved")
    # A draft is never used by an audit, so its questions are simply written again.
    for question in AuditQuestion.objects.filter(question_set=draft):
        question._history_user = actor
        question.delete()
    taken: set[str] = set()
    position = 0
    for item in questions:
        if not item:
            continue
        position += 1
        topic = _topic_of(item, taken)
        taken.add(topic)
        row = AuditQuestion(
            question_set=draft,
            position=position,
            topic=topic,
            question=" ".join(item["question"].split()),
            guidance=(item.get("guidance") or "").strip(),
            scale=item["scale"],
        )
        row._history_user = actor
        row.save()
    return draft


def _publish(question_set: AuditQuestionSet, *, actor, reason: str) -> AuditQuestionSet:
    question_set.state = QuestionSetState.PUBLISHED
    question_set.published_by = actor
    question_set.published_at = timezone.now()
    save_recorded(question_set, actor=actor, reason=reason)
    return question_set


@transaction.atomic
def audit_questions_publish(*, actor, seen_version: int | None = None) -> AuditQuestionSet:
    """Publish the draft: audits started from now on use it. It is never changed again."""
    if not policy.can_edit_audit_questions(actor):
        raise ValidationError("Only a safeguarding lead can publish the audit questions")
    draft = (
        AuditQuestionSet.objects.select_for_update().filter(state=QuestionSetState.DRAFT).first()
    )
    if draft is None:
        raise ValidationError("There is no draft to publish. Write one first.")
    check_version(draft, seen_version)
    if not draft.questions.exists():
        raise ValidationError("The draft has no questions")
    return _publish(draft, actor=actor, reason="Audit questions published")


def _questions_in_use(actor) -> AuditQuestionSet:
    """The published questions; the product's own become version 1 the first time a case is
    audited before a lead has published any."""
    current = selectors.current_questions()
    if current is not None:
        return current
    number = (AuditQuestionSet.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    question_set = AuditQuestionSet(number=number, change_note="The product's starting questions")
    save_recorded(question_set, actor=actor, creating=True, reason="Starting audit questions")
    for position, item in enumerate(wording.QUESTIONS, start=1):
        row = AuditQuestion(
            question_set=question_set,
            position=position,
            topic=item.topic,
            question=item.question,
            guidance=item.guidance,
            scale=item.scale,
        )
        row._history_user = actor
        row.save()
    return _publish(question_set, actor=actor, reason="Starting audit questions published")


# --- drawing a sample --------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleFilters:
    which: str
    period_start: date | None
    period_end: date | None
    team_id: int | None = None
    lead_id: int | None = None
    type_of_risk: str = ""


def sample_problems(
    user, filters: SampleFilters, *, size: int | None, seed: int | None
) -> Problems:
    """Every problem with a request for a sample, at once."""
    problems = Problems()
    if filters.which not in SampleCases.values:
        problems.add("which", "Choose which cases the period picks")
    if filters.period_start is None:
        problems.add("period_start", "Enter the start of the period")
    if filters.period_end is None:
        problems.add("period_end", "Enter the end of the period")
    if filters.period_start and filters.period_end and filters.period_end < filters.period_start:
        problems.add("period_end", "The period must end on or after the day it starts")
    if size is None or not SMALLEST_SAMPLE <= size <= LARGEST_SAMPLE:
        problems.add(
            "size", f"Enter how many cases to sample, from {SMALLEST_SAMPLE} to {LARGEST_SAMPLE}"
        )
    if seed is not None and not 0 <= seed <= LARGEST_SEED:
        problems.add("seed", f"The seed must be a whole number from 0 to {LARGEST_SEED:,}")
    teams = policy.audit_team_ids(user)
    if filters.team_id is not None and teams is not None and filters.team_id not in teams:
        problems.add("team", "Choose one of your teams")
    if filters.type_of_risk and filters.type_of_risk not in ref.codes("type_of_risk"):
        problems.add("type_of_risk", "Choose a type of risk from the list")
    return problems


def draw(pool_ids: list[int], *, size: int, seed: int) -> list[int]:
    """The sample: `size` of the ids chosen at random with the seed (all of them if fewer).
    The same ids and seed always give the same sample, in the same order."""
    ordered = sorted(pool_ids)
    return random.Random(seed).sample(ordered, min(size, len(ordered)))


@transaction.atomic
def audit_sample_draw(
    *,
    actor,
    which: str,
    period_start: date | None,
    period_end: date | None,
    size: int | None = DEFAULT_SAMPLE,
    seed: int | None = None,
    team=None,
    lead=None,
    type_of_risk: str = "",
) -> AuditSample:
    """Draw a sample of cases to audit from those the actor may audit that match the filters.

    Without a seed one is chosen and kept, so the sample can be drawn again.
    """
    if not policy.can_draw_audit_sample(actor):
        raise ValidationError("Only team managers and safeguarding leads draw audit samples")
    filters = SampleFilters(
        which=which,
        period_start=period_start,
        period_end=period_end,
        team_id=team.pk if team else None,
        lead_id=lead.pk if lead else None,
        type_of_risk=type_of_risk,
    )
    sample_problems(actor, filters, size=size, seed=seed).raise_if_any()
    if seed is None:
        seed = secrets.randbelow(LARGEST_SEED + 1)
    pool = list(selectors.sample_pool(actor, filters).values_list("pk", flat=True))
    if not pool:
        raise ValidationError(
            "No cases you can audit match these choices. Try a longer period or fewer filters."
        )
    chosen = draw(pool, size=size, seed=seed)
    sample = AuditSample(
        drawn_by=actor,
        drawn_at=timezone.now(),
        seed=seed,
        size=size,
        pool_size=len(pool),
        team=team,
        lead=lead,
        which=which,
        period_start=period_start,
        period_end=period_end,
        type_of_risk=type_of_risk,
    )
    save_recorded(sample, actor=actor, creating=True, reason="Audit sample drawn")
    AuditSampleCase.objects.bulk_create(
        AuditSampleCase(sample=sample, enquiry_id=pk, position=position)
        for position, pk in enumerate(chosen, start=1)
    )
    audit_append(
        actor=actor,
        action=Action.CREATE,
        obj=sample,
        detail=f"audit sample of {len(chosen)} from {len(pool)} cases, seed {seed}",
        changes={"enquiry_ids": chosen},
    )
    return sample


# --- auditing a case ---------------------------------------------------------------------------


def allowed_answers(question: AuditQuestion) -> set[str]:
    if question.scale == AnswerScale.YES_NO:
        return {AuditAnswerChoice.YES, AuditAnswerChoice.NO, AuditAnswerChoice.NOT_APPLICABLE}
    return set(AuditAnswerChoice.values)


def audit_problems(
    questions: list[AuditQuestion],
    answers: dict[int, tuple[str, str]],
    *,
    grade: str,
    summary: str,
    complete: bool,
) -> Problems:
    """Every problem with an audit's answers. Saving to come back later needs only valid answers;
    completing needs every question answered (with a note where something is missing), a grade
    and a summary."""
    problems = Problems()
    for position, question in enumerate(questions, start=1):
        answer, note = answers.get(question.pk, ("", ""))
        if answer and answer not in allowed_answers(question):
            problems.add(f"answer_{question.pk}", f"Choose an answer to question {position}")
        elif complete and not answer:
            problems.add(f"answer_{question.pk}", f"Answer question {position}: {question}")
        elif complete and answer in NEEDS_A_NOTE and not note.strip():
            problems.add(
                f"note_{question.pk}",
                f"Say what is missing from the file for question {position}",
            )
    if grade and grade not in AuditGrade.values:
        problems.add("grade", "Choose a grade from the list")
    if complete and not grade:
        problems.add("grade", "Choose the grade for the case")
    if complete and not summary.strip():
        problems.add("summary", "Write a summary of what you found")
    return problems


def _check_auditor(actor, enquiry) -> None:
    if not policy.can_audit_case(actor, enquiry):
        raise ValidationError(
            "You cannot audit this case: it is not one of your teams' or it is yours"
        )


@transaction.atomic
def case_audit_start(*, actor, sample: AuditSample, enquiry) -> CaseAudit:
    """Begin the audit of a case in the sample, with the questions published now."""
    _check_auditor(actor, enquiry)
    if not AuditSampleCase.objects.filter(sample=sample, enquiry=enquiry).exists():
        raise ValidationError("That case is not in this sample")
    existing = CaseAudit.objects.filter(sample=sample, enquiry=enquiry).first()
    if existing is not None:
        return existing
    audit = CaseAudit(
        sample=sample,
        enquiry=enquiry,
        question_set=_questions_in_use(actor),
        auditor=actor,
        practitioner_id=enquiry.lead_id,
        team_id=enquiry.team_id,
    )
    save_recorded(audit, actor=actor, creating=True, reason="Case file audit started")
    return audit


@transaction.atomic
def case_audit_save(
    *,
    actor,
    audit: CaseAudit,
    answers: dict[int, tuple[str, str]],
    grade: str = "",
    summary: str = "",
    actions: str = "",
    complete: bool = False,
    seen_version: int | None = None,
) -> CaseAudit:
    """Save an audit's answers (question id: (answer, note)), grade, summary and actions for the
    practitioner; `complete` finishes it, after which it does not change."""
    audit = CaseAudit.objects.select_for_update().get(pk=audit.pk)
    _check_auditor(actor, audit.enquiry)
    if audit.auditor_id != actor.pk:
        raise ValidationError("Only the auditor who started this audit can change it")
    if audit.is_completed:
        raise ValidationError("This audit is completed and can no longer be changed")
    check_version(audit, seen_version)
    questions = list(audit.question_set.questions.all())
    audit_problems(
        questions, answers, grade=grade, summary=summary, complete=complete
    ).raise_if_any()
    stored = {a.question_id: a for a in AuditAnswer.objects.filter(audit=audit)}
    changed: dict[str, list] = {}
    for question in questions:
        answer, note = answers.get(question.pk, ("", ""))
        note = note.strip()
        row = stored.get(question.pk)
        if row is None:
            if not answer and not note:
                continue
            row = AuditAnswer(audit=audit, question=question)
        elif (row.answer, row.note) == (answer, note):
            continue
        changed[question.topic] = [row.answer or None, answer or None]
        row.answer, row.note = answer, note
        row._history_user = actor
        row.save()
    audit.grade = grade
    audit.summary = summary.strip()
    audit.actions = actions.strip()
    if complete:
        audit.status = AuditStatus.COMPLETED
        audit.completed_at = timezone.now()
    save_recorded(
        audit,
        actor=actor,
        reason="Case file audit completed" if complete else "Case file audit saved",
    )
    if changed:
        audit_append(
            actor=actor,
            action=Action.CHANGE,
            obj=audit,
            person=audit.enquiry.person,
            detail="case file audit answers",
            changes={"answers": changed},
        )
    return audit
