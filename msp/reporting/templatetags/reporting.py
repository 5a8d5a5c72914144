from django import template

register = template.Library()


@register.filter
def figure(value) -> str:
    """A table cell as shown: counts with thousands separators, shares as percentages."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.1f}%"
    return "" if value is None else str(value)
