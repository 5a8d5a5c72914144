"""Every write to an enquiry and the practice recorded in it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from msp import sac
from msp.accounts.models import Team
from msp.core.services import (
    archive_recorded,
    check_version,
    not_before,
    not_future,
    save_recorded,
)
from msp.enquiries import statutory
from msp.enquiries.models import (
    AnsweredBy,
    CapacityAssessment,
    CapacityOutcome,
    ClosingReview,
    Conversation,
    ConversationKind,
    Enquiry,
    EnquiryKind,
    ExperienceAnswer,
    ExperienceRating,
    Method,
    Participant,
    Representation,
    Response,
    RiskDiscussion,
    Stage,
)
from msp.facts import services as facts
from msp.outcomes import services as outcomes
from msp.outcomes.models import DesiredOutcome, OutcomeStatus
from msp.reference import selectors as ref


def _lock(enquiry: Enquiry) -> Enquiry:
    return (
        Enquiry.objects.select_for_update().select_related("concern", "person").get(pk=enquiry.pk)
    )


def _check_open(enquiry: Enquiry) -> None:
    if enquiry.end_date is not None:
        raise ValidationError("This enquiry is closed. Reopening is for a safeguarding lead.")


def _check_lead(team: Team, lead) -> None:
    if lead is not None and not lead.teams.filter(pk=team.pk).exists():
        raise ValidationError({"lead": f"Choose a lead practitioner who works in {team.name}"})


def _check_date(field: str, value, enquiry: Enquiry, label: str) -> None:
    if value is None:
        raise ValidationError({field: f"Enter {label.lower()}"})
    not_future(field, value, label)
    not_before(
        field, value, enquiry.concern.received_date, label, "the date the concern was received"
    )


@transaction.atomic
def enquiry_open(*, actor, concern, kind: str, team: Team, start_date, lead=None) -> Enquiry:
    """Open the enquiry that a decision on a concern calls for."""
    if kind not in EnquiryKind.values:
        raise ValidationError({"kind": "Choose section 42 or other enquiry"})
    if start_date is None:
        raise ValidationError({"enquiry_start_date": "Enter the date the enquiry started"})
    not_future("enquiry_start_date", start_date, "The date the enquiry started")
    not_before(
        "enquiry_start_date",
        start_date,
        concern.received_date,
        "The date the enquiry started",
        "the date the concern was received",
    )
    _check_lead(team, lead)
    enquiry = Enquiry(
        concern=concern,
        person=concern.person,
        kind=kind,
        team=team,
        lead=lead,
        start_date=start_date,
    )
    save_recorded(enquiry, actor=actor, creating=True, reason="Enquiry opened")
    facts.case_refresh(concern_ids=[concern.pk])
    return enquiry


@transaction.atomic
def enquiry_allocate(
    *, actor, enquiry: Enquiry, team: Team, lead, seen_version: int | None = None
) -> Enquiry:
    """Give the enquiry to a team and a lead practitioner."""
    enquiry = _lock(enquiry)
    check_version(enquiry, seen_version)
    _check_open(enquiry)
    _check_lead(team, lead)
    enquiry.team, enquiry.lead = team, lead
    save_recorded(enquiry, actor=actor, reason="Allocated")
    return enquiry


@transaction.atomic
def conversation_record(
    *,
    actor,
    enquiry: Enquiry,
    held_on,
    stage: str,
    method: str,
    participants: list[str],
    kind: str = ConversationKind.CONVERSATION,
    notes: str = "",
    asked_no_outcomes: bool = False,
    new_outcomes: list[dict] | None = None,
    revisits: list[dict] | None = None,
) -> Conversation:
    """Record a conversation or meeting, the outcomes the person expressed in it, and what became
    of earlier outcomes when they were revisited. All of it is saved together or not at all.

    `new_outcomes`: dicts of words, expressed_by, category (optional).
    `revisits`: dicts of outcome, answer ('still' / 'changed' / 'withdrawn'), words, reason.

    A closed enquiry takes an end conversation only (no outcomes), so a record closed without
    noting that the person was asked at the end can be put right, or a follow-up after closure
    (the outcomes framework allows eight weeks) recorded.
    """
    enquiry = _lock(enquiry)
    if enquiry.end_date is not None and (stage != Stage.END or new_outcomes or revisits):
        raise ValidationError(
            {"stage": "This enquiry is closed: only the end conversation can still be recorded"}
        )
    errors = {}
    if stage not in Stage.values:
        errors["stage"] = "Choose start, during or end"
    if kind not in ConversationKind.values:
        errors["kind"] = "Choose what kind of conversation or meeting it was"
    if method not in Method.values:
        errors["method"] = "Choose how the conversation happened"
    if not participants:
        errors["participants"] = "Choose who took part"
    elif not set(participants) <= set(Participant.values):
        errors["participants"] = "Choose who took part from the list"
    if asked_no_outcomes and new_outcomes:
        errors["asked_no_outcomes"] = (
            "Either record the outcomes expressed, or that none were expressed, not both"
        )
    if errors:
        raise ValidationError(errors)
    _check_date("held_on", held_on, enquiry, "The date of the conversation")
    conversation = Conversation(
        enquiry=enquiry,
        held_on=held_on,
        stage=stage,
        kind=kind,
        participants=list(dict.fromkeys(participants)),
        method=method,
        notes=notes.strip(),
        asked_no_outcomes=asked_no_outcomes,
    )
    save_recorded(conversation, actor=actor, creating=True, reason="Conversation recorded")
    name = enquiry.person.known_as
    for index, revisit in enumerate(revisits or []):
        prefix = f"revisit_{index}_"
        outcome = revisit["outcome"]
        if outcome.enquiry_id != enquiry.pk:
            raise ValidationError("That outcome belongs to another enquiry")
        answer = revisit.get("answer")
        try:
            if answer == "still":
                outcomes.outcome_confirm(
                    actor=actor, outcome=outcome, happened_on=held_on, conversation=conversation
                )
            elif answer == "changed":
                outcomes.outcome_revise(
                    actor=actor,
                    outcome=outcome,
                    words=revisit.get("words", ""),
                    reason=revisit.get("reason", ""),
                    happened_on=held_on,
                    conversation=conversation,
                    name=name,
                )
            elif answer == "withdrawn":
                outcomes.outcome_withdraw(
                    actor=actor,
                    outcome=outcome,
                    reason=revisit.get("reason", ""),
                    happened_on=held_on,
                    conversation=conversation,
                )
        except ValidationError as error:
            raise _prefixed(error, prefix) from error
    for index, new in enumerate(new_outcomes or []):
        try:
            outcomes.outcome_express(
                actor=actor,
                enquiry=enquiry,
                words=new.get("words", ""),
                expressed_by=new.get("expressed_by", ""),
                category=new.get("category", ""),
                happened_on=held_on,
                conversation=conversation,
                name=name,
            )
        except ValidationError as error:
            raise _prefixed(error, f"outcome_{index}_") from error
    return conversation


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    """Point a nested service's field errors at the repeated form part they came from."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {prefix + field: messages for field, messages in error.error_dict.items()}
        )
    return error


