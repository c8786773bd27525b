"""read(found) -> Article: decode the file, recover its metadata, clean its body."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import urlparse

import dateparser
import yaml

from . import clean
from .analyze.sentences import split_sentences
from .errors import ReadError
from .models import Article, FoundFile
from .sources import read_bytes

HTML_KINDS = (".html", ".htm")
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
TERMINAL = ('.', '!', '?', '"', '”', "'", '’', '…', ':')


@dataclass
class _Meta:
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and a note when the encoding had to be guessed.

    UTF-8 (a BOM is dropped) first, strict cp1252 second; anything else is decoded as
    UTF-8 with replacement characters and flagged, so no file is silently garbled.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "encoding guessed as cp1252"
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, "encoding unknown: undecodable bytes replaced"


def read(found: FoundFile, max_bytes: int, extra_residue: tuple[str, ...] = ()) -> Article:
    """Read one inbox file into an Article; raise ReadError with the reason if unusable,
    FileUnavailable if it cannot be read this time."""
    data = read_bytes(found, max_bytes)
    if b"\x00" in data[:1024]:
        raise ReadError("binary file (NUL bytes), not text")
    text, note = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta = _Meta(notes=[note] if note else [])
    if found.path.suffix.lower() in HTML_KINDS:
        body = _read_html(text, meta)
    else:
        body = _read_text(text, meta, markdown=found.path.suffix.lower() in (".md", ".markdown"))
    paragraphs = clean.clean_lines(body.split("\n"), title=meta.title,
                                   patterns=clean.residue_patterns(extra_residue))
    if not paragraphs:
        raise ReadError("no article text left after cleaning")
    sentences = split_sentences(paragraphs)
    if not sentences:
        raise ReadError("no sentences found")
    title, derived = _strip_outlet(meta.title, meta.outlet), False
    if not title:
        title, derived = derive_title(sentences[0].text), True
    return Article(relpath=found.relpath, sha256=found.sha256, title=title, title_derived=derived,
                   outlet=meta.outlet or _outlet_from_url(meta.url), published=meta.date,
                   url=meta.url, paragraphs=tuple(paragraphs), sentences=tuple(sentences),
                   notes=tuple(meta.notes))


def _strip_outlet(title: str | None, outlet: str | None) -> str | None:
    """'Farmers demand aid | Coast Daily' -> 'Farmers demand aid' when the outlet is known."""
    if not title or not outlet:
        return title
    stripped = re.sub(rf"\s+[|–—-]\s+{re.escape(outlet)}\s*$", "", title, flags=re.I)
    return stripped or title


def derive_title(first_sentence: str, words: int = 12) -> str:
    """A title made of the article's own first words, cut at a word boundary."""
    parts = first_sentence.split()
    if len(parts) <= words:
        return first_sentence.rstrip()
    return " ".join(parts[:words]).rstrip(",;:") + " …"


def _read_html(text: str, meta: _Meta) -> str:
    # trafilatura parses the string it is given and fetches nothing; its metadata comes
    # from the page's own <title>, og: and JSON-LD tags.
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False,
                                      include_links=False, favor_precision=True,
                                      as_dict=False)
    data = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    body = str(data.get("text") or "")
    if not body.strip():
        raise ReadError("no article text found in the HTML")
    url = str(data.get("url") or "")
    meta.title = _clean_value(data.get("title"))
    meta.outlet = _clean_value(data.get("sitename"))
    meta.url = url if url.startswith(("http://", "https://")) else None
    meta.date = _parse_date(str(data["date"])) if data.get("date") else None
    # trafilatura marks list items and headings with Markdown-ish prefixes; drop them.
    return re.sub(r"^(- |#+ )", "", body, flags=re.M)


def _read_text(text: str, meta: _Meta, markdown: bool) -> str:
    lines = text.split("\n")
    lines = _front_matter(lines, meta)
    lines = _key_lines(lines, meta)
    return "\n".join(_header(lines, meta, markdown))


