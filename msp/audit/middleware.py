from msp.audit.models import Action
from msp.audit.services import audit_append

# Refusals worth recording: someone signed in asked for a record or page they may not see.
WATCHED_PREFIXES = (
    "/people/",
    "/concerns/",
    "/enquiries/",
    "/returns/",
    "/reporting/",
    "/data/",
    "/audit/",
    "/api/",
    "/improvement/",
)


class RefusedAccessMiddleware:
    """Records every 403 and 404 given to a signed-in user on a page that holds personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            response.status_code in (403, 404)
            and user is not None
            and user.is_authenticated
            and request.path.startswith(WATCHED_PREFIXES)
        ):
            audit_append(
                actor=user,
                action=Action.REFUSED,
                detail=f"{request.method} {request.path}"[:255],
                request=request,
            )
        return response


ADMIN_MODEL_PAGES = ("_changelist", "_change", "_history", "_delete", "_password_change")


class AdminViewAuditMiddleware:
    """Records every model page the Django admin shows (lists, records, their history): the admin
    holds no case records, but it does show staff accounts and sign-in records, and who looked
    at them is part of the audit trail too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and response.status_code == 200
            and match is not None
            and match.namespace == "admin"
            and (match.url_name or "").endswith(ADMIN_MODEL_PAGES)
            and user is not None
            and user.is_authenticated
        ):
            record = match.kwargs.get("object_id") or match.kwargs.get("id") or ""
            audit_append(
                actor=user,
                action=Action.VIEW,
                detail=f"admin: {match.url_name} {record}".strip()[:255],
                request=request,
            )
        return response
