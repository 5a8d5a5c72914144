"""NHS numbers: ten digits, the last a modulus 11 check digit."""


def normalise(value: str) -> str:
    return "".join(ch for ch in value if not ch.isspace() and ch != "-")


def is_valid(value: str) -> bool:
    digits = normalise(value)
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def with_check_digit(nine: str) -> str | None:
    """Complete nine digits with their check digit, or None when no valid number starts so."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return None if check == 10 else nine + str(check)


def formatted(value: str) -> str:
    digits = normalise(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value