@transaction.atomic
def capacity_record(
    *,
    actor,
    enquiry: Enquiry,
    decision: str,
    assessed_on,
    outcome: str,
    assessor: str,
    notes: str = "",
) -> CapacityAssessment:
    """A decision-specific capacity assessment."""
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    errors = {}
    if not decision.strip():
        errors["decision"] = "Enter the decision the assessment was about"
    if outcome not in CapacityOutcome.values:
        errors["outcome"] = "Choose whether the person has or lacks capacity for this decision"
    if not assessor.strip():
        errors["assessor"] = "Enter who assessed capacity"
    if errors:
        raise ValidationError(errors)
    _check_date("assessed_on", assessed_on, enquiry, "The date of the assessment")
    assessment = CapacityAssessment(
        enquiry=enquiry,
        decision=decision.strip(),
        assessed_on=assessed_on,
        outcome=outcome,
        assessor=assessor.strip(),
        notes=notes.strip(),
    )
    save_recorded(assessment, actor=actor, creating=True, reason="Capacity assessed")
    return assessment


@transaction.atomic
def representation_record(
    *, actor, enquiry: Enquiry, role: str, name: str, from_date, to_date=None
) -> Representation:
    """Someone who represents or advocates for the person, and from when."""
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    errors = {}
    if role not in ref.codes_in_use("representation_roles", on=from_date):
        errors["role"] = "Choose the kind of representative or advocate"
    if not name.strip():
        errors["name"] = "Enter the representative's name"
    if from_date is None:
        errors["from_date"] = "Enter the date they started representing the person"
    if errors:
        raise ValidationError(errors)
    not_future("from_date", from_date, "The start date")
    not_before("to_date", to_date, from_date, "The end date", "the start date")
    representation = Representation(
        enquiry=enquiry, role=role, name=name.strip(), from_date=from_date, to_date=to_date
    )
    save_recorded(representation, actor=actor, creating=True, reason="Representation recorded")
    return representation


