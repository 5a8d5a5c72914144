"""The reporting facts follow every change the return counts, in the same transaction, and a
rebuild from the case records gives the same rows."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from msp.facts import services as facts
from msp.facts.models import CaseFact, PersonYear, RiskFact
from msp.people import services as people
from msp.privacy import services as privacy
from tests.factories import AllegationFactory, EnquiryFactory, close_enquiry

pytestmark = pytest.mark.django_db


def test_the_services_keep_the_facts_in_step(practitioner, team, lead):
    enquiry = EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
    person, concern = enquiry.person, enquiry.concern
    year = PersonYear.objects.get(person=person)
    assert (year.concerns, year.s42, year.other) == (1, 1, 0)
    case = CaseFact.objects.get(concern=concern)
    assert (case.kind, case.end_date, case.has_allegation) == ("s42", None, True)

    AllegationFactory(concern=concern, actor=practitioner, type_of_risk="physical",
                      location_of_risk="own_home", source_of_risk="other_known")  # fmt: skip
    AllegationFactory(concern=concern, actor=practitioner, type_of_risk="physical",
                      location_of_risk="care_home_nursing", source_of_risk="other_known")  # fmt: skip
    physical = RiskFact.objects.filter(concern=concern, type_of_risk="physical")
    # Two allegations of the same type and source: one row carries the (type, source) flag.
    assert sorted(physical.values_list("first_type_source", flat=True)) == [False, True]

    close_enquiry(enquiry, actor=practitioner)
    case.refresh_from_db()
    assert case.end_date is not None and case.action_and_result == "risk_identified_action"
    assert set(RiskFact.objects.filter(concern=concern).values_list("end_date", flat=True)) == {
        case.end_date
    }

    people.person_update(actor=practitioner, person=person, date_of_birth=date(1940, 1, 1))
    assert PersonYear.objects.get(person=person).band in ("85_94", "75_84")

    privacy.processing_restrict(actor=lead, person=person, reason="The person asked")
    assert PersonYear.objects.get(person=person).restricted
    assert CaseFact.objects.get(concern=concern).restricted
    privacy.processing_restriction_lift(actor=lead, person=person, reason="Resolved")
    assert not CaseFact.objects.get(concern=concern).restricted
    assert facts.check() == []


def test_a_rebuild_gives_the_same_facts_and_check_finds_a_difference(practitioner, team):
    enquiry = EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
    close_enquiry(enquiry, actor=practitioner)

    def stored():
        return (
            facts._stored(CaseFact.objects.all(), facts.CASE_COLUMNS),
            facts._stored(RiskFact.objects.all(), facts.RISK_COLUMNS),
            facts._stored(PersonYear.objects.all(), facts.PERSON_YEAR_COLUMNS),
        )

    before = stored()
    assert all(before)
    assert facts.rebuild() == 1
    assert stored() == before
    CaseFact.objects.update(risk_outcome="removed")
    (difference,) = facts.check()
    assert "rows differ" in difference
    with pytest.raises(CommandError, match="differ from the case records"):
        call_command("facts", "check")
    out = StringIO()
    call_command("facts", "rebuild", stdout=out)
    assert "rebuilt for 1 people" in out.getvalue()
    call_command("facts", "check", stdout=out)
    assert "agree with the case records" in out.getvalue()
