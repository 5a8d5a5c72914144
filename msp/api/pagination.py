"""limit/offset (or page) pagination with a total count, the same envelope on every list, and
one audit entry per list call naming what was returned."""

from ninja import Schema
from pydantic import Field, create_model

MAX_LIMIT = 200


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=10**9, description="Items to skip")
    page: int | None = Field(
        None, ge=1, le=10**6, description="1-based page number; overrides offset when given"
    )


def page_schema(name: str, item: type) -> type:
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="Items matching, across all pages")),
        limit=(int, ...),
        offset=(int, ...),
        results=(list[item], ...),
    )


def paginate(
    request, queryset, query: PageQuery, represent, *, what: str, key, obj=None, person=None
) -> dict:
    """One page of `queryset`, and an audit entry saying who listed `what` through the API and
    which records came back (`key` names each row: a reference or id)."""
    from msp.audit.models import Action
    from msp.audit.services import access_record

    offset = (query.page - 1) * query.limit if query.page else query.offset
    rows = list(queryset[offset : offset + query.limit])
    count = queryset.count()
    access_record(
        actor=request.user,
        action=Action.VIEW,
        obj=obj,
        person=person,
        detail=f"via API: {what}, {len(rows)} of {count} from {offset + 1}"[:255],
        returned=[str(key(row)) for row in rows],
        request=request,
    )
    return {
        "count": count,
        "limit": query.limit,
        "offset": offset,
        "results": [represent(row) for row in rows],
    }
