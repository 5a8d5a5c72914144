from django import template

from msp.accounts import oidc

register = template.Library()


@register.simple_tag
def single_sign_on():
    """What the sign-in page offers for single sign-on (None when it is off)."""
    return oidc.sign_in_offer()
