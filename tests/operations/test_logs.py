"""Log lines are JSON with a request id and the user id, and never carry personal data about the
people in the records, even when a whole practice journey and searches go through the app."""

import io
import json
import logging

import pytest

from msp.operations.logs import JsonFormatter, new_request_id
from tests.journeys.test_practice_journey import test_practitioner_records_the_whole_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_every_response_carries_a_request_id_that_its_log_line_names(client, log_lines):
    response = client.get("/accounts/sign-in/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    lines = [line for line in log_lines() if line["logger"] == "msp.request"]
    assert lines[-1]["request_id"] == request_id
    assert lines[-1]["path"] == "/accounts/sign-in/"
    assert lines[-1]["status"] == 200
    assert client.get("/accounts/sign-in/")["X-Request-ID"] != request_id


def test_a_well_formed_incoming_request_id_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c2e-41d0")
    assert response["X-Request-ID"] == "lb-7f3a9c2e-41d0"


@pytest.mark.parametrize(
    "incoming",
    ["short", "x" * 65, "has space in it", 'quote"and<angle>', "line\nbreak-123456", ""],
)
def test_a_malformed_incoming_request_id_is_replaced(incoming):
    made = new_request_id(incoming)
    assert made != incoming
    assert len(made) == 32 and made.isalnum()


def test_the_practice_journey_leaves_no_personal_data_in_the_logs(
    client, practitioner, team, log_lines
):
    # The journey records Mary Whitfield (NHS number 943 476 5919), her son taking her pension,
    # and her outcomes in her own words.
    test_practitioner_records_the_whole_practice(client, practitioner, team)
    client.get("/people/", {"text": "Whitfield", "for": "concern"})
    client.get("/people/", {"text": "943 476 5919"})
    client.get("/people/999999/")  # not found: Django logs a warning
    lines = log_lines()
    requests = [line for line in lines if line["logger"] == "msp.request"]
    assert len(requests) >= 19
    text = "\n".join(json.dumps(line) for line in lines)
    for personal in ("Whitfield", "Mary", "943 476 5919", "9434765919", "pension", "Joan"):
        assert personal not in text, f"{personal!r} found in the logs"
    assert all(line["request_id"] for line in requests)
    assert {line["user_id"] for line in requests} == {practitioner.pk}
    assert any(line["path"] == "/people/" and line["status"] == 200 for line in requests)
    assert not any("?" in line["message"] for line in lines)
    assert any(line["logger"] == "django.request" for line in lines)


def test_an_exception_is_logged_without_its_message():
    formatter = JsonFormatter()
    try:
        raise ValueError('duplicate key value (nhs_number)=("943 476 5919")')
    except ValueError:
        record = logging.getLogger("msp.test").makeRecord(
            "msp.test",
            logging.ERROR,
            __file__,
            1,
            "Could not save",
            (),
            __import__("sys").exc_info(),
        )
    line = json.loads(formatter.format(record))
    assert line["exception"]["type"] == "builtins.ValueError"
    assert line["exception"]["stack"]
    assert "943" not in json.dumps(line)
