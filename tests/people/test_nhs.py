import pytest
from hypothesis import given
from hypothesis import strategies as st

from msp.people import nhs

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("9434765919", True),
        ("943 476 5919", True),
        ("943-476-5919", True),
        (" 9434765919 ", True),
        ("9434765918", False),  # wrong check digit
        ("943476591", False),  # nine digits
        ("94347659190", False),  # eleven digits
        ("943476591A", False),
        ("", False),
        ("0000000000", True),  # check digit 0 when the remainder is 0
    ],
)
def test_is_valid(value, valid):
    assert nhs.is_valid(value) is valid


def test_normalise_drops_spaces_and_hyphens_only():
    assert nhs.normalise(" 943-476 5919\t") == "9434765919"
    assert nhs.normalise("943.476.5919") == "943.476.5919"


def test_formatted_groups_three_three_four():
    assert nhs.formatted("9434765919") == "943 476 5919"
    assert nhs.formatted("12345") == "12345"


def test_with_check_digit_refuses_numbers_whose_check_would_be_ten():
    prefix = "000000006"  # 6 x 2 = 12, remainder 1, so the check digit would be 10
    assert nhs.with_check_digit(prefix) is None
    assert not any(nhs.is_valid(prefix + str(d)) for d in range(10))


@given(nine_digits)
def test_completed_numbers_are_valid(nine):
    number = nhs.with_check_digit(nine)
    if number is not None:
        assert nhs.is_valid(number)
        assert number.startswith(nine)


@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_any_single_mistyped_digit_is_caught(nine, position, shift):
    number = nhs.with_check_digit(nine)
    if number is None:
        return
    digits = list(number)
    digits[position] = str((int(digits[position]) + shift) % 10)
    assert not nhs.is_valid("".join(digits))
