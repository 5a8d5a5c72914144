from django import forms

from msp.accounts import policy
from msp.accounts.models import Team
from msp.core.forms import DateField

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_LABEL = "50 MB"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): the form checks the sizes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return super().clean(data, initial) if data else []


BLANK_TEAM_LABEL = "Team for rows that name no team"
BLANK_TEAM_HINT = (
    "Concerns whose team column is blank go to this team, for a team manager there to allocate. "
    "Without a team chosen, those rows are errors."
)
BLANK_TEAM_INVALID = "Choose one of the council's active teams"


def blank_team_field(user, *, required: bool) -> forms.ModelChoiceField:
    """The choice of team for rows that name no team: the active teams this user may import for."""
    return forms.ModelChoiceField(
        label=BLANK_TEAM_LABEL if required else f"{BLANK_TEAM_LABEL} (optional)",
        help_text=BLANK_TEAM_HINT,
        queryset=policy.import_teams(user),
        required=required,
        empty_label="Choose a team",
        error_messages={
            "required": "Choose a team for rows that name no team",
            "invalid_choice": BLANK_TEAM_INVALID,
        },
    )


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Upload the file set",
        help_text=(
            "Choose people.csv, concerns.csv and risks.csv together, a ZIP of the three, or an "
            f"Excel workbook (.xlsx) with sheets of those names. Up to {MAX_UPLOAD_LABEL}."
        ),
        widget=MultipleFileInput(attrs={"accept": ".csv,.zip,.xlsx"}),
        required=False,
    )

    def __init__(self, *args, user, uploads=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploads = uploads or []
        self.fields["blank_team"] = blank_team_field(user, required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.uploads:
            self.add_error("files", "Choose the files to import")
            return cleaned
        total = sum(f.size for f in self.uploads)
        if total > MAX_UPLOAD_BYTES:
            self.add_error(
                "files",
                f"The upload must be smaller than {MAX_UPLOAD_LABEL} (it is "
                f"{total / 1024 / 1024:.0f} MB): split it by year and upload each part",
            )
        return cleaned


class BlankTeamForm(forms.Form):
    """On the check page: the team for the upload's rows that name no team."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blank_team"] = blank_team_field(user, required=True)


class CommitForm(forms.Form):
    valid_only = forms.BooleanField(
        label="Import only the valid rows and leave out the rows with errors", required=False
    )


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label="Format",
        choices=[
            ("csv", "CSV files (a ZIP of people.csv, concerns.csv and risks.csv)"),
            ("xlsx", "Excel workbook (.xlsx)"),
        ],
        widget=forms.RadioSelect,
        initial="csv",
        error_messages={
            "required": "Choose CSV files or an Excel workbook",
            "invalid_choice": "Choose CSV files or an Excel workbook",
        },
    )
    date_from = DateField(
        label="Start of the period (optional)",
        what="the start of the period",
        required=False,
        help_text="Concerns received on or after this date. For example, 1 4 2025",
    )
    date_to = DateField(
        label="End of the period (optional)",
        what="the end of the period",
        required=False,
        help_text="Concerns received on or before this date. For example, 31 3 2026",
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label="All teams",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                f"The end of the period must be the same as or after its start, {start:%-d %B %Y}",
            )
        return cleaned
