"""The person's own feedback after closure: follow-ups by someone independent of the case, the
person's and a representative's answers kept apart, the single-use code page, and the figures."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from msp.core.dates import today
from msp.improvement.feedback import codes, selectors, services, wording
from msp.improvement.models import FeedbackCode, FeedbackResponse
from tests.factories import days_ago
from tests.improvement.support import date_fields

pytestmark = pytest.mark.django_db


def all_answers(answer="yes") -> dict[str, str]:
    return {q.code: answer for q in wording.questions()}


def record(actor, enquiry, respondent="person", outcome="answered", answers=None):
    return services.feedback_record(
        actor=actor,
        enquiry=enquiry,
        respondent=respondent,
        outcome=outcome,
        method="phone",
        answered_on=today(),
        answers=answers if answers is not None else all_answers(),
        comments="They were kind",
    )


def test_the_case_lead_cannot_follow_up_their_own_case(practitioner, closed_cases):
    with pytest.raises(ValidationError):
        record(practitioner, closed_cases["north"][0])


def test_a_colleague_who_did_not_work_on_it_can(colleague, closed_cases):
    response = record(colleague, closed_cases["north"][0])
    assert response.recorded_by == colleague and response.answers.count() == len(
        wording.questions()
    )


def test_the_task_list_leaves_out_cases_the_worker_worked_on(colleague, practitioner, closed_cases):
    due = list(selectors.follow_up_tasks(colleague))
    assert len(due) == 12
    assert list(selectors.follow_up_tasks(practitioner)) == []
    record(colleague, closed_cases["north"][0], outcome="declined", answers={})
    assert selectors.tab_counts(colleague) == {"due": 11, "waiting": 0, "done": 1}


def test_declined_and_could_not_be_reached_are_kept_as_such_without_answers(
    colleague, closed_cases
):
    declined = record(colleague, closed_cases["north"][0], outcome="declined", answers={})
    missed = record(colleague, closed_cases["north"][1], outcome="not_reached", answers={})
    assert declined.answers.count() == 0 and missed.answers.count() == 0


def test_every_problem_with_a_follow_up_at_once(colleague, closed_cases):
    enquiry = closed_cases["north"][0]
    problems = services.feedback_problems(
        enquiry,
        respondent="",
        outcome="answered",
        method="own",
        answered_on=enquiry.end_date - timedelta(days=1),
        answers={},
    )
    for field in ("respondent", "method", "answered_on", f"answer_{wording.OUTCOMES}"):
        assert problems.has(field), field


def test_a_later_follow_up_replaces_the_earlier_one_and_history_keeps_both(colleague, closed_cases):
    enquiry = closed_cases["north"][0]
    first = record(colleague, enquiry, outcome="not_reached", answers={})
    second = record(colleague, enquiry)
    first.refresh_from_db()
    assert not first.current and second.current
    assert FeedbackResponse.objects.filter(enquiry=enquiry).count() == 2


def test_figures_keep_the_person_and_representatives_apart(colleague, closed_cases):
    north = closed_cases["north"]
    record(colleague, north[0], answers=all_answers("yes"))
    record(colleague, north[1], answers=all_answers("no"))
    record(colleague, north[1], respondent="representative", answers=all_answers("yes"))
    record(colleague, north[2], outcome="declined", answers={})
    from msp.core.periods import Period

    found = selectors.figures(selectors.responses_in(Period(days_ago(30), today(), ""), None))
    person, representative = found["person"], found["representative"]
    # An independent count of what was recorded above.
    assert person.outcomes == {"answered": 2, "declined": 1}
    assert person.said(wording.OUTCOMES, "yes") == 1 and person.said(wording.OUTCOMES, "no") == 1
    assert representative.outcomes == {"answered": 1}
    assert representative.said(wording.OUTCOMES, "yes") == 1


def test_figures_page_suppresses_small_numbers_for_those_who_may_not_see_cases(
    client, colleague, board_member, manager, team, closed_cases
):
    for enquiry in closed_cases["north"][:3]:
        record(colleague, enquiry)
    query = (
        {"team": str(team.pk)}
        | date_fields("from_date", days_ago(30))
        | date_fields("to_date", today())
    )
    client.force_login(manager)
    exact = client.get(reverse("improvement:feedback_figures"), query).content.decode()
    assert "100.0% (3 of 3)" in exact and 'data-testid="suppressed"' not in exact
    client.force_login(board_member)
    published = client.get(reverse("improvement:feedback_figures"), query).content.decode()
    assert 'data-testid="suppressed"' in published and "(3 of 3)" not in published
    assert "[c]" in published


# --- single-use codes ---------------------------------------------------------------------------


def issue(colleague, enquiry, respondent="person"):
    return services.feedback_code_issue(actor=colleague, enquiry=enquiry, respondent=respondent)


def test_only_a_digest_of_the_code_is_kept(colleague, closed_cases):
    code, plain = issue(colleague, closed_cases["north"][0])
    assert plain not in code.digest and code.digest == codes.digest(plain)
    assert len(plain) == codes.LENGTH and set(plain) <= set(codes.ALPHABET)


def test_a_new_code_withdraws_the_earlier_one(colleague, closed_cases):
    first, first_plain = issue(colleague, closed_cases["north"][0])
    issue(colleague, closed_cases["north"][0])
    first.refresh_from_db()
    assert first.withdrawn_at is not None and codes.find(first_plain) is None


def start(client, code_text):
    return client.post(reverse("your_say:start"), {"code": code_text})


def answer(client, answers=None, comments="Thank you"):
    data = {f"answer_{code}": value for code, value in (answers or all_answers()).items()}
    data["comments"] = comments
    return client.post(reverse("your_say:questions"), data)


def test_a_person_answers_with_their_code_and_it_arrives_in_the_follow_up(
    client, colleague, closed_cases
):
    enquiry = closed_cases["north"][0]
    _, plain = issue(colleague, enquiry)
    page = client.get(reverse("your_say:start"), {"code": plain}).content.decode()
    assert enquiry.person.full_name not in page and enquiry.concern.reference not in page
    response = start(client, codes.shown(plain).lower())  # typed in small letters with a dash
    assert response.url == reverse("your_say:questions")
    questions = client.get(response.url).content.decode()
    assert "Did we listen to you?" in questions and enquiry.person.full_name not in questions
    assert answer(client).url == reverse("your_say:done")
    saved = FeedbackResponse.objects.get(enquiry=enquiry)
    assert saved.method == "own" and saved.recorded_by is None and saved.comments == "Thank you"
    assert saved.answers.get(question="felt_listened_to").answer == "yes"
    assert selectors.tab_counts(colleague)["done"] == 1
    # Used up: the same code now gets the same answer as a wrong one.
    client.logout()
    used = start(client, plain).content.decode()
    wrong = start(client, "ABCD2345").content.decode()
    assert "We cannot use that code" in used and "We cannot use that code" in wrong


def test_a_representative_is_asked_about_the_person_they_support(client, colleague, closed_cases):
    enquiry = closed_cases["north"][0]
    _, plain = issue(colleague, enquiry, respondent="representative")
    start(client, plain)
    page = client.get(reverse("your_say:questions")).content.decode()
    assert "Did we listen to the person you support?" in page
    answer(client)
    assert FeedbackResponse.objects.get(enquiry=enquiry).respondent == "representative"


def test_wrong_expired_and_withdrawn_codes_get_the_same_answer(client, colleague, closed_cases):
    expired, expired_plain = issue(colleague, closed_cases["north"][0])
    expired.expires_at = timezone.now() - timedelta(minutes=1)
    expired.save(update_fields=["expires_at"])
    withdrawn, withdrawn_plain = issue(colleague, closed_cases["north"][1])
    issue(colleague, closed_cases["north"][1])
    pages = [
        start(client, text).content.decode()
        for text in (expired_plain, withdrawn_plain, "ZZZZZZZZ")
    ]
    for page in pages:
        assert "We cannot use that code" in page
    # The pages differ only in what was typed back into the box (nothing about the case).
    assert all(closed_cases["north"][0].person.full_name not in p for p in pages)


def test_the_questions_page_needs_an_accepted_code(client):
    assert client.get(reverse("your_say:questions")).url == reverse("your_say:start")


def test_tries_are_rate_limited_per_address(client, colleague, closed_cases):
    _, plain = issue(colleague, closed_cases["north"][0])
    for _ in range(codes.TRIES_PER_ADDRESS):
        assert start(client, "ABCD2345").status_code == 200
    blocked = start(client, plain)  # even the right code waits now
    assert blocked.status_code == 429 and "too many tries" in blocked.content.decode()


def test_tries_are_limited_across_the_whole_service(client, settings, monkeypatch):
    monkeypatch.setattr(codes, "TRIES_IN_ALL", 3)
    for index in range(3):
        start(client, "ABCD2345")
        client.defaults["REMOTE_ADDR"] = f"10.0.0.{index + 2}"
    assert start(client, "ABCD2345").status_code == 429


def test_an_answer_with_every_question_left_out_is_refused_in_plain_words(
    client, colleague, closed_cases
):
    _, plain = issue(colleague, closed_cases["north"][0])
    start(client, plain)
    page = client.post(reverse("your_say:questions"), {}).content.decode()
    assert "Please answer at least one question" in page
    assert FeedbackResponse.objects.count() == 0


# --- staff pages ---------------------------------------------------------------------------------


def test_the_worker_records_a_follow_up_over_http(client, colleague, closed_cases):
    enquiry = closed_cases["north"][0]
    client.force_login(colleague)
    data = {
        "respondent": "person",
        "outcome": "answered",
        "method": "visit",
        **date_fields("answered_on", today()),
        **{f"answer_{code}": "partly" for code in wording.codes()},
    }
    response = client.post(reverse("improvement:follow_up_record", args=[enquiry.pk]), data)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "The person: answered the questions" in page and "Partly" in page


def test_every_problem_with_the_record_form_at_once(client, colleague, closed_cases):
    client.force_login(colleague)
    page = client.post(
        reverse("improvement:follow_up_record", args=[closed_cases["north"][0].pk]),
        {"outcome": "answered"},
    ).content.decode()
    for message in (
        "Choose who you followed up",
        "Choose how you contacted them",
        "Enter the date",
    ):
        assert message in page
    assert "Choose an answer to question 1" in page


def test_the_code_is_shown_once_with_its_link(client, colleague, closed_cases):
    enquiry = closed_cases["north"][0]
    client.force_login(colleague)
    page = client.post(
        reverse("improvement:follow_up_code", args=[enquiry.pk]), {"respondent": "person"}
    ).content.decode()
    code = FeedbackCode.objects.get()
    assert "/your-say/?code=" in page
    plain = page.split("/your-say/?code=")[1][: codes.LENGTH]
    assert codes.digest(plain) == code.digest
    follow_up = client.get(reverse("improvement:follow_up", args=[enquiry.pk])).content.decode()
    assert plain not in follow_up and "Waiting, works until" in follow_up


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_task_list_and_figures_run_in_a_fixed_number_of_queries(
    client, colleague, closed_cases
):
    client.force_login(colleague)
    north = closed_cases["north"]
    record(colleague, north[0])
    tasks = reverse("improvement:follow_ups")
    done = tasks + "?show=done"
    figures = reverse("improvement:feedback_figures")
    before = [_queries(client, url) for url in (tasks, done, figures)]
    for enquiry in north[1:6]:
        record(colleague, enquiry)
        record(colleague, enquiry, respondent="representative", outcome="declined", answers={})
    assert [_queries(client, url) for url in (tasks, done, figures)] == before
