"""Sign-in events come from Django's authentication signals: the only place every sign-in path
(the sign-in page, the admin, single sign-on) passes through."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from msp.audit.models import Action
from msp.audit.services import audit_append


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    audit_append(actor=user, action=Action.SIGN_IN, request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_append(actor=user, action=Action.SIGN_OUT, request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    audit_append(
        action=Action.SIGN_IN_FAILED,
        actor_name=str(credentials.get("username", ""))[:150],
        request=request,
    )
