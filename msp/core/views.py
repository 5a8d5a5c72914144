from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect

from msp.accounts import policy
from msp.accounts.models import Role


@login_required
def home(request):
    if policy.can_view_cases(request.user):
        return redirect("enquiries:caseload")
    if request.user.role == Role.BOARD_MEMBER and request.user.is_active:
        return redirect("reporting:board")
    if request.user.role == Role.PERFORMANCE_OFFICER and request.user.is_active:
        # Without case access, a performance officer's work starts at the statutory return.
        return redirect("returns:index")
    if request.user.is_staff:
        return redirect("admin:index")
    raise Http404("Nothing here for this account yet")
