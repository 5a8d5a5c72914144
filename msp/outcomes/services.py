"""Every write to a person's desired outcomes. Each step is also an OutcomeEvent on the timeline."""

from django.core.exceptions import ValidationError
from django.db import transaction

from msp.core.problems import Problems
from msp.core.services import check_version, not_before, not_future, save_recorded
from msp.outcomes.models import Achievement, DesiredOutcome, EventKind, OutcomeEvent, OutcomeStatus
from msp.reference import selectors as ref


def check_words(words: str, *, field: str = "words", name: str = "the person") -> str:
    """Refuse a conclusion, a service response or a step in the process recorded as what the
    person wants, saying why and what to ask instead (msp.reference.not_outcomes)."""
    words = " ".join(words.split())
    if not words:
        raise ValidationError({field: f"Enter what {name} wants to happen, in their own words"})
    match = ref.not_outcome_match(words)
    if match is not None:
        idea = match.idea
        raise ValidationError(
            {
                field: (
                    f"“{words}” is {idea.explanation.rstrip('.')}. Ask {name} what they want "
                    f"to happen, in their own words: for example “{idea.instead.rstrip('.')}”."
                )
            }
        )
    return words


def _check_meta(
    category: str, expressed_by: str, *, on, kept: DesiredOutcome | None = None, field_prefix=""
) -> None:
    """The category and who expressed it must be in use on the day; an outcome being revised
    keeps what it already had even if that entry has since been retired."""
    errors = {}
    held_category = kept.category if kept else ""
    held_by = kept.expressed_by if kept else ""
    if category and not ref.check_in_use(
        "desired_outcome_categories", category, on=on, kept=held_category
    ):
        errors[field_prefix + "category"] = (
            "That category is no longer in use: choose another, or leave it blank"
            if category in ref.codes("desired_outcome_categories")
            else "Choose a category from the list, or leave it blank"
        )
    if not ref.check_in_use("outcome_expressed_by", expressed_by, on=on, kept=held_by):
        errors[field_prefix + "expressed_by"] = "Choose who expressed this outcome"
    if errors:
        raise ValidationError(errors)


def outcome_problems(
    *,
    words: str,
    expressed_by: str,
    category: str = "",
    name: str = "the person",
    prefix: str = "",
    on=None,
    kept: DesiredOutcome | None = None,
) -> Problems:
    """Everything wrong with an outcome as worded and attributed, all at once. The category
    and who expressed it must be in use on `on` (today when not given), or be what `kept`, the
    outcome being changed, already had."""
    problems = Problems()
    problems.check(check_words, words, field=prefix + "words", name=name)
    problems.check(_check_meta, category, expressed_by, on=on, kept=kept, field_prefix=prefix)
    return problems


def rating_problems(
    outcome: DesiredOutcome, *, achievement: str = "", not_rated_reason: str = "", prefix: str = ""
) -> Problems:
    """An outcome is rated fully, partly or not achieved, or left unrated only with a reason."""
    problems = Problems()
    if not outcome.is_current:
        problems.add(None, f"“{outcome.words}” is no longer current, so it is not rated")
    elif achievement and achievement not in Achievement.values:
        problems.add(prefix + "achievement", "Choose fully, partly or not achieved")
    elif not achievement and not (not_rated_reason or "").strip():
        problems.add(
            prefix + "achievement",
            f"Choose whether “{outcome.words}” was fully, partly or not achieved, "
            "or say why it was not rated",
        )
    return problems


def _check_open(outcome: DesiredOutcome) -> None:
    if not outcome.is_current:
        raise ValidationError("This outcome is no longer current, so it cannot be changed")
    if outcome.enquiry.end_date is not None:
        raise ValidationError("The enquiry is closed, so its outcomes cannot be changed")


def _locked(outcome: DesiredOutcome) -> DesiredOutcome:
    """The outcome read again with its row locked, for a change made inside a transaction."""
    return (
        DesiredOutcome.objects.select_for_update()
        .select_related("enquiry__concern")
        .get(pk=outcome.pk)
    )


def _locked_to_change(outcome: DesiredOutcome, seen_version: int | None) -> DesiredOutcome:
    """Locked, refused if someone else changed it since it was read, and only while it is
    current and its enquiry open: what every change to an outcome checks first."""
    outcome = _locked(outcome)
    check_version(outcome, seen_version)
    _check_open(outcome)
    return outcome


def _event(outcome: DesiredOutcome, *, actor, kind: str, happened_on, **fields) -> OutcomeEvent:
    return OutcomeEvent.objects.create(
        outcome=outcome, actor=actor, kind=kind, happened_on=happened_on, **fields
    )


