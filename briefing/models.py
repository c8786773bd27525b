"""Frozen values that flow between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analyze.dates import DATES_KEY, DateMention

# The code that finds the names a page writes in full (lines.name_ends): stored name ends
# made by other code are found again. (Read here: lines.py imports this module.)
NAMES_KEY = hashlib.sha256(b"".join(
    (Path(__file__).parent / name).read_bytes() for name in ("lines.py", "analyze/text.py")
)).hexdigest()[:16]


@dataclass(frozen=True)
class FoundFile:
    """A candidate file in the inbox, not yet read."""

    path: Path
    relpath: str  # relative to the inbox, with forward slashes: the file's identity
    size: int
    sha256: str
    inode: tuple[int, int] | None = None  # (device, inode) when scanned: read only that file
    links: int = 1  # hard links when scanned
    # (size, mtime, ctime, device, inode) as text when the hash was taken from the bytes of
    # a file quiet for a while, so the next scan may trust it: sources.discover
    signature: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A file that could not be used, and why (shown to the user and in the footer)."""

    relpath: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """One sentence, verbatim from the cleaned article text."""

    index: int  # position in the article, 0-based
    paragraph: int
    text: str


@dataclass(frozen=True)
class Article:
    """A cleaned article with whatever metadata the file really had."""

    relpath: str
    sha256: str
    title: str
    title_derived: bool
    outlet: str | None
    published: dt.date | None
    url: str | None
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    notes: tuple[str, ...] = ()  # e.g. "encoding guessed as cp1252"
    # The day the inbox scan first saw the file: the state's fact, not the file's, so it is
    # not stored with the article but added when the article is loaded.
    received: dt.date | None = None
    # The dates each sentence speaks of (analyze.dates.article_dates), found when the article
    # is read and stored with it: the timeline asks for those of every article of the story
    # on every run. None: made by older code (or other date rules), found when needed.
    dates: tuple[tuple[DateMention, ...], ...] | None = field(default=None, compare=False,
                                                              repr=False)
    # A live page's entries: for each paragraph, the day of the time stamp above it
    # ("1830 GMT, 11 March 2011"), or None; None for a page with fewer than two dated stamps.
    entries: tuple[dt.date | None, ...] | None = None
    # The last words of the names the page writes in full (lines.name_ends of its
    # sentences), found when it is read and stored with it: the timeline asks for those of
    # every page of the story on every run. None: made by older code, found when needed.
    names: frozenset[str] | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        # Written out rather than dataclasses.asdict, which copies every sentence through
        # deepcopy: 130 us an article, most of storing one (the same dict, key for key).
        data: dict[str, Any] = {
            "relpath": self.relpath, "sha256": self.sha256, "title": self.title,
            "title_derived": self.title_derived, "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url, "paragraphs": list(self.paragraphs),
            "sentences": [{"index": s.index, "paragraph": s.paragraph, "text": s.text}
                          for s in self.sentences],
            "notes": list(self.notes)}
        if self.dates is not None:  # compact: [sentence, start, end, text, date, granularity]
            data["dates"] = {"rules": DATES_KEY, "found": [
                [i, m.start, m.end, m.text, m.date.isoformat(), m.granularity]
                for i, found in enumerate(self.dates) for m in found]}
        if self.entries is not None:
            data["entries"] = [d.isoformat() if d else None for d in self.entries]
        if self.names is not None:
            data["names"] = {"rules": NAMES_KEY, "ends": sorted(self.names)}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], received: dt.date | None = None) -> Article:
        """The article to_json wrote, received on `received` (the state's fact)."""
        published = data.get("published")
        return cls(
            relpath=data["relpath"],
            sha256=data["sha256"],
            title=data["title"],
            title_derived=data["title_derived"],
            outlet=data.get("outlet"),
            published=dt.date.fromisoformat(published) if published else None,
            url=data.get("url"),
            paragraphs=tuple(data["paragraphs"]),
            sentences=tuple(Sentence(s["index"], s["paragraph"], s["text"])
                            for s in data["sentences"]),
            notes=tuple(data.get("notes", ())),
            received=received,
            dates=_dates_from_json(data.get("dates"), len(data["sentences"])),
            entries=tuple(dt.date.fromisoformat(d) if d else None for d in data["entries"])
            if data.get("entries") else None,
            names=frozenset(data["names"]["ends"])
            if data.get("names") and data["names"].get("rules") == NAMES_KEY else None,
        )


