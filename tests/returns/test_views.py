"""The return page, downloads and the SAR register pages."""

import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from msp.returns.models import SafeguardingAdultsReview
from tests.returns import records as r
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db


def test_index_shows_tables_and_validation(client, performance_officer):
    r.concern(r.person(date_of_birth=None))
    client.force_login(performance_officer)
    response = client.get("/returns/", {"year": "2025-26"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "SG1a: Individuals by age band</caption>" in page
    assert "SG5b:" in page
    assert "DQ-NO-DOB" in page and "/people/RP" in page
    assert "/returns/2025-26/download/xlsx/" in page


def test_index_defaults_to_the_latest_complete_year(client, lead):
    client.force_login(lead)
    assert client.get("/returns/").status_code == 200


def test_bad_year_is_explained(client, lead):
    client.force_login(lead)
    page = client.get("/returns/", {"year": "2025"}).content.decode()
    assert "A reporting year looks like 2025-26" in page and "govuk-error-summary" in page


def test_index_query_count_is_bounded(client, performance_officer):
    client.force_login(performance_officer)

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get("/returns/", {"year": "2025-26"})
        return len(captured.captured_queries)

    def faulty_enquiry():
        r.enquiry(r.person(date_of_birth=None), end=date(2025, 6, 1), sac_lacked_capacity="")

    faulty_enquiry()
    count()  # the first request also fills the reference-list cache
    small = count()
    for _ in range(8):
        faulty_enquiry()
    assert count() == small


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_downloads_are_recorded(client, performance_officer, fmt):
    from msp.audit import models as audit

    client.force_login(performance_officer)
    response = client.get(f"/returns/2025-26/download/{fmt}/")
    assert response.status_code == 200
    assert f'filename="sac-return-2025-26.{fmt}"' in response["Content-Disposition"]
    if fmt == "json":
        assert json.loads(response.content)["year"] == "2025-26"
    if fmt == "xlsx":
        assert "Validation" in load_workbook(io.BytesIO(response.content)).sheetnames
    model = getattr(audit, "AuditEntry", None) or audit.AccessEvent
    assert model.objects.filter(detail=f"SAC return 2025-26 {fmt} downloaded").exists()


def test_download_of_a_bad_year_is_not_found(client, lead):
    client.force_login(lead)
    assert client.get("/returns/2025-27/download/csv/").status_code == 404


def review_form(**changes):
    data = {
        "reference": "SAR-9",
        "title": "Adult C",
        "decided_on_0": "1",
        "decided_on_1": "5",
        "decided_on_2": "2025",
        "completed_on_0": "",
        "completed_on_1": "",
        "completed_on_2": "",
        "any_died": "no",
        "individuals_died": "0",
        "individuals_survived": "1",
        "notes": "",
    }
    return {**data, **changes}


def test_add_change_and_remove_a_review(client, lead):
    client.force_login(lead)
    assert client.get("/returns/reviews/new/").status_code == 200
    response = client.post("/returns/reviews/new/", review_form())
    assert response.status_code == 302
    review = SafeguardingAdultsReview.objects.get()
    assert ">SAR-9</td>" in client.get("/returns/reviews/").content.decode()
    form = review_form(title="Adult D", version=str(review.version))
    assert client.post(f"/returns/reviews/{review.pk}/", form).status_code == 302
    review.refresh_from_db()
    assert review.title == "Adult D"
    assert (
        client.post(f"/returns/reviews/{review.pk}/remove/", {"reason": "Duplicate"}).status_code
        == 302
    )
    assert ">SAR-9</td>" not in client.get("/returns/reviews/").content.decode()
    assert client.get(f"/returns/reviews/{review.pk}/").status_code == 404


def test_review_errors_are_shown_on_the_form(client, performance_officer):
    client.force_login(performance_officer)
    page = client.post(
        "/returns/reviews/new/", review_form(any_died="yes", individuals_died="0")
    ).content.decode()
    assert "govuk-error-summary" in page and "Enter how many individuals died" in page
    assert not SafeguardingAdultsReview.objects.exists()


def test_navigation_link_only_for_return_roles(client, lead, practitioner):
    client.force_login(lead)
    assert "Statutory return" in client.get("/enquiries/").content.decode()
    client.force_login(practitioner)
    assert "Statutory return" not in client.get("/enquiries/").content.decode()


# Every problem at once, and two people changing the same review


def test_adding_a_review_shows_every_problem_at_once(client, performance_officer):
    from msp.core.dates import today

    client.force_login(performance_officer)
    later = today().year + 1
    response = client.post(
        "/returns/reviews/new/",
        {
            "reference": "",
            "title": "",
            "decided_on_0": "5",
            "decided_on_1": "6",
            "decided_on_2": str(later),
            "any_died": "no",
            "individuals_died": "2",
            "individuals_survived": "-1",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_reference": "Enter the board's reference for the review",
            "id_title": "Enter a title for the review",
            "id_decided_on": "must be today or in the past",
            "id_any_died": "Say that one or more individuals died",
            "id_individuals_survived": "must be 0 or more",
        },
    )


def test_two_people_changing_the_same_review(client, performance_officer, lead):
    from datetime import date

    from msp.returns import services
    from msp.returns.models import SafeguardingAdultsReview

    review = services.review_create(
        actor=lead, reference="SAR-1", title="Mrs A", decided_on=date(2025, 5, 1),
        any_died=False, individuals_died=0, individuals_survived=1,
    )  # fmt: skip
    seen = {
        "reference": "SAR-1",
        "title": "Mrs A",
        "decided_on_0": "1",
        "decided_on_1": "5",
        "decided_on_2": "2025",
        "any_died": "no",
        "individuals_died": "0",
        "individuals_survived": "1",
        "version": review.version,
    }
    other = Client()
    other.force_login(lead)
    assert (
        other.post(
            f"/returns/reviews/{review.pk}/", {**seen, "title": "Mrs A and Mr B"}
        ).status_code
        == 302
    )
    client.force_login(performance_officer)
    refused = client.post(f"/returns/reviews/{review.pk}/", {**seen, "notes": "Report due"})
    html = refused.content.decode()
    assert "What changed while you were editing" in html and "Mrs A and Mr B" in html
    assert "Report due" in html
    assert SafeguardingAdultsReview.objects.get(pk=review.pk).notes == ""
