"""Strip site residue and teaser blocks from article text; pure and idempotent."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import ConfigError

URL_LINE_RE = re.compile(r"^<?https?://\S+>?$")
NO_WORDS_RE = re.compile(r"^[\W_]*$")
# Headings that open a block of links to other stories: everything after one is not the article.
TEASER_HEADING_RE = re.compile(
    r"^(related( posts| articles| stories| content| coverage| news| reading| topics)?"
    r"|read (more|next|also)|more (from|on) .{1,40}|more (stories|news)"
    r"|you (may|might) (also )?(like|be interested in)|recommended( for you| stories| reading)?"
    r"|trending( now| stories)?|most (read|popular|viewed|shared)|latest (news|stories|posts)"
    r"|see also|also read|don'?t miss|popular (posts|stories)|top stories|editor'?s picks)"
    r"\s*[:.]?$", re.I)
SNIPPET_END_RE = re.compile(r"(…|\.\.\.)\s*$")
SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*$")


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


def clean_lines(lines: list[str], title: str | None = None,
                patterns: tuple[re.Pattern[str], ...] = ()) -> list[str]:
    """The article's paragraphs, with residue lines, echoes and teaser blocks removed.

    Blank lines separate blocks; inside a block, hard-wrapped lines are joined. The result
    joined with blank lines cleans to itself (idempotent), which the tests check.
    """
    paragraphs = _clean_once(lines, title, patterns)
    for _ in range(5):  # joining lines can make a new residue line: run to a fixed point
        again = _clean_once("\n\n".join(paragraphs).split("\n"), title, patterns)
        if again == paragraphs:
            break
        paragraphs = again
    return paragraphs


def _clean_once(lines: list[str], title: str | None,
                patterns: tuple[re.Pattern[str], ...]) -> list[str]:
    kept: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if line and (_is_residue(line, patterns) or _echoes_title(line, title)):
            continue
        kept.append(line)
    kept = _cut_teasers(kept)
    return _merge_split_quotes(_join_wrapped(kept))


def _is_residue(line: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    if URL_LINE_RE.match(line) or NO_WORDS_RE.match(line):
        return True
    return any(p.fullmatch(line) for p in patterns)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _echoes_title(line: str, title: str | None) -> bool:
    """A stray copy of the headline (or its start) inside the body, as pasted pages repeat it."""
    if not title or SENTENCE_END_RE.search(line):
        return False
    line_n, title_n = _norm(line), _norm(title)
    return len(line_n.split()) >= 4 and title_n.startswith(line_n)


def _cut_teasers(lines: list[str]) -> list[str]:
    words_before = 0
    for i, line in enumerate(lines):
        if words_before >= 30 and len(line.split()) <= 6 and TEASER_HEADING_RE.match(line):
            return _cut_snippet_tail(lines[:i])
        words_before += len(line.split())
    return _cut_snippet_tail(lines)


def _cut_snippet_tail(lines: list[str]) -> list[str]:
    """Drop a tail made only of 'Headline' + 'snippet…' pairs (two pairs or more)."""
    content = [i for i, line in enumerate(lines) if line]
    pairs, j = 0, len(content) - 1
    while j >= 1:
        snippet, headline = lines[content[j]], lines[content[j - 1]]
        if not (SNIPPET_END_RE.search(snippet) and len(headline.split()) <= 20
                and (not SENTENCE_END_RE.search(headline) or SNIPPET_END_RE.search(headline))):
            break
        pairs += 1
        j -= 2
    if pairs >= 2:
        return lines[:content[j + 1]]
    return lines


def _join_wrapped(lines: list[str]) -> list[str]:
    """Paragraphs: a line joins the next when it plainly stops mid-sentence (hard wrap)."""
    paragraphs: list[str] = []
    current = ""
    for line in lines + [""]:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        wrapped = line[:1].islower() or (len(current) >= 50 and not current.endswith(("…", ":")))
        if current and not SENTENCE_END_RE.search(current) and wrapped:
            current = f"{current} {line}"
            continue
        if current:
            paragraphs.append(current)
        current = line
    return paragraphs


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
