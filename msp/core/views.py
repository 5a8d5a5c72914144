from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect

from msp.accounts import policy


@login_required
def home(request):
    page = policy.home_page(request.user)
    if page is None:
        raise Http404("Nothing here for this account yet")
    return redirect(page)
