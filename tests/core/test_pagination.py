"""Pages of a long list: the count, links that keep the other parameters, and no error for a
page out of range."""

from django.test import RequestFactory

from msp.core.pagination import page_of


def test_pages_carry_the_count_and_keep_the_other_parameters():
    request = RequestFactory().get("/list/", {"figure": "cases", "page": "2"})
    page = page_of(list(range(120)), request, per_page=50)
    assert page.showing == "Showing 51 to 100 of 120"
    assert page.items == list(range(50, 100))
    assert page.previous_url == "?figure=cases&page=1"
    assert page.next_url == "?figure=cases&page=3"


def test_a_page_out_of_range_or_not_a_number_shows_the_nearest():
    for asked, shown in (("99", 3), ("nonsense", 1), ("-1", 3)):
        page = page_of(list(range(120)), RequestFactory().get("/", {"page": asked}), per_page=50)
        assert page.number == shown, asked


def test_an_empty_list():
    page = page_of([], RequestFactory().get("/"))
    assert (page.showing, page.pages, page.next_url) == ("Showing 0 of 0", 1, "")


def test_two_lists_on_one_page_turn_their_pages_apart():
    request = RequestFactory().get("/", {"holds": "2", "corrections": "3"})
    holds = page_of(list(range(120)), request, per_page=50, param="holds")
    corrections = page_of(list(range(120)), request, per_page=50, param="corrections")
    assert (holds.number, corrections.number) == (2, 3)
    assert holds.next_url == "?corrections=3&holds=3"
    assert corrections.previous_url == "?corrections=2&holds=2"
