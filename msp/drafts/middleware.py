"""Nothing lost when a session ends: a form sent afterwards is kept for the person who was
signed in, and offered back to them once they sign in again (docs/decisions/0013).

Who sent it is told by a signed, HttpOnly cookie naming the user, set when they sign in. It
says nothing a script or anyone else could use: a changed value fails its signature, and it
never signs anyone in; a kept draft is only ever shown to that user after they have signed in.
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect

from msp.drafts import services
from msp.drafts.filling import fill_forms
from msp.drafts.offer import OFFER_KEY

SIGNED_IN_AS = "msp_signed_in_as"
SALT = "msp.drafts.signed-in-as"
SIGN_OUT_PATH = "/accounts/sign-out/"
# Forms whose answers are never kept: signing in, two-factor codes, the Django admin, the API.
NOT_KEPT_PREFIXES = ("/accounts/", "/admin/", "/api/", "/session/", "/oidc/", "/static/")


def _signed_in_as(request):
    from msp.accounts.models import User

    try:
        pk = request.get_signed_cookie(SIGNED_IN_AS, salt=SALT, max_age=settings.SESSION_COOKIE_AGE)
    except (KeyError, signing.BadSignature, ValueError):
        return None
    if not pk.isdigit():
        return None
    return User.objects.filter(pk=int(pk), is_active=True).first()


def _csrf_ok(request) -> bool:
    """The CSRF check the view would have made: a draft is kept only from this site's own form."""

    def view(request):  # pragma: no cover - never called
        return None

    return CsrfViewMiddleware(view).process_view(request, view, (), {}) is None


def _sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and (
        urlsplit(response.get("Location", "")).path == settings.LOGIN_URL_PATH
    )


class DraftMiddleware:
    """Keeps a form sent after the session ended, offers kept drafts after signing in, and fills
    in the restored page. Sits before the idle time-out, so it sees the time-out's answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and request.method == "GET":
            early = self._offer(request)
            if early is not None:
                return early
        restoring = self._restoring(request)
        # The page says so in a banner (base.html); the message framework is not ready yet here.
        request.msp_restored = restoring is not None
        response = self.get_response(request)
        if restoring is not None:
            response = self._fill(response, restoring)
        if request.method == "POST" and not request.user.is_authenticated:
            if _sent_to_sign_in(response):
                response = self._keep(request, response)
        self._remember(request, response)
        return response

    def _offer(self, request):
        if not request.session.get(OFFER_KEY) or request.path.startswith(NOT_KEPT_PREFIXES):
            return None
        return redirect(
            f"{settings.DRAFTS_URL_PATH}?{urlencode({'next': request.get_full_path()})}"
        )

    def _restoring(self, request):
        if not request.user.is_authenticated or request.method != "GET":
            return None
        kept = request.session.get(services.RESTORE_KEY)
        if not kept or urlsplit(kept["path"]).path != request.path:
            return None
        del request.session[services.RESTORE_KEY]
        return kept

    def _fill(self, response, kept):
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return response
        html, _ = fill_forms(
            response.content.decode(response.charset or "utf-8"),
            path=urlsplit(kept["path"]).path,
            form_data=kept["form_data"],
        )
        response.content = html.encode(response.charset or "utf-8")
        return response

    def _keep(self, request, response):
        owner = _signed_in_as(request)
        path = request.get_full_path()
        if owner is None or path.startswith(NOT_KEPT_PREFIXES) or not _csrf_ok(request):
            return response
        draft = services.draft_keep(
            user=owner,
            path=path,
            form_data=services.keepable_fields(request.POST),
            request=request,
        )
        if draft is None:
            return response
        target = f"{settings.LOGIN_URL_PATH}?{urlencode({'timed_out': 1, 'kept': 1, 'next': path})}"
        return redirect(target)

    def _remember(self, request, response):
        user = request.user
        if not user.is_authenticated:
            if request.path == SIGN_OUT_PATH and request.method == "POST":
                # Signing out on purpose forgets who was here.
                response.delete_cookie(SIGNED_IN_AS, samesite="Lax")
            return
        try:
            current = request.get_signed_cookie(SIGNED_IN_AS, salt=SALT, default=None)
        except signing.BadSignature:
            current = None
        if current != str(user.pk):
            response.set_signed_cookie(
                SIGNED_IN_AS,
                str(user.pk),
                salt=SALT,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
