"""Reads of people, already limited to what the user may see."""

from datetime import date

from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Upper
from django.db.models.lookups import Exact

from msp.accounts import policy
from msp.concerns.models import Concern
from msp.people import name_index, names, nhs
from msp.people.models import Person


def people_visible_to(user, *, searching: bool = False) -> QuerySet[Person]:
    """A person is visible to a team when the team holds their record or any of their concerns.

    `searching` asks for the same rule in the shape that suits looking through everyone (a
    search by name): the ids of the team's people are gathered once through the indexes,
    instead of looking for a concern person by person, which made a search read the concerns
    of every person in the council. For one person or a few, the default shape is quicker."""
    teams = policy.visible_team_ids(user)
    people = Person.objects.filter(archived_at__isnull=True)
    if teams is None:
        return people
    if not teams:
        return people.none()
    if searching:
        held = Person.objects.filter(team_id__in=teams).order_by().values("pk")
        concerned = Concern.objects.filter(team_id__in=teams).order_by().values("person_id")
        return people.filter(pk__in=held.union(concerned))
    in_team_concern = Concern.objects.filter(person=OuterRef("pk"), team_id__in=teams)
    return people.filter(Q(team_id__in=teams) | Exists(in_team_concern))


def names_indexed(words: list[str]) -> bool:
    """Whether the database finds these words in names through an index: trigram indexes on
    PostgreSQL (migration people/0007) and SQLite's trigram table (people/0008, name_index). They
    find the few people a word of three letters or more matches, and checking each one's team is
    then quicker than gathering every id the team can see. A trigram index does little for a word
    of one or two letters, so then every name is read and the ids are gathered once
    (people_visible_to)."""
    return name_index.findable(words)


# How a search result matched, best first: the rank orders the results.
BY_REFERENCE, BY_WHOLE_NAME, BY_PART_OF_NAME, BY_SOUND = range(4)


def _spelled(word: str, lookup: str) -> Q:
    return (
        Q(**{f"first_name__{lookup}": word})
        | Q(**{f"last_name__{lookup}": word})
        | Q(**{f"preferred_name__{lookup}": word})
    )


def _reference(text: str) -> Q:
    """The council's or the source system's reference, in any case. Written as UPPER() on both
    sides so that both databases answer it from their indexes of the upper-cased references."""
    typed = Upper(Value(text))
    return Q(Exact(Upper("reference"), typed)) | Q(Exact(Upper("source_reference"), typed))


def _in_names(words: list[str]) -> Q:
    """Every word is part of a name, or sounds like one, read from the names themselves."""
    found = Q()
    for word in words:
        found &= _spelled(word, "icontains") | _sounds_like(word)
    return found


def _sounds_like(word: str) -> Q:
    condition = Q(pk__in=[])
    for key in names.word_keys(word):
        condition |= Q(name_keys__contains=f" {key} ")
    return condition


def person_search(
    user, *, text: str = "", date_of_birth: date | None = None, limit: int = 50
) -> list[Person]:
    """The first `limit` of `person_search_results`."""
    return list(person_search_results(user, text=text, date_of_birth=date_of_birth)[:limit])


def person_search_results(user, *, text: str = "", date_of_birth: date | None = None):
    """Find people by name, council reference or NHS number, and date of birth, among those the
    user may see. Names tolerate spelling ("Margret" finds Margaret, "Jon Smyth" finds John
    Smith) through the sound-alike keys; a date of birth narrows the results. Exact matches come
    first; each result carries `match_rank` (BY_REFERENCE ... BY_SOUND). A restricted person the
    user may not open comes back with `identity_withheld` set, for the page to show as
    "Restricted record" (so nobody records them twice) with nothing that identifies them."""
    text = " ".join(text.split())
    # Text with digits in it is a reference, not a name.
    words = [] if any(ch.isdigit() for ch in text) else names.name_words(text)
    people = people_visible_to(user, searching=not names_indexed(words))
    if not text and date_of_birth is None:
        return people.none()
    rank = Value(BY_WHOLE_NAME)
    if text:
        digits = nhs.normalise(text)
        if digits.isdigit() and len(digits) == 10:
            people = people.filter(nhs_number=digits)
            rank = Value(BY_REFERENCE)
        else:
            reference = _reference(text)
            if words:
                whole = part = Q()
                for word in words:
                    whole &= _spelled(word, "iexact")
                    part &= _spelled(word, "icontains")
                if connection.vendor == "sqlite" and names_indexed(words):
                    keys = [names.word_keys(word) for word in words]
                    people = people.filter(name_index.candidates(words, keys, text))
                else:
                    people = people.filter(reference | _in_names(words))
                rank = Case(
                    When(reference, then=Value(BY_REFERENCE)),
                    When(whole, then=Value(BY_WHOLE_NAME)),
                    When(part, then=Value(BY_PART_OF_NAME)),
                    default=Value(BY_SOUND),
                    output_field=IntegerField(),
                )
            else:
                people = people.filter(reference)
                rank = Value(BY_REFERENCE)
    if date_of_birth is not None:
        people = people.filter(date_of_birth=date_of_birth)
    people = policy.with_identity(people.annotate(match_rank=rank).select_related("team"), user)
    return people.order_by("identity_withheld", "match_rank", "last_name", "first_name", "pk")


def person_search_ranked(user, *, text: str = "", date_of_birth: date | None = None):
    """Every match of `person_search_results` as (id, match_rank, identity_withheld), in the
    results' order: one query that both counts and orders the matches, for a page of them
    (`people_ranked`). The search's conditions are its costly part, so they are asked once, not
    once to count the matches and again for the page."""
    return list(
        person_search_results(user, text=text, date_of_birth=date_of_birth).values_list(
            "pk", "match_rank", "identity_withheld"
        )
    )


def people_ranked(ranked: list[tuple[int, int, bool]]) -> list[Person]:
    """The people of rows from person_search_ranked, in that order, each with the `match_rank`
    and `identity_withheld` that search gave them."""
    people = Person.objects.filter(pk__in=[pk for pk, _, _ in ranked]).select_related("team")
    by_pk = people.in_bulk()
    found = []
    for pk, match_rank, withheld in ranked:
        person = by_pk[pk]
        person.match_rank, person.identity_withheld = match_rank, withheld
        found.append(person)
    return found


def similar_people(
    user, *, first_name: str, last_name: str, date_of_birth: date | None, nhs_number: str = ""
) -> list[Person]:
    """People the user may see who may be the same person: same NHS number, or same last name
    with the same first name or date of birth. Limited to the user's scope so that the warning
    never reveals a record held by another team; a restricted person the user may not open comes
    back with `identity_withheld` set, shown without their details."""
    condition = Q(last_name__iexact=last_name.strip()) & (
        Q(first_name__iexact=first_name.strip()) | Q(date_of_birth=date_of_birth)
    )
    if date_of_birth is not None:
        condition |= Q(date_of_birth=date_of_birth, first_name__iexact=first_name.strip())
    if nhs_number:
        condition |= Q(nhs_number=nhs.normalise(nhs_number))
    people = policy.with_identity(people_visible_to(user).filter(condition), user)
    return list(people.select_related("team").order_by("identity_withheld", "pk")[:10])
