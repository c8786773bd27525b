"""Tokens for matching and TF-IDF: original form (for acronyms) and Snowball stem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[.’'&-][A-Za-z0-9]+)*\.?")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told would could may
might must shall will one two new mr ms mrs
""".split())


@dataclass(frozen=True, slots=True)
class Token:
    form: str  # as written, dots and possessive removed: "U.S." -> "US", "Korea's" -> "Korea"
    stem: str  # lower-case Snowball stem


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 18)
def _token(form: str) -> Token:
    # One Token per distinct word, shared by every sentence that uses it: the sentence
    # caches then hold references, not copies (compact at 10,000 articles).
    return Token(form=form, stem=_stemmer().stemWord(form.lower()))


# Every stage asks for the same sentences' tokens: the caches hold a 10,000-article edition
# (about 200,000 sentences); smaller ones overflow and every sentence is tokenized ~7 times.
SENTENCE_CACHE = 1 << 18


@lru_cache(maxsize=SENTENCE_CACHE)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens of text, in order."""
    get = _word_tokens.get
    out = []
    for word in WORD_RE.findall(text):
        tok = get(word, _UNSEEN)
        if tok is _UNSEEN:
            if len(_word_tokens) >= WORD_CACHE:  # a long-lived process: start afresh
                _word_tokens.clear()
            tok = _word_tokens[word] = _word_token(word)
        if tok is not None:
            out.append(tok)
    return tuple(out)


# Each word as written (possessive, dots and all) -> its Token (None: nothing left of it).
# Most of a sentence's words were seen in earlier sentences: one dict look-up each makes
# tokenizing 2x faster than cleaning every word and asking _token's cache.
WORD_CACHE = 1 << 19
_UNSEEN = Token("", "")
_word_tokens: dict[str, Token | None] = {}


def _word_token(word: str) -> Token | None:
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    form = word.replace(".", "") if _is_dotted_acronym(word) else word.rstrip(".")
    return _token(form) if form else None


DOTTED_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.){2,}[A-Za-z]?\.?")


def _is_dotted_acronym(word: str) -> bool:
    return "." in word and bool(DOTTED_ACRONYM_RE.fullmatch(word))


def is_acronym(form: str) -> bool:
    """Short all-capital words are matched case-sensitively: 'US' is not 'us'."""
    return form.isupper() and len(form) <= 5


@lru_cache(maxsize=SENTENCE_CACHE)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the words that carry meaning (for TF-IDF and similarity)."""
    out = []
    for tok in tokens(text):
        low = tok.form.lower()
        if low in STOPWORDS or len(low) < 2:
            continue
        out.append(tok.stem)
    return tuple(out)


def analyzer(text: str) -> list[str]:
    """TF-IDF features: content stems and their adjacent pairs."""
    stems = list(content_stems(text))
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]