@transaction.atomic
def risk_discussion_record(
    *,
    actor,
    enquiry: Enquiry,
    held_on,
    options: str,
    persons_choice: str,
    act_against_wishes: bool = False,
    against_wishes_reason: str = "",
    against_wishes_detail: str = "",
    explained_how: str = "",
    explained_on=None,
) -> RiskDiscussion:
    """Options, their risks and benefits, the person's choice, and any decision to act against it."""
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    errors = {}
    if not options.strip():
        errors["options"] = "Enter the options considered, with the risks and benefits of each"
    if not persons_choice.strip():
        errors["persons_choice"] = "Enter what the person chose"
    if act_against_wishes:
        if against_wishes_reason not in ref.codes_in_use(
            "reasons_to_act_against_wishes", on=held_on
        ):
            errors["against_wishes_reason"] = (
                "Choose why the decision goes against the person's wishes"
            )
        if not explained_how.strip():
            errors["explained_how"] = "Enter how the decision was explained to the person"
        if explained_on is None:
            errors["explained_on"] = "Enter when the decision was explained to the person"
    if errors:
        raise ValidationError(errors)
    _check_date("held_on", held_on, enquiry, "The date of the discussion")
    if act_against_wishes:
        not_future("explained_on", explained_on, "The date it was explained")
        not_before(
            "explained_on",
            explained_on,
            held_on,
            "The date it was explained",
            "the date of the discussion",
        )
    discussion = RiskDiscussion(
        enquiry=enquiry,
        held_on=held_on,
        options=options.strip(),
        persons_choice=persons_choice.strip(),
        act_against_wishes=act_against_wishes,
        against_wishes_reason=against_wishes_reason if act_against_wishes else "",
        against_wishes_detail=against_wishes_detail.strip() if act_against_wishes else "",
        explained_how=explained_how.strip() if act_against_wishes else "",
        explained_on=explained_on if act_against_wishes else None,
    )
    save_recorded(discussion, actor=actor, creating=True, reason="Risk discussed")
    return discussion


@transaction.atomic
def response_record(*, actor, enquiry: Enquiry, code: str, agreed_on, notes: str = "") -> Response:
    """A proportionate response agreed with the person."""
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    if code not in ref.codes_in_use("responses", on=agreed_on):
        raise ValidationError({"code": "Choose the response agreed with the person"})
    _check_date("agreed_on", agreed_on, enquiry, "The date it was agreed")
    response = Response(enquiry=enquiry, code=code, agreed_on=agreed_on, notes=notes.strip())
    save_recorded(response, actor=actor, creating=True, reason="Response agreed")
    return response


def current_outcomes(enquiry: Enquiry) -> list[DesiredOutcome]:
    return list(enquiry.outcomes.filter(status=OutcomeStatus.CURRENT).order_by("id"))


