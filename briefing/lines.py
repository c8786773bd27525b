"""When a sentence can stand as a digest line: rules for lines that lean on another."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import DigestConfig
from .corpus import Corpus
from .models import SentenceRef

# Openers that lean on an earlier sentence ("He added", "This warning"): shown only with it.
DANGLING_RE = re.compile(
    r"^[“\"']?(he|she|they|it|its|his|her|their|them|this|that|these|those|such|however|but|and|"
    r"also|nevertheless|nonetheless|moreover|furthermore|still|yet|instead|then|there|here|"
    r"likewise|similarly|so|thus|hence|besides|otherwise|according to (him|her|them))\b",
    re.I)
BACK_REFERENCE_RE = re.compile(r"\b(this|that|these|those|it|such|the same)\b", re.I)
# "stated this during a briefing": a demonstrative standing for something said elsewhere.
BARE_DEMONSTRATIVE_RE = re.compile(
    r"\b\w+(?:ed|s)\s+(?:this|that|these|those)(?:\s+(?:during|at|on|in|to|when|after|before|"
    r"as|because|while)\b|\s*[.,;!?])", re.I)
# "The objective was to…", "The move comes after…": a bare definite noun for an aim or an
# event named in an earlier sentence (which objective? which move?).
REFERRING_NOUN_RE = re.compile(
    r"^the\s+(objective|aim|goal|purpose|intention|reason|result|outcome|move|decision|step|"
    r"visit|trip|meeting|talks|remarks|comments|announcement|development)s?\s+"
    r"(was|is|were|are|came|comes|follows|followed|marks|marked|would|will)\b", re.I)
ATTRIBUTED_RE = re.compile(r"\b(said|says|added|stated|told|according to|wrote|asked|replied)\b")


@dataclass(frozen=True)
class Line:
    """A selectable line: one sentence, or a dangling one with the sentence before it."""

    ref: SentenceRef
    text: str
    row: int  # the TF-IDF row of the (last) sentence
    words: int
    covers: frozenset[SentenceRef]  # every sentence the line shows


def line_at(limits: DigestConfig, corpus: Corpus, row: int) -> Line | None:
    """The sentence at `row` as a line that stands on its own, or None if it cannot."""
    ref = corpus.refs[row]
    text = corpus.texts[row]
    if text.rstrip().endswith("?"):
        return None
    if dangling(text):
        if ref.sentence == 0:
            return None
        sentences = corpus.articles[ref.article].sentences
        before = sentences[ref.sentence - 1]
        prev = before.text
        # Only the sentence right before, in the same paragraph, is surely what it refers to.
        if (before.paragraph != sentences[ref.sentence].paragraph or dangling(prev)
                or prev.rstrip().endswith("?")):
            return None
        text = f"{prev} {text}"
        covers = frozenset({ref, SentenceRef(ref.article, ref.sentence - 1)})
    else:
        covers = frozenset({ref})
    words = len(text.split())
    if words < limits.min_sentence_words or words > limits.max_sentence_words:
        return None
    return Line(ref, text, row, words, covers)


def dangling(text: str) -> bool:
    """True if the sentence leans on an earlier one ("He added…", "This warning…")."""
    if (DANGLING_RE.match(text) or BARE_DEMONSTRATIVE_RE.search(text)
            or REFERRING_NOUN_RE.match(text)):
        return True
    # "Prior to this, ...", "Against this backdrop, ...": an opening phrase pointing back.
    opening = text.split(",", 1)[0] if "," in text else ""
    if opening and len(opening.split()) <= 5 and BACK_REFERENCE_RE.search(opening):
        return True
    # A bare quotation with nobody named as its speaker.
    return text[:1] in "“\"" and not ATTRIBUTED_RE.search(text)
