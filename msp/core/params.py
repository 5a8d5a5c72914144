"""Numbers read from query strings and hidden fields, bounded so that no value reaches the
database that it cannot hold (SQLite stops at 2**63 - 1): a bad one is a clear message on the
page, never a server error. The API bounds its own parameters the same way (msp.api.schemas.Id)."""

from dataclasses import dataclass

LARGEST_ID = 2**62


@dataclass(frozen=True)
class ParameterProblem:
    """A query parameter the page could not use: the field it came from and what to do."""

    field_id: str
    message: str


def bounded_id(value) -> int | None:
    """A record id (1 to LARGEST_ID) from text, or None when it is not one."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= LARGEST_ID else None


def id_param(params, name: str, *, field_id: str, message: str, problems: list):
    """The id in `params[name]`; blank means not chosen (None). Anything else that is not an id
    adds a ParameterProblem to `problems` and is ignored."""
    raw = params.get(name, "")
    if not str(raw).strip():
        return None
    number = bounded_id(raw)
    if number is None:
        problems.append(ParameterProblem(field_id, message))
    return number


def posted_version(data, current: int) -> int:
    """The version of a record the form was made from (its hidden field), or `current` when the
    form sent none. A version that is not a number is taken as out of date (0), so the service
    refuses the change as it does any stale copy."""
    raw = data.get("version")
    if raw is None or raw == "":
        return current
    text = str(raw).strip()
    return int(text) if text.isdigit() and len(text) <= 9 else 0
