"""The SAR register: what a review must say, and that nothing is ever deleted."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from msp.core.dates import today
from msp.returns import services
from msp.returns.models import SafeguardingAdultsReview

pytestmark = pytest.mark.django_db

GOOD = {
    "reference": "SAR-1",
    "title": "Adult A",
    "decided_on": date(2025, 5, 1),
    "completed_on": date(2025, 11, 1),
    "any_died": True,
    "individuals_died": 1,
    "individuals_survived": 0,
    "notes": "",
}


def test_create_and_history(lead):
    review = services.review_create(actor=lead, **GOOD)
    assert review.pk and review.created_by == lead
    assert review.history.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reference": " "}, "reference", "Enter the board's reference"),
        ({"title": ""}, "title", "Enter a title"),
        ({"individuals_died": -1}, "individuals_died", "must be 0 or more"),
        ({"individuals_survived": -2}, "individuals_survived", "must be 0 or more"),
        ({"any_died": True, "individuals_died": 0}, "individuals_died", "Enter how many"),
        ({"any_died": False, "individuals_died": 2}, "any_died", "one or more individuals died"),
        ({"decided_on": today() + timedelta(days=1), "completed_on": None}, "decided_on", "today or in the past"),
        ({"completed_on": today() + timedelta(days=1)}, "completed_on", "today or in the past"),
        ({"completed_on": date(2025, 4, 30)}, "completed_on", "on or after the date the board decided"),
    ],
)  # fmt: skip
def test_refusals_name_the_field(lead, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        services.review_create(actor=lead, **{**GOOD, **changes})
    assert message in " ".join(caught.value.message_dict[field])
    assert not SafeguardingAdultsReview.objects.exists()


def test_reference_is_unique(lead):
    services.review_create(actor=lead, **GOOD)
    with pytest.raises(ValidationError, match="already has this reference"):
        services.review_create(actor=lead, **{**GOOD, "reference": "sar-1"})


def test_update_checks_version_and_keeps_history(lead):
    review = services.review_create(actor=lead, **GOOD)
    services.review_update(actor=lead, review=review, seen_version=1, title="Adult B")
    assert review.history.count() == 2 and review.version == 2
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.review_update(actor=lead, review=review, seen_version=1, title="Adult C")


def test_archive_keeps_the_review(lead):
    review = services.review_create(actor=lead, **GOOD)
    with pytest.raises(ValidationError):
        services.review_archive(actor=lead, review=review, reason=" ")
    services.review_archive(actor=lead, review=review, reason="Added twice")
    review.refresh_from_db()
    assert review.archived_at and review.archived_reason == "Added twice"
    assert SafeguardingAdultsReview.objects.count() == 1
