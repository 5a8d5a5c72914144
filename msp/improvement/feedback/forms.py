"""Forms for the follow-up: the worker's record of what was said, giving a code, and the public
page's code and questions. Each checks everything in one pass with the service's own rules."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from msp.core.forms import CheckedForm, DateField
from msp.core.problems import Problems
from msp.enquiries.models import ExperienceAnswer
from msp.improvement.feedback import codes, services, wording
from msp.improvement.models.feedback import FeedbackMethod, FeedbackOutcome, Respondent


def _answer_fields(form: forms.Form, choices, *, label) -> None:
    form.questions = wording.questions()
    for position, question in enumerate(form.questions, start=1):
        form.fields[f"answer_{question.code}"] = forms.ChoiceField(
            label=f"{position}. {label(question)}",
            choices=choices,
            widget=forms.RadioSelect,
            required=False,
        )


def _answers(form: forms.Form, data: dict | None = None) -> dict[str, str]:
    data = form.cleaned_data if data is None else data
    return {q.code: data.get(f"answer_{q.code}") or "" for q in form.questions}


class FeedbackForm(CheckedForm):
    respondent = forms.ChoiceField(
        label="Who did you follow up?",
        choices=Respondent.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=FeedbackOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    method = forms.ChoiceField(
        label="How?",
        choices=[c for c in FeedbackMethod.choices if c[0] != FeedbackMethod.OWN],
        widget=forms.RadioSelect,
        required=False,
    )
    answered_on = DateField(label="Date", what="the date you followed them up", required=False)
    comments = forms.CharField(
        label="What they said, in their words (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Anything else they wanted the council to know.",
    )

    def __init__(self, *args, enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        _answer_fields(self, ExperienceAnswer.choices, label=lambda q: q.label)

    def answers(self, data: dict | None = None) -> dict[str, str]:
        return _answers(self, data)

    def service_problems(self, data: dict):
        return services.feedback_problems(
            self.enquiry,
            respondent=data.get("respondent") or "",
            outcome=data.get("outcome") or "",
            method=data.get("method") or "",
            answered_on=data.get("answered_on"),
            answers=self.answers(data),
        )

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "respondent": data["respondent"],
            "outcome": data["outcome"],
            "method": data["method"],
            "answered_on": data["answered_on"],
            "answers": self.answers(),
            "comments": data.get("comments") or "",
        }


class CodeForm(forms.Form):
    respondent = forms.ChoiceField(
        label="Who is the code for?",
        choices=Respondent.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose who the code is for"},
    )

    def clean(self):
        data = super().clean()
        if not data.get("respondent") and "respondent" not in self.errors:
            self.add_error("respondent", "Choose who the code is for")
        return data


class PublicCodeForm(forms.Form):
    code = forms.CharField(
        label="Your code",
        max_length=20,
        required=False,
        help_text="It has 8 letters and numbers, like ABCD-2345.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    # The same words for a wrong, used, withdrawn or expired code: nothing to learn from them.
    NOT_USABLE = (
        "We cannot use that code. Check you typed it the same as on your letter or card. "
        "Each code works once, for 4 weeks. If it still does not work, ask the person who "
        "gave it to you for a new one."
    )

    def clean_code(self):
        value = codes.normalise(self.cleaned_data.get("code") or "")
        if not value:
            raise forms.ValidationError("Type your code")
        return value


class PublicAnswersForm(CheckedForm):
    comments = forms.CharField(
        label="Is there anything else you want to tell us? (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, respondent: str, **kwargs):
        super().__init__(*args, **kwargs)
        _answer_fields(self, wording.EASY_ANSWERS, label=lambda q: q.easy_read(respondent))

    def answers(self, data: dict | None = None) -> dict[str, str]:
        """A question left without an answer counts as "I do not want to say"."""
        given = _answers(self, data)
        return {code: answer or ExperienceAnswer.NOT_ANSWERED for code, answer in given.items()}

    def service_problems(self, data: dict):
        problems = services.answer_problems(self.answers(data))
        if problems.has(NON_FIELD_ERRORS):
            # Every answer "I do not want to say": said in the page's own plain words.
            plain = Problems()
            plain.add(None, "Please answer at least one question, or close this page")
            return plain
        return problems
