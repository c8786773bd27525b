"""The figures table: per measure, the current figure, how it moved, and the distinct claims."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .config import MeasureConfig
from .models import Claim, LedgerRow, MeasureTable

MAX_ROWS = 10  # a measure with 40 mentions is a current line, a history and its latest rows


def measure_tables(measures: tuple[MeasureConfig, ...], claims: list[Claim],
                   published: Sequence[dt.date | None] = ()) -> tuple[MeasureTable, ...]:
    """One table per measure. Claims come in reading order (articles by publication date,
    then file order; sentences in order), so "latest" is simply "last". `published` gives
    each article's publication date (by index), so that a day's reports make one step."""
    tables = []
    for measure in measures:
        mine = [c for c in claims if c.measure == measure.name and not c.converted]
        several = _breakdown(mine)
        rows = ledger_rows(mine, by_holder=several)
        history = [] if several else _history(mine, published)
        shown = rows[-MAX_ROWS:]
        current = history[-1] if history else None
        tables.append(MeasureTable(name=measure.name, current=current, history=tuple(history),
                                   since=_since(mine, current), rows=tuple(shown),
                                   more=len(rows) - len(shown), breakdown=several))
    return tuple(tables)


def ledger_rows(claims: list[Claim], by_holder: bool = False) -> list[LedgerRow]:
    """One row per distinct claim: the same figure from the same speaker about the same time
    and place, reported by several outlets, is one row citing them all. Different meanings
    (another measure, place, time, or a part or background figure; in a breakdown, another
    holder) never share a row."""
    rows: dict[tuple, list[Claim]] = {}
    for claim in claims:
        key = _key(claim) + (speaker_key(claim.holder),) if by_holder else _key(claim)
        rows.setdefault(key, []).append(claim)
    return [LedgerRow(group[0], _refs(group)) for group in rows.values()]


def _key(claim: Claim) -> tuple:
    when = (claim.when_date, claim.when_grain) if claim.when_date else \
        (claim.when or "").lower()
    return (claim.measure, claim.value, claim.low, claim.high, claim.hedge, claim.kind,
            claim.unit, _noun_key(claim.counted), speaker_key(claim.who), when,
            _norm(claim.where), claim.background, claim.part, claim.outlook)


def speaker_key(who: str | None) -> str:
    """The same speaker however titled: "US Secretary of State Antony Blinken" and
    "Blinken" are one; "the ministry" and "ministry" are one."""
    if not who:
        return ""
    words = [w for w in re.split(r"\s+", who.strip()) if w]
    if len(words) >= 2 and all(w[:1].isupper() for w in words[-2:]):
        return words[-1].lower().rstrip("'’s")
    return _norm(who)


def _noun_key(noun: str) -> str:
    words = noun.lower().split()
    return words[-1].rstrip("s") if words else ""


def _norm(text: str | None) -> str:
    return re.sub(r"^the\s+", "", " ".join((text or "").lower().split()))


def _refs(group: list[Claim]) -> tuple:
    seen, out = set(), []
    for claim in group:
        if claim.ref.article not in seen:
            seen.add(claim.ref.article)
            out.append(claim.ref)
    return tuple(out)


def _breakdown(claims: list[Claim]) -> bool:
    """True when one source gives three or more different figures of the measure (seats per
    party, loans per name): they are a breakdown by subject, not one figure over time, so
    there is no single current figure to show."""
    values: dict[int, set[tuple]] = {}
    for c in claims:
        if not (c.background or c.part or c.outlook or c.kind == "increment"):
            values.setdefault(c.ref.article, set()).add((c.value, c.low, c.high))
    return any(len(v) >= 3 for v in values.values())


def _history(claims: list[Claim], published: Sequence[dt.date | None] = ()
             ) -> list[LedgerRow]:
    """Each article's leading figure (its first that is not background, a part of another,
    an outlook or an increment), in reading order; equal figures in a row are one step.
    The articles of one publication day make one step: the figure most of them give (the
    latest of those on a tie), so ten outlets' "45,000", "50,000" and "45,000-50,000" on one
    day do not read as a figure going up and down. Undated articles stay steps of their own."""
    leads: dict[int, Claim] = {}
    for claim in claims:
        if claim.background or claim.part or claim.outlook or claim.kind == "increment":
            continue
        leads.setdefault(claim.ref.article, claim)
    days: list[list[Claim]] = []
    for article in sorted(leads):
        day = _day(article, published)
        if days and day is not None and _day(days[-1][0].ref.article, published) == day:
            days[-1].append(leads[article])
        else:
            days.append([leads[article]])
    steps: list[list[Claim]] = []
    for group in days:
        claim = _most_given(group)
        given = [c for c in group if _same_value(c, claim)]
        if steps and _same_value(steps[-1][0], claim):
            steps[-1].extend(given)
        else:
            steps.append(given)
    return [LedgerRow(group[-1], _refs(group)) for group in steps]


def _day(article: int, published: Sequence[dt.date | None]) -> dt.date | None:
    return published[article] if article < len(published) else None


def _most_given(group: list[Claim]) -> Claim:
    """The figure most of the group's articles give; of equals, the latest."""
    counts: dict[tuple, int] = {}
    for c in group:
        key = (c.value, c.low, c.high, c.hedge)
        counts[key] = counts.get(key, 0) + 1
    best = max(counts.values())
    return [c for c in group if counts[(c.value, c.low, c.high, c.hedge)] == best][-1]


def _since(claims: list[Claim], current: LedgerRow | None) -> tuple[LedgerRow, ...]:
    """Increments reported after the current figure ("another 3,000 were sent")."""
    def place(c: Claim) -> tuple[int, int, int]:
        return c.ref.article, c.ref.sentence, c.start
    after = place(current.claim) if current else (-1, -1, -1)
    return tuple(LedgerRow(c, (c.ref,)) for c in claims
                 if c.kind == "increment" and not c.background and not c.outlook
                 and place(c) > after)


def _same_value(a: Claim, b: Claim) -> bool:
    return (a.value, a.low, a.high, a.hedge) == (b.value, b.low, b.high, b.hedge)
