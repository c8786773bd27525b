"""Title, outlet and date from what a file says above its first paragraph, with evidence."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import dateparser
import yaml

from . import clean, furniture
from .errors import ReadError

URL_RE = re.compile(r"^<?(https?://\S+?)>?$")
ASSET_RE = re.compile(r"\.(jpe?g|png|gif|webp|svg|avif|bmp|ico|mp4|mp3|webm|pdf)(\?|$)"
                      r"|/(images?|photos?|media|uploads|assets|static|thumbs?)/|open-uri", re.I)
HEADER_KEYS = {
    "title": "title", "headline": "title",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "publication": "outlet",
    "site": "outlet", "sitename": "outlet",
    "date": "date", "published": "date", "publication date": "date", "dateline": "date",
    "url": "url", "link": "url", "source url": "url", "canonical": "url",
    "author": "author", "by": "author",
}
KEY_LINE_RE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(\S.*)$")
SENTENCE_END_RE = re.compile(r"[.!?…][\"”’')]*\s*$")
PROSE_END_RE = re.compile(r"([.!?…:;]|\.\.\.)[\"”’')\]]*\s*$")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# A full date written out at the end of a header line: "China Daily News Wednesday 5th
# March, 2014", "0930 GMT, 12 March 2011", "Posted on June 3, 2024", "05/11/2024 09h15",
# "Tue 3 Mar 2019 10.35 GMT".
DATE_IN_LINE_RE = re.compile(
    rf"(?:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})"
    rf"(?:,?\s+\d{{1,2}}[:h.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\s*$", re.I)
# Section labels and page words that head a page without naming its publisher.
NOT_AN_OUTLET = frozenset(
    "world latest breaking top local national international sports sport business politics "
    "tech technology entertainment more related home menu opinion features culture science "
    "health travel lifestyle".split())


@dataclass
class Meta:
    """What the file says about itself; filled in by the steps below, first one wins."""

    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)

    def set(self, key: str, value: object) -> None:
        """Set a field from a header key ('Source', 'date', ...) if not set yet."""
        field_name = HEADER_KEYS.get(key.strip().lower())
        if value is None or field_name is None:
            return
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        text = clean_value(str(value))
        if not text:
            return
        if field_name == "title" and not self.title:
            self.title = text
        elif field_name == "outlet" and not self.outlet:
            self.outlet = text
        elif field_name == "url" and not self.url and URL_RE.match(text):
            self.url = text.strip("<>")
        elif field_name == "date" and not self.date:
            self.date = parse_date(text)
            if self.date is None:
                self.notes.append(f"date '{text}' not understood; left unknown")


def front_matter(lines: list[str], meta: Meta) -> list[str]:
    """YAML between --- lines at the very top (at most FRONT_MATTER_BYTES, no aliases)."""
    if not lines or lines[0].strip() != "---":
        return lines
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            data = _load_yaml("\n".join(lines[1:end]))
            if isinstance(data, dict):
                for key, value in data.items():
                    meta.set(str(key), value)
                return lines[end + 1:]
            if data is _INVALID:
                meta.notes.append("front matter is not valid YAML; read as text")
            return lines
    return lines


FRONT_MATTER_BYTES = 16 * 1024
_INVALID = object()


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: a few hundred bytes of nested aliases expand to
    gigabytes (the "billion laughs"), and metadata never needs them."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise ReadError("YAML front matter uses aliases (*name), which are refused")
        return super().compose_node(parent, index)


def _load_yaml(text: str) -> object:
    if len(text.encode("utf-8")) > FRONT_MATTER_BYTES:
        raise ReadError(f"YAML front matter is larger than {FRONT_MATTER_BYTES // 1024} KiB")
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return _INVALID
    except RecursionError:
        raise ReadError("YAML front matter is nested too deeply") from None


def key_lines(lines: list[str], meta: Meta) -> list[str]:
    """Leading 'Title: ...', 'Source: ...', 'Date: ...' lines."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        match = KEY_LINE_RE.match(line)
        if not match or match.group(1).strip().lower() not in HEADER_KEYS:
            break
        meta.set(match.group(1), match.group(2))
        i += 1
    return lines[i:]


