"""Every write to an enquiry and the practice recorded in it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from msp import sac
from msp.accounts.models import Team
from msp.core.problems import Problems
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
    RevisitAnswer,
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
        raise ValidationError({field: f"Enter {label[:1].lower()}{label[1:]}"})
    not_future(field, value, label)
    not_before(
        field, value, enquiry.concern.received_date, label, "the date the concern was received"
    )


def enquiry_open_problems(
    *, concern, kind: str, team: Team | None, start_date, lead=None, start_required: bool = True
) -> Problems:
    """Everything that stops an enquiry opening: its kind, start date and the lead's team."""
    problems = Problems()
    if kind not in EnquiryKind.values:
        problems.add("kind", "Choose section 42 or other enquiry")
    if start_date is None and start_required:
        problems.add("enquiry_start_date", "Enter the date the enquiry started")
    problems.check(not_future, "enquiry_start_date", start_date, "The date the enquiry started")
    problems.check(
        not_before,
        "enquiry_start_date",
        start_date,
        concern.received_date,
        "The date the enquiry started",
        "the date the concern was received",
    )
    if team is not None:
        problems.check(_check_lead, team, lead)
    return problems


@transaction.atomic
def enquiry_open(*, actor, concern, kind: str, team: Team, start_date, lead=None) -> Enquiry:
    """Open the enquiry that a decision on a concern calls for."""
    enquiry_open_problems(
        concern=concern, kind=kind, team=team, start_date=start_date, lead=lead
    ).raise_if_any()
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


def allocation_problems(*, team: Team | None, lead) -> Problems:
    problems = Problems()
    if team is None:
        problems.add("team", "Choose the team")
    else:
        problems.check(_check_lead, team, lead)
    return problems


@transaction.atomic
def enquiry_allocate(
    *, actor, enquiry: Enquiry, team: Team, lead, seen_version: int | None = None
) -> Enquiry:
    """Give the enquiry to a team and a lead practitioner."""
    enquiry = _lock(enquiry)
    check_version(enquiry, seen_version)
    _check_open(enquiry)
    allocation_problems(team=team, lead=lead).raise_if_any()
    enquiry.team, enquiry.lead = team, lead
    save_recorded(enquiry, actor=actor, reason="Allocated")
    return enquiry