def check_outcome_date(happened_on, enquiry) -> None:
    """A step in an outcome's journey happened on a day between the concern and today."""
    if happened_on is None:
        raise ValidationError({"happened_on": "Enter the date"})
    not_future("happened_on", happened_on, "The date")
    not_before(
        "happened_on",
        happened_on,
        enquiry.concern.received_date,
        "The date",
        "the date the concern was received",
    )


@transaction.atomic
def outcome_express(
    *,
    actor,
    enquiry,
    words: str,
    expressed_by: str,
    happened_on,
    category: str = "",
    conversation=None,
    alternative_to: DesiredOutcome | None = None,
    name: str = "the person",
) -> DesiredOutcome:
    """Record a new desired outcome in the person's words (or a plan B for another outcome)."""
    if enquiry.end_date is not None:
        raise ValidationError("The enquiry is closed, so no new outcomes can be added")
    problems = outcome_problems(
        words=words, expressed_by=expressed_by, category=category, name=name, on=happened_on
    )
    problems.check(check_outcome_date, happened_on, enquiry)
    problems.raise_if_any()
    words = check_words(words, name=name)
    outcome = DesiredOutcome(
        enquiry=enquiry,
        conversation=conversation,
        words=words,
        category=category,
        expressed_by=expressed_by,
        alternative_to=alternative_to,
    )
    save_recorded(outcome, actor=actor, creating=True, reason="Expressed")
    _event(
        outcome,
        actor=actor,
        kind=EventKind.EXPRESSED,
        happened_on=happened_on,
        words=words,
        category=category,
        expressed_by=expressed_by,
        conversation=conversation,
        related=alternative_to,
    )
    if alternative_to is not None:
        _event(
            alternative_to,
            actor=actor,
            kind=EventKind.ALTERNATIVE,
            happened_on=happened_on,
            words=words,
            related=outcome,
            conversation=conversation,
        )
    return outcome


@transaction.atomic
def outcome_add_alternative(
    *,
    actor,
    outcome: DesiredOutcome,
    words: str,
    expressed_by: str,
    happened_on,
    category: str = "",
    name: str = "the person",
    seen_version: int | None = None,
) -> DesiredOutcome:
    """A plan B for an outcome, if it cannot be achieved as it stands; both stay current."""
    outcome = _locked_to_change(outcome, seen_version)
    return outcome_express(
        actor=actor,
        enquiry=outcome.enquiry,
        words=words,
        expressed_by=expressed_by,
        happened_on=happened_on,
        category=category,
        alternative_to=outcome,
        name=name,
    )


@transaction.atomic
def outcome_revise(
    *,
    actor,
    outcome: DesiredOutcome,
    words: str,
    reason: str,
    happened_on,
    category: str | None = None,
    expressed_by: str | None = None,
    conversation=None,
    name: str = "the person",
    seen_version: int | None = None,
) -> DesiredOutcome:
    """Change an outcome's words; the earlier words stay on its timeline with when, who and why."""
    outcome = _locked_to_change(outcome, seen_version)
    category = outcome.category if category is None else category
    expressed_by = outcome.expressed_by if expressed_by is None else expressed_by
    problems = outcome_problems(
        words=words,
        expressed_by=expressed_by,
        category=category,
        name=name,
        on=happened_on,
        kept=outcome,
    )
    if not reason.strip():
        problems.add("reason", f"Enter why {name} changed what they want")
    problems.check(check_outcome_date, happened_on, outcome.enquiry)
    problems.raise_if_any()
    words = check_words(words, name=name)
    outcome.words, outcome.category, outcome.expressed_by = words, category, expressed_by
    outcome.revision_count += 1
    save_recorded(outcome, actor=actor, reason="Revised")
    _event(
        outcome,
        actor=actor,
        kind=EventKind.REVISED,
        happened_on=happened_on,
        words=words,
        category=category,
        expressed_by=expressed_by,
        reason=reason.strip(),
        conversation=conversation,
    )
    return outcome


@transaction.atomic
def outcome_confirm(
    *, actor, outcome: DesiredOutcome, happened_on, conversation=None
) -> DesiredOutcome:
    """Note that the person still wants this outcome, as asked in a later conversation."""
    _check_open(outcome)
    check_outcome_date(happened_on, outcome.enquiry)
    _event(
        outcome,
        actor=actor,
        kind=EventKind.CONFIRMED,
        happened_on=happened_on,
        conversation=conversation,
    )
    return outcome