def header(lines: list[str], meta: Meta, markdown: bool,
           outlets: frozenset[str] = frozenset()) -> list[str]:
    """Take title, URL, outlet and date from the lines above the first paragraph; drop the
    rest of what is there unless it is prose (a deck written as a sentence stays).

    What sits above an article's first paragraph on a page is its headline, then furniture:
    image addresses, section labels, bylines, timestamps, decks and summary bullets.
    """
    body_start = next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))
    kept: list[str] = []
    first = True  # the first content line may be a two-word headline ("Michelle Obama")
    for idx, line in enumerate(lines[:body_start]):
        stripped = " ".join(line.split())
        if not stripped:
            kept.append("")
            continue
        was_first, first = first, False
        heading = re.match(r"^#{1,6}\s+(.*)$", stripped)
        if heading:
            if not meta.title and (markdown or heading.group(0).startswith("# ")):
                meta.title = heading.group(1).strip()
            continue  # headings are not sentences
        url = URL_RE.match(stripped)
        if url:
            if not meta.url and not ASSET_RE.search(url.group(1)):
                meta.url = url.group(1)
            continue
        # "Source: The Daily Times" under the headline is a key line, as it is above it
        # (read whole, it looks like a site name and gave the outlet "Source: The …").
        key = KEY_LINE_RE.match(stripped)
        if key and key.group(1).strip().lower() in HEADER_KEYS and not was_first:
            meta.set(key.group(1), key.group(2))
            continue
        if _take_date_and_outlet(stripped, meta, outlets):
            continue
        if not meta.outlet and site_name(stripped, outlets):
            meta.outlet = stripped
            continue
        if not meta.title and _headline(stripped, was_first) and not _continues(lines, idx):
            meta.title = stripped
            continue
        if PROSE_END_RE.search(stripped) and len(stripped.split()) >= 6 \
                and furniture.kind(stripped) is None:
            kept.append(line)  # a deck written as a sentence
    body = lines[body_start:]
    if body:
        body = [_dateline(body[0], meta, outlets)] + body[1:]
    return kept + body


def _headline(line: str, first: bool) -> bool:
    """A headline: a few words that do not end as a sentence ends, or end with '?' or '!'
    ("What happened on the bridge?", "Michelle: bitter or better half? Please.")."""
    words = len(line.split())
    if words > 30 or words < (2 if first else 3) or furniture.kind(line) is not None:
        return False
    if line.rstrip("”’'\")").endswith((".", ":", ";", ",")):
        return "?" in line[:-1] and words <= 20
    return True


def _take_date_and_outlet(line: str, meta: Meta, outlets: frozenset[str]) -> bool:
    """A header line that is, or ends with, a publication date; what comes before the date
    may name the outlet ("China Daily News Wednesday 5th March, 2014")."""
    if len(line) > 80 or not any(c.isdigit() for c in line):
        return False  # (every date the pattern reads has digits: a cheap test first)
    match = DATE_IN_LINE_RE.search(line)
    if match is None:
        return False
    date = parse_date(match.group(0))
    if date is None:
        return False
    before = line[:match.start()].strip(" ,|–—-:")
    words = before.split()
    # "RABAT | Sun Feb 20, 2011 6:47pm EST": a wire's place, a bar, then the stamp.
    stamp = bool(re.fullmatch(rf"{clean.CAPS_PLACE}\s*\|", line[:match.start()].strip()))
    if words and not (stamp or furniture.TIMESTAMP_RE.match(line) or site_name(before, outlets)
                      or (len(words) <= 3 and before.lower().rstrip(" :") in
                          ("published", "updated", "posted", "posted on", "published on",
                           "last updated", "updated on", "date", "dated", "first published"))):
        return False
    if meta.date is None:
        meta.date = date
    if words and not meta.outlet and site_name(before, outlets):
        meta.outlet = before
    return True