def conversation_problems(
    *,
    enquiry: Enquiry,
    held_on,
    stage: str,
    method: str,
    participants: list[str],
    kind: str = ConversationKind.CONVERSATION,
    asked_no_outcomes: bool = False,
    new_outcomes: list[dict | None] | None = None,
    revisits: list[dict | None] | None = None,
) -> Problems:
    """Everything wrong with a conversation and the outcomes recorded in it, all at once: a
    missing answer, every phrase that is not an outcome, every revisit without its reason.

    Entries of `new_outcomes` and `revisits` may be None: a part of the form left blank, kept so
    that each problem is reported against the part it came from (outcome_2_words)."""
    name = enquiry.person.known_as
    problems = Problems()
    expressed = [new for new in new_outcomes or [] if new is not None]
    revisited = [r for r in revisits or [] if r and r.get("answer")]
    if enquiry.end_date is not None and (stage != Stage.END or expressed or revisited):
        # A closed enquiry takes its end conversation only, with no outcomes: so a record
        # closed without noting that the person was asked at the end can be put right, or a
        # follow-up after closure recorded (the outcomes framework allows eight weeks).
        problems.add(
            "stage", "This enquiry is closed: only the end conversation can still be recorded"
        )
    if stage not in Stage.values:
        problems.add("stage", "Choose start, during or end")
    if kind not in ConversationKind.values:
        problems.add("kind", "Choose what kind of conversation or meeting it was")
    if method not in Method.values:
        problems.add("method", "Choose how the conversation happened")
    if not participants:
        problems.add("participants", "Choose who took part")
    elif not set(participants) <= set(Participant.values):
        problems.add("participants", "Choose who took part from the list")
    problems.check(_check_date, "held_on", held_on, enquiry, "The date of the conversation")
    if asked_no_outcomes and expressed:
        problems.add(
            "asked_no_outcomes",
            f"Either record what {name} wants to happen, or that they did not say, not both",
        )
    for index, revisit in enumerate(revisits or []):
        if not revisit or not revisit.get("answer"):
            continue
        prefix = f"revisit_{index}_"
        outcome = revisit["outcome"]
        if outcome.enquiry_id != enquiry.pk:
            problems.add(None, "That outcome belongs to another enquiry")
            continue
        if not outcome.is_current:
            problems.add(prefix + "answer", f"“{outcome.words}” is no longer current")
            continue
        answer = revisit["answer"]
        if answer not in RevisitAnswer.values:
            problems.add(prefix + "answer", "Choose still wanted, changed or no longer wanted")
        if answer == RevisitAnswer.CHANGED:
            if not (revisit.get("words") or "").strip():
                problems.add(
                    prefix + "words", f"Enter what {name} wants now instead of “{outcome.words}”"
                )
            else:
                problems.check(
                    outcomes.check_words, revisit["words"], name=name, field=prefix + "words"
                )
            if not (revisit.get("reason") or "").strip():
                problems.add(prefix + "reason", f"Enter why {name} changed “{outcome.words}”")
        if answer == "withdrawn" and not (revisit.get("reason") or "").strip():
            problems.add(prefix + "reason", f"Enter why {name} no longer wants “{outcome.words}”")
    for index, new in enumerate(new_outcomes or []):
        if new is None:
            continue
        problems.extend(
            outcomes.outcome_problems(
                words=new.get("words", ""),
                expressed_by=new.get("expressed_by", ""),
                category=new.get("category", ""),
                name=name,
                prefix=f"outcome_{index}_",
                on=held_on,
            )
        )
    return problems


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
    new_outcomes: list[dict | None] | None = None,
    revisits: list[dict | None] | None = None,
) -> Conversation:
    """Record a conversation or meeting, the outcomes the person expressed in it, and what became
    of earlier outcomes when they were revisited. All of it is saved together or not at all, and
    every problem with any part of it is reported together.

    `new_outcomes`: dicts of words, expressed_by, category (optional).
    `revisits`: dicts of outcome, answer ('still' / 'changed' / 'withdrawn'), words, reason,
    and optionally seen_version, the version of the outcome the user saw.

    A closed enquiry takes its end conversation only (conversation_problems says so).
    """
    enquiry = _lock(enquiry)
    for revisit in revisits or []:
        if revisit and revisit.get("answer") and revisit.get("seen_version") is not None:
            check_version(
                DesiredOutcome.objects.get(pk=revisit["outcome"].pk), revisit["seen_version"]
            )
    conversation_problems(
        enquiry=enquiry,
        held_on=held_on,
        stage=stage,
        method=method,
        participants=participants,
        kind=kind,
        asked_no_outcomes=asked_no_outcomes,
        new_outcomes=new_outcomes,
        revisits=revisits,
    ).raise_if_any()
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
        if not revisit or not revisit.get("answer"):
            continue
        outcome, answer = revisit["outcome"], revisit["answer"]
        try:
            if answer == RevisitAnswer.STILL:
                outcomes.outcome_confirm(
                    actor=actor, outcome=outcome, happened_on=held_on, conversation=conversation
                )
            elif answer == RevisitAnswer.CHANGED:
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
                    name=name,
                )
        except ValidationError as error:
            raise _prefixed(error, f"revisit_{index}_") from error
    for index, new in enumerate(new_outcomes or []):
        if new is None:
            continue
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


def capacity_problems(
    *, enquiry: Enquiry, decision: str, assessed_on, outcome: str, assessor: str
) -> Problems:
    problems = Problems()
    if not (decision or "").strip():
        problems.add("decision", "Enter the decision the assessment was about")
    if outcome not in CapacityOutcome.values:
        problems.add("outcome", "Choose whether the person has or lacks capacity for this decision")
    if not (assessor or "").strip():
        problems.add("assessor", "Enter who assessed capacity")
    problems.check(_check_date, "assessed_on", assessed_on, enquiry, "The date of the assessment")
    return problems


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
    capacity_problems(
        enquiry=enquiry,
        decision=decision,
        assessed_on=assessed_on,
        outcome=outcome,
        assessor=assessor,
    ).raise_if_any()
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


def representation_problems(
    *, enquiry: Enquiry, role: str, name: str, from_date, to_date=None
) -> Problems:
    problems = Problems()
    if role not in ref.codes_in_use("representation_roles", on=from_date):
        problems.add("role", "Choose the kind of representative or advocate")
    if not (name or "").strip():
        problems.add("name", "Enter the representative's name")
    if from_date is None:
        problems.add("from_date", "Enter the date they started representing the person")
    problems.check(not_future, "from_date", from_date, "The date they started")
    problems.check(
        not_before, "to_date", to_date, from_date, "The date they stopped", "the date they started"
    )
    return problems


