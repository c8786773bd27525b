"""When a sentence can stand as a digest line: rules for lines that lean on another."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from .analyze.text import SENTENCE_CACHE, STOPWORDS
from .config import DigestConfig
from .corpus import Corpus
from .models import SentenceRef
from .voice import (
    PRESCRIPTIVE_RE,
    QUOTED_RE,
    attributed,
    part_of_a_quote,
    quote_balance,
    writer_speaking,
)

# Openers that lean on an earlier sentence ("He added", "This warning"): shown only with it.
DANGLING_RE = re.compile(
    r"^[“\"']?(he|she|they|it|its|his|her|their|them|this|that|these|those|such|however|but|and|"
    r"also|nevertheless|nonetheless|moreover|furthermore|still|yet|instead|then|there|here|"
    r"likewise|similarly|so|thus|hence|besides|otherwise|according to (him|her|them)|"
    r"indeed|in fact|of course|after all|even so|additionally|in addition(?=,)|"
    r"immediately(?=,)|afterwards|soon after(?=,)|by contrast|in contrast(?=,)|conversely|"
    r"on the other hand|each(?=\s+(?:has|have|had|is|was|will|would|can|could|must|should|"
    r"said|says|of\s+(?:them|these|those|the\s+(?:two|three|four|five)))\b)|"
    r"the (?:other|latter|former)|the \w+ (?:also )?add(?:ed|s))\b",
    re.I)
BACK_REFERENCE_RE = re.compile(r"\b(this|that|these|those|it|such|the same)\b", re.I)
# "stated this during a briefing": a demonstrative standing for something said elsewhere.
BARE_DEMONSTRATIVE_RE = re.compile(
    r"\b\w+(?:ed|s)\s+(?:this|that|these|those)(?:\s+(?:during|at|on|in|to|when|after|before|"
    r"as|because|while)\b|\s*[.,;!?])", re.I)
# "The objective was to…", "The move comes after…": a bare definite noun for an aim or an
# event named in an earlier sentence (which objective? which move?).
REFERRING_NOUN_RE = re.compile(
    r"^the\s+(objective|aim|goal|purpose|intention|reason|result|outcome|move|decision|step|"
    r"visit|trip|meeting|talks|remarks|comments|announcement|development)s?\s+"
    r"(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"yesterday)\s+)?(was|is|were|are|came|comes|follows|followed|marks|marked|would|will)\b",
    re.I)
# "The figure represents…", "The historic vote paves the way…", "Already one of the top ten,
# the revision suggests…": the subject is a bare definite "shell" noun (a figure, a vote, a
# plan, the newspaper) that names nothing itself; what it is was said before. Followed by
# "of", "in", "that" (no comma) it is identified there ("The figure of 3,000 dead…").
SHELL_NOUN_RE = re.compile(
    r"^[“\"']?(?:[^,]{1,60},\s+)?[Tt]he\s+(?:[a-z][\w-]*\s+)?"
    r"(?:figure|number|total|sum|amount|rise|increase|fall|drop|revision|change|vote|deal|plan|"
    r"proposal|agreement|list|report|statement|news|incident|event|expert|newspaper|paper|"
    r"company|firm|people|measure|scheme|project|programme|program|campaign|bill|law|"
    r"ruling|verdict|study|survey|claim|allegation|finding|warning|offer|request|case)s?"
    r"(?=\s*,(?!\s+[A-Z])|\s+(?:also\s+)?(?:is|was|are|were|has|had|have|will|would|could|may|might|"
    r"represents?|represented|marks?|marked|comes?|came|follows?|followed|suggests?|"
    r"suggested|shows?|showed|means?|meant|includes?|included|paves?|paved|reports?|"
    r"reported|says?|said|calls?|called|adds?|added|takes?|took|remains?|remained|"
    r"puts?|brings?|brought|leaves?|left|makes?|made|sets?)\b)")
# "…unsatisfied with the guarantee.", "…approved the measure on Monday.": a bare definite
# "shell" noun after a verb or preposition, with nothing after it that says which one (of,
# for, to, that, a name); what it is was said before. For the overview, whose lines stand
# alone.
BARE_SHELL_RE = re.compile(
    r"(?<!^)(?<![“\"'])\bthe\s+(?:(?:new|latest|proposed|planned|alleged)\s+)?"
    r"(?:deal|plan|proposal|agreement|measure|scheme|offer|request|guarantee|promise|pact|"
    r"accord|move|decision|step|attempt|idea|statement|announcement|warning|report|claim|"
    r"allegation|ruling|verdict)s?\b"
    r"(?!\s+(?:of|for|to|that|which|between|with|by|from|under|over|signed|reached|"
    r"announced|agreed|made)\b|\s+(?:on|in)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|\d|(?:the\s+)?(?:morning|afternoon|evening|night|week|weekend)\b))"
    r"|\s+[A-Z0-9]|['’]s|\s*[(“\"])")
# "Soon enough he was…", "Upon graduation, he returned…": the subject is a pronoun and no
# one is named before it (a capitalised word after "with", "at", "in" is a place). After
# "When", "As"… the name usually follows ("When she spoke, Michelle Obama…").
PRONOUN_SUBJECT_RE = re.compile(
    r"^(?!(?i:when|while|as|after|before|if|although|though|because|since|once|until|unless|"
    r"whether|where)\b)(?:[A-Z]?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+"
    r"|[^,]{1,60},\s+(?:[^,]{1,60},\s+)?)"
    r"(?:he|she|they)\s")
# "“…,” he said.", "…, Houston Exploration qualifies, he says": words whose speaker is named
# only in an earlier sentence.
PRONOUN_SPEAKER_RE = re.compile(
    r"(?:[”\"],?|,)\s+(he|she|they)\s+(said|says|added|adds|told|explained|wrote|asked|"
    r"replied)\b")
# "officials who toured the region said…", "and its threat to…", "(djp)": a sentence that
# opens in lower case is the tail of one its page broke (or a typo'd name); "de Klerk",
# "van Gogh" and "eBay" open a sentence rightly.
LOWER_START_RE = re.compile(
    r"^[“\"'(]?(?!(?:de|da|di|du|van|von|der|den|la|le|al|el|bin|ibn|ter|ten|dos|das|del|"
    r"della)\s+[A-Z])[a-z][a-z'’-]*\b")
# "Q. Earlier this month…", "Q: Do you…": an interviewer's words, marked as a question.
INTERVIEW_QUESTION_RE = re.compile(r"^Q[.:]\s")
# A photo's caption left in the text: "In this photo released by the White House, …",
# "This undated handout image shows …": it speaks of a picture the reader does not have.
CAPTION_RE = re.compile(r"^[“\"']?(?:[Ii]n\s+)?(?:[Tt]his|[Tt]hese)\s+(?:[\w-]+\s+){0,3}?"
                        r"(?:photos?|images?|pictures?|photographs?|videos?|handouts?|"
                        r"frame\s+grabs?|screen\s*(?:shot|grab)s?)\b")
# "The company in question has denied…", "The list includes…": a definite description of
# something the reader is taken to know already.
DEFINITE_OPENER_RE = re.compile(r"^[“\"']?[Tt]he\s+[a-z]")
IN_QUESTION_RE = re.compile(r"\bin question\b")
# What makes "the …" identify its thing by itself: "The winner of the league", "The first TV
# deal", "The Greek debt cut", a number.
IDENTIFIED_RE = re.compile(r"^[“\"']?[Tt]he\s+(?:[a-z][\w-]*\s+){1,2}(?:of|in|at|for|from|"
                           r"between|behind)\b|^[“\"']?[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}[A-Z]"
                           r"|^[“\"']?[Tt]he\s+\d")
# Openers that place the line after something else ("More recently, …", "Previous rallies").
AFTER_SOMETHING_RE = re.compile(
    r"^[“\"']?(more recently|previously|previous|later|earlier|before,|after that|since then|"
    r"at the time|in turn|in response|as a result|by contrast|in contrast|on the other hand|"
    r"for (his|her|their|its) part|not only|the next|another|other|both|neither|either)\b",
    re.I)
# ", too,", "also": the line adds to something said before it.
ADDS_TO_RE = re.compile(r",\s*too\b|\btoo\.$|\balso\b|\bas well\b|\bmeanwhile\b"
                        r"|\bsimilar(ly)?\b|\bthe same\b|\blikewise\b", re.I)
# A pronoun before anyone is named ("Like their mother, the girls…"), or the writer's own
# voice ("Each of us…"): who is meant is said elsewhere.
PERSONAL_RE = re.compile(r"\b(he|she|they|him|her|his|hers|their|them)\b", re.I)
IMPERSONAL_RE = re.compile(r"\b(it|its|that's)\b", re.I)
FIRST_PERSON_RE = re.compile(r"\b(I|[Ww]e|us|[Oo]urs?|[Mm]y|me|[Yy]ou|[Yy]our)\b")
PREPOSITION_BEFORE_RE = re.compile(r"\b(in|at|on|from|to|of|for|across|near|into|with|by)\s+$",
                                   re.I)
BULLET_RE = re.compile(r"^(?:--|[-–—•*·▪►‣◦_])\s")  # "_" a wire's bullet
# "with this work", "these measures": a demonstrative standing for something said earlier
# ("this year", "this week" are time, not reference).
DEMONSTRATIVE_NP_RE = re.compile(
    r"\b(?:this|these|those)\s+(?!(?:year|week|month|morning|afternoon|evening|weekend|"
    r"season|summer|winter|spring|autumn|fall|time|century|decade|year's|week's)\b)[a-z]", re.I)
# "to pass such laws", "such a merger would…": "such" before a noun points at laws or a
# merger named before, unless an "as" or "that" a few words on says what is meant ("no such
# thing as…", "of such proportions that…", "such high-ranking officials as…").
SUCH_NP_RE = re.compile(
    r"\bsuch\s+(?!as\b)(?>(?:an?\s+)?[a-z][\w-]*)(?!(?:\s+[\w'-]+){0,5}\s+(?:as|that)\b)", re.I)
# "although almost 1,000 people died in that quake": "that" after a preposition points at
# something named before ("said that…", "so that…" are no such "that").
PREP_THAT_RE = re.compile(
    r"\b(?:in|of|from|after|during|since|at|by|with|for|before|like)\s+that\s+"
    r"(?!(?:is|was|are|were|has|had|will|would|could|may|might|it|he|she|they|we|the|a|an|"
    r"time|year|week|month|day|point)\b)[a-z]+\b")
TITLE_RE = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lady|Lord)\.?"
TITLE_WORD_RE = re.compile(TITLE_RE)
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
DIGIT_RE = re.compile(r"\d")
DIGITS_RE = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True)
class Line:
    """A selectable line: one sentence, or a dangling one with the sentence before it."""

    ref: SentenceRef
    text: str
    row: int  # the TF-IDF row of the (last) sentence
    words: int
    covers: frozenset[SentenceRef]  # every sentence the line shows


def line_at(limits: DigestConfig, corpus: Corpus, row: int) -> Line | None:
    """The sentence at `row` as a line that stands on its own, or None if it cannot."""
    ref = corpus.refs[row]
    text = corpus.texts[row]
    if text.rstrip().endswith(("?", ":")) or INTERVIEW_QUESTION_RE.match(text):
        return None  # a question, or a line that only announces what follows it
    if CAPTION_RE.match(text):
        return None  # a photo's caption
    if text.rstrip().endswith((",", ";")) or LOWER_START_RE.match(text):
        return None  # cut off on its page ("…east of Istanbul, the largest city of Turkey,")
    if writer_speaking(text):
        return None
    if corpus.voiced(ref.article) and not attributed(text) and not DIGIT_RE.search(text):
        return None  # a column's own view ("The debt cut worked"), not a fact it reports
    if part_of_a_quote(text):
        return whole_quotation(limits, corpus, row)
    if dangling(text):
        return with_lead_in(limits, corpus, row)
    return _sized(limits, Line(ref, text, row, len(text.split()), frozenset({ref})))


def whole_quotation(limits: DigestConfig, corpus: Corpus, row: int) -> Line | None:
    """A sentence of a quotation that runs over several sentences ("“When I think about my
    mother,” Obama said, “I think that there was…", or one that ends it): shown with the
    sentences of its paragraph that open and close it, or not at all (half a quotation
    leaves the reader asking what else was said, or by whom)."""
    ref = corpus.refs[row]
    sentences = corpus.articles[ref.article].sentences
    first = last = ref.sentence
    paragraph = sentences[ref.sentence].paragraph

    def balance(a: int, b: int) -> int:
        return quote_balance(" ".join(s.text for s in sentences[a:b + 1]))

    while balance(first, last) != 0:
        opened = balance(first, last) > 0
        step = last + 1 if opened else first - 1
        if not 0 <= step < len(sentences) or sentences[step].paragraph != paragraph \
                or last - first >= 3:
            return None
        first, last = (first, step) if opened else (step, last)
    text = " ".join(s.text for s in sentences[first:last + 1])
    if dangling(sentences[first].text) or writer_speaking(text):
        return None
    covers = frozenset(SentenceRef(ref.article, i) for i in range(first, last + 1))
    return _sized(limits, Line(ref, text, row, len(text.split()), covers))


def with_lead_in(limits: DigestConfig, corpus: Corpus, row: int) -> Line | None:
    """The sentence at `row` shown after the one before it, which it leans on; None when
    that is not surely what it refers to."""
    ref = corpus.refs[row]
    if ref.sentence == 0:
        return None
    sentences = corpus.articles[ref.article].sentences
    before = sentences[ref.sentence - 1]
    prev = before.text
    # Only the sentence right before, in the same paragraph, is surely what it refers to.
    if (before.paragraph != sentences[ref.sentence].paragraph or dangling(prev)
            or prev.rstrip().endswith("?")):
        return None
    text = f"{prev} {corpus.texts[row]}"
    covers = frozenset({ref, SentenceRef(ref.article, ref.sentence - 1)})
    return _sized(limits, Line(ref, text, row, len(text.split()), covers))


def _sized(limits: DigestConfig, line: Line) -> Line | None:
    if line.words < limits.min_sentence_words or line.words > limits.max_sentence_words:
        return None
    return line


def dangling(text: str) -> bool:
    """True if the sentence leans on an earlier one ("He added…", "This warning…")."""
    if (DANGLING_RE.match(text) or BARE_DEMONSTRATIVE_RE.search(text)
            or REFERRING_NOUN_RE.match(text) or PRONOUN_SPEAKER_RE.search(text)
            or SHELL_NOUN_RE.match(text)):
        return True
    subject = PRONOUN_SUBJECT_RE.match(text)
    if subject and not _mentions_someone(text[:subject.end()]):
        return True
    # "Prior to this, ...", "Against this backdrop, ...": an opening phrase pointing back.
    opening = text.split(",", 1)[0] if "," in text else ""
    if opening and len(opening.split()) <= 5 and BACK_REFERENCE_RE.search(opening):
        return True
    # A bare quotation with nobody named as its speaker (outside it: '"Aaron told me to tie
    # his hands" to a fence pole.' names no one who says it).
    return text[:1] in "“\"" and not attributed(QUOTED_RE.sub(" ", text))


def points_back(text: str) -> bool:
    """True if a noun phrase points at something named before: "these reports", "such
    a plan"."""
    return bool(DEMONSTRATIVE_NP_RE.search(text) or SUCH_NP_RE.search(text))


def _mentions_someone(text: str) -> bool:
    """True if text has a capitalised word after its first that is not the object of a
    place preposition: someone a later "he" may stand for ("As a boy, Obama wrote, he…")."""
    for match in list(WORD_RE.finditer(text))[1:]:
        word = match.group(0)
        if (word[0].isupper() and word.lower() not in STOPWORDS
                and not PREPOSITION_BEFORE_RE.search(text[:match.start()])):
            return True
    return False


# Function words that open names all the same: "New Democracy", "New York".
NAME_OPENERS = frozenset({"new"})


@lru_cache(maxsize=SENTENCE_CACHE)  # surnames() and stands_alone() ask for every sentence
def _name_runs(text: str, longest: int = 3) -> tuple[tuple[str, ...], ...]:
    """Runs of two to `longest` capitalised words ("Antonis Samaras", "Ana Kovač"), titles
    ("Mr.") excluded."""
    # Only words that open with a capital and one space apart can make a run: a regex
    # finds each chain of them, and only its words are read (the plain reading of every
    # word, _name_runs_of_words, took 3x as long). A chain is read as the plain reading
    # would, from its start, when it starts where that reading starts a word and holds
    # nothing of the words before it: a function word ("The") opening a chain after a
    # capitalised word the plain reading may still hold ("Smith, The Times").
    if not text.isascii() and any(c.isupper() for c in NON_ASCII_RE.findall(text)):
        return _name_runs_of_words(text, longest)  # "Émile Zola"
    runs: list[tuple[str, ...]] = []
    at = 0
    while True:
        chain = CAPITAL_CHAIN_RE.search(text, at)
        if chain is None:
            return tuple(runs)
        start = chain.start()
        if not _starts_word(text, start):  # inside a word ("macDonald Smith")
            at = text.index(" ", start) + 1
            continue
        words = chain.group().split(" ")
        if _kind(words[0]) == NAME_WORD_INSIDE and any(c.isupper() for c in text[:start]):
            return _name_runs_of_words(text, longest)
        runs.extend(_runs_in(words, longest))
        at = chain.end()


def _starts_word(text: str, at: int) -> bool:
    """Does a word of WORD_RE start at `at` (a letter there)? Not when the letters, digits,
    "_", apostrophes and hyphens just before it hold a letter: a word goes on over them."""
    k = at - 1
    while k >= 0 and WORD_TAIL_RE.match(text[k]):
        if LETTER_RE.match(text[k]):
            return False
        k -= 1
    return True


def _kind(word: str) -> int:
    kind = _name_word_kinds.get(word)
    if kind is None:
        if len(_name_word_kinds) >= NAME_WORD_CACHE:  # a long-lived process: start afresh
            _name_word_kinds.clear()
        kind = _name_word_kinds[word] = _name_word_kind(word)
    return kind


def _runs_in(words: list[str], longest: int) -> list[tuple[str, ...]]:
    """The runs of a chain of capitalised words one space apart, read from its start."""
    runs: list[tuple[str, ...]] = []
    current: list[str] = []
    for word in words:
        kind = _kind(word)
        if kind == NAME_WORD or (kind == NAME_WORD_INSIDE and current):
            current.append(word)
        else:
            if 2 <= len(current) <= longest:
                runs.append(tuple(current))
            current = []
    if 2 <= len(current) <= longest:
        runs.append(tuple(current))
    return runs


def _name_runs_of_words(text: str, longest: int = 3) -> tuple[tuple[str, ...], ...]:
    """_name_runs read word by word: every word of the text, in order."""
    runs: list[tuple[str, ...]] = []
    current: list[str] = []
    parts = WORD_SPLIT_RE.split(text)  # what comes before each word, then the word
    for k in range(1, len(parts), 2):
        word = parts[k]
        kind = _kind(word)
        capital = kind == NAME_WORD or (kind == NAME_WORD_INSIDE and bool(current))
        if capital and current and parts[k - 1] == " ":
            current.append(word)
        else:
            if 2 <= len(current) <= longest:
                runs.append(tuple(current))
            current = [word] if capital else []
    if 2 <= len(current) <= longest:
        runs.append(tuple(current))
    return tuple(runs)


WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")  # WORD_RE, its words kept by re.split
WORD_TAIL_RE = re.compile(r"[\w'’-]")  # what a WORD_RE word goes on with
LETTER_RE = re.compile(r"[^\W\d_]")  # what a WORD_RE word starts with
NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# Words of WORD_RE that open with a capital letter (A-Z: a text with other capitals is read
# word by word), one space apart, two or more.
CAPITAL_CHAIN_RE = re.compile(r"[A-Z][\w'’-]*+(?: [A-Z][\w'’-]*+)+")
NOT_NAME_WORD, NAME_WORD_INSIDE, NAME_WORD = 0, 1, 2
NOT_OPENING_NAMES = STOPWORDS - NAME_OPENERS
# Each word's kind, found once: most of a sentence's words were seen in earlier sentences
# (surnames() asks for the runs of every sentence of the edition).
_name_word_kinds: dict[str, int] = {}
NAME_WORD_CACHE = 1 << 19


def _name_word_kind(word: str) -> int:
    """A capitalised word that is no title may be part of a name; a function word ("The",
    "In") only after the name's first word."""
    if not word[0].isupper() or word.isupper() or TITLE_WORD_RE.fullmatch(word):
        return NOT_NAME_WORD
    return NAME_WORD_INSIDE if word.lower() in NOT_OPENING_NAMES else NAME_WORD


# "in Europe", "across Japan": a word the edition puts after these is a place, not a surname.
PLACE_RE = re.compile(r"\b(?:in|across|throughout|around)\s+([A-Z][\w-]*)\b(?!['’])")


def name_ends(texts: list[str], remember: bool = True) -> frozenset[str]:
    """The last words of the names written in full in texts: what surnames() keeps from.
    `remember=False`: the texts' runs are not kept in the cache (a page read once, in a
    worker process, whose cache would only grow)."""
    runs = _name_runs if remember else _name_runs.__wrapped__
    return frozenset(_plain(run[-1]) for text in texts for run in runs(text))


def surnames(texts: list[str], among: frozenset[str] | None = None,
             written: tuple[Container[str], Container[str]] | None = None) -> frozenset[str]:
    """Last words of the names written in full somewhere in the edition ("Samaras" for
    "Antonis Samaras"): alone, they leave a newcomer asking which one, or who. A word the
    edition also writes in lower case ("Laiki Bank", "bank") is a common noun, and one it
    writes after "in" ("in Europe") a place: neither is a surname. With `among` (some of
    name_ends(texts)), only those are asked about; with `written`, what written_words
    answers for the texts, known already (kept per article: words.py)."""
    last = name_ends(texts) if among is None else among
    if not last:
        return frozenset()
    lower, places = written if written is not None else written_words(texts)
    return frozenset(w for w in last if w.lower() not in lower
                     and w not in places and not re.fullmatch(CALENDAR, w))


def written_words(texts: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """What surnames() reads of texts besides their names: the words they write starting
    in lower case, and the words they write as places ("in Europe")."""
    # One search of all the texts at once (NUL ends each: no word or place phrase spans it).
    every = "\0".join(texts)
    return (frozenset(w for w in set(WORD_RE.findall(every)) if w[:1].islower()),
            frozenset(PLACE_RE.findall(every)))


POSSESSIVE_RE = re.compile(r"['’]s?$")


def _plain(word: str) -> str:
    """The word without a possessive ("Samaras's" -> "Samaras")."""
    return POSSESSIVE_RE.sub("", word)


@lru_cache(maxsize=4)  # one edition's surnames, asked for with every candidate line
def _plain_names(names: frozenset[str]) -> frozenset[str]:
    return frozenset(_plain(n) for n in names)


def full_names(text: str) -> frozenset[str]:
    """The surnames text writes with a first name ("Samaras" in "Antonis Samaras", "Kan" in
    "Prime Minister Naoto Kan")."""
    return frozenset(_plain(run[-1]) for run in _name_runs(text, longest=6))


def named_things(text: str) -> frozenset[str]:
    """The names and figures a line gives: capitalised words after its first (not function
    words) and numbers ("New Democracy", "PASOK", "128")."""
    words = WORD_RE.findall(text)[1:]
    return frozenset([w for w in words if w[0].isupper() and w.lower() not in STOPWORDS]
                     + DIGITS_RE.findall(text))


def bare_names(text: str, names: frozenset[str]) -> frozenset[str]:
    """Surnames text uses with no first name: titled ones ("Mr Papoulias") and any of the
    edition's surnames (`names`) standing alone ("Kovač had two brothers")."""
    titled = {_plain(w) for w in re.findall(rf"\b{TITLE_RE}\s+([^\W\d_][\w'’-]*)", text)}
    alone = {_plain(w) for w in WORD_RE.findall(text) if _plain(w) in names}
    return frozenset((titled | alone) - full_names(text))


CALENDAR = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
            r"March|April|May|June|July|August|September|October|November|December)")
SPEAKER_VERBS = r"(?:said|says|told|tells|added|adds|wrote|writes|asked|replied|warned)"


def surname_references(text: str, names: frozenset[str]) -> frozenset[str]:
    """Surnames text calls someone by, with no first name: a titled name ("Mr Papoulias";
    not "Dr. Jill Biden", "First Lady Michelle Obama") or one of the edition's surnames
    (`names`) as a speaker ("said Tsipras", "Kan said"). Names in passing ("her daughters
    Malia and Sasha") are not counted: the line introduces them itself."""
    plain_names = _plain_names(names)
    found = {_plain(w) for w in re.findall(
        rf"\b{TITLE_RE}\s+([A-Z][\w'’-]*)\b(?!\s+[A-Z])", text)}
    speakers = (re.findall(rf"\b{SPEAKER_VERBS}\s+([A-Z][\w'’-]*)\b(?!\s+[A-Z])", text)
                + re.findall(rf"(?<![\w'’-] )\b([A-Z][\w'’-]*)\s+{SPEAKER_VERBS}\b", text))
    found |= {_plain(w) for w in speakers if _plain(w) in plain_names}
    return frozenset(found - full_names(text))


def stands_alone(text: str, names: frozenset[str]) -> bool:
    """True if a reader who has read nothing else understands the line: it does not lean on
    an earlier sentence or add to one ("…, too,"), names people in full ("Kovač had two
    brothers", "said Tsipras", "Mr. Samaras" do not), introduces what it talks about ("The
    company in question…", "with this work" do not), uses no pronoun before naming anyone
    and is not the writer speaking ("Each of us…", what someone "must" do, said by no one)
    nor an item of a list."""
    if (dangling(text) or points_back(text) or PREP_THAT_RE.search(text)
            or ADDS_TO_RE.search(text)
            or AFTER_SOMETHING_RE.match(text) or BULLET_RE.match(text)
            or text.rstrip().endswith((":", ",", ";")) or text.startswith("(")
            or LOWER_START_RE.match(text)
            or part_of_a_quote(text)
            or INTERVIEW_QUESTION_RE.match(text) or CAPTION_RE.match(text)):
        return False
    if BARE_SHELL_RE.search(QUOTED_RE.sub(" ", text)):
        return False
    if IN_QUESTION_RE.search(text) or (DEFINITE_OPENER_RE.search(text)
                                        and not IDENTIFIED_RE.search(text)):
        return False
    unquoted = QUOTED_RE.sub(" ", text)
    if FIRST_PERSON_RE.search(unquoted):
        return False
    if PRESCRIPTIVE_RE.search(unquoted) and not attributed(text):
        return False
    if bare_names(text, names):
        return False
    # "he", "their" need a person named before them; "it" a thing (any name will do).
    person = PERSONAL_RE.search(unquoted)
    if person is not None:
        before = unquoted[:person.start()]
        if not _names_someone(before):
            return False
    thing = IMPERSONAL_RE.search(unquoted)
    if thing is not None:
        named = [m.start() for m in WORD_RE.finditer(unquoted)
                 if m.group(0)[0].isupper() and m.group(0).lower() not in STOPWORDS]
        if not named or named[0] > thing.start():
            return False
    return True


# Words that say when, not who: before a pronoun they leave it without anyone to stand for.
TIME_WORDS = frozenset("""
day days week weeks month months year years today yesterday tomorrow tonight morning
afternoon evening night weekend time times hours hour later earlier soon ago last next early
late mid first latest recently previously meanwhile also still already just never once again
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept oct
nov dec
""".split())


# "did so", "do the same": what was done was said in an earlier sentence.
DID_SO_RE = re.compile(r"\b(?:did|do|does|done|doing) (?:so|the same)\b", re.I)


OPENING_PHRASE_RE = re.compile(
    r"\s*(?:after|before|in|on|at|during|upon|since|from|with|for|by|despite|following|"
    r"as|when|while|once|until|like|unlike|among|amid|within|without|[a-z]+ing)\b", re.I)


def opening_name(text: str) -> tuple[str, ...] | None:
    """The full name a sentence opens with, after any opening phrase ("In 1995, Hillary
    Clinton made…" gives ("Hillary", "Clinton")): whom it is about. None when it opens
    otherwise ("Michelle graduated…", "In 1991, she left…")."""
    rest = text
    if OPENING_PHRASE_RE.match(text) and "," in text:
        rest = text.split(",", 1)[1]
    rest = rest.lstrip()
    runs = _name_runs(rest, longest=4)
    if runs and rest.startswith(" ".join(runs[0])):
        return runs[0]
    return None


def stands_without_context(text: str) -> bool:
    """False if the line says it did what an earlier sentence told ("Clinton did so in
    1998"), points back with a demonstrative ("the gravity of these reports"), or a person
    pronoun outside quotes comes before any word that could say who it
    is: only function words, dates, times and opening phrases before it ("His lawyers
    claim…", "On 9 June 1950, the day that his obituary appeared…", "In 1992 she
    married…", "After high school, she…"). Who is meant was said in an earlier sentence.
    "Jackson died at his home" and "Paramedics said they…" name someone first."""
    unquoted = QUOTED_RE.sub(" ", text)
    return not (DID_SO_RE.search(unquoted) or points_back(unquoted)) \
        and says_who(text)


def says_who(text: str) -> bool:
    """False if a person pronoun outside quotes has only function words, dates, times and
    opening phrases before it (see stands_without_context)."""
    unquoted = QUOTED_RE.sub(" ", text)
    person = PERSONAL_RE.search(unquoted)
    if person is None:
        return True
    # An opening phrase ("After high school, she…", "Speaking at the rally, he…") holds no
    # one the pronoun can stand for.
    chunks = re.split(r"[,;:—–]", unquoted[:person.start()])
    return any(word.lower() not in STOPWORDS and word.lower() not in TIME_WORDS
               for chunk in chunks if not OPENING_PHRASE_RE.match(chunk)
               for word in WORD_RE.findall(chunk))


def _names_someone(text: str) -> bool:
    """True if text names a person: a titled name, or a full name not in a place phrase
    ("In South Carolina, she…" names a place, not who "she" is)."""
    if re.search(rf"\b{TITLE_RE}\s+[A-Z]", text):
        return True
    for match in WORD_RE.finditer(text):
        word = match.group(0)
        if word[0].isupper() and not PREPOSITION_BEFORE_RE.search(text[:match.start()]):
            rest = text[match.start():]
            if _name_runs(rest) and rest.startswith(" ".join(_name_runs(rest)[0])):
                return True
    return False