@transaction.atomic
def outcome_withdraw(
    *,
    actor,
    outcome: DesiredOutcome,
    reason: str,
    happened_on,
    conversation=None,
    seen_version: int | None = None,
    name: str = "the person",
) -> DesiredOutcome:
    """The person no longer wants this outcome. It stays on the record, marked as withdrawn."""
    outcome = _locked_to_change(outcome, seen_version)
    problems = Problems()
    if not reason.strip():
        problems.add("reason", f"Enter why {name} no longer wants this")
    problems.check(check_outcome_date, happened_on, outcome.enquiry)
    problems.raise_if_any()
    outcome.status = OutcomeStatus.WITHDRAWN
    save_recorded(outcome, actor=actor, reason="Withdrawn")
    _event(
        outcome,
        actor=actor,
        kind=EventKind.WITHDRAWN,
        happened_on=happened_on,
        reason=reason.strip(),
        conversation=conversation,
    )
    return outcome


@transaction.atomic
def outcome_replace(
    *,
    actor,
    outcome: DesiredOutcome,
    words: str,
    reason: str,
    happened_on,
    expressed_by: str,
    category: str = "",
    conversation=None,
    name: str = "the person",
    seen_version: int | None = None,
) -> DesiredOutcome:
    """Replace an outcome with a different one; both stay on the record, linked."""
    outcome = _locked_to_change(outcome, seen_version)
    problems = outcome_problems(
        words=words, expressed_by=expressed_by, category=category, name=name, on=happened_on
    )
    if not reason.strip():
        problems.add("reason", f"Enter why {name} wants a different outcome instead")
    problems.check(check_outcome_date, happened_on, outcome.enquiry)
    problems.raise_if_any()
    new = outcome_express(
        actor=actor,
        enquiry=outcome.enquiry,
        words=words,
        expressed_by=expressed_by,
        category=category,
        happened_on=happened_on,
        conversation=conversation,
        name=name,
    )
    outcome.status = OutcomeStatus.REPLACED
    outcome.replaced_by = new
    save_recorded(outcome, actor=actor, reason="Replaced")
    _event(
        outcome,
        actor=actor,
        kind=EventKind.REPLACED,
        happened_on=happened_on,
        reason=reason.strip(),
        related=new,
        words=new.words,
        conversation=conversation,
    )
    return new


@transaction.atomic
def outcome_mark_tension(
    *,
    actor,
    outcome: DesiredOutcome,
    other: DesiredOutcome | None,
    reason: str,
    happened_on,
    seen_version: int | None = None,
) -> None:
    """Two outcomes pull against each other (the person and family want different things, say)."""
    outcome = _locked_to_change(outcome, seen_version)
    problems = Problems()
    if other is None or other.pk == outcome.pk or other.enquiry_id != outcome.enquiry_id:
        problems.add("other", "Choose another outcome from the same enquiry")
    if not reason.strip():
        problems.add("reason", "Describe the tension between the two outcomes")
    problems.check(check_outcome_date, happened_on, outcome.enquiry)
    problems.raise_if_any()
    outcome._history_user = actor
    outcome.tensions.add(other)
    for first, second in ((outcome, other), (other, outcome)):
        _event(
            first,
            actor=actor,
            kind=EventKind.TENSION,
            happened_on=happened_on,
            reason=reason.strip(),
            related=second,
            words=second.words,
        )


@transaction.atomic
def outcome_rate(
    *,
    actor,
    outcome: DesiredOutcome,
    happened_on,
    achievement: str = "",
    persons_view: str = "",
    practitioner_reasons: str = "",
    not_rated_reason: str = "",
    prefix: str = "",
) -> DesiredOutcome:
    """At the end: was the outcome achieved fully, partly or not, in the person's view, and why.

    An outcome may stay unrated only with a recorded reason (the person could not be asked, say).
    """
    outcome = _locked(outcome)
    problems = rating_problems(
        outcome, achievement=achievement, not_rated_reason=not_rated_reason, prefix=prefix
    )
    problems.check(check_outcome_date, happened_on, outcome.enquiry)
    problems.raise_if_any()
    outcome.achievement = achievement
    outcome.persons_view = persons_view.strip()
    outcome.practitioner_reasons = practitioner_reasons.strip()
    outcome.not_rated_reason = "" if achievement else not_rated_reason.strip()
    save_recorded(outcome, actor=actor, reason="Rated")
    _event(
        outcome,
        actor=actor,
        kind=EventKind.RATED,
        happened_on=happened_on,
        achievement=achievement,
        reason=practitioner_reasons.strip() or outcome.not_rated_reason,
        words=persons_view.strip(),
    )
    return outcome
