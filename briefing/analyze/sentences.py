"""Split paragraphs into verbatim sentences with sentencex (rule-based, no downloads)."""

from __future__ import annotations

import re

from sentencex import segment

from ..models import Sentence

# "…an oil analyst for BT Alex. Brown, said that…": a name cut after a short capitalised
# abbreviation, its sentence going on with a comma and a verb of speech.
ABBREVIATION_END_RE = re.compile(r"\b[A-Z][a-z]{0,4}\.$")
NAME_THEN_SPEECH_RE = re.compile(r"^[A-Z][\w'’&-]*,\s+(?:said|says|told|added|wrote)\b")
# A title before a name never ends a sentence: "between Ms. Bisek and Gingrich" (sentencex
# cut there). "Jr." and "St." may end one, so they are not here.
TITLE_END_RE = re.compile(r"(?:^|[\s(“\"'])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gov|Sen|Rep|Gen|Lt|Col|Maj|"
                          r"Capt|Sgt|Rev|Hon|Adm|Cmdr|Supt|Insp|Det|Pres)\.$")


def split_sentences(paragraphs: list[str] | tuple[str, ...]) -> list[Sentence]:
    """Sentences of every paragraph, in order; each is a verbatim slice of its paragraph."""
    out: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        for text in split_paragraph(paragraph):
            out.append(Sentence(index=len(out), paragraph=p_index, text=text))
    return out


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph, stripped; together they hold every non-space character."""
    pieces: list[tuple[str, bool]] = []  # (piece, whitespace before it in the paragraph)
    at = 0
    for raw in segment("en", paragraph):
        piece = raw.strip()
        if not piece:
            continue
        start = paragraph.find(piece, at)
        spaced = start <= 0 or paragraph[start - 1].isspace()
        at = start + len(piece) if start >= 0 else at
        pieces.append((piece, spaced))
    return _rejoin(pieces)


def _rejoin(pieces: list[tuple[str, bool]]) -> list[str]:
    # A piece that starts in lower case or with closing punctuation continues the one before
    # ('“It is over.” he said'): glue it back rather than show half a sentence. So does a
    # piece cut off with no space before it: a ticker or index code ("the index .KIX down",
    # "ABCD.KL") is not a sentence end. So does "Brown, said…" after "Alex.", and a
    # name after a title ("Ms. Bisek").
    out: list[str] = []
    for piece, spaced in pieces:
        if out and (piece[:1].islower() or piece[:1] in ",;:)”’" or not spaced
                    or (NAME_THEN_SPEECH_RE.match(piece)
                        and ABBREVIATION_END_RE.search(out[-1]))
                    or (piece[:1].isupper() and TITLE_END_RE.search(out[-1]))):
            out[-1] = f"{out[-1]}{' ' if spaced else ''}{piece}"
        else:
            out.append(piece)
    return out
