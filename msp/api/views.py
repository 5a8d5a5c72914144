"""The account pages for personal API tokens: list, create (secret shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from msp.api import selectors, services
from msp.api.forms import TokenForm
from msp.api.models import ApiToken
from msp.core.dates import today
from msp.core.views_support import apply_service_errors


@login_required
def tokens(request):
    return render(
        request,
        "api/tokens.html",
        {"title": "API tokens", "tokens": selectors.tokens_of(request.user), "today": today()},
    )


@login_required
def token_new(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(
                actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            # Rendered, not redirected: the secret must never be stored to show it again.
            return render(
                request,
                "api/token_created.html",
                {"title": "Your new API token", "token": token, "secret": secret},
            )
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": "Create an API token",
            "intro": "A token lets a program use the API as you. Keep it secret, like a password.",
            "back_url": "/account/tokens/",
            "submit_label": "Create token",
        },
    )


@login_required
def token_revoke(request, pk):
    """Confirm, then revoke (POST). Only the token's owner finds it; anyone else gets 404."""
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404("No such token")
    if request.method == "POST":
        services.token_revoke(actor=request.user, token=token, request=request)
        messages.success(request, f"Token “{token.name}” revoked")
        return redirect("account:tokens")
    return render(
        request,
        "api/token_revoke.html",
        {"title": f"Revoke the token “{token.name}”", "token": token},
    )
