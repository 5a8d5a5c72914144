import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

from msp.accounts.oidc import second_factor_proved_by_provider

IDLE_KEY = "msp_last_seen"
# The time last seen is saved again only once it has moved on by this much: saving the session
# is a database write, and writing on every page made every request a write (on SQLite, one
# writer at a time). The saved time is at most this far behind, so someone is signed out
# between SESSION_IDLE_SECONDS minus this and SESSION_IDLE_SECONDS after they were last active:
# never later than the limit, at worst a minute early.
IDLE_STAMP_SECONDS = 60


def stamp_at_sign_in(sender, request, user, **kwargs):
    """Signing in is activity: the time is saved with the new session, so the first page after
    it need not write the session again."""
    if request is not None and hasattr(request, "session"):
        request.session[IDLE_KEY] = int(time.time())


class SessionTimeoutMiddleware:
    """Signs out a user who has been idle longer than SESSION_IDLE_SECONDS (30 minutes unless set).
    The absolute limit is the session cookie's own age (SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(IDLE_KEY)
            if last is not None and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return redirect(f"{settings.LOGIN_URL_PATH}?timed_out=1")
            if last is None or now - last >= IDLE_STAMP_SECONDS:
                request.session[IDLE_KEY] = now
        return self.get_response(request)


# Exactly these pages (and static files) before the second factor is proved: nothing else under
# /accounts/, where the staff two-factor pages are.
TWO_FACTOR_OPEN_PATHS = {
    "/accounts/two-factor/",
    "/accounts/two-factor/set-up/",
    "/accounts/sign-out/",
}


class TwoFactorMiddleware:
    """Where two-factor sign-in is required, a signed-in user who has not yet proved their second
    factor in this session can only set it up, prove it, or sign out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_TWO_FACTOR
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not second_factor_proved_by_provider(request)
            and request.path not in TWO_FACTOR_OPEN_PATHS
            and not request.path.startswith("/static/")
        ):
            from msp.accounts.two_factor import has_authenticator

            if has_authenticator(user):
                return redirect("accounts:two_factor_verify")
            return redirect("accounts:two_factor_setup")
        return self.get_response(request)
