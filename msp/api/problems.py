"""Problem details (RFC 9457) for every refusal the API makes.

One shape whatever went wrong: type, title, status, detail, instance, and for bad input an
`errors` list naming each field and what is expected, so a client can show the message next to
the field just as the pages do.
"""

from django.core.exceptions import ValidationError
from django.http import JsonResponse

PROBLEM_TYPE_BASE = "/api/v1/docs#problem-"
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Changed by someone else",
    422: "Check your input",
    429: "Too many requests",
}
SLUGS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "stale-version",
    422: "invalid-input",
    429: "too-many-requests",
}


class Problem(Exception):
    """Raised by API views to answer with a problem document."""

    def __init__(self, status: int, detail: str, *, errors=None, headers=None, **extra):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra


def problem_response(
    request, status: int, detail: str, *, errors=None, headers=None, **extra
) -> JsonResponse:
    body = {
        "type": PROBLEM_TYPE_BASE + SLUGS.get(status, "error"),
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_errors(error: ValidationError) -> list[dict]:
    """A service's ValidationError as a list of {field, message}; field is null for the record."""
    if hasattr(error, "error_dict"):
        return [
            {"field": field if field != "__all__" else None, "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": message} for message in error.messages]


def pydantic_errors(errors: list[dict]) -> list[dict]:
    """Ninja's validation errors, with the field named as the client wrote it (`outcomes.0.words`)
    and the place it came from (body, query, path, header)."""
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else "body"
        # Ninja puts the whole body under one parameter name; the client never wrote that name.
        parts = loc[2:] if where == "body" and len(loc) > 1 else loc[1:]
        message = error.get("msg", "Invalid value")
        if error.get("type") == "missing":
            message = "This field is required"
        result.append({"field": ".".join(parts) or None, "in": where, "message": _plain(message)})
    return result


def _plain(message: str) -> str:
    return message.removeprefix("Value error, ")
