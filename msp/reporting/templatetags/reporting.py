from django import template

from msp.reporting.tables import Rate

register = template.Library()


@register.filter
def figure(value) -> str:
    """A table cell as shown: counts with thousands separators, shares as percentages."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Rate):
        return f"{value:,.1f}"
    if isinstance(value, float):
        return f"{value:.1f}%"
    return "" if value is None else str(value)
