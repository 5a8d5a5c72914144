"""Reads of API tokens and the filtered, paginated lists the API serves.

The case lists build on each app's own `*_visible_to` selector, so the API never shows a record
its pages would not, and leave out restricted people the user may not open (a program cannot
give a reason to open one, so the lists hold nothing about them).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from msp.accounts import policy
from msp.api.models import ApiToken
from msp.api.services import hash_secret
from msp.concerns.selectors import concerns_visible_to
from msp.core.dates import today
from msp.enquiries.selectors import enquiries_visible_to
from msp.people import nhs
from msp.people.selectors import people_visible_to


def tokens_of(user) -> list[ApiToken]:
    """The user's own tokens, newest first. Nobody sees another person's tokens."""
    return list(ApiToken.objects.filter(user=user))


@dataclass(frozen=True)
class TokenCheck:
    token: ApiToken | None
    problem: str = ""


def token_check(secret: str) -> TokenCheck:
    """The token a secret belongs to, if it may be used now; otherwise why not."""
    if not secret.startswith("msp_") or len(secret) > 200:
        return TokenCheck(None, "The token is not recognised")
    token = ApiToken.objects.select_related("user").filter(secret_hash=hash_secret(secret)).first()
    if token is None:
        return TokenCheck(None, "The token is not recognised")
    if token.revoked_at is not None:
        return TokenCheck(None, "The token has been revoked")
    if token.expires_on < today():
        return TokenCheck(None, f"The token expired on {token.expires_on:%-d %B %Y}")
    if not token.user.is_active:
        return TokenCheck(None, "The token's owner can no longer use the service")
    return TokenCheck(token)


def people_filtered(
    user,
    *,
    name: str = "",
    reference: str = "",
    nhs_number: str = "",
    date_of_birth: date | None = None,
) -> QuerySet:
    """People the user may see, narrowed by name words, reference, NHS number and birth date."""
    people = policy.without_withheld(people_visible_to(user), user).select_related("team")
    for word in name.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    if reference.strip():
        text = reference.strip()
        people = people.filter(Q(reference__iexact=text) | Q(source_reference__iexact=text))
    if nhs_number.strip():
        people = people.filter(nhs_number=nhs.normalise(nhs_number))
    if date_of_birth is not None:
        people = people.filter(date_of_birth=date_of_birth)
    return people.order_by("last_name", "first_name", "id")


def concerns_filtered(
    user,
    *,
    received_from: date | None = None,
    received_to: date | None = None,
    decision: str = "",
    team: int | None = None,
    person: str = "",
) -> QuerySet:
    """Concerns the user may see, by received date range, decision ('undecided' for none yet),
    team and person reference."""
    concerns = policy.without_withheld(concerns_visible_to(user), user, "person_id")
    concerns = concerns.select_related("person", "team", "decided_by")
    if received_from is not None:
        concerns = concerns.filter(received_date__gte=received_from)
    if received_to is not None:
        concerns = concerns.filter(received_date__lte=received_to)
    if decision == "undecided":
        concerns = concerns.filter(decision="")
    elif decision:
        concerns = concerns.filter(decision=decision)
    if team is not None:
        concerns = concerns.filter(team_id=team)
    if person.strip():
        concerns = concerns.filter(person__reference__iexact=person.strip())
    return concerns.order_by("-received_date", "-id")


def enquiries_filtered(
    user,
    *,
    status: str = "",
    team: int | None = None,
    lead: int | None = None,
    kind: str = "",
    person: str = "",
    start_from: date | None = None,
    start_to: date | None = None,
    end_from: date | None = None,
    end_to: date | None = None,
) -> QuerySet:
    """Enquiries the user may see, by open/closed, team, lead, kind, person and date ranges."""
    enquiries = policy.without_withheld(enquiries_visible_to(user), user, "person_id")
    enquiries = enquiries.select_related("person", "team", "lead", "concern", "closing_review")
    if status == "open":
        enquiries = enquiries.filter(end_date__isnull=True)
    elif status == "closed":
        enquiries = enquiries.filter(end_date__isnull=False)
    if team is not None:
        enquiries = enquiries.filter(team_id=team)
    if lead is not None:
        enquiries = enquiries.filter(lead_id=lead)
    if kind:
        enquiries = enquiries.filter(kind=kind)
    if person.strip():
        enquiries = enquiries.filter(person__reference__iexact=person.strip())
    if start_from is not None:
        enquiries = enquiries.filter(start_date__gte=start_from)
    if start_to is not None:
        enquiries = enquiries.filter(start_date__lte=start_to)
    if end_from is not None:
        enquiries = enquiries.filter(end_date__gte=end_from)
    if end_to is not None:
        enquiries = enquiries.filter(end_date__lte=end_to)
    return enquiries.order_by("-start_date", "-id")
