"""Password rules beyond Django's own: no password made only of digits, or of one short piece
repeated (000000000000, 123412341234, abcabcabcabc), however long."""

from django.core.exceptions import ValidationError

MESSAGE = (
    "Choose a password that is not only numbers and not one short pattern repeated. Three or "
    "four unrelated words make a good password"
)


def _repeats_a_pattern(password: str) -> bool:
    """True when the password is a piece of at most half its length, repeated (the last
    repetition may be cut short)."""
    length = len(password)
    for size in range(1, length // 2 + 1):
        piece = password[:size]
        if (piece * (length // size + 1))[:length] == password:
            return True
    return False


def _steps_in_order(password: str) -> bool:
    """True for runs like 123456789012 or abcdefghijkl: each character one on from the last."""
    steps = {
        (ord(b) - ord(a)) % 10 if a.isdigit() and b.isdigit() else ord(b) - ord(a)
        for a, b in zip(password, password[1:], strict=False)
    }
    return len(password) > 2 and steps in ({1}, {-1}, {9})


class NotOnlyDigitsOrPatternValidator:
    def validate(self, password, user=None):
        if password.isdigit() or _repeats_a_pattern(password) or _steps_in_order(password):
            raise ValidationError(MESSAGE, code="password_pattern")

    def get_help_text(self):
        return "Your password cannot be only numbers or a short pattern repeated."