def _check_risk_answers(spec, enquiry, action_and_result: str, risk_outcome: str) -> dict:
    """The action and result and the risk outcome against the year's lists and the dependency
    between them (the same rule the import and the return's SG2e check read)."""
    errors = {}
    if action_and_result not in spec.codes("action_taken_and_result"):
        errors["action_and_result"] = "Choose the action taken and its result"
        return errors
    if risk_outcome and risk_outcome not in spec.codes("risk_outcome"):
        errors["risk_outcome"] = "Choose remained, reduced or removed"
        return errors
    answer = spec.answer("risk_outcome")
    answers = {"action_and_result": action_and_result, "risk_outcome": risk_outcome}
    problem = answer.problem(answers, kind=enquiry.kind, concluded=True)
    if problem == "missing":
        errors["risk_outcome"] = (
            f"{answer.only_when.text[0].upper()}{answer.only_when.text[1:]}: choose whether "
            "the risk remained, was reduced or was removed"
        )
    elif problem == "not_applicable":
        errors["risk_outcome"] = (
            f"Choose “Not needed” for the risk: a risk outcome is only recorded when "
            f"{answer.only_when.text}"
        )
    return errors


def _save_experience(*, actor, review: ClosingReview, answers: dict[str, str]) -> None:
    """Each answer about the person's experience saved with its history and audit entry: new
    answers created, changed ones updated, ones no longer given archived."""
    held = {r.topic: r for r in review.experience.filter(archived_at__isnull=True)}
    for topic, answer in answers.items():
        rating = held.pop(topic, None)
        if rating is None:
            rating = ExperienceRating(review=review, topic=topic, answer=answer)
            save_recorded(rating, actor=actor, creating=True, reason="Experience answered")
        elif rating.answer != answer:
            rating.answer = answer
            save_recorded(rating, actor=actor, reason="Experience answer changed")
    for rating in held.values():
        archive_recorded(rating, actor=actor, reason="Experience answer removed at the review")


@transaction.atomic
def closing_review_record(
    *,
    actor,
    enquiry: Enquiry,
    reviewed_on,
    ratings: dict[int, dict],
    action_and_result: str,
    risk_outcome: str = "",
    experience: dict[str, str] | None = None,
    experience_answered_by: str = "",
    experience_comments: str = "",
) -> ClosingReview:
    """The closing review: each current outcome rated, the result for the risk, and the person's
    experience. Saved before closure so nothing is lost if the enquiry is closed later.

    Recording who gave their view and experience makes the review the end conversation: the
    person was asked at the end (docs/measures.md).

    `ratings` maps outcome id to achievement, persons_view, practitioner_reasons, not_rated_reason.
    """
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    spec = sac.spec_on(reviewed_on)
    errors = _check_risk_answers(spec, enquiry, action_and_result, risk_outcome)
    experience = {topic: answer for topic, answer in (experience or {}).items() if answer}
    if experience and experience_answered_by not in AnsweredBy.values:
        errors["experience_answered_by"] = (
            "Choose who answered the questions about their experience"
        )
    held = set()
    if hasattr(enquiry, "closing_review"):
        held = set(enquiry.closing_review.experience.values_list("topic", flat=True))
    for topic, answer in experience.items():
        in_use = topic in held or topic in ref.codes_in_use("experience_topics", on=reviewed_on)
        if not in_use or answer not in ExperienceAnswer.values:
            errors[f"experience_{topic}"] = "Choose yes, partly, no or did not answer"
    if errors:
        raise ValidationError(errors)
    _check_date("reviewed_on", reviewed_on, enquiry, "The date of the review")
    not_before(
        "reviewed_on",
        reviewed_on,
        enquiry.start_date,
        "The date of the review",
        "the start of the enquiry",
    )
    for outcome in current_outcomes(enquiry):
        rating = ratings.get(outcome.pk, {})
        outcomes.outcome_rate(
            actor=actor,
            outcome=outcome,
            happened_on=reviewed_on,
            prefix=f"rating_{outcome.pk}_",
            **rating,
        )
    enquiry.action_and_result = action_and_result
    enquiry.risk_outcome = risk_outcome
    enquiry.ceased_at_request = action_and_result == "ceased_at_request"
    save_recorded(enquiry, actor=actor, reason="Closing review")
    review = ClosingReview.objects.filter(enquiry=enquiry).first()
    creating = review is None
    if creating:
        review = ClosingReview(enquiry=enquiry)
    review.reviewed_on = reviewed_on
    review.experience_answered_by = experience_answered_by if experience else ""
    review.experience_comments = experience_comments.strip()
    save_recorded(review, actor=actor, creating=creating, reason="Closing review recorded")
    _save_experience(actor=actor, review=review, answers=experience)
    facts.case_refresh(concern_ids=[enquiry.concern_id])
    return review


