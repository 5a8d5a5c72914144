"""Offering kept drafts once someone has signed in again."""

from msp.drafts.selectors import drafts_waiting

OFFER_KEY = "msp_drafts_offer"


def offer_after_sign_in(sender, request, user, **kwargs):
    """At sign-in (password or single sign-on), note in the new session that drafts are
    waiting; the first page after it (once any second factor is proved) offers them."""
    if request is not None and drafts_waiting(user).exists():
        request.session[OFFER_KEY] = True
