"""Who may prepare the statutory return and keep the SAR register: performance officers and
safeguarding leads. Everyone else gets 404 (board members see the published aggregates elsewhere)."""

from django.http import Http404

from msp.accounts.models import Role
from msp.returns.models import SafeguardingAdultsReview

RETURN_ROLES = {Role.PERFORMANCE_OFFICER, Role.SAFEGUARDING_LEAD}


def can_prepare_return(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in RETURN_ROLES)


def require_return_access(user) -> None:
    if not can_prepare_return(user):
        raise Http404("Not found")


def review_for_user(user, pk: int) -> SafeguardingAdultsReview:
    require_return_access(user)
    review = SafeguardingAdultsReview.objects.filter(pk=pk, archived_at__isnull=True).first()
    if review is None:
        raise Http404("No such review")
    return review