def _dates_from_json(data: dict[str, Any] | None, sentences: int
                     ) -> tuple[tuple[DateMention, ...], ...] | None:
    """Stored sentence dates, if the date rules that found them are today's."""
    if not data or data.get("rules") != DATES_KEY:
        return None
    found: list[list[DateMention]] = [[] for _ in range(sentences)]
    for i, start, end, text, date, granularity in data["found"]:
        found[i].append(DateMention(start, end, text, dt.date.fromisoformat(date), granularity))
    return tuple(tuple(f) for f in found)


@dataclass(frozen=True)
class SentenceRef:
    """Points at one sentence of one article in an edition."""

    article: int  # index into Edition.articles
    sentence: int  # Sentence.index


@dataclass(frozen=True)
class Quantity:
    """One quantity in a sentence, found by analyze.quantities.find_quantities.

    text[start:end] is the figure as written, hedge and unit included: "as many as 8,000",
    "$4.2 million", "18.6%", "between 10,000 and 12,000", "two brigades, each with 6,000".
    """

    start: int
    end: int
    value: float  # what it amounts to: a range's high end ("from A to B": B), a product n1*n2
    low: float | None  # ranges stay ranges: "between 10,000 and 12,000" -> 10000, 12000
    high: float | None
    hedge: str  # "=", "~" (about, some, nearly), ">" (more than, at least), "<" (up to, under)
    change: str  # "=", or "up" / "down" when the sentence says the quantity rose / fell
    unit: str | None  # normalised key: "km2", "USD", "percent", ...; None for a plain count
    unit_text: str | None  # the unit as written
    noun: str | None  # the counted noun phrase as written (counts only)
    noun_start: int | None
    noun_end: int | None
    kind: str  # "count", "increment" ("another 3,000") or "total" (a product)
    by: bool = False  # the figure is the size of a change told before it ("rose 5%", "cut by
    #                   $2m"), not the level reached ("to 18.6%") nor a change told after it
    #                   ("5% higher"); NewsQuant marks only these up / down
    per: str | None = None  # a count that is a rate: "3,000 tests per day" -> "day"


@dataclass(frozen=True)
class Claim:
    """A figure of a measure: who says how many of what, where, when.

    `figure` is a slice of its sentence: sentence.text[start:end]."""

    measure: str  # the measure's name, e.g. "Killed"
    figure: str  # as written, e.g. "as many as 8,000"
    value: float  # the total it amounts to, e.g. 12000 for "two brigades, each with 6,000"
    low: float | None  # ranges: "between 10,000 and 12,000"
    high: float | None
    hedge: str  # "=", "~" about, ">" more than / at least, "<" fewer than / up to
    kind: str  # "count", "increment" or "total"
    unit: str | None  # normalised unit key ("km2", "USD", "percent"), None for counts
    counted: str  # what is counted or the unit, as written: "North Korean special forces"
    who: str | None  # a noun phrase, or None: not stated
    where: str | None  # a proper place name, or None
    when: str | None  # the time words as written, or None
    when_date: dt.date | None  # `when` resolved against the publication date, if it can be
    when_grain: str | None  # "day", "month" or "year": how much of when_date is meant
    ref: SentenceRef
    start: int
    end: int
    background: bool = False  # the sentence puts it in another time or event
    part: bool = False  # a part of a figure in the same sentence ("8,000 of them")
    outlook: bool = False  # said of what could or will be ("could exceed 10,000"), not of now
    holder: str | None = None  # the name before it in its clause ("Syriza" 26.9%), for breakdowns
    converted: bool = False  # the figure before it, converted: "€130 billion ($172 billion)"
    # Its sentence names other days too, its own told in passing: "On 26 February a 5.2
    # quake; a 7.2 two days ago; four more yesterday" ("this month" is no other day).
    passing: bool = False
    # A correction of the figure before it: "revised that figure down to 12,514", "lowered
    # the toll to 300". It supersedes the figures of its article and its day.
    revised: bool = False
    # Its place is one its page's headline names ("arrested at Jabiluka" under "Protesters
    # arrested at Jabiluka"): the story's own place, so the same history as figures with none.
    home: bool = False


@dataclass(frozen=True)
class LedgerRow:
    """One row of the figures table: a claim and every article that reports it."""

    claim: Claim
    refs: tuple[SentenceRef, ...]


@dataclass(frozen=True)
class MeasureTable:
    """One measure's figures: the current one, how it moved, and the distinct claims."""

    name: str
    current: LedgerRow | None  # the latest figure that is not background nor a part
    history: tuple[LedgerRow, ...]  # one per change of value, oldest first, ending at current
    since: tuple[LedgerRow, ...]  # increments reported after the current figure
    rows: tuple[LedgerRow, ...]  # distinct claims in time order (background ones marked)
    more: int = 0  # older rows left out of `rows` to keep the table short
    breakdown: bool = False  # a source gives several figures at once (per party, per place)
    undated: int = 0  # the current figure is the largest of this many from undated articles
    # No figure in this edition: the current figure of the articles of earlier editions.
    earlier: LedgerRow | None = None


