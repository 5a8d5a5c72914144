"""Every write to the register of Safeguarding Adults Reviews (the source of SG5)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp.core.problems import Problems
from msp.core.services import check_version, not_before, not_future, save_recorded
from msp.returns.models import SafeguardingAdultsReview

FIELDS = [
    "reference",
    "title",
    "decided_on",
    "completed_on",
    "any_died",
    "individuals_died",
    "individuals_survived",
    "notes",
]


def review_problems(review: SafeguardingAdultsReview) -> Problems:
    """Everything wrong with a review's details, all at once."""
    problems = Problems()
    review.reference = (review.reference or "").strip()
    review.title = (review.title or "").strip()
    if not review.reference:
        problems.add("reference", "Enter the board's reference for the review")
    elif (
        SafeguardingAdultsReview.objects.filter(reference__iexact=review.reference)
        .exclude(pk=review.pk)
        .exists()
    ):
        problems.add("reference", "Another review already has this reference")
    if not review.title:
        problems.add("title", "Enter a title for the review")
    if review.decided_on is None:
        problems.add("decided_on", "Enter the date the board decided to hold the review")
    for field, label in (
        ("individuals_died", "The number of individuals who died"),
        ("individuals_survived", "The number of individuals who survived serious harm"),
    ):
        number = getattr(review, field)
        if number is None or number < 0:
            problems.add(field, f"{label} must be 0 or more")
    if not problems.has("individuals_died") and review.individuals_died is not None:
        if review.any_died and review.individuals_died == 0:
            problems.add(
                "individuals_died",
                "Enter how many individuals died: you said one or more individuals died",
            )
        elif not review.any_died and review.individuals_died > 0:
            problems.add(
                "any_died", "Say that one or more individuals died, or set the number who died to 0"
            )
    problems.check(
        not_future, "decided_on", review.decided_on, "The date the board decided to hold the review"
    )
    problems.check(
        not_future, "completed_on", review.completed_on, "The date the review was completed"
    )
    problems.check(
        not_before,
        "completed_on",
        review.completed_on,
        review.decided_on,
        "The date the review was completed",
        "the date the board decided to hold it",
    )
    return problems


def _validate(review: SafeguardingAdultsReview) -> None:
    review_problems(review).raise_if_any()


def review_create(*, actor, **values) -> SafeguardingAdultsReview:
    """Add a SAR to the register. Counts must be 0 or more, "any died" must agree with the
    number who died, dates may not be in the future and completion may not precede the decision."""
    review = SafeguardingAdultsReview(**{k: v for k, v in values.items() if k in FIELDS})
    _validate(review)
    with transaction.atomic():
        save_recorded(review, actor=actor, creating=True)
    return review


def review_update(
    *, actor, review: SafeguardingAdultsReview, seen_version: int | None = None, **values
) -> SafeguardingAdultsReview:
    """Change a SAR's details (same checks as when adding it); history keeps the old version."""
    check_version(review, seen_version)
    for key, value in values.items():
        if key in FIELDS:
            setattr(review, key, value)
    _validate(review)
    with transaction.atomic():
        save_recorded(review, actor=actor)
    return review


def review_archive(
    *, actor, review: SafeguardingAdultsReview, reason: str, seen_version: int | None = None
):
    """Take a SAR out of the register (e.g. added in error). It is kept, with the reason."""
    check_version(review, seen_version)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the review is being removed from the register"})
    review.archived_at = timezone.now()
    review.archived_reason = reason.strip()
    with transaction.atomic():
        save_recorded(review, actor=actor, reason=reason)
    return review
