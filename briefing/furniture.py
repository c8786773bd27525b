"""Kinds of page furniture one line can be recognised as by itself, by general signals.

Pure functions on a single line of text. clean.py adds what needs context (subheadings,
pull quotes, tables, teaser blocks); the end-to-end tests use `kind` to check that no
line of a briefing is furniture.
"""

from __future__ import annotations

import re

# "Continue reading the main story", "Jump media player", "Image caption …": the words
# pages put around their media and their links, whatever the site.
TEASER_RE = re.compile(
    r"^(continue reading( the main story| below| the story)?|read (the )?(full|whole) (story|"
    r"article)|click here\b.*|tap here\b.*|have your say\b.*|join the (debate|conversation)\b.*"
    r"|follow us\b.*|share (this|on)\b.*|sign up\b.*|subscribe\b.*|download (the|our) app\b.*"
    r"|(play|jump|skip|open|close) (media|video) player|media player help|out of media player\b.*"
    r"|press enter to (return|play)\b.*|this (video|content|feature) (is|requires|can ?not)\b.*"
    r"|(media|image|video|photo|picture) caption\b.*|view (the )?(gallery|slideshow|photos)\b.*"
    r"|(watch|listen|see) (the )?(video|audio|clip)\b.*|advertisement\b.*|story continues below.*"
    r"|back (up )?to (the )?(top|list)\b.*|jump to\b.*|skip to\b.*|print (this )?(page|article)"
    r"|e-?mail (this|a friend)\b.*|comments?\s*\(\d+\))$", re.I)
# "In pictures: …", "Video: …", "606 DEBATE: …": a label that introduces a link, not prose.
LINK_LABEL_RE = re.compile(
    r"^(in pictures|in pics|pictures|photos?|gallery|slideshow|video|watch|listen|audio|"
    r"podcast|live|live blog|interactive|graphic|map|timeline|quiz|poll|related|see also|"
    r"read more|more|full coverage|complete coverage|special report|comment|debate|opinion|"
    r"analysis|explainer|[\w ]{0,20}debate)\s*:\s+\S", re.I)
READ_MORE_URL_RE = re.compile(r"^(read more|more|source|via|originally published)\b.{0,40}"
                              r"https?://", re.I)
# A credit closing a caption: "… Credit John Kolesidis/Reuters", "[GALLO/GETTY]", "[AFP]",
# "(Photo: AP)", "Photograph: A Name/Agency".
CREDIT_RE = re.compile(
    r"((?i:\b(credit|photo(graph)?|picture|image|source)s?)\s*:?\s+[A-Z][\w.'’-]*"
    r"(\s+[A-Z][\w.'’-]*){0,4}\s*/\s*[A-Z][\w .&'-]{1,40}"
    r"|\[(?=[^\]]*[A-Z])[A-Z0-9][A-Z0-9 .&'/-]{1,40}\]"
    r"|(?i:\((photo|picture|image|credit)s?\s*:[^()]{2,60}\))"
    r"|(?i:\([^()]{0,40}\b(getty images|afp|ap photo|reuters|epa|shutterstock|alamy)\b"
    r"[^()]{0,20}\)))\s*$")
# An agency photo caption: someone doing something in the present tense, dated in full at
# the end with no "on" ("Hillary Clinton gestures during a news conference in Geneva
# February 28, 2011."). Prose puts its events in the past ("spoke … on February 28").
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
POSE_CAPTION_RE = re.compile(
    r"^[A-Z].{0,200}?\b(?:gestures|speaks|looks on|waves|arrives|attends|listens|smiles|poses|"
    r"stands|sits|walks|talks|reacts|holds|shakes hands|delivers|addresses|leaves|is seen|"
    r"are seen|is pictured|are pictured|looks|wait|waits|gather|gathers|march|marches|"
    r"celebrate|celebrates|protest|protests|chant|chants|ride|rides|carry|carries)\b"
    r".{0,200}(?<!\bon)(?<!\bby)(?<!\bsince)(?<!\buntil)(?<!\bbefore)(?<!\bafter)"
    rf"\s+{MONTHS}\s+\d{{1,2}}\s*,\s*\d{{4}}\s*\.?$")
