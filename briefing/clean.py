"""Strip page furniture from article text, keep the article's own prose; pure and idempotent."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

from . import furniture
from .errors import ConfigError

URL_LINE_RE = re.compile(r"^<?https?://\S+>?$")
NO_WORDS_RE = re.compile(r"^[\W_]*$")
NOT_WORD_RE = re.compile(r"[^\w\s]")
# Headings that open a block of links to other stories.
TEASER_HEADING_RE = re.compile(
    r"^(related( posts| articles| stories| content| coverage| news| reading| topics| links"
    r"| in \w+( \w+)?)?|read (more|next|also)|more (from|on) .{1,40}|more (stories|news)"
    r"|you (may|might) (also )?(like|be interested in)|recommended( for you| stories| reading)?"
    r"|trending( now| stories)?|most (read|popular|viewed|shared)|latest (news|stories|posts)"
    r"|see also|also read|don'?t miss|popular (posts|stories)|top stories|editor'?s picks"
    r"|in other news|elsewhere on .{1,30}|around the web|from the web|more coverage)"
    r"\s*[:.]?$", re.I)
SNIPPET_END_RE = re.compile(r"(…|\.\.\.)\s*$")
SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*$")
# Prose ends a paragraph with these (a list's lead-in with a colon).
PROSE_END_RE = re.compile(r"([.!?…:;]|\.\.\.)[\"”’')\]]*$")
# The two above, asked as str methods: a search for a pattern anchored at the end still
# tries it at every character of a paragraph (these are asked of every line, many times).
CLOSING_MARKS = "\"”’')]"


def _ends_as_prose(text: str) -> bool:
    """PROSE_END_RE.search(text), read from the end."""
    return _ends_with(text, ".!?…:;")


def _ends_sentence(text: str) -> bool:
    """SENTENCE_END_RE.search(text), read from the end."""
    return _ends_with(text, ".!?")


def _ends_with(text: str, marks: str) -> bool:
    """Does text end with one of marks, then perhaps closing quotes and brackets (and, as
    a regex's "$", perhaps a final newline)?"""
    for end in (text, text[:-1]) if text.endswith("\n") else (text,):
        end = end.rstrip(CLOSING_MARKS)
        if end and end[-1] in marks:
            return True
    return False


# What a table row is counted by (_table_row, asked of every paragraph).
NUMBER_RUN_RE = re.compile(r"\d+")
SEPARATOR_RE = re.compile(r"[,;|\t]")
TABLE_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
BULLET_RE = re.compile(r"^(?:--|[-–—•*·▪►‣◦])\s+\S")
# The marker of a list item written as a whole sentence: "- The mayor said …", "-- The union…".
ITEM_MARKER_RE = re.compile(r"^(?:--|[-–—•*·▪►‣◦])\s+(?=[A-Z“\"‘'])")
# A teaser link often ends with its date glued on: "…Bailout DealJUNE 19, 2012".
LINK_DATE_RE = re.compile(r"(\d{1,2} [A-Z][a-z]{2} \d{4}|[A-Z]{3,9}\.? \d{1,2}, \d{4})$")
# "Correction: June 27, 2008", "This article has been revised to reflect …": a notice
# appended after the article; everything from it on is not the article.
CORRECTION_RE = re.compile(
    r"^(corrections?( and clarifications?)?:|clarification:|an earlier version of this "
    r"(article|story)|this (article|story) (has been|was) (revised|corrected|amended|updated))",
    re.I)
# Datelines glued to a paragraph's start: "ATHENS —", "LOS ANGELES:", "WASHINGTON (Kyodo)",
# "Athens (CNN)", "(Reuters) -", "Nov. 11 (Bloomberg) --", "30 June 2011 –", "KYIV, Ukraine —",
# "ISTANBUL (Turkey), August 21 (Xinhua) --", "CANBERRA, November 27 (Xinhua) --The", a
# wire's "IZMIT, Turkey _".
# A capitalised place, then perhaps its country or state as written ("KYIV, Ukraine",
# "SAN JOSE, Calif.", "ISTANBUL (Turkey)," before a date; "ARDEN (Reuters) -" is an agency).
CAPS_PLACE = (r"[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+){0,3}"
               r"(?:, [A-Z][a-z.]+(?: [A-Z][a-z.]+)?|\s?\([A-Z][a-z]+(?: [A-Z][a-z]+)?\)(?=,))?")
_PLACE = r"[A-Z][\w.'’-]+(?:[ ,]+[A-Z][\w.'’-]+){0,3}"
_AGENCY = r"\((?P<agency>[A-Z][\w.&' -]{1,30})\)"
_DAY = (r"(?:\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
        r"(?: \d{4})?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? "
        r"\d{1,2}(?:, \d{4})?)")
# "0919 Aid charities…", "09:19 GMT Aid…": a time stamp opening a live page's entry.
STAMP_RE = re.compile(r"(?:(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)|(?:[01]?\d|2[0-3]):[0-5]\d)"
                      r"(?:\s?(?:GMT|BST|UTC|EST|EDT|ET|CET|local time))?\s+(?=[A-Z“\"‘'])")
LIST_NUMBER_RE = re.compile(r"(\d{1,2})\.?\s+(?=[A-Z“\"‘'])")
# A wire page's stamp glued before its dateline, as a page's text often comes: "RABAT | Sun
# Feb 20, 2011 6:47pm EST RABAT (Reuters) - …".
_STAMP = (rf"(?:{CAPS_PLACE}\s?\|\s?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,? )?"
          rf"(?P<stamp>{_DAY})(?:,? \d{{1,2}}:\d{{2}}\s?(?:[ap]\.?m\.?)?(?: [A-Z]{{2,4}})?)?\s+)")
DATELINE_RE = re.compile(
    rf"^{_STAMP}?(?:(?P<place>{CAPS_PLACE})(?:,? (?P<date1>{_DAY}))?\s*(?:{_AGENCY})?\s*"
    rf"(?:[—–-]{{1,2}}|:|_(?=\s))(?:\s+(?=\S)|(?:(?<=\) --)|(?<=\)--))(?=[A-Z“\"]))"
    rf"|(?P<place2>{_PLACE})\s?{_AGENCY.replace('agency', 'agency2')}\s*(?:[—–-]{{1,2}}\s*)?"
    rf"(?=[A-Z“\"‘'])"
    rf"|{_AGENCY.replace('agency', 'agency3')}\s*[—–-]{{1,2}}\s+"
    # A wire's "_" after a place however it is written: "Washington _ Former Speaker…".
    rf"|(?P<place3>{_PLACE})\s_\s+(?=[A-Z“\"‘'])"
    rf"|(?P<date2>{_DAY})\s*(?:{_AGENCY.replace('agency', 'agency4')})?\s*[—–-]{{1,2}}\s+)")


@dataclass(frozen=True)
class Dateline:
    """The place, agency and date written before an article's first words."""

    place: str | None
    agency: str | None
    date: str | None
    rest: str  # the paragraph after the dateline


def residue_patterns(extra_files: tuple[str, ...] = ()) -> tuple[re.Pattern[str], ...]:
    """Built-in residue patterns plus those in the user's files (one regex a line)."""
    return _patterns(tuple(extra_files))


@lru_cache(maxsize=8)
def _patterns(extra_files: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    texts = [("built-in residue.txt",
              resources.files("briefing").joinpath("data/residue.txt").read_text("utf-8"))]
    for name in extra_files:
        try:
            texts.append((name, Path(name).read_text("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{name}: cannot read the residue file: {exc}") from None
    out = []
    for name, text in texts:
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if line and not line.startswith("#"):
                try:
                    out.append(re.compile(line, re.I))
                except re.error as exc:
                    # A configuration error: every article would be cleaned wrongly.
                    raise ConfigError(f"{name}: line {number}: not a valid regular "
                                      f"expression ({exc})") from None
    return tuple(out)


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a paragraph, if it has one ("ATHENS (CNN) -", "30 June 2011 –")."""
    match = DATELINE_RE.match(paragraph)
    if not match:
        return None
    rest = paragraph[match.end():]
    if len(rest.split()) < 4:
        return None
    groups = match.groupdict()
    agency = next((groups[k] for k in ("agency", "agency2", "agency3", "agency4") if groups[k]),
                  None)
    place = groups["place"] or groups["place2"] or groups["place3"]
    if place and groups["place2"] and not agency:
        return None
    return Dateline(place=place.strip(" ,") if place else None, agency=agency,
                    date=groups["date1"] or groups["date2"] or groups["stamp"], rest=rest)


@dataclass(frozen=True)
class _Para:
    """A paragraph being cleaned: its text and whether it touches its neighbours (no blank
    line between them on the page)."""

    text: str
    block: int  # paragraphs of one block had no blank line between them
    dropped: bool = False


def clean_lines(lines: list[str], title: str | None = None,
                patterns: tuple[re.Pattern[str], ...] = ()) -> list[str]:
    """The article's paragraphs, with furniture removed.

    Blank lines separate blocks; inside a block, hard-wrapped lines are joined. The result
    joined with blank lines cleans to itself (idempotent), which the tests check.
    """
    paragraphs = _clean_once(lines, title, patterns)
    for _ in range(5):  # removing furniture can expose more of it: run to a fixed point
        text = "\n\n".join(paragraphs).split("\n")
        if text == _trim_blank(lines):  # nothing removed or joined: a pass gives the same
            break
        again = _clean_once(text, title, patterns)
        if again == paragraphs:
            break
        paragraphs = again
    return paragraphs


def _trim_blank(lines: list[str]) -> list[str]:
    """Lines without the blank ones at both ends (which separate nothing)."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _clean_once(lines: list[str], title: str | None,
                patterns: tuple[re.Pattern[str], ...]) -> list[str]:
    kept: list[str] = []
    for raw in lines:
        line = furniture.strip_widgets(furniture.strip_markup(" ".join(raw.split())))
        if raw.strip() and (not line or _is_residue(line, patterns)
                            or _echoes_title(line, title)):
            kept.append("\x00")  # a removed line: its neighbours touched furniture
            continue
        # An indented line starts a new paragraph (a list item, a quoted block), however the
        # line before it ended.
        kept.append(f"\x01{line}" if raw[:1].isspace() and line and not line[:1].islower()
                    else line)
    kept = _cut_teasers(_pull_quotes(kept))
    paras = _drop_repeats(_mark_furniture(_join_wrapped(kept)))
    texts = [p.text for p in paras if not p.dropped]
    texts = [_trim(t, first=i == 0) for i, t in enumerate(texts)]
    texts = _strip_run_markers(texts)
    return _merge_split_quotes(_cut_tail([t for t in texts if t]))


def _pull_quotes(lines: list[str]) -> list[str]:
    """A line that does not end as prose and repeats words of another line is a pull quote
    or a repeated caption: removed (the original keeps them)."""
    norms = [_norm(line) if line != "\x00" else "" for line in lines]
    out = list(lines)
    for i, line in enumerate(lines):
        if (line and line != "\x00" and not _ends_as_prose(line)
                and len(norms[i].split()) >= 5
                and any(j != i and norms[i] in norms[j] for j in range(len(lines)))):
            out[i] = "\x00"
    return out


def _is_residue(line: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    if URL_LINE_RE.match(line) or NO_WORDS_RE.match(line):
        return True
    if not line[:1].islower() and furniture.kind(line) is not None:
        return True  # (a line starting in lower case continues a hard-wrapped sentence)
    return any(p.fullmatch(line) for p in patterns)


@lru_cache(maxsize=4096)  # a line is normalised for pull quotes, then as a paragraph
def _norm(text: str) -> str:
    return " ".join(NOT_WORD_RE.sub(" ", text.lower()).split())


def _echoes_title(line: str, title: str | None) -> bool:
    """A stray copy of the headline (or its start) inside the body, as pasted pages repeat it."""
    if not title or _ends_sentence(line):
        return False
    line_n, title_n = _norm(line), _norm(title)
    return len(line_n.split()) >= 4 and title_n.startswith(line_n)


def _is_prose(line: str) -> bool:
    return _ends_as_prose(line) and len(line.split()) >= 4


def _cut_teasers(lines: list[str]) -> list[str]:
    """A "Related coverage" heading and the links under it go; prose after them stays."""
    out: list[str] = []
    words_before = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if (words_before >= 30 and len(line.split()) <= 6
                and TEASER_HEADING_RE.match(line.lstrip("\x01"))):
            out.append("\x00")
            i += 1
            while i < len(lines) and not (lines[i] and lines[i] != "\x00"
                                           and _is_prose(lines[i])
                                           and not LINK_DATE_RE.search(lines[i])):
                out.append("\x00" if lines[i] else "")
                i += 1
            continue
        out.append(line)
        words_before += len(line.split())
        i += 1
    return _cut_snippet_tail(out)


def _cut_snippet_tail(lines: list[str]) -> list[str]:
    """Drop a tail made only of 'Headline' + 'snippet…' pairs (two pairs or more)."""
    content = [i for i, line in enumerate(lines) if line and line != "\x00"]
    pairs, j = 0, len(content) - 1
    while j >= 1:
        snippet, headline = lines[content[j]], lines[content[j - 1]]
        if not (SNIPPET_END_RE.search(snippet) and len(headline.split()) <= 20
                and (not _ends_sentence(headline) or SNIPPET_END_RE.search(headline))):
            break
        pairs += 1
        j -= 2
    if pairs >= 2:
        return lines[:content[j + 1]]
    return lines


def _join_wrapped(lines: list[str]) -> list[_Para]:
    """Paragraphs: a line joins the next when it plainly stops mid-sentence (hard wrap).
    A removed line ("\\x00") ends a paragraph but stays in its block, as a dropped one."""
    paras: list[_Para] = []
    current = ""
    block = 0
    for line in lines + [""]:
        if not line or line == "\x00":
            if current:
                paras.append(_Para(current, block))
            current = ""
            if line:
                paras.append(_Para("", block, dropped=True))
            else:
                block += 1
            continue
        new = line.startswith("\x01")
        line = line.lstrip("\x01")
        wrapped = line[:1].islower() or (len(current) >= 50 and not new
                                         and not current.endswith(("…", ":"))
                                         and furniture.kind(current) is None)
        if current and not _ends_sentence(current) and wrapped:
            current = f"{current} {line}"
            continue
        if current:
            paras.append(_Para(current, block))
        current = line
    return paras


def _mark_furniture(paras: list[_Para]) -> list[_Para]:
    """Subheadings, captions, pull quotes and table cells: short paragraphs that do not end
    as prose does, unless they are items of a list."""
    out = list(paras)
    for i, para in enumerate(paras):
        if para.dropped or _ends_as_prose(para.text) or _list_item(paras, i):
            continue
        if _word_count(para.text) <= 12:
            out[i] = replace(para, dropped=True)
    # A short unfinished line next to furniture is part of it (a caption's second line, the
    # quote above an attribution), and so is a short line enclosed by furniture (a reader's
    # comment between its label and its signature); repeat until nothing changes.
    changed = True
    while changed:
        changed = False
        for i, para in enumerate(out):
            if para.dropped or _word_count(para.text) > 30 or _list_item(out, i):
                continue
            before = out[i - 1].dropped if i else False
            after = i + 1 < len(out) and out[i + 1].dropped and (
                out[i + 1].block == para.block or _word_count(para.text) <= 20)
            if (before or after) if not _ends_as_prose(para.text) else (
                    before and after and out[i - 1].block == para.block):
                out[i] = replace(para, dropped=True)
                changed = True
    return [replace(p, dropped=True) if _table_row(p.text) else p for p in out]


def _drop_repeats(paras: list[_Para]) -> list[_Para]:
    """A paragraph that the rest of the article says again word for word (a page description
    or standfirst the first paragraphs repeat, a pull quote) is shown once, where it is
    longest."""
    grams = [_grams(p.text) if not p.dropped else set() for p in paras]
    # How many paragraphs still shown hold each 4-gram: a paragraph's own grams are in the
    # others when they are held by more than it (one pass, not a union of all the others'
    # grams per paragraph).
    holders = Counter(chain.from_iterable(grams))  # (counted in C)
    shared = {gram for gram, n in holders.items() if n > 1}  # held by more than one
    out = list(paras)
    for i, mine in enumerate(grams):
        if len(mine) < 3:
            continue
        if len(mine & shared) >= 0.8 * len(mine):
            out[i] = replace(out[i], dropped=True)
            for gram in mine:
                holders[gram] -= 1
                if holders[gram] <= 1:
                    shared.discard(gram)
    return out


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _norm(text).split()
    # Each run of four words, made by zip in C (a slice per word took 3x as long).
    return set(zip(words, words[1:], words[2:], words[3:], strict=False))


def _list_item(paras: list[_Para], i: int) -> bool:
    """A bullet item, or an item of a list introduced by a line ending with a colon."""
    text = paras[i].text
    if BULLET_RE.match(text):
        return True
    if _word_count(text) < 6:
        return False
    for j in range(i - 1, -1, -1):
        prev = paras[j]
        if prev.dropped:
            return False
        if prev.text.rstrip().endswith(":"):
            return True
        if _ends_as_prose(prev.text) or _word_count(prev.text) < 6:
            return False
    return False


# A paragraph's words are counted again and again while furniture is marked (each pass until
# nothing changes, and each list item looks back at the paragraphs before it).
@lru_cache(maxsize=4096)
def _word_count(text: str) -> int:
    return len(text.split())


def _table_row(text: str) -> bool:
    """A row of names and numbers (a line-up, a score line, a stats table), not a sentence:
    hardly any lower-case words between many separators."""
    numbers = NUMBER_RUN_RE.findall(text)
    separators = len(SEPARATOR_RE.findall(text))
    if separators < 3 and len(numbers) < 4:
        return False  # (asked first: most paragraphs are prose, and words cost the most)
    words = TABLE_WORD_RE.findall(text)
    if len(words) + len(numbers) < 6:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower / (len(words) + len(numbers)) < 0.15


def _trim(text: str, first: bool) -> str:
    """Furniture glued to prose: a dateline before it (an agency's anywhere, a bare place
    only before the first paragraph), a byline after it."""
    dateline = find_dateline(text)
    if dateline is not None and (first or dateline.agency):
        text = dateline.rest
    return furniture.strip_glued_byline(text)


def _strip_run_markers(paragraphs: list[str]) -> list[str]:
    """Markers that open a run of paragraphs are not their words: a live page's time
    stamps ("0919 International aid charities…", "09:19 …") and a list's numbers ("1 The
    play-off game…", "2 In 2001-02…"). A stamp needs company: two or more paragraphs open
    with one, and at least one reads as no year (0919, 2211), so "1985 was…" stays; a
    number needs the run 1, 2, 3. Date headings ("1985: …") keep their colon and stay. A
    bullet before a whole sentence goes too."""
    stamps = [STAMP_RE.match(p) for p in paragraphs]
    found = [m for m in stamps if m]
    if len(found) >= 2 and any(m.group("hhmm") is None or not 1800 <= int(m.group("hhmm")) < 2100
                               for m in found):
        paragraphs = [p[m.end():] if m else p for p, m in zip(paragraphs, stamps, strict=True)]
    # A list item that is a whole sentence is a sentence: its marker is none of its words
    # (shown, a line read "-- A fourth mine could be approved…").
    paragraphs = [p[marker.end():] if (marker := ITEM_MARKER_RE.match(p)) and _ends_sentence(p)
                  else p for p in paragraphs]
    numbers = [LIST_NUMBER_RE.match(p) for p in paragraphs]
    seen = [int(m.group(1)) for m in numbers if m]
    if len(seen) >= 3 and seen == list(range(seen[0], seen[0] + len(seen))) and seen[0] <= 1:
        paragraphs = [p[m.end():] if m else p for p, m in zip(paragraphs, numbers, strict=True)]
    return paragraphs


def _cut_tail(paragraphs: list[str]) -> list[str]:
    """A correction notice and what follows it, and a closing run of short non-sentences
    (a sign-off, a fact box), are not the article."""
    for i, para in enumerate(paragraphs):
        if i and CORRECTION_RE.match(para):
            paragraphs = paragraphs[:i]
            break
    end = len(paragraphs)
    while end > 1 and _fact_line(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def _fact_line(text: str) -> bool:
    """'Referee Phil Dowd.', 'Match rating 7/10.', 'Sincerely,': a closing box line, not a
    short closing sentence ('Nobody was hurt.')."""
    words = text.split()
    if len(words) > 6:
        return False
    lower = [w for w in words if w[:1].islower()]
    sentence = (_ends_sentence(text) and len(lower) >= 2
                and not re.search(r"[\d():]", text))
    return not sentence


def _quote_balance(text: str) -> int:
    return text.count("“") - text.count("”")


def _merge_split_quotes(paragraphs: list[str]) -> list[str]:
    """Rejoin a quotation that a removed line or a stray break cut in two."""
    out: list[str] = []
    for para in paragraphs:
        if out and _quote_balance(out[-1]) > 0 and _quote_balance(para) < 0:
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out
