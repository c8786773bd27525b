"""Find numeric claims (who says how many of what, where, when) in an article's sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import FiguresConfig
from ..models import Article, Claim, SentenceRef
from .text import tokens

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "a dozen": 12, "dozen": 12}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "dozen": 12}
_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|"
            r"four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
            r"seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)")
NUM = (rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_WORDNUM}"
       r"|a(?=\s+(?:hundred|thousand|million|billion|dozen)\b))"
       r"(?:\s+(?:hundred|thousand|million|billion|dozen))?")
HEDGE = (r"(?:some|about|around|approximately|roughly|nearly|almost|up to|as many as|as few as|"
         r"more than|over|at least|at most|fewer than|less than|an estimated|estimated|close to|"
         r"just over|just under|under|upwards of|in excess of|only|perhaps|possibly)")
INCREMENT = r"(?:another|an additional|additional|a further|further)"
FUNCTION_WORDS = ("to of in on at for the a an and or were was are is have has had be been by "
                  "with from that which who as than each per").split()
MODIFIER = rf"(?:(?!(?:{'|'.join(FUNCTION_WORDS)})\b)[A-Za-z][\w’'-]*\s+)"
_GEO = (r"(?:border|borders|front|front line|frontline|front lines|region|regions|area|areas|"
        r"district|districts|province|provinces|city|capital|coast|zone|zones|north|south|east|"
        r"west|countryside|valley|island|islands)")
WHERE_RE = re.compile(
    r"\b(?:in|to|into|inside|at|near|across|from)\s+("
    r"(?:the\s+)?(?:(?:eastern|western|northern|southern|central|north|south|east|west|"
    r"north-eastern|south-eastern)\s+)?"
    r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|region|oblast|province|area|border|front|district))*"
    rf"|the\s+(?:[a-z][\w-]*\s+){{0,2}}?{_GEO}\b)")
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
WHEN_RE = re.compile(
    rf"\b(?:(?i:on|by|since|until|as of|as early as|from|in|earlier|late|early)\s+)?"
    rf"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|(?i:(?:this|last|next)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter))"
    rf"|(?i:recent\s+(?:days|weeks|months)|(?:earlier|later)\s+this\s+(?:week|month|year))"
    rf"|{_MONTH}(?:\s+\d{{4}})?|\d{{4}}|yesterday|today|tonight|this\s+morning)\b")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those",
            "his", "her", "their", "its", "our", "my", "your", "which", "who"}
NP_JOINERS = {"of", "the", "and", "for", "de", "al", "bin", "van", "von"}
TRAILING_FILLER = {"has", "have", "had", "also", "is", "was", "were", "are", "been", "recently",
                   "reportedly", "previously", "earlier", "officially", "formally", "publicly",
                   "now", "then", "later", "further", "again", "first", "just", "already",
                   "not", "never", "still", "will", "would", "could", "may", "did",
                   "does", "do"}
NOT_SUBJECT_START = {"as", "in", "on", "at", "for", "with", "by", "from", "to", "of", "after",
                     "before", "when", "while", "if", "because", "although", "since", "than",
                     "and", "or", "but", "was", "were", "is", "are", "be", "been", "had", "has"}
LEADING_FILLER = {"meanwhile", "however", "and", "but", "so", "also", "still", "yet", "moreover",
                  "nevertheless", "nonetheless", "separately", "instead", "earlier", "later"}


@dataclass(frozen=True)
class _Grammar:
    figure: re.Pattern[str]
    product: re.Pattern[str]
    exclude_near: tuple[str, ...]
    verbs: re.Pattern[str]


@lru_cache(maxsize=16)
def _grammar(figures: FiguresConfig, verbs: tuple[str, ...]) -> _Grammar:
    counted = "|".join(_noun_forms(n) for n in sorted(figures.counted, key=len, reverse=True))
    noun = rf"(?P<noun>{MODIFIER}{{0,4}}?(?:{counted}))\b"
    amount = (rf"(?P<hedge>{HEDGE}\s+)?(?P<inc>{INCREMENT}\s+)?"
              rf"(?:between\s+(?P<lo>{NUM})\s+and\s+(?P<hi>{NUM})"
              rf"|(?P<lo2>{NUM})\s*(?:to|-|–|or)\s*(?P<hi2>{NUM})(?=\s)"
              rf"|(?P<num>{NUM}))")
    figure = re.compile(rf"(?<![\w,.])(?P<figure>{amount})\s+(?:(?P<of>of\s+(?:those|these|the|"
                        rf"them|which|whom)\b)\s*)?(?:{noun})?", re.I)
    groups = "|".join(_noun_forms(n) for n in figures.groups) or r"(?!x)x"
    product = re.compile(
        rf"(?<![\w,.])(?P<figure>(?P<hedge>{HEDGE}\s+)?(?P<n1>{NUM})\s+(?P<group>{groups}),?\s+"
        rf"(?:each|every one)\s+(?:with|of|comprising|numbering|having|containing)\s+"
        rf"(?P<hedge2>{HEDGE}\s+)?(?P<n2>{NUM}))\s+(?P<noun>{MODIFIER}{{0,4}}?(?:{counted}))\b",
        re.I)
    verb_forms = "|".join(_verb_forms(v) for v in verbs)
    return _Grammar(figure, product, figures.exclude_near,
                    # Case-sensitive: "State" in "Secretary of State" is not the verb.
                    re.compile(rf"\b(?:{verb_forms})\b"))


def _noun_forms(noun: str) -> str:
    noun = noun.strip().lower()
    forms = {noun}
    if noun.endswith("s") and not noun.endswith("ss"):
        forms.add(noun[:-1])
    else:
        forms.add(noun + "s")
    ordered = sorted(forms, key=len, reverse=True)  # longest first: "soldiers" before "soldier"
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


def _verb_forms(verb: str) -> str:
    v = verb.strip().lower()
    stem = v[:-1] if v.endswith("e") else v
    forms = {v, v + "s", stem + "ed", stem + "ing", v + "d" if v.endswith("e") else v + "ed"}
    if v.endswith("y"):
        forms |= {v[:-1] + "ies", v[:-1] + "ied"}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def parse_number(text: str) -> float | None:
    """'10,000' -> 10000, 'two' -> 2, '1.5 million' -> 1500000, 'two dozen' -> 24."""
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    head, scale = words[0], 1.0
    for word in words[1:]:
        scale *= SCALES.get(word, 1)
    try:
        value = float(head)
    except ValueError:
        if "-" in head:
            tens, _, unit = head.partition("-")
            value = float(UNITS.get(tens, 0) + UNITS.get(unit, 0))
        elif head in UNITS:
            value = float(UNITS[head])
        else:
            return None
    return value * scale


def extract_claims(article: Article, article_index: int, figures: FiguresConfig,
                   verbs: tuple[str, ...]) -> list[Claim]:
    """Every counted figure in the article, with attribution found in or before its sentence."""
    grammar = _grammar(figures, verbs)
    claims: list[Claim] = []
    seen: set[tuple[float, str]] = set()  # (value, kind)
    last_noun: str | None = None
    for sentence in article.sentences:
        text = sentence.text
        if sentence.index and article.sentences[sentence.index - 1].paragraph != sentence.paragraph:
            last_noun = None
        products = _products(text, grammar)
        found = products + _figures(text, grammar, last_noun,
                                    taken=[(st, en) for st, en, _ in products])
        if not found:
            continue
        last_noun = max(found, key=lambda f: f[0])[2]["counted"]
        who, when_ctx = _attribution(article, sentence.index, grammar)
        spans = [(start, end) for start, end, _ in found]
        for start, end, fields in sorted(found, key=lambda f: f[0]):
            when = _nearest_when(text, (start, end), spans) or when_ctx
            if _near_excluded(text, start, end, grammar.exclude_near):
                continue
            key = (fields["value"], fields["kind"])
            if key in seen:  # the same figure again in one article (a lead and its quote)
                continue
            seen.add(key)
            claims.append(Claim(where=_where(text[end:]), who=who, when=when,
                                ref=SentenceRef(article_index, sentence.index), **fields))
    return claims


def _products(text: str, grammar: _Grammar) -> list[tuple[int, int, dict]]:
    out = []
    for m in grammar.product.finditer(text):
        n1, n2 = parse_number(m.group("n1")), parse_number(m.group("n2"))
        if n1 is None or n2 is None:
            continue
        out.append((m.start(), m.end(), dict(
            figure=m.group("figure").strip(), value=n1 * n2, low=None, high=None,
            counted=_noun_text(m.group("noun")), kind="total",
            hedge=_hedge(m.group("hedge") or m.group("hedge2")))))
    return out


def _figures(text: str, grammar: _Grammar, last_noun: str | None = None,
             taken: list[tuple[int, int]] | None = None) -> list[tuple[int, int, dict]]:
    """Counted figures in text, outside the `taken` spans (products already found);
    `last_noun` is what "of them" refers to, from before."""
    out: list[tuple[int, int, dict]] = []
    taken = taken or []
    for m in grammar.figure.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        noun = m.group("noun")
        if noun is None:
            # "8,000 of them": the noun is the one just counted in the same sentence.
            if m.group("of") and last_noun and m.group("of").lower().split()[-1] == "them":
                noun = last_noun
            else:
                continue
        counted = _noun_text(noun)
        last_noun = counted
        lo = m.group("lo") or m.group("lo2")
        hi = m.group("hi") or m.group("hi2")
        low = parse_number(lo) if lo else None
        high = parse_number(hi) if hi else None
        value = parse_number(m.group("num")) if m.group("num") else high
        if value is None or (lo and low is None) or value < 2:
            continue  # "one of the soldiers" is not a figure
        kind = "increment" if m.group("inc") else "count"
        out.append((m.start(), m.end(), dict(figure=m.group("figure").strip(), value=value,
                                             low=low, high=high, counted=counted, kind=kind,
                                             hedge=_hedge(m.group("hedge")))))
    return out


def _hedge(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


def _noun_text(noun: str) -> str:
    words = noun.split()
    if words and words[0].lower() in ("of", "those", "these", "the", "them"):
        words = words[1:]
    return " ".join(words)


def _near_excluded(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """True if a casualty word stands just before the figure or in the rest of its clause.

    Compared by stems, so "killing" and "deaths" match "killed" and "death"."""
    after = re.split(r"[,.;:!?]", text[end:], maxsplit=1)[0].split()[:6]
    before = text[:start].split()[-3:]
    window = [t.stem for t in tokens(" ".join(before + after))]
    for phrase in words:
        stems = [t.stem for t in tokens(phrase)]
        n = len(stems)
        if n and any(window[i:i + n] == stems for i in range(len(window) - n + 1)):
            return True
    return False


def _where(rest: str) -> str | None:
    clause = re.split(r"[;:!?]|\.\s|, (?:and|but|while|which|as)\b", rest, maxsplit=1)[0]
    clause = " ".join(clause.split()[:14])
    match = WHERE_RE.search(clause)
    return match.group(1).strip() if match else None


def _nearest_when(text: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> str | None:
    """The time phrase closest to this figure and not closer to another figure."""
    def distance(m: re.Match[str], s: tuple[int, int]) -> int:
        return max(s[0] - m.end(), m.start() - s[1], 0)

    best = None
    for m in WHEN_RE.finditer(text):
        mine = distance(m, span)
        if any(distance(m, other) < mine for other in spans if other != span):
            continue
        if best is None or mine < distance(best, span):
            best = m
    return best.group(0).strip() if best else None


def _when(text: str) -> str | None:
    match = WHEN_RE.search(text)
    return match.group(0).strip() if match else None


def _attribution(article: Article, index: int, grammar: _Grammar) -> tuple[str | None, str | None]:
    """Who says the figures of sentence `index`: its own speaker, else a recent one before it."""
    for back in range(0, 4):
        i = index - back
        if i < 0:
            break
        sentence = article.sentences[i]
        if back >= 2 and sentence.paragraph != article.sentences[index].paragraph:
            break  # beyond the previous sentence, only look inside the same paragraph
        who = speaker(sentence.text, grammar.verbs)
        if who and who.split()[0].lower() not in PRONOUNS:
            return who, _when(sentence.text) if back else None
    return None, None


def speaker(text: str, verbs: re.Pattern[str]) -> str | None:
    """The source a sentence attributes itself to ('according to X', 'X said ...')."""
    acc = re.search(r"\baccording to\s+([^,.;]+)", text, re.I)
    if acc and len(acc.group(1).split()) <= 8:
        return acc.group(1).strip()
    quoted = _quoted_spans(text)
    for m in verbs.finditer(text):
        if any(s <= m.start() < e for s, e in quoted):
            continue
        before = text[:m.start()]
        clause = re.split(r",|;|—|\(|\bthat\b|[“”\"]", before)[-1]
        words = [w for w in clause.split()]
        while words and words[-1].lower().strip(",") in TRAILING_FILLER:
            words.pop()
        while words and words[0].lower().strip(",") in LEADING_FILLER:
            words.pop(0)
        subject = " ".join(words).strip()
        if not subject:
            subject = _initial_noun_phrase(text) or ""
        if subject.split() and subject.split()[0] in NOT_SUBJECT_START:
            continue  # "as a former head of said": not a noun phrase
        if subject and len(subject.split()) <= 8:
            return subject
    return None


def _initial_noun_phrase(text: str) -> str | None:
    words: list[str] = []
    for word in text.split():
        bare = word.strip(",")
        if bare[:1].isupper() or (words and bare.lower() in NP_JOINERS) or bare.endswith("’s"):
            words.append(bare)
            if word.endswith(","):
                break
        else:
            break
    while words and words[-1].lower() in NP_JOINERS:
        words.pop()
    return " ".join(words) or None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”?", text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\"[^\"]*\"?", text)]
    return spans
