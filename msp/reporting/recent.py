"""Figures worked out at most once a minute for the same question.

The measures and the statutory return pages count every enquiry in their scope. With a whole
council working at once, working them out again for every manager and performance officer who
opens the page took most of the machine and slowed everyone's caseload (docs/performance.md).
So a page asking the same question (the same period, teams, lead and breakdown) within
`FIGURES_MAX_AGE` seconds (`MSP_FIGURES_MAX_AGE`, 60 by default; 0 works them out every time)
is given the figures already worked out, and says when that was, with a link to work them out
again now. Downloads of the return, which are what a council submits, are always worked out
afresh. The figures are kept in the "figures" cache (files under `MSP_FIGURES_CACHE_DIR`, shared
by a server's worker processes), never shared between users who could see different things: the
question itself holds the teams and lead it counts, so two users share figures only when they
asked for exactly the same scope. A cache that cannot be read or written is passed by: the
figures are then worked out every time, and the server log says why.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

log = logging.getLogger(__name__)

# The query string parameter that asks for the figures to be worked out again now.
FRESH = "fresh"


@dataclass(frozen=True)
class Worked:
    value: object
    at: datetime  # when the figures were worked out


def _name(kind: str, question: tuple) -> str:
    return f"msp:figures:{kind}:" + hashlib.sha256(repr(question).encode()).hexdigest()


def figures(kind: str, question: tuple, work_out, *, fresh: bool = False) -> Worked:
    """`work_out()`, or what it gave for the same question within the last `FIGURES_MAX_AGE`
    seconds. `question` must hold everything the figures depend on (period, scope ...)."""
    max_age = settings.FIGURES_MAX_AGE
    if max_age <= 0:
        return Worked(work_out(), timezone.now())
    name = _name(kind, question)
    try:
        cache = caches["figures"]  # making it makes its folder, which can fail too
        found = None if fresh else cache.get(name)
    except Exception:  # an unreadable cache must never stop the page
        log.warning("the figures cache could not be read", exc_info=True)
        return Worked(work_out(), timezone.now())
    if found is not None:
        return found
    worked = Worked(work_out(), timezone.now())
    try:
        cache.set(name, worked, max_age)
    except Exception:
        log.warning("the figures cache could not be written", exc_info=True)
    return worked


def asked_fresh(request) -> bool:
    return request.GET.get(FRESH) == "1"


def fresh_url(request) -> str:
    """This page's address asking for the figures to be worked out again now."""
    params = request.GET.copy()
    params[FRESH] = "1"
    return f"{request.path}?{params.urlencode()}"
