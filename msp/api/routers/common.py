"""What every resource router shares: who may call, versions the client saw, field names."""

import re

from msp.accounts import policy
from msp.api.problems import Problem
from msp.api.schemas import Problem as ProblemSchema
from msp.api.schemas import StaleProblem
from msp.people.references import REFERENCE_PATTERN  # noqa: F401 - the routers' path pattern

READ_ERRORS = {401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema}
WRITE_ERRORS = {400: ProblemSchema, **READ_ERRORS}
UPDATE_ERRORS = {**WRITE_ERRORS, 409: StaleProblem}


def case_viewer(request):
    """The token's owner, if their role may see case records at all (board members may not)."""
    user = request.user
    if not policy.can_view_cases(user):
        raise Problem(403, "Your role does not give access to case records.")
    return user


def case_recorder(request):
    user = request.user
    if not policy.can_record_cases(user):
        raise Problem(403, "Your role does not record case records.")
    return user


_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def seen_version(request, body_version: int | None) -> int:
    """The version the client saw: from the body, or the If-Match header. One is required, so
    an update can never silently overwrite a change the client did not see."""
    header = request.headers.get("If-Match")
    if header is not None:
        match = _ETAG.match(header)
        if match is None:
            raise Problem(
                422,
                "If-Match must be the version number you saw, for example 3",
                errors=[{"field": "If-Match", "in": "header", "message": "Send a version number"}],
            )
        header_version = int(match.group(1))
        if body_version is not None and body_version != header_version:
            raise Problem(
                422,
                "The version in the body and the If-Match header disagree",
                errors=[{"field": "version", "in": "body", "message": "Send one version"}],
            )
        return header_version
    if body_version is None:
        raise Problem(
            422,
            "Send the version of the record you saw, in the body or the If-Match header",
            errors=[{"field": "version", "in": "body", "message": "Send the version you last saw"}],
        )
    return body_version


def stale(current_version: int, current: dict) -> Problem:
    return Problem(
        409,
        f"The record has changed since you saw it: it is now at version {current_version}. "
        "Fetch it again, check the change, then send your update with the new version.",
        current_version=current_version,
        current=current,
    )


def rename_fields(errors: list[dict], renames: list[tuple[str, str]]) -> list[dict]:
    """Turn the form-style names nested services use (outcome_0_words) into the API's
    (new_outcomes.0.words)."""
    for error in errors:
        field = error.get("field") or ""
        for pattern, replacement in renames:
            if re.match(pattern, field):
                error["field"] = re.sub(pattern, replacement, field)
                break
    return errors
