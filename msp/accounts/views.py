from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from msp.accounts import two_factor
from msp.accounts.forms import CodeForm, EnrolmentCodeForm, SignInForm


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
    """Set up a first authenticator: prove an enrolment code, then confirm the new device."""
    if two_factor.has_authenticator(request.user):
        # A second device is never added here: whoever knows the password could add their own.
        return redirect("home" if request.user.is_verified() else "accounts:two_factor_verify")
    if not two_factor.enrolment_allowed(request):
        return _enrolment_code(request)
    device = two_factor.session_device(request)
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


def _enrolment_code(request):
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.enrolment_code_check(
            request=request, text=form.cleaned_data["enrolment_code"]
        ):
            return redirect("accounts:two_factor_setup")
        form.add_error(
            "enrolment_code",
            "That enrolment code is not right, or it has expired or been used. Check it, or ask "
            "your administrator or a safeguarding lead for a new one",
        )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {"form": form, "title": "Set up two-factor sign-in"},
    )


def _safe_next(request) -> str:
    """Where to go after the code: the `next` address if it is on this site, as the sign-in page
    allows, else the home page."""
    target = request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "home"


@login_required
def two_factor_verify(request):
    if request.user.is_verified():
        return redirect("home")
    if not two_factor.has_authenticator(request.user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.code_verify(request=request, code=form.cleaned_data["code"]):
            return redirect(_safe_next(request))
        form.add_error(
            "code", "That code is not right. Enter the newest code from your authenticator app"
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "title": "Enter your sign-in code"},
    )
