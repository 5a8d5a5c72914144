import time
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts.middleware import IDLE_KEY
from msp.core.views_support import safe_next
from msp.drafts import selectors, services
from msp.drafts.offer import OFFER_KEY


@login_required
def stay_signed_in(request):
    """The time-out warning's "Stay signed in": reaching here is activity, which the idle
    time-out counts. A script asking gets an empty answer; a browser without one goes back."""
    # Saved now, whatever the once-a-minute rule would do, so the warning's new count is true.
    request.session[IDLE_KEY] = int(time.time())
    if request.headers.get("X-Requested-With") == "msp-timeout":
        return HttpResponse(status=204)
    return redirect(safe_next(request, "home"))


@login_required
def drafts(request):
    """The user's own kept drafts, offered once after signing in again."""
    request.session.pop(OFFER_KEY, None)
    waiting = list(selectors.drafts_waiting(request.user))
    if not waiting:
        return redirect(safe_next(request, "home"))
    return render(
        request,
        "drafts/drafts.html",
        {
            "drafts": waiting,
            "next": safe_next(request, ""),
            # Back goes on to the page the user was going to; the drafts stay kept for later.
            "back_url": safe_next(request, reverse("home")),
            "title": "You were signed out before your changes were saved",
        },
    )


@login_required
def draft_choose(request, pk: int):
    draft = selectors.draft_for(request.user, pk)
    if request.method != "POST":
        return redirect("drafts:drafts")
    request.session.pop(OFFER_KEY, None)
    if request.POST.get("choice") == "restore":
        return redirect(services.draft_restore(actor=request.user, draft=draft, request=request))
    services.draft_discard(actor=request.user, draft=draft, request=request)
    remaining = selectors.drafts_waiting(request.user).exists()
    target = safe_next(request, "home")
    if remaining:
        return redirect(f"{reverse('drafts:drafts')}?{urlencode({'next': target})}")
    return redirect(target)
