"""Names as people type them: sound-alike keys for finding a person despite spelling, and the
split of search text into the name fields of a new record.

Each word of a person's names is stored as two phonetic keys, Metaphone and NYSIIS (from
jellyfish, a tested implementation of both), written into one column as " m:MRKRT n:MARGRAT ".
A search word matches a person when either of its keys is in that column, which a plain
`LIKE '% m:MRKRT %'` finds on SQLite and PostgreSQL alike. Two keys catch more variants than
one: Metaphone hears "Smyth" as "Smith", NYSIIS hears "Shaun" as "Sean". Neither hears the p
that English surnames often leave silent between m and s or t ("Thompson" and "Thomson"), so a
word with one is keyed as written and as said.
"""

import re

import jellyfish

from msp.people import nhs

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SILENT_P = re.compile(r"mp(?=[st])")


def name_words(text: str) -> list[str]:
    """The words of a name, apostrophes kept inside a word (O'Brien), hyphens splitting it."""
    return [word.replace("’", "'") for word in _WORD.findall(text or "")]


def word_keys(word: str) -> set[str]:
    """The sound-alike keys of one word of a name."""
    plain = word.replace("'", "").lower()
    if not plain:
        return set()
    keys = set()
    for spelling in {plain, _SILENT_P.sub("m", plain)}:
        metaphone = jellyfish.metaphone(spelling).upper()
        if metaphone:
            keys.add(f"m:{metaphone}")
        nysiis = jellyfish.nysiis(spelling).upper()
        if nysiis:
            keys.add(f"n:{nysiis}")
    return keys


def name_keys(*names: str) -> str:
    """The stored keys of a person's names, space-delimited at both ends for exact token search."""
    keys = sorted({key for name in names for word in name_words(name) for key in word_keys(word)})
    return f" {' '.join(keys)} " if keys else ""


def split_search_text(text: str) -> dict:
    """What a search typed on the find page says about a new person, for the "add a person"
    form: an NHS number, or a name as people write it ("Margaret Smith", "Smith, Margaret",
    "Mary Ann Whitfield": the last word is the last name, the rest the first name; one word is
    taken as the last name, which is what people search by)."""
    text = " ".join((text or "").split())
    if not text:
        return {}
    digits = nhs.normalise(text)
    if any(ch.isdigit() for ch in text):
        # An NHS number, or a reference that names no one.
        return {"nhs_number": digits} if digits.isdigit() and len(digits) == 10 else {}
    if "," in text:
        last, _, first = text.partition(",")
        return {"first_name": first.strip(), "last_name": last.strip()}
    words = text.split(" ")
    if len(words) == 1:
        return {"last_name": words[0]}
    return {"first_name": " ".join(words[:-1]), "last_name": words[-1]}


def rekey(people, *, batch_size: int = 2000) -> None:
    """Work out the keys of these people again, writing only those that changed (for the
    migrations that key records already held; `people` is a queryset of Person)."""
    model = people.model
    changed = []
    fields = ("pk", "first_name", "last_name", "preferred_name", "name_keys")
    for person in people.only(*fields).iterator(chunk_size=batch_size):
        keys = name_keys(person.first_name, person.last_name, person.preferred_name)
        if keys != person.name_keys:
            person.name_keys = keys
            changed.append(person)
        if len(changed) == batch_size:
            model.objects.bulk_update(changed, ["name_keys"])
            changed = []
    model.objects.bulk_update(changed, ["name_keys"])
