"""Reads of the reference lists, cached briefly in the process: they change rarely and every page needs them."""

import time
from datetime import date

from msp.reference.models import ReferenceItem
from msp.reference.not_outcomes import Match, first_match

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
    _CACHE["ideas"] = None


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
    (`kept`), which a past record keeps after the entry is retired. A blank is never allowed
    here (a caller that allows one checks for it first)."""
    return bool(code) and (code == kept or code in codes_in_use(list_code, on=on))


def not_outcome_ideas() -> list:
    """The catalogue of ideas that are not outcomes, in use, in order (cached like the lists)."""
    from msp.reference.models import NotOutcomeIdea

    now = time.monotonic()
    if _CACHE.get("ideas") is None or now - _CACHE.get("ideas_at", 0.0) > TTL_SECONDS:
        _CACHE["ideas"] = list(NotOutcomeIdea.objects.filter(in_use=True))
        _CACHE["ideas_at"] = now
    return _CACHE["ideas"]


def not_outcome_match(text: str) -> Match | None:
    """The idea in the catalogue that the words express, if they are not an outcome."""
    return first_match(text, not_outcome_ideas())
