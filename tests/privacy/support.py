"""A small, full case for data-protection tests: a person with a concern, an enquiry with a
conversation, an outcome, capacity, representation, a risk discussion and a closing review —
every kind of record that holds names or free text — closed on a given day."""

from datetime import date, timedelta

from msp.enquiries import services as enquiry_services
from tests.factories import (
    ConcernFactory,
    ConversationFactory,
    DesiredOutcomeFactory,
    EnquiryFactory,
    PersonFactory,
    close_enquiry,
)

# Distinctive words, so a scan of the database can tell whether any survived.
SECRET_FIRST = "Zebedee"
SECRET_LAST = "Quartermaine"
SECRET_NHS = "9990000026"
SECRET_STORY = "Xylophonic neighbour took the pension book"
SECRET_REFERRER = "Ottoline Featherstonehaugh"
SECRET_REPRESENTATIVE = "Peregrine Ravenscroft"
SECRET_WORDS = "I want Marmaduke to stop visiting"


def full_case(*, team, actor, received: date, closed: date | None, **person):
    someone = PersonFactory(
        team=team,
        actor=actor,
        first_name=person.pop("first_name", SECRET_FIRST),
        last_name=person.pop("last_name", SECRET_LAST),
        nhs_number=person.pop("nhs_number", SECRET_NHS),
        communication_other="Speaks with " + SECRET_REPRESENTATIVE,
        **person,
    )
    concern = ConcernFactory(
        person=someone,
        actor=actor,
        received_date=received,
        raised_by_name=SECRET_REFERRER,
        what_reported=SECRET_STORY,
    )
    enquiry = EnquiryFactory(concern=concern, actor=actor, lead=actor)
    start = enquiry.start_date
    ConversationFactory(enquiry=enquiry, actor=actor, notes=f"Met {SECRET_REPRESENTATIVE} at home")
    DesiredOutcomeFactory(enquiry=enquiry, actor=actor, words=SECRET_WORDS)
    enquiry_services.capacity_record(
        actor=actor,
        enquiry=enquiry,
        decision="Where to live",
        assessed_on=start + timedelta(days=1),
        outcome="has_capacity",
        assessor="Dr " + SECRET_REPRESENTATIVE,
        notes=SECRET_STORY,
    )
    enquiry_services.representation_record(
        actor=actor,
        enquiry=enquiry,
        role="family_friend",
        name=SECRET_REPRESENTATIVE,
        from_date=start + timedelta(days=1),
    )
    enquiry_services.risk_discussion_record(
        actor=actor,
        enquiry=enquiry,
        held_on=start + timedelta(days=2),
        options=f"Ask {SECRET_REFERRER} to stay away",
        persons_choice=SECRET_STORY,
    )
    if closed is not None:
        close_enquiry(enquiry, actor=actor, end_date=closed)
    someone.refresh_from_db()
    enquiry.refresh_from_db()
    return someone, enquiry


SECRETS = [
    SECRET_FIRST,
    SECRET_LAST,
    SECRET_NHS,
    SECRET_STORY,
    SECRET_REFERRER,
    SECRET_REPRESENTATIVE,
    SECRET_WORDS,
]
