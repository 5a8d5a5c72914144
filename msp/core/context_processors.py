import time

from django.conf import settings


def idle_seconds_left(request) -> int:
    """Seconds until the idle time-out, counted from the time the server last saved (it saves
    the time last seen at most once a minute: msp.accounts.middleware), so the warning never
    promises more time than the server will give."""
    from msp.accounts.middleware import IDLE_KEY

    session = getattr(request, "session", None)
    last = session.get(IDLE_KEY) if session is not None else None
    if last is None:
        return settings.SESSION_IDLE_SECONDS
    return max(0, settings.SESSION_IDLE_SECONDS - (int(time.time()) - last))


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        # For the time-out warning (msp/core/static/msp/timeout.js).
        "session_idle_seconds": idle_seconds_left(request),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
