"""The enquiry page's task list: each status follows what was actually recorded."""

import pytest

from msp.enquiries import selectors
from msp.enquiries.tasks import default_stage, task_list
from tests.factories import ConversationFactory, DesiredOutcomeFactory, close_enquiry

pytestmark = pytest.mark.django_db


def tasks(enquiry) -> dict:
    enquiry.refresh_from_db()
    return {t.name.split(" ")[0]: t for t in task_list(enquiry, selectors.enquiry_page(enquiry))}


def test_the_start_task_opens_a_start_conversation_until_one_is_recorded(enquiry, practitioner):
    # A conversation during the enquiry does not make the start conversation happen.
    ConversationFactory(enquiry=enquiry, actor=practitioner, stage="during")
    start = tasks(enquiry)["Talk"]
    assert start.url.endswith("/conversations/new/?stage=start")
    assert start.status == "Not started"
    assert default_stage(enquiry) == "start"
    ConversationFactory(enquiry=enquiry, actor=practitioner, stage="start", asked_no_outcomes=True)
    assert tasks(enquiry)["Talk"].status == "Completed"
    assert default_stage(enquiry) == "during"


def test_revisit_outcomes_completes_only_when_an_outcome_was_revisited(enquiry, practitioner):
    outcome = DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    ConversationFactory(enquiry=enquiry, actor=practitioner, stage="during")
    revisit = tasks(enquiry)["Revisit"]
    assert revisit.url.endswith("?stage=during") and revisit.status == "In progress"
    ConversationFactory(
        enquiry=enquiry,
        actor=practitioner,
        stage="during",
        revisits=[{"outcome": outcome, "answer": "still"}],
    )
    assert tasks(enquiry)["Revisit"].status == "Completed"


def test_a_closed_enquiry_takes_its_end_conversation(enquiry, practitioner):
    enquiry = close_enquiry(enquiry, actor=practitioner)
    assert default_stage(enquiry) == "end"
    assert tasks(enquiry)["Closing"].status == "Completed"


def test_the_conversation_page_opens_at_the_stage_asked_for(client, enquiry, practitioner):
    client.force_login(practitioner)
    ConversationFactory(enquiry=enquiry, actor=practitioner, stage="during")
    page = client.get(f"/enquiries/{enquiry.pk}/conversations/new/").content.decode()
    assert 'value="start" checked' in page
    page = client.get(f"/enquiries/{enquiry.pk}/conversations/new/?stage=end").content.decode()
    assert 'value="end" checked' in page
