from django.http import Http404
from django.utils import timezone

from msp.drafts.models import Draft


def drafts_waiting(user):
    """The user's own drafts that have not expired, newest first."""
    if user is None or not user.is_authenticated:
        return Draft.objects.none()
    return Draft.objects.filter(user=user, expires_at__gt=timezone.now())


def draft_for(user, pk: int) -> Draft:
    """One of the user's own drafts; anyone else's, or an expired one, is not found."""
    draft = drafts_waiting(user).filter(pk=pk).first()
    if draft is None:
        raise Http404("Not found")
    return draft
