"""Restriction of processing, rectification and legal holds: each through a service, audited."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from msp.audit.models import Action, AuditEntry
from msp.people.models import Person
from msp.privacy import services
from msp.privacy.models import RectificationDecision
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_restrict_and_lift_processing_is_recorded(lead, team):
    someone = PersonFactory(team=team)
    services.processing_restrict(actor=lead, person=someone, reason="Accuracy contested")
    someone.refresh_from_db()
    assert someone.processing_restricted and someone.processing_restricted_by == lead
    assert someone.processing_restricted_since is not None
    with pytest.raises(ValidationError):
        services.processing_restrict(actor=lead, person=someone, reason="Again")
    services.processing_restriction_lift(actor=lead, person=someone, reason="Checked: accurate")
    someone.refresh_from_db()
    assert not someone.processing_restricted and someone.processing_restricted_reason == ""
    history = list(Person.history.filter(id=someone.pk).order_by("history_date"))
    assert [h.processing_restricted for h in history][-2:] == [True, False]
    lifted = AuditEntry.objects.get(person=someone, detail="processing restriction lifted")
    assert lifted.reason == "Checked: accurate"


def test_restriction_needs_a_reason(lead, team):
    with pytest.raises(ValidationError) as error:
        services.processing_restrict(actor=lead, person=PersonFactory(team=team), reason=" ")
    assert "reason" in error.value.message_dict


def test_rectification_corrected_keeps_the_original_and_the_statement(lead, team):
    someone = PersonFactory(team=team, last_name="Smyth", date_of_birth=date(1940, 1, 2))
    item = services.rectification_record(
        actor=lead,
        person=someone,
        received_on=date(2026, 1, 5),
        what_is_wrong="Surname is misspelt and date of birth is wrong",
        statement="My name is Smith, and I was born on 3 January 1940.",
        decision=RectificationDecision.CORRECTED,
        corrections={"last_name": "Smith", "date_of_birth": date(1940, 1, 3), "first_name": ""},
    )
    someone.refresh_from_db()
    assert (someone.last_name, someone.date_of_birth) == ("Smith", date(1940, 1, 3))
    assert item.changes == {
        "last_name": ["Smyth", "Smith"],
        "date_of_birth": ["1940-01-02", "1940-01-03"],
    }
    assert Person.history.filter(id=someone.pk, last_name="Smyth").exists()
    assert someone.rectifications.get().statement.startswith("My name is Smith")
    entry = AuditEntry.objects.get(person=someone, object_type="rectification")
    assert "Smith" not in entry.detail and "Smyth" not in entry.detail


def test_rectification_not_corrected_needs_a_reason_and_changes_nothing(lead, team):
    someone = PersonFactory(team=team, last_name="Jones")
    kwargs = dict(
        actor=lead,
        person=someone,
        received_on=date(2026, 1, 5),
        what_is_wrong="The concern says I was confused",
        statement="I was not confused; I was upset.",
        decision=RectificationDecision.NOT_CORRECTED,
    )
    with pytest.raises(ValidationError) as error:
        services.rectification_record(**kwargs)
    assert "decision_reason" in error.value.message_dict
    item = services.rectification_record(
        **kwargs, decision_reason="Recorded as observed at the time"
    )
    someone.refresh_from_db()
    assert someone.last_name == "Jones" and item.changes == {}
    assert someone.version == 1


def test_rectification_refuses_an_invalid_correction_naming_the_field(lead, team):
    someone = PersonFactory(team=team)
    with pytest.raises(ValidationError) as error:
        services.rectification_record(
            actor=lead, person=someone, received_on=date(2026, 1, 5), what_is_wrong="NHS number",
            statement="It is wrong", decision=RectificationDecision.CORRECTED,
            corrections={"nhs_number": "123"},
        )  # fmt: skip
    assert "nhs_number" in error.value.message_dict
    assert not someone.rectifications.exists()


def test_legal_hold_place_and_lift(lead, team):
    someone = PersonFactory(team=team)
    hold = services.legal_hold_place(
        actor=lead, person=someone, reason="Police investigation", placed_on=date(2026, 2, 1)
    )
    assert hold.is_active
    with pytest.raises(ValidationError) as error:
        services.legal_hold_lift(actor=lead, hold=hold, reason="Done", lifted_on=date(2026, 1, 1))
    assert "lifted_on" in error.value.message_dict
    services.legal_hold_lift(actor=lead, hold=hold, reason="Done", lifted_on=date(2026, 3, 1))
    hold.refresh_from_db()
    assert not hold.is_active and hold.lifted_by == lead
    details = set(AuditEntry.objects.filter(person=someone).values_list("detail", flat=True))
    assert {"legal hold placed", "legal hold lifted"} <= details
    assert AuditEntry.objects.filter(
        person=someone, action=Action.CREATE, object_type="legalhold"
    ).exists()