GALLERY_RE = re.compile(r"^(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                        r"(photos|pictures|images|slides|videos)$|^\d+\s+of\s+\d+$", re.I)
# A video teaser ends with its running time: "Rescue teams reach the valley 02:15".
DURATION_RE = re.compile(r"\s(\d{1,2}:)?\d{1,2}:\d{2}$")
# "By Anna Reporter", "Andy Coghlan, reporter", "Sumit Paul-Choudhury, editor, site.com".
ROLES = (r"(senior |chief |staff |special |foreign |political |economics |business |"
         r"sports? |news |deputy |associate |contributing |online |science |health |"
         r"technology |security |diplomatic |investigations |washington |europe )*"
         r"(reporter|correspondent|editor|writer|columnist|contributor|journalist|"
         r"producer|photographer|analyst|blogger|author|staff)s?")
_NAMES = (r"[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}(\s*(,|and|&)\s*[A-Z][\w.'’-]*"
          r"(\s+[A-Z][\w.'’-]*){0,3})*")
BYLINE_RE = re.compile(
    rf"^(?i:by|words by|written by|reporting by|reported by|posted by|story by)\s+"
    rf"{_NAMES}(\s*[,|–—-]\s*[A-Z][\w .'’-]{{0,40}})?$"
    rf"|^[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){{1,3}},\s+(?i:{ROLES})\b.{{0,60}}$")
# "0930 GMT, 12 March 2011", "Updated: 5 June 2024 10:12", "Published 3 hours ago".
TIMESTAMP_RE = re.compile(
    r"^((Last [Uu]pdated|Updated|Published|Posted|Modified|First published)( on| at)?"
    r"(:\s.{0,60}|\s+\S*\d.{0,60}|\s+.{0,30}\bago)"
    r"|(?i:\d{1,2}[:.]?\d{2}\s*(am|pm)?\s*(gmt|bst|utc|cet|cest|et|est|edt|pt|pst|pdt|jst)"
    r"\b.{0,40}|\d+ (minutes?|hours?|days?) ago))$")
# A shop widget: a price glued to a word, then the shop ("the older model$249.99 at Best Buy").
WIDGET_RE = re.compile(
    r"(?<=[^\s$€£])[$€£]\s?\d[\d,]*(\.\d{2})?\s+(at|from|on)\s+"
    r"[A-Z][\w&'.-]*(\s+[A-Z][\w&'.-]*){0,2}")
SHOP_LINE_RE = re.compile(
    r"^([$€£]\s?\d[\d,]*(\.\d{2})?\s+(at|from|on)\s+[A-Z].{0,30}|(buy|shop) (now|it)\b.{0,40}"
    r"|(check|see|view) (price|deal|prices|deals)\b.{0,40}|see (it )?at [A-Z].{0,30})$", re.I)
# Markup that came along as text: tags, or tags escaped ("&lt;/a&gt;").
MARKUP_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]{0,200})?/?>|&lt;/?[a-zA-Z][^&]{0,200}"
                       r"&gt;")
DOUBLE_ESCAPE_RE = re.compile(r"&amp;(#?\w+);")


def kind(line: str) -> str | None:
    """What kind of furniture this whole line is ('teaser', 'caption', 'byline', 'widget',
    'timestamp', 'markup'), or None if it may be prose."""
    text = " ".join(line.split())
    if not text:
        return None
    if TEASER_RE.match(text) or LINK_LABEL_RE.match(text) or READ_MORE_URL_RE.match(text):
        return "teaser"
    # Each search below is asked only when the line has what every match of it needs (the
    # scans cost microseconds a line, and most lines are prose): a running time ends with
    # ":" and two digits; a credit ends with "]" or ")", or has its "/"; a posed caption
    # ends with a year (then perhaps "."); a widget has its currency sign; markup its "<" or
    # "&lt;".
    if text[-3:-2] == ":" and DURATION_RE.search(text) and not _ends_sentence(text):
        return "teaser"
    if GALLERY_RE.match(text) or (text[-1] in ")]" or "/" in text) and CREDIT_RE.search(text) \
            or _ends_with_digit(text) and POSE_CAPTION_RE.match(text):
        return "caption"
    if BYLINE_RE.match(text) and len(text.split()) <= 14 and not _ends_sentence(text):
        return "byline"
    if SHOP_LINE_RE.match(text) or _has_currency(text) and WIDGET_RE.search(text):
        return "widget"
    if TIMESTAMP_RE.match(text):
        return "timestamp"
    if ("<" in text or "&lt;" in text) and MARKUP_RE.search(text) and \
            not MARKUP_RE.sub("", text).strip(" .,;:"):
        return "markup"
    return None


def _ends_with_digit(text: str) -> bool:
    """Does the line end with a digit, perhaps then spaces and a full stop?"""
    return text.removesuffix(".").rstrip()[-1:].isdecimal()


def _has_currency(text: str) -> bool:
    return "$" in text or "€" in text or "£" in text


def strip_markup(text: str) -> str:
    """Tag fragments removed from a line of prose (a pasted '</a>' is not text)."""
    if "<" in text or "&lt;" in text:
        text = MARKUP_RE.sub(" ", text)
    return " ".join(text.split())


def strip_widgets(text: str) -> str:
    """A price-and-shop widget glued inside a sentence removed."""
    if _has_currency(text):
        text = WIDGET_RE.sub(" ", text)
    return " ".join(text.split())


# A byline glued to the end of a sentence: "…it emerged today, write A. Reporter in Rome
# and B. Reporter in Vienna." The sentence ends where the byline begins.
_NAME = r"[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,3}"
_PLACE = r"(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?"
GLUED_BYLINE_RE = re.compile(
    rf",\s+(?:writes?|reports?|reporting by|says our (?:correspondent|reporter))\s+{_NAME}"
    rf"{_PLACE}(?:\s*(?:,|and)\s+{_NAME}{_PLACE})*\s*\.$")


def strip_glued_byline(text: str) -> str:
    return GLUED_BYLINE_RE.sub(".", text)


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?…][\"”’')\]]*$", text))