@transaction.atomic
def representation_record(
    *, actor, enquiry: Enquiry, role: str, name: str, from_date, to_date=None
) -> Representation:
    """Someone who represents or advocates for the person, and from when."""
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    representation_problems(
        enquiry=enquiry, role=role, name=name, from_date=from_date, to_date=to_date
    ).raise_if_any()
    representation = Representation(
        enquiry=enquiry, role=role, name=name.strip(), from_date=from_date, to_date=to_date
    )
    save_recorded(representation, actor=actor, creating=True, reason="Representation recorded")
    return representation


def risk_discussion_problems(
    *,
    enquiry: Enquiry,
    held_on,
    options: str,
    persons_choice: str,
    act_against_wishes: bool = False,
    against_wishes_reason: str = "",
    explained_how: str = "",
    explained_on=None,
) -> Problems:
    name = enquiry.person.known_as
    problems = Problems()
    if not (options or "").strip():
        problems.add("options", "Enter the options considered, with the risks and benefits of each")
    if not (persons_choice or "").strip():
        problems.add("persons_choice", f"Enter what {name} chose")
    problems.check(_check_date, "held_on", held_on, enquiry, "The date of the discussion")
    if act_against_wishes:
        if against_wishes_reason not in ref.codes_in_use(
            "reasons_to_act_against_wishes", on=held_on
        ):
            problems.add(
                "against_wishes_reason", f"Choose why the decision goes against {name}'s wishes"
            )
        if not (explained_how or "").strip():
            problems.add("explained_how", f"Enter how the decision was explained to {name}")
        if explained_on is None:
            problems.add("explained_on", f"Enter when the decision was explained to {name}")
        problems.check(not_future, "explained_on", explained_on, "The date it was explained")
        problems.check(
            not_before,
            "explained_on",
            explained_on,
            held_on,
            "The date it was explained",
            "the date of the discussion",
        )
    return problems


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
    risk_discussion_problems(
        enquiry=enquiry,
        held_on=held_on,
        options=options,
        persons_choice=persons_choice,
        act_against_wishes=act_against_wishes,
        against_wishes_reason=against_wishes_reason,
        explained_how=explained_how,
        explained_on=explained_on,
    ).raise_if_any()
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


def response_problems(*, enquiry: Enquiry, code: str, agreed_on) -> Problems:
    problems = Problems()
    if code not in ref.codes_in_use("responses", on=agreed_on):
        problems.add("code", f"Choose the response agreed with {enquiry.person.known_as}")
    problems.check(_check_date, "agreed_on", agreed_on, enquiry, "The date it was agreed")
    return problems


@transaction.atomic
def response_record(*, actor, enquiry: Enquiry, code: str, agreed_on, notes: str = "") -> Response:
    """A proportionate response agreed with the person."""
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    response_problems(enquiry=enquiry, code=code, agreed_on=agreed_on).raise_if_any()
    response = Response(enquiry=enquiry, code=code, agreed_on=agreed_on, notes=notes.strip())
    save_recorded(response, actor=actor, creating=True, reason="Response agreed")
    return response


def current_outcomes(enquiry: Enquiry) -> list[DesiredOutcome]:
    return list(enquiry.outcomes.filter(status=OutcomeStatus.CURRENT).order_by("id"))


def _risk_answer_problems(spec, enquiry, action_and_result: str, risk_outcome: str) -> dict:
    """The action and result and the risk outcome against the year's lists and the dependency
    between them (the same rule the import and the return's SG2e check read)."""
    if action_and_result not in spec.codes("action_taken_and_result"):
        return {"action_and_result": "Choose the action taken and its result"}
    if risk_outcome and risk_outcome not in spec.codes("risk_outcome"):
        return {"risk_outcome": "Choose remained, reduced or removed"}
    answer = spec.answer("risk_outcome")
    answers = {"action_and_result": action_and_result, "risk_outcome": risk_outcome}
    problem = answer.problem(answers, kind=enquiry.kind, concluded=True)
    if problem == "missing":
        when = answer.only_when.text
        return {
            "risk_outcome": f"{when[0].upper()}{when[1:]}: choose whether the risk remained, "
            "was reduced or was removed"
        }
    if problem == "not_applicable":
        return {
            "risk_outcome": "Choose “Not needed” for the risk: a risk outcome is only recorded "
            f"when {answer.only_when.text}"
        }
    return {}


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


