from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from msp.accounts import policy
from msp.core.recent import recently_opened


@login_required
def home(request):
    page = policy.home_page(request.user)
    if page is None:
        raise Http404("Nothing here for this account yet")
    return redirect(page)


@login_required
def recent(request):
    """The people and enquiries the user opened lately, that they may still open."""
    if not policy.can_view_cases(request.user):
        raise Http404("Not found")
    return render(
        request,
        "core/recent.html",
        {"rows": recently_opened(request), "title": "Records you opened recently"},
    )
