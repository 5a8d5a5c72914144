"""The catalogue of ideas that are not desired outcomes, and the pattern notation that catches them.

A desired outcome is what the person wants to happen in their life, in their own words.
Conclusions of the enquiry ("abuse substantiated"), service responses ("more monitoring") and
steps in the process ("safeguarding plan in place") are not outcomes, however they are worded.
Each idea in the catalogue has patterns written in a small notation a council's administrator
can read and edit, without regular expressions:

- words match whole words, in order, ignoring capitals and punctuation: `care package`
- `a/b/c` matches any one of the words: `more/extra/additional care/carers`
- `word*` matches any word that starts so: `substantiat*` (substantiated, substantiation)
- `...` lets up to three other words come between: `abuse ... proven`

One line is one pattern. Apostrophes are ignored, so `dont` matches "don't".
"""

import re
from dataclasses import dataclass
from functools import lru_cache

GAP_WORDS = 3
_TOKEN = re.compile(r"^[\w*/]+$")


class PatternError(ValueError):
    """A pattern that cannot be read, with a message saying what is wrong."""


def plain_text(text: str) -> str:
    """Text as patterns see it: lower case, apostrophes dropped, spaces collapsed."""
    text = (text or "").lower().replace("’", "'").replace("‘", "'").replace("'", "")
    return " ".join(text.split())


def _word(alternative: str) -> str:
    if alternative.endswith("*"):
        stem = alternative[:-1]
        if not stem or "*" in stem:
            raise PatternError(f"“{alternative}”: put * only at the end of a word")
        return re.escape(stem) + r"\w*"
    if "*" in alternative:
        raise PatternError(f"“{alternative}”: put * only at the end of a word")
    return re.escape(alternative)


@lru_cache(maxsize=2048)
def compile_pattern(pattern: str) -> re.Pattern:
    """The regular expression for one pattern line; PatternError says what is wrong with it."""
    tokens = plain_text(pattern).split()
    if not tokens or all(token == "..." for token in tokens):
        raise PatternError("Write at least one word")
    if tokens[0] == "..." or tokens[-1] == "...":
        raise PatternError("Put ... only between two words")
    parts, gap = [], False
    for token in tokens:
        if token == "...":
            if gap:
                raise PatternError("Write ... once between two words")
            gap = True
            continue
        if not _TOKEN.match(token) or "//" in token or token.startswith("/") or token.endswith("/"):
            raise PatternError(
                f"“{token}”: use letters and numbers, with / between alternatives and * at the end"
            )
        words = "|".join(_word(alternative) for alternative in token.split("/"))
        if parts:
            parts.append(rf"\W+(?:\w+\W+){{0,{GAP_WORDS}}}" if gap else r"\W+")
        parts.append(f"(?:{words})")
        gap = False
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")


def pattern_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class Match:
    idea: object
    pattern: str


def first_match(text: str, ideas) -> Match | None:
    """The first idea (in catalogue order) one of whose patterns is in the text."""
    plain = plain_text(text)
    for idea in ideas:
        for line in pattern_lines(idea.patterns):
            try:
                if compile_pattern(line).search(plain):
                    return Match(idea, line)
            except PatternError:
                continue  # refused when saved; a bad line never stops the others
    return None


def idea_problems(*, patterns: str, examples: str, genuine: list[str]) -> dict[str, list[str]]:
    """What is wrong with an idea as an administrator wrote it: patterns that cannot be read,
    examples its patterns do not refuse, and genuine outcomes they would refuse."""
    problems: dict[str, list[str]] = {}
    lines = pattern_lines(patterns)
    if not lines:
        problems.setdefault("patterns", []).append("Write at least one pattern, one a line")
    compiled = []
    for line in lines:
        try:
            compiled.append(compile_pattern(line))
        except PatternError as error:
            problems.setdefault("patterns", []).append(f"Line “{line}”: {error}")
    if "patterns" in problems:
        return problems
    for example in pattern_lines(examples):
        if not any(p.search(plain_text(example)) for p in compiled):
            problems.setdefault("examples", []).append(
                f"None of the patterns catches “{example}”: add a pattern for it, or remove it"
            )
    for words in genuine:
        if any(p.search(plain_text(words)) for p in compiled):
            problems.setdefault("patterns", []).append(
                f"These patterns would refuse “{words}”, which is a real outcome: make them narrower"
            )
    return problems
