"""Names as people type them: sound-alike keys for finding a person despite spelling, and the
split of search text into the name fields of a new record.

Each word of a person's names is stored as two phonetic keys, Metaphone and NYSIIS (from
jellyfish, a tested implementation of both), written into one column as " m:MRKRT n:MARGRAT ".
A search word matches a person when either of its keys is in that column, which a plain
`LIKE '% m:MRKRT %'` finds on SQLite and PostgreSQL alike. Two keys catch more variants than
one: Metaphone hears "Smyth" as "Smith", NYSIIS hears "Shaun" as "Sean".
"""

import re

import jellyfish

from msp.people import nhs

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def name_words(text: str) -> list[str]:
    """The words of a name, apostrophes kept inside a word (O'Brien), hyphens splitting it."""
    return [word.replace("’", "'") for word in _WORD.findall(text or "")]


def word_keys(word: str) -> set[str]:
    """The sound-alike keys of one word of a name."""
    plain = word.replace("'", "").lower()
    if not plain:
        return set()
    keys = set()
    metaphone = jellyfish.metaphone(plain).upper()
    if metaphone:
        keys.add(f"m:{metaphone}")
    nysiis = jellyfish.nysiis(plain).upper()
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