@dataclass(frozen=True)
class DigestItem:
    """One line of a digest: verbatim source text and every article that says it."""

    text: str
    refs: tuple[SentenceRef, ...]  # the first is the wording shown
    shown: tuple[SentenceRef, ...] = ()  # the sentences the text is made of, in order


@dataclass(frozen=True)
class TopicDigest:
    name: str
    description: str
    items: tuple[DigestItem, ...]
    measures: tuple[MeasureTable, ...] = ()
    tracks_figures: bool = False
    in_overview: bool = False  # nothing left to show because the overview already has it
    all_told: bool = False  # nothing left to show because earlier editions said it all


@dataclass(frozen=True)
class SourceEntry:
    """A numbered entry of the Sources list."""

    number: int
    article: Article
    earlier: bool = False  # read for an earlier edition; cited here by the timeline


@dataclass(frozen=True)
class TimelineEntry:
    """One day of the timeline: its best one or two lines, each cited."""

    date: dt.date
    items: tuple[DigestItem, ...]
    articles: int  # how many articles speak of the day (its weight)
    new: bool = False  # a day the previous edition's timeline did not have
    # Per item: a line the previous edition did not show under this day (on a day it had).
    new_lines: tuple[bool, ...] = ()
    # The figures history: each tracked figure's changes, on the day they were reported.
    figures: tuple[FigureStep, ...] = ()
    new_figures: tuple[bool, ...] = ()  # as new_lines, per figure
    # "day", or "month" / "year" for a period a story told by year and month places an
    # event in ("In 1992 she…"); `date` is then the period's first day.
    grain: str = "day"

    @property
    def gained(self) -> bool:
        """Anything here the previous edition's timeline did not show."""
        return self.new or any(self.new_lines) or any(self.new_figures)


@dataclass(frozen=True)
class FigureStep:
    """A step of a measure's history placed on the timeline: the figure it moved to (cited)
    and the one it replaced, as shown (None: the first figure reported)."""

    topic: str
    measure: str
    before: str | None
    now: LedgerRow
    shown: str  # the figure moved to, as shown (render.amount)

    @property
    def told(self) -> str:
        """How an edition's memory keeps it among the day's lines (see ToldDay)."""
        return f"{self.measure}: {self.before or ''} → {self.shown}"


@dataclass(frozen=True)
class ToldFigure:
    """A measure's current figure as an edition showed it."""

    topic: str
    measure: str
    value: float
    shown: str  # the amount as shown, e.g. "≈1,500"


@dataclass(frozen=True)
class ToldDay:
    """A day of the timeline as an edition showed it: its date and its lines."""

    date: dt.date
    lines: tuple[str, ...]
    grain: str = "day"  # as TimelineEntry.grain


@dataclass(frozen=True)
class Told:
    """What earlier editions told the reader: every line shown, and the latest edition's
    date, figures and timeline. Empty before the first edition."""

    previous: dt.date | None = None
    lines: tuple[str, ...] = ()
    figures: tuple[ToldFigure, ...] = ()
    # The latest edition's timeline; None when it showed none (or kept no memory of it).
    timeline: tuple[ToldDay, ...] | None = None


@dataclass(frozen=True)
class FigureChange:
    """A measure whose current figure differs from the one the previous edition showed."""

    topic: str
    before: ToldFigure
    now: LedgerRow


@dataclass(frozen=True)
class Briefing:
    """Everything the templates need for one edition; the template context."""

    title: str
    date: dt.date
    overview: tuple[DigestItem, ...]
    topics: tuple[TopicDigest, ...]
    sources: tuple[SourceEntry, ...]  # the cited articles only, numbered in reading order
    citation: dict[int, int] = field(default_factory=dict)  # article index -> source number
    skipped: tuple[Skipped, ...] = ()
    articles_read: int = 0
    articles: tuple[Article, ...] = ()  # every article read, in reading order (ref.article)
    timeline: tuple[TimelineEntry, ...] = ()
    timeline_enabled: bool = False
    timeline_since: dt.date | None = None  # entries not in that edition's timeline are new
    previous: dt.date | None = None  # the edition "What's new" is measured against
    changes: tuple[FigureChange, ...] = ()  # figures that moved since that edition

    def cite(self, refs: tuple[SentenceRef, ...]) -> list[int]:
        """Source numbers for refs, sorted and unique."""
        return sorted({self.citation[r.article] for r in refs})
