"""Where a figure is: a proper place in its clause, or a place the page names that the
figure's sentence makes its subject."""

from __future__ import annotations

import re

from ..models import Quantity
from .figure_time import reach
from .gazetteer import country_names
from .units import CURRENCY_KEYS

# What kind of place a name is: "the port city of Suez", "the province of Aceh".
_PLACE_KIND = (r"(?:(?:port|border|coastal|capital|industrial|holy)\s+)?(?:city|town|village|"
               r"region|province|prefecture|state|county|district|island)\s+of\s+")
PLACE_RE = re.compile(
    r"(?:\b(?:[Ii]n|to|into|inside|at|near|across|from|off|around|outside|throughout|across)|"
    r"\b(?:towns?|villages?|cities|city|coast|parts?|areas?|regions?|outskirts|centre|center|"
    r"capital|islands?|north|south|east|west|radius|vicinity)\s+of)\s+("
    r"(?:the\s+)?(?:(?:eastern|western|northern|southern|central|north-eastern|north-western|"
    r"south-eastern|south-western|northeastern|northwestern|southeastern|southwestern|downtown)"
    r"\s+)?(?:" + _PLACE_KIND + r")?"
    r"(?:(?:[A-Z]\.){2,}|(?:St|Ste|Mt|Ft|Pt)\.\s+[A-Z][\w’'-]*|[A-Z][\w’'-]*)"
    r"(?:\s+(?:[A-Z][\w’'-]*|(?:of|de)(?=\s+[A-Z])|(?:region|oblast|province|prefecture|state|"
    r"county|district|area|border|coast|city|island|islands|valley|reservoir|lake|river|dam|"
    r"bay|port|harbou?r|airport|peninsula|plant)\b))*)")
DEMONYM_RE = re.compile(r"(?:ian|ese|ish|iot)$")
ACCORDING_RE = re.compile(r"\baccording\s*$", re.I)
GEO_NOUNS = frozenset("region oblast province prefecture state county district area border "
                      "coast city island islands valley reservoir lake river dam bay port "
                      "harbour harbor airport peninsula plant".split())
NOT_PLACES = frozenset("mr mrs ms dr prof president prime minister secretary general gen sen "
                       "rep gov governor mayor king queen prince princess pope the a an "
                       "january february march april may june july august september october "
                       "november december monday tuesday wednesday thursday friday saturday "
                       "sunday jan feb mar apr jun jul aug sep sept oct nov dec "
                       # institutions and measures, not places: "18 seats in Parliament",
                       # "debt to GDP"
                       "parliament congress senate gdp gnp".split())


# Heads of an organisation's name, never a place: "Laiki Bank", "the Labour Party".
ORGANISATION_WORDS = frozenset("bank banks party league club fund company corporation corp "
                               "group council commission agency survey union ministry "
                               "department university college institute association "
                               "federation committee authority board court times post "
                               "newspaper news ltd inc plc llc gmbh holdings".split())
# The prepositions that set a place in a story's pages ("in Greece", "across Japan"); "to",
# "from" and "at" also take companies and people ("sold to Sky", "employees at Exxon").
LEARN_PLACE_RE = re.compile(r"(?:in|into|inside|near|across|around|outside|throughout)\s",
                            re.I)
# Money moved somewhere: "took €21m from Laiki Bank and transferred the money to London",
# "moved €5m to Zurich"; the verb's object is the money or the figure itself ("moving to City
# … for a fee of £25m" is a footballer's move, "the move to the Emirates Stadium" no verb).
_MOVING = (r"\b(?:transferr(?:ed|ing)|mov(?:ed|ing)|shift(?:ed|ing)|wir(?:ed|ing)|"
           r"smuggl(?:ed|ing)|channell?(?:ed|ing)|funnell?(?:ed|ing)|siphon(?:ed|ing))\s+")
MOVED_TO_RE = re.compile(_MOVING + r"(?:(?:the|their|its|his|her)\s+)?(?:money|funds|cash|sum|"
                         r"amount|assets|deposits|savings|it|them)\s+$", re.I)
MOVED_FIGURE_RE = re.compile(_MOVING + r"(?:\S+\s+){0,2}$", re.I)
# A holding in a company, not a place: "Shares in BP rise", "a stake in Laiki".
HOLDING_BEFORE_RE = re.compile(r"\b(?:shares?|stakes?|holdings?|interests?|investments?|"
                               r"equity)\s+$", re.I)


