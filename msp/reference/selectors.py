"""Reads of the reference lists, cached briefly in the process: they change rarely and every page needs them."""

import re
import time
from datetime import date

from msp.reference.models import ReferenceItem

_CACHE: dict = {"at": 0.0, "items": None}
TTL_SECONDS = 30


def _items() -> list[ReferenceItem]:
    now = time.monotonic()
    if _CACHE["items"] is None or now - _CACHE["at"] > TTL_SECONDS:
        _CACHE["items"] = list(ReferenceItem.objects.all())
        _CACHE["at"] = now
    return _CACHE["items"]


def clear_cache() -> None:
    _CACHE["items"] = None


def _practice(list_code: str) -> str:
    from msp import sac

    if list_code in sac.spec_on().lists:
        raise LookupError(f"{list_code} is a statutory list: read it from msp.sac")
    return list_code


def items(list_code: str, *, on: date | None = None) -> list[ReferenceItem]:
    """Entries of a list that are in use on a date (today when not given), in display order."""
    list_code = _practice(list_code)
    chosen = [i for i in _items() if i.list_code == list_code]
    if on is None:
        from msp.core.dates import today

        on = today()
    return [i for i in chosen if i.active_from <= on and (i.active_to is None or i.active_to >= on)]


def choices(
    list_code: str, *, on: date | None = None, blank: str | None = None
) -> list[tuple[str, str]]:
    pairs = [(i.code, i.label) for i in items(list_code, on=on)]
    return [("", blank), *pairs] if blank is not None else pairs


def labels(list_code: str) -> dict[str, str]:
    """Every label ever used in a list, retired ones included, so old records still read well."""
    list_code = _practice(list_code)
    return {i.code: i.label for i in _items() if i.list_code == list_code}


def label(list_code: str, code: str | None) -> str:
    if not code:
        return ""
    return labels(list_code).get(code, code)


def codes(list_code: str) -> set[str]:
    """Every code the list has ever had, retired ones included (past records keep them)."""
    list_code = _practice(list_code)
    return {i.code for i in _items() if i.list_code == list_code}


def codes_in_use(list_code: str, *, on: date | None = None) -> set[str]:
    """The codes a new record may use on a day (today when not given): retired ones refused."""
    return {i.code for i in items(list_code, on=on)}


def check_in_use(list_code: str, code: str, *, on: date | None = None, kept: str = "") -> bool:
    """Whether a record may hold `code`: in use on the day, or the value it already had
    (`kept`), which a past record keeps after the entry is retired."""
    return code == kept or code in codes_in_use(list_code, on=on)


def not_outcome_match(text: str) -> ReferenceItem | None:
    """The 'not an outcome' entry whose examples appear in the words, if any.

    Examples match whole words only: "more care" is a service response, "more careful" is not.
    """
    lowered = " ".join(text.lower().split())
    for item in _items():
        if item.list_code != "not_outcomes":
            continue
        for example in item.extra.get("examples", []):
            if re.search(rf"\b{re.escape(' '.join(example.lower().split()))}\b", lowered):
                return item
    return None
