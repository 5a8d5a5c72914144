"""Every problem with a proposed write, collected so that all of them are reported at once.

A service builds a `Problems`, runs each of its rules into it (a rule that raises a
ValidationError is recorded, not allowed to stop the others) and raises one ValidationError at
the end. The same rules run from the form in the same pass as its own checks, so a page never
shows its errors in rounds.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class Problems:
    def __init__(self):
        self._messages: dict[str, list[str]] = {}

    def add(self, field: str | None, message: str) -> None:
        messages = self._messages.setdefault(field or NON_FIELD_ERRORS, [])
        if message not in messages:
            messages.append(message)

    def check(self, rule, *args, prefix: str = "", **kwargs):
        """Run a rule that raises ValidationError, keeping what it says instead of stopping.
        Returns the rule's result, or None when it refused."""
        try:
            return rule(*args, **kwargs)
        except ValidationError as error:
            self.absorb(error, prefix=prefix)
            return None

    def absorb(self, error: ValidationError, *, prefix: str = "") -> None:
        """Keep every message of a refusal; `prefix` points field errors at a repeated part of a
        form (outcome_1_words)."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = None if field == NON_FIELD_ERRORS else prefix + field
                for item in errors:
                    for message in item.messages:
                        self.add(target, message)
        else:
            for message in error.messages:
                self.add(None, message)

    def extend(self, other: "Problems") -> None:
        for field, messages in other.items():
            for message in messages:
                self.add(field, message)

    def has(self, field: str) -> bool:
        return field in self._messages

    def items(self):
        return self._messages.items()

    def __bool__(self) -> bool:
        return bool(self._messages)

    def error(self) -> ValidationError:
        return ValidationError(
            {field: list(messages) for field, messages in self._messages.items()}
        )

    def raise_if_any(self) -> None:
        if self._messages:
            raise self.error()
