"""Lists, counts and row numbers in plain English."""

import pytest

from msp.core.words import counted, joined, row_ranges


@pytest.mark.parametrize(
    "items, words",
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_joined(items, words):
    assert joined(items) == words


@pytest.mark.parametrize(
    "number, one, many, words",
    [
        (1, "person", "people", "1 person"),
        (2, "person", "people", "2 people"),
        (0, "concern", "", "0 concerns"),
        (1204, "concern", "", "1,204 concerns"),
    ],
)
def test_counted(number, one, many, words):
    assert counted(number, one, many) == words


@pytest.mark.parametrize(
    "rows, words",
    [
        ([7], "7"),
        ([3, 4], "3 and 4"),
        ([9, 3, 5, 6, 7, 8, 12], "3, 5 to 9 and 12"),
        ([2, 3, 5], "2, 3 and 5"),
        (list(range(2, 40, 2)), "2, 4, 6, 8, 10, 12, 14, 16, 18, 20 and 9 more rows"),
        ([*range(2, 12, 2), *range(20, 30)], "2, 4, 6, 8, 10 and 20 to 29"),
    ],
)
def test_row_ranges(rows, words):
    assert row_ranges(rows) == words
