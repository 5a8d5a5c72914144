from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from msp.core.admin_audit import AuditedAdmin
from msp.reference import services
from msp.reference.models import NotOutcomeIdea, ReferenceItem
from msp.reference.selectors import clear_cache


@admin.register(ReferenceItem)
class ReferenceItemAdmin(AuditedAdmin):
    """Councils edit and extend the practice lists here. Entries are retired with an end date,
    never deleted; every edit keeps its history and an audit entry. The statutory lists are
    each reporting year's specification (msp/sac) and are not edited here."""

    list_display = ["list_code", "code", "label", "active_from", "active_to"]
    list_filter = ["list_code"]
    search_fields = ["code", "label"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        clear_cache()


class NotOutcomeIdeaForm(forms.ModelForm):
    class Meta:
        model = NotOutcomeIdea
        fields = [
            "name",
            "code",
            "explanation",
            "instead",
            "patterns",
            "examples",
            "in_use",
            "sort_order",
        ]

    def clean(self):
        data = super().clean()
        candidate = NotOutcomeIdea(
            patterns=data.get("patterns", ""), examples=data.get("examples", "")
        )
        for field, messages in services.not_outcome_idea_problems(candidate).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return data


@admin.register(NotOutcomeIdea)
class NotOutcomeIdeaAdmin(admin.ModelAdmin):
    """The catalogue a practitioner's words are checked against before they are recorded as a
    desired outcome. Every change is kept in the history and the audit trail; ideas are taken
    out of use rather than deleted."""

    form = NotOutcomeIdeaForm
    list_display = ["name", "explanation", "in_use", "sort_order"]
    list_filter = ["in_use"]
    search_fields = ["name", "patterns", "examples"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            services.not_outcome_idea_save(actor=request.user, idea=obj)
        except ValidationError as error:  # the form checked the same rules: a race at most
            raise ValueError(error.messages) from error
