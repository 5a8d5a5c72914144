"""Who may prepare the statutory return and keep the SAR register: performance officers and
safeguarding leads. Everyone else gets 404 (board members see the published aggregates elsewhere)."""

from django.http import Http404

from msp.accounts import policy
from msp.returns.models import SafeguardingAdultsReview


def require_return_access(user) -> None:
    if not policy.can_prepare_return(user):
        raise Http404("Not found")


def review_for_user(user, pk: int) -> SafeguardingAdultsReview:
    require_return_access(user)
    review = SafeguardingAdultsReview.objects.filter(pk=pk, archived_at__isnull=True).first()
    if review is None:
        raise Http404("No such review")
    return review
