from django import template

from msp import sac as spec

register = template.Library()


@register.simple_tag
def sac_label(list_name, code, on=None):
    """A statutory code's label as it was on a day (the record's own date; today when not
    given): {% sac_label "type_of_risk" allegation.type_of_risk concern.received_date %}."""
    return spec.label(list_name, code, on=on)
