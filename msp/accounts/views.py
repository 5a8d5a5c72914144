from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from msp.accounts import two_factor
from msp.accounts.forms import CodeForm, SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}


class SignOutView(auth_views.LogoutView):
    """Ends the session on the server and asks the browser to forget everything it kept."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response


@login_required
def two_factor_setup(request):
    if request.user.is_verified():
        return redirect("home")
    device = two_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.device_confirm(
            request=request, device=device, code=form.cleaned_data["code"]
        ):
            return redirect("home")
        form.add_error(
            "code", "That code is not right. Check the time on your phone and enter the newest code"
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "title": "Set up two-factor sign-in",
            "qr": two_factor.qr_data_uri(device),
            "key": two_factor.manual_key(device),
        },
    )


@login_required
def two_factor_verify(request):
    if request.user.is_verified():
        return redirect("home")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.code_verify(request=request, code=form.cleaned_data["code"]):
            return redirect(request.GET.get("next") or "home")
        form.add_error(
            "code", "That code is not right. Enter the newest code from your authenticator app"
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "title": "Enter your sign-in code"},
    )
