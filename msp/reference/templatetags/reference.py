from django import template

from msp.reference import selectors

register = template.Library()


@register.filter
def ref(code, list_code):
    """The label of a reference code: {{ allegation.type_of_risk|ref:"type_of_risk" }}."""
    return selectors.label(list_code, code)
