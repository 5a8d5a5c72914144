"""Writes for the follow-up after closure: what the person or their representative said, the
single-use codes that let them answer themselves, and their own answers. Each runs in one
transaction and keeps history and an audit entry."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import audit_append
from msp.core.dates import today
from msp.core.problems import Problems
from msp.core.services import save_recorded
from msp.enquiries.models import ExperienceAnswer
from msp.improvement.feedback import codes, selectors, wording
from msp.improvement.models import FeedbackAnswer, FeedbackCode, FeedbackResponse
from msp.improvement.models.feedback import FeedbackMethod, FeedbackOutcome, Respondent

# What someone answering with a code sees as the author of the record's history and audit entry.
PUBLIC_ACTOR = "answered with a feedback code"


def _check_follow_up(actor, enquiry) -> None:
    if not policy.may_follow_up_case(actor, enquiry, selectors.worked_by(enquiry)):
        raise ValidationError(
            "Someone independent of the case follows it up: not its lead, and not anyone who "
            "recorded its conversations or its closing review"
        )
    if enquiry.end_date is None:
        raise ValidationError("Only a closed enquiry is followed up")


def feedback_problems(
    enquiry,
    *,
    respondent: str,
    outcome: str,
    method: str,
    answered_on: date | None,
    answers: dict[str, str],
) -> Problems:
    """Every problem with a follow-up record at once."""
    problems = Problems()
    if respondent not in Respondent.values:
        problems.add("respondent", "Choose who you followed up: the person or their representative")
    if outcome not in FeedbackOutcome.values:
        problems.add("outcome", "Choose whether they answered, declined or could not be reached")
    if method not in FeedbackMethod.values or method == FeedbackMethod.OWN:
        problems.add("method", "Choose how you contacted them")
    if answered_on is None:
        problems.add("answered_on", "Enter the date you followed them up")
    elif answered_on > today():
        problems.add("answered_on", "The date must be today or in the past")
    elif enquiry.end_date and answered_on < enquiry.end_date:
        problems.add(
            "answered_on",
            f"The date must be on or after the enquiry closed ({enquiry.end_date:%-d %B %Y})",
        )
    if outcome == FeedbackOutcome.ANSWERED:
        problems.extend(answer_problems(answers))
    return problems


def answer_problems(answers: dict[str, str]) -> Problems:
    """Answers to every question, each a yes, partly, no or did not answer; at least one given."""
    problems = Problems()
    for position, question in enumerate(wording.questions(), start=1):
        answer = answers.get(question.code) or ""
        if answer not in ExperienceAnswer.values:
            problems.add(f"answer_{question.code}", f"Choose an answer to question {position}")
    given = [a for a in answers.values() if a and a != ExperienceAnswer.NOT_ANSWERED]
    if not problems and not given:
        problems.add(
            None,
            "Every question says they did not answer: record that they declined instead",
        )
    return problems


def _replace_current(enquiry, respondent: str, *, actor) -> None:
    """A new try with the same respondent replaces the earlier one in the figures."""
    for earlier in FeedbackResponse.objects.select_for_update().filter(
        enquiry=enquiry, respondent=respondent, current=True
    ):
        earlier.current = False
        save_recorded(earlier, actor=actor, reason="Replaced by a later follow-up")


def _save_answers(response: FeedbackResponse, answers: dict[str, str], *, actor) -> None:
    for question in wording.questions():
        row = FeedbackAnswer(
            response=response, question=question.code, answer=answers[question.code]
        )
        row._history_user = actor
        row.save()


@transaction.atomic
def feedback_record(
    *,
    actor,
    enquiry,
    respondent: str,
    outcome: str,
    method: str,
    answered_on: date | None,
    answers: dict[str, str] | None = None,
    comments: str = "",
) -> FeedbackResponse:
    """Record a follow-up: the person's (or their representative's) answers, or that they
    declined, or could not be reached. Answers are kept only when they answered."""
    _check_follow_up(actor, enquiry)
    answers = answers or {}
    feedback_problems(
        enquiry,
        respondent=respondent,
        outcome=outcome,
        method=method,
        answered_on=answered_on,
        answers=answers,
    ).raise_if_any()
    _replace_current(enquiry, respondent, actor=actor)
    response = FeedbackResponse(
        enquiry=enquiry,
        respondent=respondent,
        outcome=outcome,
        method=method,
        answered_on=answered_on,
        comments=comments.strip(),
        recorded_by=actor,
    )
    save_recorded(response, actor=actor, creating=True, reason="Follow-up recorded")
    if outcome == FeedbackOutcome.ANSWERED:
        _save_answers(response, answers, actor=actor)
    return response


@transaction.atomic
def feedback_code_issue(*, actor, enquiry, respondent: str) -> tuple[FeedbackCode, str]:
    """A new single-use code for the person or their representative, and the code itself, which
    is shown once and never stored. An earlier unused code for the same respondent is withdrawn."""
    _check_follow_up(actor, enquiry)
    if respondent not in Respondent.values:
        raise ValidationError({"respondent": "Choose who the code is for"})
    now = timezone.now()
    for earlier in FeedbackCode.objects.select_for_update().filter(
        enquiry=enquiry, respondent=respondent, used_at__isnull=True, withdrawn_at__isnull=True
    ):
        earlier.withdrawn_at = now
        earlier._history_user = actor
        earlier.save(update_fields=["withdrawn_at"])
    plain = codes.new_code()
    while FeedbackCode.objects.filter(digest=codes.digest(plain)).exists():
        plain = codes.new_code()
    code = FeedbackCode(
        enquiry=enquiry,
        respondent=respondent,
        digest=codes.digest(plain),
        issued_by=actor,
        issued_at=now,
        expires_at=now + timedelta(days=codes.DAYS_VALID),
    )
    code._history_user = actor
    code.save()
    audit_append(
        actor=actor,
        action=Action.CREATE,
        obj=code,
        person=enquiry.person,
        detail=f"feedback code given to {dict(Respondent.choices)[respondent].lower()}",
    )
    return code, plain


@transaction.atomic
def feedback_answer_with_code(
    *, code: FeedbackCode, answers: dict[str, str], comments: str = "", request=None
) -> FeedbackResponse:
    """The person's (or representative's) own answers, brought by their code, which is used up.
    They arrive in the case's follow-up as the current answers from that respondent."""
    code = (
        FeedbackCode.objects.select_for_update().select_related("enquiry__person").get(pk=code.pk)
    )
    if not codes.usable(code):
        raise ValidationError("This code can no longer be used")
    answer_problems(answers).raise_if_any()
    enquiry = code.enquiry
    for earlier in FeedbackResponse.objects.select_for_update().filter(
        enquiry=enquiry, respondent=code.respondent, current=True
    ):
        earlier.current = False
        earlier.version += 1
        earlier.save(update_fields=["current", "version"])
    response = FeedbackResponse(
        enquiry=enquiry,
        respondent=code.respondent,
        outcome=FeedbackOutcome.ANSWERED,
        method=FeedbackMethod.OWN,
        answered_on=today(),
        comments=comments.strip(),
        recorded_by=None,
    )
    response.full_clean(exclude=["created_by", "recorded_by"])
    response.save()
    _save_answers(response, answers, actor=None)
    code.used_at = timezone.now()
    code.response = response
    code.save(update_fields=["used_at", "response"])
    audit_append(
        actor=None,
        actor_name=PUBLIC_ACTOR,
        action=Action.CREATE,
        obj=response,
        person=enquiry.person,
        detail=f"follow-up answered with a code by {dict(Respondent.choices)[code.respondent].lower()}",
        request=request,
    )
    return response
