import pytest

from msp.reporting.disclosure import (
    NOT_AVAILABLE,
    SUPPRESSED,
    Presenter,
    round_count,
    suppressed_count,
    suppressed_percentage,
)


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (None, NOT_AVAILABLE),
        (0, SUPPRESSED),
        (1, SUPPRESSED),
        (4, SUPPRESSED),
        (5, 5),
        (6, 5),
        (7, 5),
        (8, 10),
        (12, 10),
        (13, 15),
        (1002, 1000),
        (1003, 1005),
        (640_243, 640_245),
    ],
)
def test_counts_are_suppressed_and_rounded_as_published(count, shown):
    assert suppressed_count(count) == shown


@pytest.mark.parametrize(("count", "rounded"), [(5, 5), (7, 5), (8, 10), (10, 10), (22, 20)])
def test_round_count(count, rounded):
    assert round_count(count) == rounded


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [
        (6, 8, 50.0),  # from the rounded 5/10 shown, not the unrounded 6/8 (75.0)
        (7, 13, 33.3),  # 5/15
        (6, 9, 50.0),  # 5/10: the same as 6/8, so comparing them tells nothing
        (5, 5, 100.0),
        (4, 100, SUPPRESSED),  # small numerator
        (0, 100, SUPPRESSED),
        (5, 4, SUPPRESSED),  # small denominator
        (0, 0, SUPPRESSED),
        (None, 10, NOT_AVAILABLE),
        (10, None, NOT_AVAILABLE),
    ],
)
def test_percentages_come_from_the_rounded_figures_and_are_suppressed_with_them(
    numerator, denominator, shown
):
    assert suppressed_percentage(numerator, denominator) == shown


@pytest.mark.parametrize(
    ("suppress", "count", "count_text", "percent_text"),
    [
        (True, 3, "[c]", "[c]"),
        (True, 1234, "1,235", "50.0%"),
        (False, 3, "3", "50.0%"),
        (False, 1234, "1,234", "50.0%"),
    ],
)
def test_presenter_formats_for_its_audience(suppress, count, count_text, percent_text):
    p = Presenter(suppress=suppress)
    assert p.count_text(count) == count_text
    assert p.percent_text(count, count * 2) == percent_text


def test_staff_see_a_dash_when_there_is_nothing_to_divide_by():
    assert Presenter(suppress=False).percent_text(0, 0) == "–"
    assert Presenter(suppress=True).percent_text(0, 0) == "[c]"


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        ("1 4 2025", "30 4 2025", set()),
        ("1 4 2025", "31 12 2025", set()),
        ("1 2 2024", "29 2 2024", set()),
        ("2 4 2025", "30 4 2025", {"from_date"}),
        ("1 4 2025", "1 4 2025", {"to_date"}),
        ("15 4 2025", "16 4 2025", {"from_date", "to_date"}),
    ],
)
def test_board_periods_are_whole_months(start, end, refused):
    from msp.reporting.forms import measures_form

    data = {}
    for name, value in (("from_date", start), ("to_date", end)):
        for part, number in enumerate(value.split()):
            data[f"{name}_{part}"] = number
    board = measures_form(data, board=True)
    board.is_valid()
    assert set(board.errors) == refused
    staff = measures_form(data)
    assert staff.is_valid(), staff.errors  # the measures page still takes any dates
