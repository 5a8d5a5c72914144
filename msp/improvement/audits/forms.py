"""Forms for case file audits. Each checks everything in one pass: the service's own rules run
in `clean`, so a page shows every problem at once."""

from django import forms

from msp import sac
from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.core.forms import CheckedForm, DateField
from msp.improvement.audits import services
from msp.improvement.models.audits import AnswerScale, AuditAnswerChoice, AuditGrade, SampleCases


def _long_text(label: str, hint: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows})
    )


def _whole_number(label: str, hint: str, example: str, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=hint,
        required=False,
        error_messages={"invalid": f"Enter a whole number, like {example}"},
        **kwargs,
    )


class SampleForm(CheckedForm):
    which = forms.ChoiceField(
        label="Which cases?",
        choices=SampleCases.choices,
        initial=SampleCases.CLOSED,
        widget=forms.RadioSelect,
        required=False,
    )
    period_start = DateField(label="From", what="the start of the period", required=False)
    period_end = DateField(label="To", what="the end of the period", required=False)
    team = forms.TypedChoiceField(label="Team", coerce=int, required=False, empty_value=None)
    lead = forms.TypedChoiceField(
        label="Lead practitioner", coerce=int, required=False, empty_value=None
    )
    type_of_risk = forms.ChoiceField(label="Type of risk", required=False)
    size = _whole_number(
        "How many cases?",
        f"From {services.SMALLEST_SAMPLE} to {services.LARGEST_SAMPLE}. If fewer cases match, "
        "the sample holds all of them.",
        "10",
        initial=services.DEFAULT_SAMPLE,
    )
    seed = _whole_number(
        "Seed (optional)",
        "Leave it blank for a new random sample. Enter the seed of an earlier sample, with the "
        "same choices, to draw the same cases again.",
        "48213",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        teams = policy.audit_team_ids(user)
        team_rows = Team.objects.filter(active=True).order_by("name")
        workers = policy.caseworkers().filter(is_active=True)
        if teams is not None:
            team_rows = team_rows.filter(pk__in=teams)
            workers = workers.filter(teams__in=teams)
        self.fields["team"].choices = [
            ("", "All your teams" if teams is not None else "Every team"),
            *[(t.pk, t.name) for t in team_rows],
        ]
        self.fields["lead"].choices = [
            ("", "Any practitioner"),
            *[
                (u.pk, str(u))
                for u in workers.exclude(pk=user.pk).distinct().order_by("first_name", "last_name")
            ],
        ]
        self.fields["type_of_risk"].choices = [
            ("", "Any type"),
            *sac.spec_on().choices("type_of_risk"),
        ]

    def filters(self, data: dict) -> services.SampleFilters:
        return services.SampleFilters(
            which=data.get("which") or "",
            period_start=data.get("period_start"),
            period_end=data.get("period_end"),
            team_id=data.get("team"),
            lead_id=data.get("lead"),
            type_of_risk=data.get("type_of_risk") or "",
        )

    def service_problems(self, data: dict):
        return services.sample_problems(
            self.user, self.filters(data), size=data.get("size"), seed=data.get("seed")
        )

    def arguments(self) -> dict:
        """The cleaned choices as the service names them."""
        data = self.cleaned_data
        users = {
            u.pk: u
            for u in User.objects.filter(pk__in=[data.get("lead")] if data.get("lead") else [])
        }
        return {
            "which": data["which"],
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "size": data["size"],
            "seed": data.get("seed"),
            "team": Team.objects.filter(pk=data["team"]).first() if data.get("team") else None,
            "lead": users.get(data.get("lead")),
            "type_of_risk": data.get("type_of_risk") or "",
        }


def answer_choices(scale: str) -> list[tuple[str, str]]:
    if scale == AnswerScale.YES_NO:
        return [
            (c, label) for c, label in AuditAnswerChoice.choices if c != AuditAnswerChoice.PARTLY
        ]
    return list(AuditAnswerChoice.choices)


COMPLETE = "complete"


class CaseAuditForm(CheckedForm):
    """An answer and a note for each question of the audit's version, then the grade, the summary
    and actions. `complete` says which button was pressed: saving to come back later checks only
    what was given; completing checks that everything is there."""

    grade = forms.ChoiceField(
        label="Overall grade for the case",
        choices=AuditGrade.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    summary = _long_text(
        "Summary of what you found", "What was done well and what was missing, in plain words."
    )
    actions = _long_text(
        "Actions for the practitioner (optional)",
        "What you agree they will do, on this case or in their practice. They see this.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, complete: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.complete = complete
        for position, question in enumerate(self.questions, start=1):
            self.fields[f"answer_{question.pk}"] = forms.ChoiceField(
                label=f"{position}. {question.question}",
                help_text=question.guidance,
                choices=answer_choices(question.scale),
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"note_{question.pk}"] = _long_text(
                f"Note on question {position}",
                "What you found in the file. Needed for partly or no.",
                rows=2,
            )
        # The grade and summary come after the questions on the page.
        self.order_fields([*(n for n in self.fields if n.startswith(("answer_", "note_")))])

    def pairs(self):
        """Each question with its answer and note fields, for the template."""
        return [(q, self[f"answer_{q.pk}"], self[f"note_{q.pk}"]) for q in self.questions]

    def answers(self, data: dict | None = None) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data if data is None else data
        return {
            q.pk: (data.get(f"answer_{q.pk}") or "", data.get(f"note_{q.pk}") or "")
            for q in self.questions
        }

    def service_problems(self, data: dict):
        return services.audit_problems(
            self.questions,
            self.answers(data),
            grade=data.get("grade") or "",
            summary=data.get("summary") or "",
            complete=self.complete,
        )

    @classmethod
    def initial_for(cls, audit, answers: dict) -> dict:
        initial = {"seen_version": audit.version} if audit else {}
        if audit is None:
            return initial
        initial.update(grade=audit.grade, summary=audit.summary, actions=audit.actions)
        for question_id, row in answers.items():
            initial[f"answer_{question_id}"] = row.answer
            initial[f"note_{question_id}"] = row.note
        return initial


NEW_QUESTION_PLACES = 3


class QuestionsForm(CheckedForm):
    """The next version of the audit questions: each question of the last version (kept, reworded
    or left out) and places for new ones."""

    change_note = forms.CharField(
        label="What changed (optional)",
        max_length=300,
        required=False,
        help_text="Staff see this beside the new version.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, starting: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.places = []
        for index, item in enumerate([*starting, *([{}] * NEW_QUESTION_PLACES)], start=1):
            new = not item
            self.fields[f"topic_{index}"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=item.get("topic", "")
            )
            self.fields[f"question_{index}"] = forms.CharField(
                label=f"New question {index - len(starting)} (optional)"
                if new
                else f"Question {index}",
                required=False,
                max_length=services.LONGEST_QUESTION,
                initial=item.get("question", ""),
            )
            self.fields[f"guidance_{index}"] = _long_text(
                "Guidance for the auditor (optional)", rows=3
            )
            self.fields[f"guidance_{index}"].initial = item.get("guidance", "")
            self.fields[f"scale_{index}"] = forms.ChoiceField(
                label="How it is answered",
                choices=AnswerScale.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=item.get("scale", AnswerScale.YES_PARTLY_NO),
            )
            if not new:
                self.fields[f"keep_{index}"] = forms.BooleanField(
                    label=f"Keep question {index} in the new version",
                    required=False,
                    initial=True,
                )
            self.places.append((index, new))

    def rows(self):
        """Each place with its fields, for the template."""
        out = []
        for index, new in self.places:
            out.append(
                {
                    "index": index,
                    "new": new,
                    "topic": self[f"topic_{index}"],
                    "question": self[f"question_{index}"],
                    "guidance": self[f"guidance_{index}"],
                    "scale": self[f"scale_{index}"],
                    "keep": None if new else self[f"keep_{index}"],
                }
            )
        return out

    def questions(self, data: dict | None = None) -> list[dict | None]:
        """The questions in order, None for a place left out or left empty."""
        data = self.cleaned_data if data is None else data
        out: list[dict | None] = []
        for index, new in self.places:
            text = (data.get(f"question_{index}") or "").strip()
            if (new and not text) or (not new and not data.get(f"keep_{index}")):
                out.append(None)
                continue
            out.append(
                {
                    "topic": "" if new else data.get(f"topic_{index}") or "",
                    "question": text,
                    "guidance": data.get(f"guidance_{index}") or "",
                    "scale": data.get(f"scale_{index}") or AnswerScale.YES_PARTLY_NO,
                }
            )
        return out

    def service_problems(self, data: dict):
        return services.question_problems(self.questions(data))


class PublishForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
