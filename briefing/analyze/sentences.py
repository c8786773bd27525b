"""Split paragraphs into verbatim sentences with pysbd (rule-based, no downloads)."""

from __future__ import annotations

from functools import lru_cache

import pysbd

from ..models import Sentence


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    # clean=False keeps the text as written; char_span gives offsets so nothing is lost.
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(paragraphs: list[str] | tuple[str, ...]) -> list[Sentence]:
    """Sentences of every paragraph, in order; each is a verbatim slice of its paragraph."""
    out: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        for span in split_paragraph(paragraph):
            out.append(Sentence(index=len(out), paragraph=p_index, text=span))
    return out


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph, stripped; concatenated they give back every non-space."""
    pieces = [paragraph[s.start:s.end].strip() for s in _segmenter().segment(paragraph)]
    return _rejoin_quotes([p for p in pieces if p])


def _rejoin_quotes(pieces: list[str]) -> list[str]:
    # pysbd may break after a full stop inside a quotation: '“It is over.” he said'
    # or a piece that starts with a lowercase attribution ('she added.'). Glue those back.
    out: list[str] = []
    for piece in pieces:
        if out and (piece[:1].islower() or piece[:1] in ",;:)"):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