def closing_review_problems(
    *,
    enquiry: Enquiry,
    reviewed_on,
    ratings: dict[int, dict],
    action_and_result: str,
    risk_outcome: str = "",
    experience: dict[str, str] | None = None,
    experience_answered_by: str = "",
) -> Problems:
    """Everything missing from a closing review, all at once: the date, the action and its
    result, the risk (by the year's dependency: msp/sac), who answered, and every outcome not
    yet rated."""
    problems = Problems()
    spec = sac.spec_on(reviewed_on)
    for field, message in _risk_answer_problems(
        spec, enquiry, action_and_result, risk_outcome
    ).items():
        problems.add(field, message)
    answered = {topic: answer for topic, answer in (experience or {}).items() if answer}
    if answered and experience_answered_by not in AnsweredBy.values:
        problems.add(
            "experience_answered_by", "Choose who answered the questions about the experience"
        )
    held = set()
    review = ClosingReview.objects.filter(enquiry=enquiry).first()
    if review is not None:
        held = set(review.experience.values_list("topic", flat=True))
    for topic, answer in answered.items():
        in_use = topic in held or topic in ref.codes_in_use("experience_topics", on=reviewed_on)
        if not in_use or answer not in ExperienceAnswer.values:
            problems.add(f"experience_{topic}", "Choose yes, partly, no or did not answer")
    problems.check(_check_date, "reviewed_on", reviewed_on, enquiry, "The date of the review")
    problems.check(
        not_before,
        "reviewed_on",
        reviewed_on,
        enquiry.start_date,
        "The date of the review",
        "the start of the enquiry",
    )
    for outcome in current_outcomes(enquiry):
        rating = ratings.get(outcome.pk, {})
        problems.extend(
            outcomes.rating_problems(
                outcome,
                achievement=rating.get("achievement", ""),
                not_rated_reason=rating.get("not_rated_reason", ""),
                prefix=f"rating_{outcome.pk}_",
            )
        )
    return problems


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
    seen_version: int | None = None,
    seen_review_version: int | None = None,
) -> ClosingReview:
    """The closing review: each current outcome rated, the result for the risk, and the person's
    experience. Saved before closure so nothing is lost if the enquiry is closed later.

    Recording who gave their view and experience makes the review the end conversation: the
    person was asked at the end (docs/measures.md).

    `ratings` maps outcome id to achievement, persons_view, practitioner_reasons,
    not_rated_reason, and optionally seen_version (the version of the outcome the user saw).
    `seen_version` and `seen_review_version` are those of the enquiry and of the review.
    """
    enquiry = _lock(enquiry)
    check_version(enquiry, seen_version)
    existing = ClosingReview.objects.select_for_update().filter(enquiry=enquiry).first()
    if existing is not None:
        check_version(existing, seen_review_version)
    _check_open(enquiry)
    current = current_outcomes(enquiry)
    for outcome in current:
        seen = ratings.get(outcome.pk, {}).get("seen_version")
        check_version(outcome, seen)
    closing_review_problems(
        enquiry=enquiry,
        reviewed_on=reviewed_on,
        ratings=ratings,
        action_and_result=action_and_result,
        risk_outcome=risk_outcome,
        experience=experience,
        experience_answered_by=experience_answered_by,
    ).raise_if_any()
    experience = {topic: answer for topic, answer in (experience or {}).items() if answer}
    for outcome in current:
        rating = {k: v for k, v in ratings.get(outcome.pk, {}).items() if k != "seen_version"}
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
    review = existing
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


def correction_problems(field: str, value, reason: str, derived, spec=None) -> Problems:
    """A statutory answer differs from the one derived from the record only with a reason,
    and only with an answer on the year's list (`spec`: the year it concludes in)."""
    problems = Problems()
    if field not in statutory.FIELDS:
        problems.add(None, f"{field} is not a statutory answer")
        return problems
    if value == derived:
        return problems
    answer = (spec or sac.spec_on()).answer(statutory.NAMES[field])
    label = answer.label
    if answer.list_code and value and value not in (spec or sac.spec_on()).codes(answer.list_code):
        problems.add(field, f"Choose an answer for “{label}” from the list")
    if not (reason or "").strip():
        problems.add(f"{field}_reason", f"Enter why you changed the answer to “{label}”")
    return problems


