"""The public page where a person, or their representative, answers the follow-up questions with
the single-use code they were given: no sign-in, nothing about the case shown, easy-read words.

Tries are rate-limited per address and across the service (msp.improvement.feedback.codes), and
every code that cannot be used gets the same answer. Once a code is accepted, the session holds
which code it was for an hour, so the questions can be answered on the next page.
"""

import time

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.improvement.feedback import codes, forms, services
from msp.improvement.models import FeedbackCode

SESSION_KEY = "msp_your_say"
SESSION_SECONDS = 60 * 60


def _code_in_session(request) -> FeedbackCode | None:
    held = request.session.get(SESSION_KEY)
    if not held or time.time() - held.get("at", 0) > SESSION_SECONDS:
        return None
    code = FeedbackCode.objects.filter(pk=held.get("code")).first()
    if code is None or not codes.usable(code):
        return None
    return code


def start(request):
    form = forms.PublicCodeForm(
        request.POST if request.method == "POST" else None,
        initial={"code": codes.normalise(request.GET.get("code", ""))[:20]},
    )
    if request.method == "POST":
        address = request.META.get("REMOTE_ADDR")
        if not codes.may_try(address):
            return render(
                request,
                "improvement/feedback/public_wait.html",
                {"title": "Please wait"},
                status=429,
            )
        codes.note_try(address)
        if form.is_valid():
            code = codes.find(form.cleaned_data["code"])
            if code is None:
                form.add_error("code", form.NOT_USABLE)
            else:
                request.session.cycle_key()
                request.session[SESSION_KEY] = {"code": code.pk, "at": int(time.time())}
                return redirect("your_say:questions")
    return render(
        request,
        "improvement/feedback/public_start.html",
        {"title": "Tell us how it went", "form": form},
    )


def questions(request):
    code = _code_in_session(request)
    if code is None:
        request.session.pop(SESSION_KEY, None)
        return redirect("your_say:start")
    # Bound on every POST: a page sent with no answer at all is told so.
    form = forms.PublicAnswersForm(
        request.POST if request.method == "POST" else None, respondent=code.respondent
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_answer_with_code(
                code=code,
                answers=form.answers(),
                comments=form.cleaned_data.get("comments") or "",
                request=request,
            )
        except ValidationError:  # used up in another window a moment ago
            request.session.pop(SESSION_KEY, None)
            return redirect("your_say:start")
        request.session.pop(SESSION_KEY, None)
        return redirect("your_say:done")
    return render(
        request,
        "improvement/feedback/public_questions.html",
        {
            "title": "Your answers",
            "back_url": reverse("your_say:start"),
            "form": form,
            "for_representative": code.respondent == "representative",
        },
    )


def done(request):
    return render(request, "improvement/feedback/public_done.html", {"title": "Thank you"})