# What kind of place a name is, before it: learned as the bare name.
PLACE_KIND_RE = re.compile("^" + _PLACE_KIND)
MODIFIED_NOUN_RE = re.compile(r"\s+[a-z]+s\b")
# A part of the figure told after it, with its own place: "1,004 suspected cases, including
# four possible cases in Mexicali", "in 18 countries, including one case in Italy".
INCLUDING_RE = re.compile(r",?\s+(?:including|among\s+them|of\s+whom|of\s+which)\b")


# A place named just before a relative "where" clause that holds the figure: "El Salvador _
# where 140 people died", "as did Guatemala, where 21 people died".
WHERE_CLAUSE_RE = re.compile(r"\b([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s*"
                             r"(?:,|\s_|\s—|\s–|\s--)\s+where\s+[^,;_—–()]*$")


# A relative "which" clause that holds the figure: "…, which could see waves of up to 40 cm".
WHICH_CLAUSE_RE = re.compile(r",\s+which\s+[^,;:_—–()]*$")


def place(text: str, q: Quantity, window: tuple[int, int]) -> str | None:
    """A proper place name in the figure's clause, after it first, else before it."""
    lo, hi = reach(text, q, window, words=12)
    end = max(hi, q.noun_end or q.end)
    # "1,004 cases, including four in Mexicali": the four's place, not the whole's (but
    # "213 people, including 12 Americans, at the embassy in Nairobi" goes on after it).
    subsets = [(m.start(), m.end() + len(re.split(r"[,;:()]", text[m.end():end])[0]))
               for m in INCLUDING_RE.finditer(text, q.noun_end or q.end, end)]
    money = q.unit in CURRENCY_KEYS
    for start, stop in ((q.end, end), (lo, q.start)):
        for m in PLACE_RE.finditer(text[start:stop]):
            if start == q.end and any(a <= start + m.start() < b for a, b in subsets):
                continue
            if ACCORDING_RE.search(text[:start + m.start()]):
                continue  # "according to Xinhua News Agency": a source, not a place
            if money and m.group(0)[:3].lower() == "to " and not (
                    MOVED_TO_RE.search(text, max(0, start + m.start() - 40), start + m.start())
                    or start == q.end and MOVED_FIGURE_RE.search(text, max(0, q.start - 40),
                                                                 q.start)):
                continue  # "$1m to Partners In Health": who gets the money, not a place
                # (but "transferred the money to London" says where it went)
            if money and m.group(0)[:5].lower() == "from " and start == q.end:
                continue  # "a $1 million prize from Anheuser-Busch": who pays, not a place
            found = re.sub(r"['’]s$", "", m.group(1).strip().rstrip("."))  # "in Haiti's quake"
            if found.isupper() and MODIFIED_NOUN_RE.match(text, start + m.end()):
                continue  # "talk to ROV operators": an acronym before a noun names a kind
            if is_place(found):
                return found
    where = WHERE_CLAUSE_RE.search(text, 0, q.start)
    if where and is_place(where.group(1)):
        return where.group(1)  # "El Salvador _ where 140 people died": the place it tells of
    which = WHICH_CLAUSE_RE.search(text, 0, q.start)
    if which:
        # "the west coast of North America, which could see waves of up to 40 centimetres":
        # the place the relative clause tells of, when a place noun or "in" sets it.
        for m in PLACE_RE.finditer(text, max(0, which.start() - 80), which.start()):
            found = m.group(1).strip()
            if m.end() == which.start() and not found.endswith(("'s", "’s")) and \
                    is_place(found):
                return found
    return None


