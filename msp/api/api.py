"""The MSP REST API: one NinjaAPI instance, a router per resource, problem details for every
refusal. Mounted at /api/v1/ by msp/urls.py."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from msp.api.problems import Problem, field_errors, problem_response, pydantic_errors


class MspAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Declare refusals as application/problem+json, which is what they are sent as."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {
                            "application/problem+json": content["application/json"]
                        }
        return schema


def reference_allowed(request) -> bool:
    """Whether this request may read the API reference: always when the council made it public
    (MSP_API_REFERENCE_PUBLIC), otherwise for signed-in staff and holders of a usable token."""
    if settings.API_REFERENCE_PUBLIC:
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active:
        return True
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        from msp.api.selectors import token_check

        return token_check(secret.strip()).token is not None
    return False


def reference_guard(view):
    """Refuse the OpenAPI document to anyone reference_allowed turns away (401, as a problem)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not reference_allowed(request):
            return problem_response(
                request,
                401,
                "Sign in, or send a personal API token, to read the API reference.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return view(request, *args, **kwargs)

    return guarded


api = MspAPI(
    title="Making Safeguarding Personal API",
    version="1.0.0",
    description=(
        "Case records and measures for adult safeguarding. Authenticate with a personal API "
        "token (Authorization: Bearer msp_...) created on your account page. Every refusal is "
        "an RFC 9457 problem document. See docs/api.md."
    ),
    docs_url=None,
    openapi_url="/openapi.json",
    docs_decorator=reference_guard,
    urls_namespace="api-1.0.0",
)


@api.exception_handler(Problem)
def _problem(request, exc: Problem):
    return problem_response(
        request, exc.status, exc.detail, errors=exc.errors, headers=exc.headers, **exc.extra
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem_response(
        request,
        401,
        "Send a personal API token in the Authorization header: Bearer msp_…",
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return problem_response(request, exc.status_code, str(exc))


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc: NinjaValidationError):
    return problem_response(
        request,
        422,
        "Some of what was sent is not what this endpoint expects.",
        errors=pydantic_errors(exc.errors),
    )


@api.exception_handler(DjangoValidationError)
def _refused(request, exc: DjangoValidationError):
    errors = field_errors(exc)
    detail = errors[0]["message"] if len(errors) == 1 else "The record was not saved."
    return problem_response(request, 422, detail, errors=errors)


@api.exception_handler(Http404)
def _not_found(request, exc):
    # Never say whose record it might be, or that it exists at all.
    return problem_response(request, 404, "There is no such record, or you may not see it.")


def _register_routers() -> None:
    from msp.api.routers import concerns, docs, enquiries, people, reporting

    api.add_router("/people", people.router)
    api.add_router("/concerns", concerns.router)
    api.add_router("/enquiries", enquiries.router)
    api.add_router("", reporting.router)
    api.add_router("", docs.router)


_register_routers()
