"""What a council reference (a person's or a concern's) may look like: the one rule, used by the
API's paths and bodies and by import validation, so that every reference the product issues or
takes in can be put in an address (msp.core.converters)."""

import re

# Letters and digits, then dots, dashes or underscores (P000123, C000456, MOSAIC-12.3).
REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"
REFERENCE_EXPECTED = (
    "Use 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit"
)
_REFERENCE = re.compile(REFERENCE_PATTERN)


def is_reference(text: str) -> bool:
    return bool(_REFERENCE.fullmatch(text or ""))
