"""Numeric claims: data-file cases that read like a ledger row each."""

from __future__ import annotations

import pytest

from briefing.analyze.claims import extract_claims, parse_number
from briefing.analyze.sentences import split_sentences
from briefing.config import FiguresConfig, LedgerConfig
from briefing.models import Article
from briefing.render import amount

from .conftest import DATA

FIGURES = FiguresConfig(counted=("troops", "soldiers", "forces", "personnel", "police officers",
                                 "workers", "households"),
                        groups=("brigades", "battalions", "teams"))


def load_cases() -> list[tuple[list[str], list[str]]]:
    cases = []
    text = (DATA / "claims" / "cases.txt").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines:
            continue
        sentences = [ln for ln in lines if not ln.startswith("=>")]
        expected = [ln[2:].strip() for ln in lines if ln.startswith("=>") and ln[2:].strip()]
        cases.append((sentences, expected))
    return cases


def article(paragraph: str) -> Article:
    return Article(relpath="t.txt", sha256="0", title="t", title_derived=False, outlet=None,
                   published=None, url=None, paragraphs=(paragraph,),
                   sentences=tuple(split_sentences([paragraph])))


def row(claim) -> str:  # type: ignore[no-untyped-def]
    return " | ".join([amount(claim), claim.counted, claim.where or "-", claim.who or "-",
                       claim.when or "-"])


@pytest.mark.parametrize("sentences,expected", load_cases(),
                         ids=[c[0][0][:40] for c in load_cases()])
def test_claim_case(sentences: list[str], expected: list[str]) -> None:
    claims = extract_claims(article(" ".join(sentences)), 0, FIGURES,
                            LedgerConfig().attribution_verbs)
    assert [row(c) for c in claims] == expected


@pytest.mark.parametrize("text,value", [("10,000", 10000), ("two", 2), ("1.5 million", 1.5e6),
                                        ("two dozen", 24), ("twenty-five", 25),
                                        ("a thousand", 1000), ("3,000.5", 3000.5)])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_counted_nouns_come_from_config() -> None:
    text = "The agency said 300 nurses and 40 doctors were hired."
    nurses = FiguresConfig(counted=("nurses",))
    claims = extract_claims(article(text), 0, nurses, LedgerConfig().attribution_verbs)
    assert [(c.value, c.counted) for c in claims] == [(300, "nurses")]