def closure_problems(enquiry: Enquiry) -> list[str]:
    """What stops the enquiry from closing, in words a practitioner can act on."""
    problems = []
    if not hasattr(enquiry, "closing_review"):
        problems.append("Record the closing review first")
    unrated = [o for o in current_outcomes(enquiry) if not o.achievement and not o.not_rated_reason]
    for outcome in unrated:
        problems.append(
            f"Rate “{outcome.words}” as fully, partly or not achieved, or record why it was not rated"
        )
    if not enquiry.action_and_result:
        problems.append("Record the action taken and its result")
    return problems


def closure_warnings(enquiry: Enquiry) -> list[str]:
    """What the practitioner should know before closing, though it does not stop closure:
    the record does not show that the person was asked at the end."""
    from msp.enquiries.selectors import asked_at_end

    if asked_at_end(enquiry):
        return []
    name = enquiry.person.known_as
    return [
        f"The record does not show that {name} was asked at the end. If you asked them (or "
        "their representative) how far their outcomes were achieved and how they found the "
        "support, say who answered in the closing review, or record an end conversation. "
        "Otherwise the enquiry will show as “Closed without asking”."
    ]


def _check_statutory_answers(spec, enquiry: Enquiry, recorded: dict) -> None:
    """The answers to be kept against the year's lists and dependencies: advocacy support
    only where the person lacked capacity, achievement only where outcomes were expressed."""
    errors = {}
    for field, name in statutory.FIELDS.items():
        answer = spec.answer(name)
        value = recorded[field]
        if answer.list_code and value and value not in spec.codes(answer.list_code):
            errors[field] = f"Choose an answer for “{answer.label}” from the list"
    if errors:
        raise ValidationError(errors)
    answers = statutory.answers_of(enquiry, **recorded)
    for name, message in spec.answer_problems(answers, kind=enquiry.kind, concluded=True).items():
        field = statutory.ANSWER_FIELDS[name]
        if field not in statutory.FIELDS:
            continue  # the closing review's answers, checked when it was recorded
        if name == "outcomes_achieved" and not recorded[field]:
            # Every expressed outcome was withdrawn, replaced or left unrated: the return
            # still needs an answer, and only the practitioner can give it.
            message = "Outcomes were expressed, so choose how far they were achieved, and say why in the reason box"
        errors[field] = message
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def enquiry_close(
    *, actor, enquiry: Enquiry, end_date, corrections: dict[str, tuple] | None = None
) -> Enquiry:
    """Close the enquiry. The statutory answers are derived from the record; a practitioner may
    correct one only with a reason, and both the derived and the corrected value are kept.
    """
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    problems = closure_problems(enquiry)
    if problems:
        raise ValidationError(problems)
    _check_date("end_date", end_date, enquiry, "The date the enquiry closed")
    not_before(
        "end_date",
        end_date,
        enquiry.start_date,
        "The date the enquiry closed",
        "the date it started",
    )
    spec = statutory.spec_at_close(end_date)
    derived = statutory.derive_for(enquiry, end_date=end_date)
    recorded = dict(derived)
    kept = {}
    for field, (value, reason) in (corrections or {}).items():
        if field not in statutory.FIELDS:
            raise ValidationError(f"{field} is not a statutory answer")
        if value == derived[field]:
            continue
        if not (reason or "").strip():
            label = statutory.field_label(field, spec)
            raise ValidationError({f"{field}_reason": f"Give a reason for correcting “{label}”"})
        recorded[field] = value
        kept[field] = {
            "derived": derived[field],
            "recorded": value,
            "reason": reason.strip(),
            "by": actor.pk,
        }
    _check_statutory_answers(spec, enquiry, recorded)
    for field, value in recorded.items():
        setattr(enquiry, field, value)
    enquiry.sac_corrections = kept
    enquiry.end_date = end_date
    save_recorded(enquiry, actor=actor, reason="Closed")
    facts.case_refresh(concern_ids=[enquiry.concern_id])
    return enquiry
