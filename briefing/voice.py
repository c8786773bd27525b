"""Who speaks in a line or a page: quotations, attribution, the writer's own voice."""

from __future__ import annotations

import re

QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# "according to plan" names no source.
ATTRIBUTED_RE = re.compile(
    r"\b(said|says|added|stated|told|according to(?! (?:the )?(?:plan|schedule|script|"
    r"expectations?|tradition|law|rules?)\b)|wrote|asked|replied)\b")
# The writer's own judgement: what someone must or should do, said by no one ("Before
# Germany admonishes Spain about its budget, it must make a greater effort itself.").
PRESCRIPTIVE_RE = re.compile(r"\b(must|should|ought to)\b", re.I)
WRITER_RE = re.compile(r"\b(I|[Mm]y)\b")
OWN_WORDS_RE = re.compile(r"\b(I|[Ww]e|us|[Oo]ur)\b")
# A page in its writer's own voice: a column, an editorial, an essay, an interview's
# questions. Read on DUC 2004's 500 news stories (not used for any other rule): the 4 pages
# at or above this share are a column and three editorials; the next are at 0.17 with one
# such sentence. On the pasted pages: a commentary, columns, essays, interviews' questions.
WRITER_VOICE_SHARE = 0.2
WRITER_VOICE_MIN = 3  # such sentences at least: one question in a short page is no voice


def attributed(text: str) -> bool:
    """True if the line says who says it ("said", "according to", "told")."""
    return bool(ATTRIBUTED_RE.search(text))


def part_of_a_quote(text: str) -> bool:
    """A quotation opened or closed in another sentence ('Before, nobody could think….\'\'')."""
    return quote_balance(text) != 0


# A straight quotation mark opens a quotation after a space (or at the start) and before a
# word; otherwise it closes one.
OPENING_STRAIGHT_RE = re.compile(r'(?:^|(?<=[\s(\[—–-]))"(?=\S)')


def quote_balance(text: str) -> int:
    """Quotation marks the text opens minus those it closes (“ ” `` '' and straight ones)."""
    straight = text.count('"')
    opening = len(OPENING_STRAIGHT_RE.findall(text))
    return (text.count("“") + text.count("``") + opening
            - text.count("”") - text.count("''") - (straight - opening))


def writer_speaking(text: str) -> bool:
    """True if the page's writer speaks in the line ("A few weeks ago in Denver, I shared
    with the nation…"): an "I" or "we" outside quotation marks, with nobody said to speak.
    Out of its page the reader cannot tell who that is."""
    unquoted = QUOTED_RE.sub(" ", text)
    return bool(WRITER_RE.search(unquoted)) and not attributed(text)


def in_writers_voice(texts: list[str] | tuple[str, ...]) -> bool:
    """True if the page speaks in its writer's voice: at least WRITER_VOICE_SHARE of its
    sentences (and WRITER_VOICE_MIN) ask the reader a question ("So is the euro crisis
    over?"), say what someone must or should do, or speak as "I" or "we", outside
    quotation marks and with nobody said to speak. Its other sentences are then its
    writer's view too, unless they say who says them."""
    voiced = sum(1 for text in texts if _writer_asks_or_judges(text))
    return voiced >= WRITER_VOICE_MIN and voiced >= WRITER_VOICE_SHARE * len(texts)


def _writer_asks_or_judges(text: str) -> bool:
    if part_of_a_quote(text) or attributed(text):
        return False
    if text.rstrip().endswith("?"):
        return text[:1] not in "“\"'‘"
    unquoted = QUOTED_RE.sub(" ", text)
    return bool(PRESCRIPTIVE_RE.search(unquoted) or OWN_WORDS_RE.search(unquoted))
