"""Path converters: what a record's id or reference may look like in an address.

`id`: a record id, at most 18 digits, so an absurd number is "not found" rather than a value the
database cannot hold. `ref`: a council reference. References the product issues or imports fit
msp.people.references.REFERENCE_PATTERN; older ones holding a "/" (imported before references
were checked) still get a working address, with "/" written as "~2F" (and "~" as "~7E").
"""

import re

from django.urls import register_converter

_ESCAPE = {"~": "~7E", "/": "~2F"}
_UNESCAPE = {value[1:]: key for key, value in _ESCAPE.items()}


class RecordId:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class Reference:
    # Anything but "/" and control characters (a NUL can never be a reference).
    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return re.sub(r"~(7E|2F)", lambda m: _UNESCAPE[m[1]], value)

    def to_url(self, value) -> str:
        return re.sub(r"[~/]", lambda m: _ESCAPE[m[0]], str(value))


def register() -> None:
    register_converter(RecordId, "id")
    register_converter(Reference, "ref")