def page_places(texts: list[str]) -> frozenset[str]:
    """The places a page names where a place is sure: after "in", "across", "near" ("in
    Greece", "across northern Japan"), as "the city of X", or a country or US state by its
    name. A figure's sentence that names one of them elsewhere ("Greece's European
    partners", "Cyprus was forced to…") is there."""
    out = set()
    inner = {w for text in texts for w in INNER_CAPITAL_RE.findall(text)}
    for text in texts:
        for m in PLACE_RE.finditer(text):
            opener = m.group(0)[:len(m.group(0)) - len(m.group(1))]
            if not (LEARN_PLACE_RE.match(opener) or opener.rstrip().endswith(" of")) or \
                    m.group(1).endswith(("'s", "’s")):
                continue  # "in Gingrich's place": an owner, no place
            if HOLDING_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
                continue  # "Shares in BP rise": a company held, no place
            found = re.sub(r"['’]s$", "", m.group(1).strip().rstrip("."))
            if re.match(r"the\s+\S+$", found, re.I):
                continue  # "in the House", "in the Premiership": an institution, no place
            found = re.sub(r"^the\s+", "", found, flags=re.I)
            found = PLACE_KIND_RE.sub("", found)  # "the port city of Tripoli": Tripoli
            found = re.sub(r"^(?:(?:eastern|western|northern|southern|central|north-eastern|"
                           r"north-western|south-eastern|south-western|northeastern|"
                           r"northwestern|southeastern|southwestern)\s+)", "", found)
            if is_place(found) and found[:1].isupper():
                out.add(found)
        for m in SITE_NAME_RE.finditer(text):
            words = m.group(1).split()
            while words and words[0].lower() in NOT_PLACES | OPENING_WORDS:
                words.pop(0)  # "The Arden valley", "Officials at Kashiwa plant"
            found = " ".join(words)
            opening = not text[:m.start()].strip(" \"“‘'")
            if opening and words[0] not in inner:
                continue  # "Small islands should see…": a capital only because it opens
            if len(words) > 1 and words[0][:1].isupper() and is_place(found):
                out.add(found)
        for m in NAME_RUN_RE.finditer(text):
            # "Spain had 26 suspected cases": a country or a US state is a place however the
            # page names it; the whole run of capitals is the name ("Michael Jordan", "Texas
            # Instruments" are none).
            words = m.group(0).split()
            while words and words[0].lower() in NOT_PLACES | OPENING_WORDS:
                words.pop(0)
            found = re.sub(r"['’]s$", "", " ".join(words))
            if found in country_names():
                out.add(found)
    return frozenset(out)


NAME_RUN_RE = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


# A proper name followed by a geographic common noun, as written in lower case ("the
# Millbrook reservoir", "the Hawaiian islands", "Sendai port"): a place wherever the page
# names it, with or without "in". A capital noun ("Manchester City", "Derby County") is as
# often a club or a company, and is left to the prepositions.
SITE_NAME_RE = re.compile(r"(?<![\w’'-])((?:[A-Z][\w’'-]*\s+){1,3}(?:reservoir|lake|river|dam|"
                          r"islands?|bay|port|harbou?r|airport|peninsula|plant|valley|coast|"
                          r"prefecture|province|county|district|region|oblast))\b")
INNER_CAPITAL_RE = re.compile(r"(?<=[\s(“\"])[A-Z][\w’'&-]*")  # a capital inside a sentence
OPENING_WORDS = frozenset("this that these those its his her their our officials at on in of "
                          "for by with from and but".split())


# Where a clause's subject stands: the sentence's start, after an opening phrase and its
# comma ("Since May 2010, Greece has…"), or after a reporting verb ("has said Greece's
# economy…").
SUBJECT_BEFORE_RE = re.compile(r"(?:^|^[^,]{0,40},\s+|\b(?:said|says|say|that)\s+)(?:[Tt]he\s+)?$")
# A clause a conjunction opens ("…in eleven towns of the Arden valley after the Millbrook
# reservoir fell to 18 percent"): its subject is nearer the figure than a place before it.
CONJUNCTION = r"(?:after|as|when|because|while|before|until|once|although|though)"
SUBJECT_AFTER_CONJUNCTION_RE = re.compile(r"\b" + CONJUNCTION + r"\s+(?:the\s+)?$")
# Where such a clause starts after the figure: "four more towns on Friday as the Millbrook
# reservoir kept falling" (not "such as", "as well as").
CONJUNCTION_CLAUSE_RE = re.compile(r"(?<!such)(?<!well)\s" + CONJUNCTION +
                                   r"\s+(?:the\s+)?[A-Z]")
