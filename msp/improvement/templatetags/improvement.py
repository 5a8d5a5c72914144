"""Template helpers for the improvement programme: what the menu and the caseload offer, and
text split into paragraphs. Role questions are answered by msp.accounts.policy."""

from django import template

from msp.accounts import policy

register = template.Library()


@register.filter
def may_view_programme(user) -> bool:
    return policy.can_view_programme(user)


@register.filter
def paragraphs(text: str) -> list[str]:
    """Text as the council wrote it, one paragraph per blank-line-separated block."""
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


@register.inclusion_tag("improvement/briefing/_notice.html", takes_context=True)
def briefing_notice(context):
    """The link to the staff briefing, and a nudge when a new version has not been read."""
    from msp.improvement.briefing import selectors

    user = context["request"].user
    if not policy.can_read_briefing(user):
        return {"show": False}
    latest = selectors.current()
    return {
        "show": latest is not None,
        "latest": latest,
        "unread": latest is not None and selectors.read_on(user, latest) is None,
    }


@register.simple_tag
def share(presenter, count, out_of) -> str:
    """A share with the number of cases behind it, as the audience may see it:
    "58.3% (7 of 12)", or "[c]" parts for a suppressed audience."""
    if not out_of and not presenter.suppress:
        return "–"
    return (
        f"{presenter.percent_text(count, out_of)} "
        f"({presenter.count_text(count)} of {presenter.count_text(out_of)})"
    )


@register.filter
def get(mapping, key):
    """A value from a dict by a key held in a variable (0 when missing)."""
    return (mapping or {}).get(key, 0)


@register.filter
def count_text(presenter, count) -> str:
    """A count as the audience may see it ("[c]" or rounded for a suppressed audience)."""
    return presenter.count_text(count or 0)


@register.filter
def may_read_supervision_of(user, practitioner_id) -> bool:
    """Whether the case's supervision link shows: only to whoever may read the lead's notes."""
    return bool(practitioner_id) and policy.can_read_supervision_of(user, practitioner_id)
