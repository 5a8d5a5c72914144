"""Staff two-factor sign-in, for administrators and safeguarding leads: who has set it up,
one-time enrolment codes (shown once), and resetting a lost authenticator. Never one's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from msp.accounts import policy, two_factor
from msp.accounts.forms import TwoFactorResetForm
from msp.accounts.models import EnrolmentCode, User
from msp.core.pagination import page_of
from msp.core.params import ParameterProblem
from msp.core.views_support import apply_service_errors


def _staff_with_status():
    now = timezone.now()
    return User.objects.filter(is_active=True).annotate(
        has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        code_waiting=Exists(
            EnrolmentCode.objects.filter(
                user=OuterRef("pk"),
                used_at__isnull=True,
                withdrawn_at__isnull=True,
                expires_at__gt=now,
            )
        ),
    )


@login_required
def staff(request):
    if not policy.can_manage_two_factor(request.user):
        raise Http404("Not found")
    text = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]
    people = _staff_with_status()
    for word in text.split():
        people = people.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    page = page_of(people.order_by("first_name", "last_name", "pk"), request)
    return render(
        request,
        "accounts/staff.html",
        {"title": "Staff two-factor sign-in", "page": page, "q": text},
    )


def _member(request, pk):
    member = _staff_with_status().filter(pk=pk).first()
    if member is None or not policy.can_manage_two_factor_of(request.user, member):
        raise Http404("Not found")
    return member


@login_required
def staff_member(request, pk):
    member = _member(request, pk)
    form = TwoFactorResetForm(request.POST if request.POST.get("action") == "reset" else None)
    problems = []
    if request.method == "POST" and request.POST.get("action") == "issue":
        try:
            issued = two_factor.enrolment_code_issue(
                actor=request.user, user=member, request=request
            )
        except ValidationError as error:
            problems = [ParameterProblem("issue", message) for message in error.messages]
        else:
            # Rendered, not redirected: the code is never stored to be shown again.
            return render(
                request,
                "accounts/staff_code.html",
                {
                    "title": f"Enrolment code for {member.get_full_name() or member.username}",
                    "member": member,
                    "issued": issued,
                },
            )
    elif request.method == "POST" and form.is_valid():
        try:
            two_factor.two_factor_reset(
                actor=request.user, user=member, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Two-factor sign-in reset for {member.get_full_name() or member.username}. "
                "They have been signed out everywhere and need a new enrolment code.",
            )
            return redirect("accounts:staff_member", pk=member.pk)
    return render(
        request,
        "accounts/staff_member.html",
        {
            "title": member.get_full_name() or member.username,
            "member": member,
            "form": form,
            "problems": problems,
            "code": two_factor.live_code(member),
            "back_url": "/accounts/staff/",
        },
    )