def _front_matter(lines: list[str], meta: _Meta) -> list[str]:
    """YAML between --- lines at the very top."""
    if not lines or lines[0].strip() != "---":
        return lines
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            try:
                data = yaml.safe_load("\n".join(lines[1:end]))
            except yaml.YAMLError:
                meta.notes.append("front matter is not valid YAML; read as text")
                return lines
            if isinstance(data, dict):
                for key, value in data.items():
                    _set_meta(meta, str(key), value)
                return lines[end + 1:]
            return lines
    return lines


def _key_lines(lines: list[str], meta: _Meta) -> list[str]:
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
        _set_meta(meta, match.group(1), match.group(2))
        i += 1
    return lines[i:]


def _set_meta(meta: _Meta, key: str, value: object) -> None:
    field_name = HEADER_KEYS.get(key.strip().lower())
    if value is None or field_name is None:
        return
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    text = _clean_value(str(value))
    if not text:
        return
    if field_name == "title" and not meta.title:
        meta.title = text
    elif field_name == "outlet" and not meta.outlet:
        meta.outlet = text
    elif field_name == "url" and not meta.url and URL_RE.match(text):
        meta.url = text.strip("<>")
    elif field_name == "date" and not meta.date:
        meta.date = _parse_date(text)
        if meta.date is None:
            meta.notes.append(f"date '{text}' not understood; left unknown")


def _header(lines: list[str], meta: _Meta, markdown: bool) -> list[str]:
    """Take title, URL, outlet and date from the short lines above the first paragraph."""
    body_start = next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))
    kept: list[str] = []
    for idx, line in enumerate(lines[:body_start]):
        stripped = line.strip()
        heading = re.match(r"^#{1,6}\s+(.*)$", stripped)
        if heading:
            stripped = heading.group(1).strip()
            if not meta.title and (markdown or heading.group(0).startswith("# ")):
                meta.title = stripped
            continue  # headings are not sentences
        if not stripped:
            kept.append(line)
            continue
        url = URL_RE.match(stripped)
        if url:
            if not meta.url and not ASSET_RE.search(url.group(1)):
                meta.url = url.group(1)
            continue
        if meta.date is None and len(stripped) <= 40:
            date = _parse_date(stripped)
            if date is not None:
                meta.date = date
                continue
        if not meta.outlet and _looks_like_outlet(stripped):
            meta.outlet = stripped
            continue
        if (not meta.title and len(stripped.split()) >= 3 and not stripped.endswith(TERMINAL[:3])
                and not _continues(lines, idx)):
            meta.title = stripped
            continue
        if len(stripped.split()) <= 3 and not stripped.endswith(TERMINAL):
            continue  # a section label such as "Politics"
        kept.append(line)
    return kept + lines[body_start:]


def _continues(lines: list[str], idx: int) -> bool:
    """True if the next line carries on the same sentence (hard-wrapped text, not a headline)."""
    nxt = lines[idx + 1].strip() if idx + 1 < len(lines) else ""
    return bool(nxt) and not URL_RE.match(nxt) and len(nxt.split()) > 6


def _is_body(line: str) -> bool:
    words = line.split()
    return len(words) >= 20 or (len(words) >= 8 and bool(SENTENCE_END_RE.search(line)))


@lru_cache(maxsize=1)
def _outlet_cues() -> frozenset[str]:
    text = resources.files("briefing").joinpath("data/outlet_cues.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines()
                     if w.strip() and not w.startswith("#"))


def _looks_like_outlet(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 6 or line.endswith(TERMINAL):
        return False
    if not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False
    return any(w.lower().strip(".,") in _outlet_cues() for w in words)


def _parse_date(text: str) -> dt.date | None:
    # REQUIRE_PARTS: a bare "Monday" or "October" is not a publication date.
    parsed = dateparser.parse(text, languages=["en"], settings={
        "DATE_ORDER": "DMY", "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def _clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
