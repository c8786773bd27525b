"""The figures table: per measure, the current figure, how it moved, and the distinct claims."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from .config import MeasureConfig
from .models import Claim, LedgerRow, MeasureTable

MAX_ROWS = 10  # a measure with 40 mentions is a current line, a history and its latest rows


def measure_tables(measures: tuple[MeasureConfig, ...], claims: list[Claim],
                   published: Sequence[dt.date | None] = ()) -> tuple[MeasureTable, ...]:
    """One table per measure. Claims come in reading order (articles by publication date,
    then file order; sentences in order), so among dated articles "latest" is "last".
    `published` gives each article's publication date (by index), so that a day's reports
    make one step and undated articles are known as such."""
    tables = []
    claims = before_story(claims, published)
    for measure in measures:
        mine = [c for c in claims if c.measure == measure.name and not c.converted]
        several = _breakdown(mine)
        rows = ledger_rows(mine, by_holder=several)
        history = [] if several else _history(mine, published)
        current = history[-1] if history else None
        shown = _shown(rows, history, MAX_ROWS)
        undated = _undated(mine, published) if current is not None and all(
            _day(r.article, published) is None for r in current.refs) else 0
        # Whether an increment came after an undated current figure cannot be told (file
        # names are no order): it stays a row, not a "then".
        since = () if undated else _since(mine, current)
        tables.append(MeasureTable(name=measure.name, current=current, history=tuple(history),
                                   since=since, rows=tuple(shown),
                                   more=len(rows) - len(shown), breakdown=several,
                                   undated=undated))
    return tuple(tables)


def before_story(claims: list[Claim], published: Sequence[dt.date | None]) -> list[Claim]:
    """The claims, those dated before the story's first page marked background (see
    _before_story); `published` gives each article's date by index."""
    dated = [d for d in published if d is not None]
    start = min(dated) if dated else None
    days: dict[tuple[str, dt.date], set[int]] = {}
    for c in claims:
        if c.when_date is not None and c.when_grain == "day":
            days.setdefault((c.measure, c.when_date), set()).add(c.ref.article)
    return [_before_story(c, start, days) for c in claims]


def _before_story(claim: Claim, start: dt.date | None,
                  days: dict[tuple[str, dt.date], set[int]]) -> Claim:
    """A figure its own words date before the story's first article is another event's
    (background) when the date is a month or year before the story's ("May 2010" in an
    undated page of a story whose pages begin in 2011), or a day before it told in passing:
    its sentence names other days too, and no other page's figure names that day ("On 26
    February a 5.2 quake; a 7.2 two days ago; four more yesterday"). As the timeline does,
    a day the story's pages keep to ("1,500 troops were sent on Friday") stays its own."""
    if start is None or claim.background or claim.when_date is None or \
            NOT_BACKGROUND_RE.match(claim.when or ""):
        return claim
    date, grain = claim.when_date, claim.when_grain
    if grain == "year":
        before = date.year < start.year
    elif grain == "month":
        before = (date.year, date.month) < (start.year, start.month)
    else:
        before = date < start and claim.passing and \
            days.get((claim.measure, date), set()) <= {claim.ref.article}
    return replace(claim, background=True) if before else claim


# "since 2004", "from May": a running total up to now, not a figure of that time.
NOT_BACKGROUND_RE = re.compile(r"(?:since|from)\b", re.I)


def _shown(rows: list[LedgerRow], history: list[LedgerRow], limit: int) -> list[LedgerRow]:
    """The rows the table has room for, in reading order: always the rows of the history's
    steps (the current figure first); then the figures most outlets give; then the latest.
    Among undated articles reading order is only file order, so what several outlets
    report is kept before what one file happens to sort last."""
    steps = {_key(h.claim) for h in history}
    keep = [i for i, r in enumerate(rows) if _key(r.claim) in steps][-limit:]
    others = sorted((i for i in range(len(rows)) if i not in keep),
                    key=lambda i: (len(rows[i].refs), i), reverse=True)
    chosen = set(keep) | set(others[:max(0, limit - len(keep))])
    return [rows[i] for i in sorted(chosen)]


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
    """True when one source gives three or more different figures of the measure for three
    or more holders (seats per party, loans per name): the parts of a whole, a breakdown by
    subject, not one figure over time, so there is no single current figure to show.
    Several figures without their holders (costs over the months, a quake and its
    aftershocks) are no breakdown; nor is a whole and its parts from two holders ("Sky and
    BT paid £5.1bn: Sky £4.2bn, BT £960m"), whose joint holder is the whole."""
    values: dict[int, set[tuple]] = {}
    holders: dict[int, set[str]] = {}
    for c in claims:
        if not (c.background or c.part or c.outlook or c.kind == "increment"):
            values.setdefault(c.ref.article, set()).add((c.value, c.low, c.high))
            if c.holder:
                holders.setdefault(c.ref.article, set()).add(c.holder)
    return any(len(v) >= 3 and len(_single_holders(holders.get(a, set()))) >= 3
               for a, v in values.items())