# What follows a place that is its clause's subject: a verb ("Cyprus is to relax…",
# "Greece has been dependent…") or its possessive before a noun that is no organisation or
# title ("Greece's economy", not "Japan's ministry of health" or "Japan's chief cabinet
# secretary", whose figures are said, not had).
SUBJECT_AFTER_RE = re.compile(r"(?:\s+(?:(?:is|was|has|had|will|would|could|can|must|"
                              r"now|also|still|alone|fell|rose|sank|grew|shrank|stood|hit|kept|got|"
                              r"lost|won|saw|paid|spent|sold|took|gave)\b|[a-z]+ed\b)|"
                              r"['’]s?\s+([a-z]+))")
# A verb that sends or gives what the figure counts away from its subject: "Norway has sent
# 300 troops", "is preparing to deploy 10,000 soldiers", "China is to donate $1m". The
# subject is where they come from.
SENDING_RE = re.compile(r"\b(?:send|sends|sent|sending|deploy(?:s|ed|ing)?|dispatch(?:es|ed|ing)?|"
                        r"despatch(?:es|ed|ing)?|evacuat(?:e|es|ed|ing)|export(?:s|ed|ing)?|"
                        r"ship(?:s|ped|ping)?|donat(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|"
                        r"lend(?:s|ing)?|lent|give|gives|giving|gave|given)\b")
# A clause a conjunction opens between a sentence's subject and the figure has a subject of
# its own ("Norway urged restraint after soldiers killed 37 people").
SUBORDINATE_RE = re.compile(r"\b(?:after|when|because|while|whereas|although|though|until|"
                            r"before|once)\s")
# A place that speaks of what others did: "Britain said rebels killed 14" (but a place that
# reports or confirms a figure is counting its own: "Mexico has reported 18 cases").
SPEAKS_AFTER_RE = re.compile(r"(?:\s+(?:has|have|had))?\s+(?:said|says|told|warned|claimed)\b")
COORDINATE_RE = re.compile(r"\b(?:and|but|as|while|when)\b")


def _sent_from(text: str, start: int, end: int) -> bool:
    """Does a verb of sending in text[start:end] have the place before it as its subject
    ("North Korea is preparing to send 10,000 soldiers"), with no new clause between them
    ("as Russia teetered and the IMF was sending in $4.8 billion": Russia's aid)?"""
    sending = SENDING_RE.search(text, start, end)
    return sending is not None and not COORDINATE_RE.search(text, start, sending.start())


def _quoted(text: str, start: int, end: int) -> bool:
    """Is the name in quotation marks ("the "Hong Kong" flu"): a label, not a place?"""
    return text[start - 1:start] in "\"“‘'" and start > 0 and text[end:end + 1] in "\"”’'" \
        and end < len(text)


TITLE_WORDS = frozenset("chief minister president prime secretary foreign finance deputy "
                        "head leader spokesman spokeswoman envoy ambassador officials "
                        "political ruling opposition government official authorities health "
                        "interior".split())


def subject_place(text: str, q: Quantity, places: frozenset[str],
                  conjunctions: bool = False) -> str | None:
    """A place of the page that is the subject of the figure's sentence: "Cyprus is to relax
    its rules for investors who lost at least 3m euros", "Greece has been dependent on
    rescue loans totalling $300bn", "Greece's economy was expected to shrink by 3.5 per
    cent". Its organisations and officials ("Japan's ministry of health said…") are
    speakers, not places. With `conjunctions`, also the subject of a clause a conjunction
    opens ("after the Millbrook reservoir fell to 18 percent")."""
    found = []
    for name in places:
        if name not in text:
            continue  # most places: not in this sentence, no pattern needed
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        for m in pattern.finditer(text, 0, q.start):
            if not (SUBJECT_BEFORE_RE.search(text, 0, m.start()) or conjunctions and
                    SUBJECT_AFTER_CONJUNCTION_RE.search(text, 0, m.start())):
                continue
            if _sent_from(text, m.end(), q.start) or _quoted(text, m.start(), m.end()):
                continue  # "Norway has sent 300 troops": where they come from, not are
            if SUBORDINATE_RE.search(text, m.end(), q.start):
                continue  # "Norway urged calm after rebels killed 37": the clause's own subject
            after = SUBJECT_AFTER_RE.match(text, m.end())
            noun = after.group(1) if after else None
            if after and not (noun and _body_or_title(noun)):
                found.append((q.start - m.end(), -len(name), name))
    return _nearest(found)


