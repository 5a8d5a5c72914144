"""Every write to the reference data a council edits: for now, the catalogue of ideas that are
not outcomes (the lists themselves are edited in the admin and loaded by migrations)."""

from django.db import transaction

from msp.core.problems import Problems
from msp.core.services import save_recorded
from msp.reference import loader
from msp.reference.models import NotOutcomeIdea
from msp.reference.not_outcomes import idea_problems
from msp.reference.selectors import clear_cache


def not_outcome_idea_problems(idea: NotOutcomeIdea) -> Problems:
    """Patterns that cannot be read, examples they miss, real outcomes they would refuse."""
    problems = Problems()
    found = idea_problems(
        patterns=idea.patterns,
        examples=idea.examples,
        genuine=loader.outcomes_not_to_refuse(),
    )
    for field, messages in found.items():
        for message in messages:
            problems.add(field, message)
    return problems


@transaction.atomic
def not_outcome_idea_save(*, actor, idea: NotOutcomeIdea) -> NotOutcomeIdea:
    """Add or change an idea in the catalogue; the history keeps every version and the audit
    trail says who changed what. Ideas are taken out of use, never deleted."""
    not_outcome_idea_problems(idea).raise_if_any()
    save_recorded(
        idea,
        actor=actor,
        creating=idea.pk is None,
        reason="Catalogue of ideas that are not outcomes changed",
    )
    clear_cache()
    return idea
