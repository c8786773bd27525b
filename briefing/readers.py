"""read(found) -> Article: decode the file, recover its metadata, clean its body."""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from . import clean, furniture, metadata
from .analyze.dates import article_dates
from .analyze.sentences import split_sentences
from .errors import ReadError
from .lines import name_ends
from .metadata import Meta
from .models import Article, FoundFile
from .sources import read_bytes

HTML_KINDS = (".html", ".htm")


# A byte-order mark says what the file is; UTF-16 and UTF-32 are full of NUL bytes, so
# they are recognised before the binary check.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Terminal escape sequences (CSI "ESC [ ... m", OSC "ESC ] ... BEL") go whole; other control
# characters one by one. Tab and newline stay; form feed and vertical tab end a line.
ESCAPE_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and a note when the encoding had to be guessed.

    A UTF-16 or UTF-32 byte-order mark decides; else NUL bytes in the first KiB mean a
    binary file; else UTF-8 (a BOM is dropped) first, strict cp1252 second; anything else is
    decoded as UTF-8 with replacement characters and flagged, so no file is silently garbled.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                return (data.decode(codec, errors="replace"),
                        f"{codec.upper()} with undecodable bytes (replaced)")
    if b"\x00" in data[:1024]:
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "encoding guessed as cp1252"
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, "encoding unknown: undecodable bytes replaced"


def strip_controls(text: str) -> tuple[str, int]:
    """Text without control characters (NUL, terminal escapes, ...), and how many there were;
    they would reach the Markdown, the PDF and the e-mail."""
    text = text.replace("\f", "\n").replace("\v", "\n")
    count = len(CONTROL_RE.findall(text))
    if count:
        text = CONTROL_RE.sub("", ESCAPE_RE.sub("", text))
    return text, count


# What shapes an Article from a file's bytes: when any of these changes, articles read
# before are derived again from their stored bytes (pipeline.reanalyse), so a better
# cleaner reaches old articles too.
ANALYSIS_FILES = ("readers.py", "clean.py", "furniture.py", "metadata.py",
                  "analyze/sentences.py", "analyze/dates.py", "data/residue.txt",
                  "data/outlets.txt", "data/outlet_cues.txt")


def package_digest(names: Iterable[str]) -> Any:
    """A sha256 of the named files of the briefing package (paths relative to it), each with
    its name: what a key over the code that derived something stored is made of."""
    digest = hashlib.sha256()
    package = resources.files("briefing")
    for name in names:
        digest.update(name.encode() + b"\0" + package.joinpath(name).read_bytes())
    return digest


def analysis_key(extra_residue: tuple[str, ...] = (), extra_outlets: tuple[str, ...] = ()) -> str:
    """A digest of the code, data and user files that turn bytes into an Article."""
    digest = package_digest(ANALYSIS_FILES)
    for name in (*extra_residue, *extra_outlets):
        try:
            digest.update(Path(name).read_bytes())
        except OSError:
            digest.update(b"unreadable " + name.encode())
    return digest.hexdigest()[:16]


def read(found: FoundFile, max_bytes: int, extra_residue: tuple[str, ...] = (),
         extra_outlets: tuple[str, ...] = ()) -> Article:
    """Read one inbox file into an Article; raise ReadError with the reason if unusable,
    FileUnavailable if it cannot be read this time."""
    return parse(found, read_bytes(found, max_bytes), extra_residue, extra_outlets)