def _single_holders(names: set[str]) -> set[str]:
    """Holders, one each: "Socialist PASOK" and "Pasok" are one; a joint holder ("Sky and
    BT Sport") that names other holders is their whole, not one more holder."""
    keys = {speaker_key(n) for n in names}
    joint = {speaker_key(n) for n in names
             if re.search(r"\b(?:and|&)\b", n) and
             sum(1 for k in keys if k != speaker_key(n) and
                 re.search(rf"\b{re.escape(k)}\b", n.lower())) >= 1}
    return keys - joint


def _history(claims: list[Claim], published: Sequence[dt.date | None] = ()
             ) -> list[LedgerRow]:
    """Each article's leading figure (its first that is not background, a part of another,
    an outlook or an increment), in reading order; equal figures in a row are one step.

    The articles of one publication day make one step: the figure most of them give (the
    latest of those on a tie), so ten outlets' "45,000", "50,000" and "45,000-50,000" on one
    day do not read as a figure going up and down. Articles without a date cannot be put in
    time (their file names say nothing of it): a running figure grows, so the largest of
    their figures is the last step when it is larger than the latest dated figure (the
    table says it is undated); the others are rows, not steps."""
    leads = _leads(claims)
    days: list[list[Claim]] = []
    for claim in leads:
        day = _day(claim.ref.article, published)
        if day is None:
            continue
        if days and _day(days[-1][0].ref.article, published) == day:
            days[-1].append(claim)
        else:
            days.append([claim])
    picked = [(group, _most_given(group)) for group in days]
    undated = sorted((c for c in leads if _day(c.ref.article, published) is None),
                     key=lambda c: (_size(c), c.ref.article))
    if undated and (not picked or _size(undated[-1]) > _size(picked[-1][1])):
        largest = undated[-1]
        picked.append(([c for c in undated if _same_value(c, largest)], largest))
    steps: list[list[Claim]] = []
    for group, claim in picked:
        given = [c for c in group if _same_value(c, claim)]
        if steps and _same_number(steps[-1][0], claim):
            # "up to four years", then "four years", then "up to four years" again: the
            # figure did not move; the step shows its latest wording.
            steps[-1].extend(given)
        else:
            steps.append(given)
    return [LedgerRow(group[-1], _refs(group)) for group in steps]


def _leads(claims: list[Claim]) -> list[Claim]:
    """Each article's leading figure of the measure's main history, in reading order (its
    latest correction if it has one). A
    figure for another place or in another unit (wave heights at two coasts, a deal in
    dollars beside one in pounds) belongs to another history: the table follows the one
    most articles give (of equals, the one without a place) and lists the others as rows.
    A place its page's headline names is the story's own: no other history."""
    leads: dict[tuple[int, str, str], Claim] = {}
    for claim in claims:
        if claim.background or claim.part or claim.outlook or claim.kind == "increment":
            continue
        key = (claim.ref.article, "" if claim.home else _place_key(claim.where), claim.unit or "")
        if claim.revised or key not in leads:
            leads[key] = claim  # a correction supersedes the figure its article led with
    counts: dict[tuple[str, str], int] = {}
    for _, where, unit in leads:
        counts[(where, unit)] = counts.get((where, unit), 0) + 1
    if not counts:
        return []
    main = min(counts, key=lambda k: (-counts[k], k[0] != "", k))
    return [c for (_, where, unit), c in leads.items() if (where, unit) == main]


def _undated(claims: list[Claim], published: Sequence[dt.date | None]) -> int:
    """How many different figures the undated articles lead with (the current figure is
    the largest of them)."""
    return len({(c.value, c.low, c.high, c.hedge) for c in _leads(claims)
                if _day(c.ref.article, published) is None})


def _place_key(where: str | None) -> str:
    """A place by its proper name: "eastern Russia" is Russia, "the Kursk region" Kursk."""
    return " ".join(w.lower() for w in (where or "").split() if w[:1].isupper())


HEDGE_ORDER = {"<": 0, "~": 1, "=": 2, ">": 3}


def _size(claim: Claim) -> tuple[float, float, int]:
    """How large a figure is, for ordering undated ones: its top, then its value, then
    its hedge ("more than 10,000" is larger than "about 10,000")."""
    return (claim.high if claim.high is not None else claim.value, claim.value,
            HEDGE_ORDER.get(claim.hedge, 2))


def _day(article: int, published: Sequence[dt.date | None]) -> dt.date | None:
    return published[article] if article < len(published) else None


def _most_given(group: list[Claim]) -> Claim:
    """The figure most of the group's articles give; of equals, the latest. A correction
    ("revised that figure down to 12,514") outranks the day's other figures: it was made
    knowing them."""
    revised = [c for c in group if c.revised]
    if revised:
        return revised[-1]
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


def _same_number(a: Claim, b: Claim) -> bool:
    return (a.value, a.low, a.high) == (b.value, b.low, b.high)
