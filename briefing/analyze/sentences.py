"""Split paragraphs into verbatim sentences with sentencex (rule-based, no downloads)."""

from __future__ import annotations

from sentencex import segment

from ..models import Sentence


def split_sentences(paragraphs: list[str] | tuple[str, ...]) -> list[Sentence]:
    """Sentences of every paragraph, in order; each is a verbatim slice of its paragraph."""
    out: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        for text in split_paragraph(paragraph):
            out.append(Sentence(index=len(out), paragraph=p_index, text=text))
    return out


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph, stripped; together they hold every non-space character."""
    pieces = [piece.strip() for piece in segment("en", paragraph)]
    return _rejoin([p for p in pieces if p])


def _rejoin(pieces: list[str]) -> list[str]:
    # A piece that starts in lower case or with closing punctuation continues the one before
    # ('“It is over.” he said'): glue it back rather than show half a sentence.
    out: list[str] = []
    for piece in pieces:
        if out and (piece[:1].islower() or piece[:1] in ",;:)”’"):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