@transaction.atomic
def statutory_answer_correct(
    *,
    actor,
    enquiry: Enquiry,
    field: str,
    value,
    reason: str = "",
    seen_review_version: int | None = None,
) -> ClosingReview:
    """Propose a correction to one statutory answer before closure, with its reason, kept on the
    closing review until the enquiry closes. Choosing the answer worked out from the record
    removes the correction."""
    enquiry = _lock(enquiry)
    _check_open(enquiry)
    review = ClosingReview.objects.select_for_update().filter(enquiry=enquiry).first()
    if review is None:
        raise ValidationError("Record the closing review first")
    check_version(review, seen_review_version)
    derived = statutory.derive_for(enquiry)
    correction_problems(field, value, reason, derived.get(field)).raise_if_any()
    corrections = dict(review.corrections)
    if value == derived[field]:
        corrections.pop(field, None)
    else:
        corrections[field] = {"value": value, "reason": reason.strip()}
    review.corrections = corrections
    save_recorded(review, actor=actor, reason="Statutory answer corrected")
    return review


def proposed_corrections(review: ClosingReview | None) -> dict[str, tuple]:
    """The corrections proposed on the closing review, as enquiry_close takes them."""
    if review is None:
        return {}
    return {f: (c.get("value"), c.get("reason", "")) for f, c in review.corrections.items()}


def _closing_answers(enquiry: Enquiry, end_date, corrections: dict[str, tuple] | None):
    """The problems with closing on `end_date`, the answers to record and the corrections kept."""
    problems = Problems()
    missing = closure_problems(enquiry)
    for problem in missing:
        problems.add(None, problem)
    problems.check(_check_date, "end_date", end_date, enquiry, "The date the enquiry closed")
    problems.check(
        not_before,
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
        found = correction_problems(field, value, reason, derived.get(field), spec)
        problems.extend(found)
        if found or field not in statutory.FIELDS or value == derived[field]:
            continue
        recorded[field] = value
        kept[field] = {"derived": derived[field], "recorded": value, "reason": reason.strip()}
    if not missing:
        problems.extend(_answer_dependency_problems(spec, enquiry, recorded))
    return problems, recorded, kept


def _answer_dependency_problems(spec, enquiry: Enquiry, recorded: dict) -> Problems:
    """The answers to be kept against the year's dependencies: advocacy support only where the
    person lacked capacity, achievement only (and always) where outcomes were expressed."""
    problems = Problems()
    answers = statutory.answers_of(enquiry, **recorded)
    for name, message in spec.answer_problems(answers, kind=enquiry.kind, concluded=True).items():
        field = statutory.ANSWER_FIELDS[name]
        if field not in statutory.FIELDS:
            continue  # the closing review's answers, checked when it was recorded
        if name == "outcomes_achieved" and not recorded[field]:
            # Every expressed outcome was withdrawn, replaced or left unrated: the return
            # still needs an answer, and only the practitioner can give it.
            message = "Outcomes were expressed, so choose how far they were achieved, and say why"
        problems.add(field, message)
    return problems


def close_problems(*, enquiry: Enquiry, end_date, corrections=None) -> Problems:
    """Everything that stops the enquiry closing on `end_date`, all at once."""
    return _closing_answers(enquiry, end_date, corrections)[0]


@transaction.atomic
def enquiry_close(
    *,
    actor,
    enquiry: Enquiry,
    end_date,
    corrections: dict[str, tuple] | None = None,
    seen_version: int | None = None,
    seen_review_version: int | None = None,
) -> Enquiry:
    """Close the enquiry. The statutory answers are derived from the record; a practitioner may
    correct one only with a reason, and both the derived and the corrected value are kept.
    """
    enquiry = _lock(enquiry)
    check_version(enquiry, seen_version)
    review = ClosingReview.objects.filter(enquiry=enquiry).first()
    if review is not None:
        check_version(review, seen_review_version)
    _check_open(enquiry)
    problems, recorded, kept = _closing_answers(enquiry, end_date, corrections)
    problems.raise_if_any()
    for field, value in recorded.items():
        setattr(enquiry, field, value)
    enquiry.sac_corrections = {f: {**c, "by": actor.pk} for f, c in kept.items()}
    enquiry.end_date = end_date
    save_recorded(enquiry, actor=actor, reason="Closed")
    facts.case_refresh(concern_ids=[enquiry.concern_id])
    return enquiry