def parse(found: FoundFile, data: bytes, extra_residue: tuple[str, ...] = (),
          extra_outlets: tuple[str, ...] = ()) -> Article:
    """The Article in a file's bytes (ReadError with the reason if unusable)."""
    text, note = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, controls = strip_controls(text)
    if controls > max(8, len(text) // 100):
        raise ReadError(f"binary file ({controls:,} control characters), not text")
    meta = Meta(notes=[note] if note else [])
    if controls:
        meta.notes.append(f"{controls} control characters removed")
    if found.path.suffix.lower() in HTML_KINDS:
        body = _read_html(text, meta)
    else:
        # Pasted text often carries entities ("&hellip;", "&lt;/a&gt;"): decoded once here,
        # so the templates escape plain text exactly once.
        body = _read_text(html.unescape(text), meta, metadata.known_outlets(extra_outlets),
                          markdown=found.path.suffix.lower() in (".md", ".markdown"))
    body = strip_controls(body)[0]  # entities such as &#27; decode to control characters
    paragraphs = clean.clean_lines(body.split("\n"), title=meta.title,
                                   patterns=clean.residue_patterns(extra_residue))
    if not paragraphs:
        raise ReadError("no article text left after cleaning")
    sentences = split_sentences(paragraphs)
    if not sentences:
        raise ReadError("no sentences found")
    title = furniture.strip_markup(strip_controls(meta.title)[0]) if meta.title else None
    title, derived = metadata.strip_outlet(title or None, meta.outlet), False
    if not title:
        title, derived = derive_title(sentences[0].text), True
    url = metadata.article_url(meta.url)
    outlet = strip_controls(meta.outlet)[0] if meta.outlet else metadata.outlet_from_url(url)
    dates = article_dates([(s.paragraph, s.text) for s in sentences], meta.date)
    return Article(relpath=found.relpath, sha256=found.sha256, title=title, title_derived=derived,
                   outlet=outlet, published=meta.date, url=url, paragraphs=tuple(paragraphs),
                   sentences=tuple(sentences), notes=tuple(meta.notes),
                   dates=tuple(tuple(d) for d in dates),
                   names=name_ends([s.text for s in sentences], remember=False),
                   entries=entry_dates(body if found.path.suffix.lower() in HTML_KINDS
                                       else text, paragraphs))


def entry_dates(body: str, paragraphs: list[str]) -> tuple[dt.date | None, ...] | None:
    """A live page's entries: each paragraph's day from the dated time stamp above it
    ("1830 GMT, 11 March 2011") in the page as written (cleaning drops stamps as furniture,
    the header reader the first ones as the page's date). None unless the page has two or
    more such stamps."""
    if "\n" not in body or not any(map(str.isdigit, body)):  # (map: in C)
        return None
    stamps: list[tuple[int, dt.date]] = []
    at = 0
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) <= 60 and furniture.TIMESTAMP_RE.match(stripped):
            written = metadata.DATE_IN_LINE_RE.search(stripped)
            day = metadata.parse_date(written.group(0)) if written else None
            if day is not None:
                stamps.append((at, day))
        at += len(line) + 1
    if len(stamps) < 2:
        return None
    flat = " ".join(body.split())
    squashed_at = _squashed_offsets(body)
    out: list[dt.date | None] = []
    cursor = 0
    for paragraph in paragraphs:
        key = " ".join(paragraph.split())[:40]
        found = flat.find(key, cursor) if key else -1
        if found >= 0:
            cursor = found
        raw = squashed_at(cursor)
        before = [day for pos, day in stamps if pos <= raw]
        out.append(before[-1] if before else None)
    return tuple(out)


def _squashed_offsets(body: str):  # type: ignore[no-untyped-def]
    """Map an offset in the whitespace-squashed body back to the body."""
    starts = [m.start() for m in re.finditer(r"\S+", body)]
    squashed = []
    pos = 0
    for m in re.finditer(r"\S+", body):
        squashed.append(pos)
        pos += len(m.group(0)) + 1

    def back(offset: int) -> int:
        i = bisect.bisect_right(squashed, offset) - 1
        return starts[i] + (offset - squashed[i]) if i >= 0 else 0
    return back


def derive_title(first_sentence: str, words: int = 12) -> str:
    """A title made of the article's own first words, cut at a word boundary."""
    parts = first_sentence.split()
    if len(parts) <= words:
        return first_sentence.rstrip()
    return " ".join(parts[:words]).rstrip(",;:") + " …"


def _read_html(text: str, meta: Meta) -> str:
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
    meta.title = metadata.clean_value(data.get("title"))
    meta.outlet = metadata.clean_value(data.get("sitename"))
    meta.url = url if url.startswith(("http://", "https://")) else None
    meta.date = metadata.parse_date(str(data["date"])) if data.get("date") else None
    # trafilatura marks list items and headings with Markdown-ish prefixes; drop them.
    return re.sub(r"^(- |#+ )", "", body, flags=re.M)


def _read_text(text: str, meta: Meta, outlets: frozenset[str], markdown: bool) -> str:
    lines = text.split("\n")
    lines = metadata.front_matter(lines, meta)
    lines = metadata.key_lines(lines, meta)
    return "\n".join(metadata.header(lines, meta, markdown, outlets))