def _nearest(found: list[tuple[int, int, str]]) -> str | None:
    """The place nearest the figure, the longer name first: never the first a set gives
    (its order changes with each process's hash seed, and the edition must not)."""
    return min(found)[2] if found else None


def clause_place(text: str, q: Quantity, window: tuple[int, int],
                 places: frozenset[str]) -> str | None:
    """A place of the page named in the figure's own clause, commas closing it ("A 10m wave
    struck Sendai", "30,000 protesters flooded Athens' streets"); not the first word of a
    longer name ("the Tokyo Electric Power Company") nor the owner of a speaker or an
    organisation ("Japan's ministry of health")."""
    lo = max([window[0]] + [window[0] + m.end()
                            for m in re.finditer(r"[,;:(]", text[window[0]:q.start])])
    # An amount converted in brackets right after the figure is the same figure, no end of
    # its clause: "the €130 billion ($170 billion) second rescue package for Greece".
    converted = CONVERTED_AFTER_RE.match(text, q.end)
    after = converted.end() if converted else q.end
    stop = re.search(r"[,;:()]", text[after:window[1]])
    hi = after + stop.start() if stop else window[1]
    clause = CONJUNCTION_CLAUSE_RE.search(text, q.end, hi)
    hi = clause.start() if clause else hi  # "… as the Millbrook reservoir kept falling"
    found = []
    for name in places:
        if name not in text:
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        for m in pattern.finditer(text, lo, hi):
            if re.match(r"\s+[A-Z]", text[m.end():]):
                continue  # "the Tokyo Electric Power Company": part of a longer name
            if m.end() <= q.start and (_sent_from(text, m.end(), q.start) or
                                       SUBORDINATE_RE.search(text, m.end(), q.start)):
                continue  # "North Korea is preparing to send 10,000 soldiers": whence
            if _quoted(text, m.start(), m.end()):
                continue  # "the 1968 "Hong Kong" flu killed a million": a name, no place
            if SPEAKS_AFTER_RE.match(text, m.end()):
                continue  # "Britain said rebels killed 14": who says it, not where
            owner = re.match(r"['’]s?\s+([a-z]+)", text[m.end():])
            if owner and _body_or_title(owner.group(1)):
                continue
            found.append((max(m.start() - q.end, q.start - m.end(), 0), -len(name), name))
    return _nearest(found)


CONVERTED_AFTER_RE = re.compile(r"\s*[(\[][^()\[\],;]*\d[^()\[\],;]*[)\]]")


def _body_or_title(noun: str) -> bool:
    """A noun after a place's possessive that makes the place an owner of an organisation or
    an official ("Japan's ministry", "Greece's finance minister"), not where a figure is."""
    return noun in ORGANISATION_WORDS or noun in TITLE_WORDS or \
        noun.rstrip("s") in ORGANISATION_WORDS


def is_place(phrase: str) -> bool:
    """A proper place name, not a title ("Mr Jones"), a month or a name cut short."""
    words = phrase.split()
    bare = [w for w in words if w.lower() != "the"]
    if not bare or any(ch.isdigit() for ch in phrase):
        return False
    if bare[0].lower().rstrip(".") in NOT_PLACES:
        return False
    if len(bare) == 1 and len(bare[0]) <= 2 and not bare[0].isupper():
        return False  # "St" of "St. Kitts" cut at its full stop
    if len(bare) == 1 and DEMONYM_RE.search(bare[0]):
        return False  # "to Haitian earthquake relief": a people's adjective, not a place
    if len(bare) == 1 and len(bare[0]) >= 4 and bare[0].isupper():
        return False  # "sold to ESPN", "joined NATO": an organisation's acronym
    if any(w.lower().rstrip(".,") in ORGANISATION_WORDS for w in bare):
        return False  # "with Laiki Bank in London", "from Transocean Ltd": a firm is no place

    if words[0].lower() == "the" and len(bare) == 1:
        return False  # "the Springfield …": a name cut short, not a place
    if words[0].lower() == "the" and not any(w.lower() in GEO_NOUNS for w in bare) and \
            len(bare) < 2:
        return False
    return True