def _dateline(line: str, meta: Meta, outlets: frozenset[str]) -> str:
    """The outlet and date a dateline gives ("Athens (CNN)Officials said…"). The line is
    returned as it is: cleaning removes the dateline from the text."""
    found = clean.find_dateline(" ".join(line.split()))
    if found is None:
        return line
    if found.agency and not meta.outlet and (
            found.agency.lower() in outlets or re.fullmatch(r"[A-Z]{2,6}", found.agency)):
        meta.outlet = found.agency
    if found.date and meta.date is None:
        meta.date = parse_date(found.date)
    return line


def _continues(lines: list[str], idx: int) -> bool:
    """True if the next line carries on the same sentence (hard-wrapped text, not a headline):
    it starts in lower case, or both lines are of a hard-wrapped width."""
    line = lines[idx].strip()
    nxt = lines[idx + 1].strip() if idx + 1 < len(lines) else ""
    if not nxt or URL_RE.match(nxt):
        return False
    return nxt[:1].islower() or (len(line) >= 50 and len(nxt) <= 100 and len(nxt.split()) > 6)


def _is_body(line: str) -> bool:
    words = line.split()
    if clean.find_dateline(" ".join(words)) is not None:
        return True
    return len(words) >= 20 or (len(words) >= 8 and bool(SENTENCE_END_RE.search(line)))


@lru_cache(maxsize=8)
def known_outlets(extra_files: tuple[str, ...] = ()) -> frozenset[str]:
    """Outlet names (lower case) from the built-in list and the user's files."""
    texts = [resources.files("briefing").joinpath("data/outlets.txt").read_text("utf-8")]
    texts += [Path(f).read_text("utf-8") for f in extra_files]
    return frozenset(" ".join(w.split()).lower() for text in texts for w in text.splitlines()
                     if w.strip() and not w.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def _outlet_cues() -> frozenset[str]:
    text = resources.files("briefing").joinpath("data/outlet_cues.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines()
                     if w.strip() and not w.startswith("#"))


def site_name(line: str, outlets: frozenset[str] = frozenset()) -> bool:
    """A line that names a publisher: a known outlet, or a short capitalised name ending in
    a publisher's word ("Northern Media Group", "Valley Herald"), not a section label
    ("World News") nor a heading ("Display Resolution")."""
    words = line.split()
    if not 1 <= len(words) <= 6 or PROSE_END_RE.search(line):
        return False
    if " ".join(words).lower() in outlets:
        return True
    if not all(w[:1].isupper() or not w[:1].isalpha() for w in words) or len(words) < 2:
        return False
    if words[0].lower() in NOT_AN_OUTLET:
        return False
    if any(w.endswith(":") for w in words):
        return False  # "Coroner: Victim Hit 20 Times" is a headline, not a paper's name
    return words[-1].lower().strip(".,") in _outlet_cues()


def parse_date(text: str) -> dt.date | None:
    # REQUIRE_PARTS: a bare "Monday" or "October" is not a publication date.
    text = re.sub(r"(\d{1,2})[h.](\d{2})\b", r"\1:\2", text)
    parsed = dateparser.parse(text, languages=["en"], settings={
        "DATE_ORDER": "DMY", "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def article_url(text: str | None) -> str | None:
    """The article's address if it is a real web address, normalised by courlan (tracking
    parameters such as utm_source dropped, unsafe characters encoded); else None, so
    nothing odd reaches the Markdown's link."""
    if not text:
        return None
    import courlan  # trafilatura's own URL library

    checked = courlan.check_url(text.strip().strip("<>"), strict=False)
    if checked is None or not checked[0].startswith(("http://", "https://")):
        return None
    return checked[0]


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def strip_outlet(title: str | None, outlet: str | None) -> str | None:
    """'Farmers demand aid | Coast Daily' -> 'Farmers demand aid' when the outlet is known."""
    if not title or not outlet:
        return title
    stripped = re.sub(rf"\s+[|–—-]\s+{re.escape(outlet)}\s*$", "", title, flags=re.I)
    return stripped or title
