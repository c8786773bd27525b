"""Who says what a sentence says: a noun phrase from the sentence itself, or from the
named speaker whose words it continues ("He added…", a quotation that goes on)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Sentence

PRONOUNS = frozenset("he she they it we i you him her them us me this that these those who "
                     "which what whom whose".split())
PERSON_PRONOUNS = frozenset({"he", "she"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
DETERMINERS = frozenset("the a an this that these those some any each every its his her their "
                        "our my your".split())
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve "
                         "dozen dozens hundred hundreds thousand thousands million millions "
                         "both several many few most all none".split())
# A verb inside a candidate means it is a clause, not a noun phrase ("the country is still in a").
AUXILIARIES = frozenset("is are was were be been being am has have had having do does did "
                        "will would can could may might should shall must not".split())
FUNCTION_WORDS = frozenset("a an the of in on at to for with by from and or but as than that "
                           "which who whom whose where when while if because about into over "
                           "under after before since until though although".split())
WH_WORDS = frozenset("where when why how what which who whom whose there here".split())
# Words that open a clause before its subject: "As the agency said" is not a subject.
NOT_SUBJECT_START = frozenset("as in on at for with by from to of after before when while if "
                              "because although since than and or but so yet despite amid "
                              "unless whether".split())
LEADING_FILLER = frozenset("meanwhile however and but so also still yet moreover nevertheless "
                           "nonetheless separately instead earlier later now then further "
                           "furthermore additionally".split())
TRAILING_FILLER = frozenset("has have had also is was were are been recently reportedly "
                            "originally initially "
                            "previously earlier officially formally publicly now then later "
                            "further again first just already not never still will would could "
                            "may did does do has since shortly soon afterward afterwards "
                            "subsequently quickly immediately swiftly".split())
# Words that open a clause whose subject speaks: "after the UN announced", "when police said".
SUBORDINATORS = frozenset("after before when while because since although though once until "
                          "as".split())
HONORIFICS = frozenset("mr mrs ms dr prof sir dame".split())
SPEECH_VERBS = frozenset("said says added adds told wrote".split())
CONTINUES_RE = re.compile(
    r"^[“\"‘']|^(?:he|she|they)\s+(?:\w+ly\s+)?(?:said|says|added|adds|told|noted|went on|"
    r"continued|stressed|warned|explained)\b", re.I)
# An item of a list: "– Former AKEL MP: €39,000 loan written off".
LIST_ITEM_RE = re.compile(r"\s*[–—•*-]\s")
# "These may consist of…", "It said…": a sentence that goes on with what the one before
# reported, so the speaker of that one says it too.
GOES_ON_RE = re.compile(r"^(?:these|this|they|those|such|he|she|it(?!\s+(?:(?:has|had|have)\s+"
                        r"(?:\w+\s+)?been|is|was|will\s+be|would\s+be|seems|seemed|appears|"
                        r"appeared|remains|remained)\b))\b", re.I)
# "It had already been announced that…", "It is expected to…": "it" stands for nothing.
QUOTE_SPAN_RE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
APPOSITION_RE = re.compile(r"^\s*(?:(?:while|whereas|and|but)\s+)?([A-Z][\w’'.-]*(?:\s+(?:[A-Z]"
                           r"[\w’'.-]*|of|the|de|van|von|al|bin|(?:to|for|and)(?=\s+[A-Z])))*)"
                           r"\s*,\s*[^,]{3,80},\s*$")
# The same after an opening phrase ("With Gates at his side, James Cannavino, an IBM
# president, said"), where only a title in lower case after the name marks it (not a list:
# "Lesbian, Gay, Bisexual, Transgendered Association, said"; not "Laramie, Wyo., where…").
APPOSITION_AFTER_RE = re.compile(r",\s+([A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|de|van|von|"
                                 r"al|bin))*)\s*,\s*(?:also\s+)?(?:a|an|the|his|her|its|their)\s"
                                 r"[^,]{2,78},\s*$")
# A person's name of two or more capitalised words: "Ali Alatas", "Namanga Ngongi".
PERSON_NAME_RE = re.compile(r"[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|al|bin))+")
# A measurement's agent: "Measured at 8.9 by the US Geological Survey, it struck…".
AGENT_RE = re.compile(r"\b(?:[Mm]easured|[Ee]stimated|[Rr]ecorded|[Cc]alculated|[Cc]ounted|"
                      r"[Pp]ut|[Rr]ated)\s+(?:at|as)\s+[^,;]{0,40}?\bby\s+((?:the\s+)?[A-Z]"
                      r"[^,.;:()“”\"]*)")


# "Scientists put the quake at 8.9", "officials put the toll at about 300": an estimate.
PUT_AT = (r"puts?(?=\s[^.;,]{0,60}?\bat\s+(?:about\s+|around\s+|some\s+|nearly\s+|"
          r"almost\s+|more\s+than\s+|over\s+|least\s+|[$£€]\s*)?(?!\d{1,2}(?:[:.]\d\d)?\s*"
          r"(?:[ap]\.?m\b|o['’]clock))(?:\d|one\b|two\b|three\b|"
          r"four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b))")


# A time after a subject: "National Public Radio in the United States last night reported".
TRAILING_TIME_RE = re.compile(r"\s+(?:(?:last|this|on)\s+(?:night|week|month|year|weekend|"
                              r"morning|evening|Monday|Tuesday|Wednesday|Thursday|Friday|"
                              r"Saturday|Sunday)|yesterday|today|tonight)\s*$", re.I)
# A verb of speech in the passive has no speaker for a subject: "The death toll is estimated
# at 150,000", "three million people said to be in need".
PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:(?:\w+ly|also|not|"
                               r"already|still|even|just|now|first|since)\s+)?$")
SAID_TO_RE = re.compile(r"\s+to\s+(?:be|have)\b")
NOUN_AFTER_RE = re.compile(r"\s+(?:from|of|by|for|about)\b")
# "at current estimates", "by some reports", "in media reports": a plural noun after a
# preposition (perhaps with a determiner or adjective between), never a verb's -s form.
PREPOSITION_BEFORE_RE = re.compile(
    r"\b(?i:at|by|in|on|from|of|under|with|for|after|despite|amid)\s+(?:(?i:some|most|all|many|"
    r"current|latest|early|earlier|official|initial|recent|preliminary|unconfirmed|"
    r"conflicting|new|news|media|press|local|government|other|independent)\s+)?$")
# "the government's estimate that…": a noun after an owner's "'s" ("he's said" is "has").
POSSESSIVE_BEFORE_RE = re.compile(r"\b(?!(?i:he|she|it|that|who|there|what|where|here)['’]s)"
                                  r"\w+['’]s\s+$")
# "based on the government's estimate that…": the estimate is the figure's source.
BASED_ON_RE = re.compile(r"\bbased on\s+((?:the\s+)?(?:[\w.-]+\s+){0,3}?[\w.-]+['’]s\s+"
                         r"(?:own\s+|latest\s+|new\s+|official\s+)?(?:estimates?|figures|"
                         r"count|calculations?|data|tally|projections?))\b")
# "the report said", "since the last report on 12 June": a noun, with an adjective of order
# or time between at most.
DETERMINER_BEFORE_RE = re.compile(r"\b(?i:the|a|an|its|his|her|their|this|that|our)\s+"
                                  r"(?:(?i:last|latest|first|new|previous|earlier|initial|"
                                  r"official|final|preliminary|next|same|recent|daily|weekly|"
                                  r"monthly|annual)\s+)?$")
# "five promissory notes", "12 new reports": a number before the word makes it a noun.
COUNTED_BEFORE_RE = re.compile(r"\b(?i:two|three|four|five|six|seven|eight|nine|ten|several|"
                               r"many|\d[\d,]*)\s+(?:[a-z]+\s+)?$")
# "added 1 billion euros", "adds about 3%": the verb of an amount, not of speech.
ADDS_AMOUNT_RE = re.compile(r"\s+(?:(?:about|some|nearly|almost|another|a\s+further|an?\s+"
                            r"extra|more\s+than|over|up\s+to)\s+)?(?:[$£€¥]|\d|(?i:one|two|"
                            r"three|four|five|six|seven|eight|nine|ten|a\s+(?:million|billion|"
                            r"thousand|hundred))\b)")


# A full stop inside a name is no end of it: "Gov. Tom Ridge", "U.N. officials", "B.J.
# Habibie". A speaker's words run to the next punctuation but these.
ABBREVIATION = (r"(?:\b(?:[A-Z]\.){1,3}(?=\s*[A-Za-z])|\b(?:Gov|Sen|Rep|Gen|Lt|Col|Maj|Capt|Sgt|"
                r"Adm|Cmdr|Dr|Mr|Mrs|Ms|Prof|St|Rev|Supt|Insp|Det|Jr|Sr|Mt|Ft)\.)")
NAME_RUN = rf"(?:{ABBREVIATION}|[^,.;:()“”\"])"


# "added a book", "claimed the lives of", "claimed responsibility": an object, no speech.
NOT_SPEECH_AFTER_RE = re.compile(r"\s+(?:a|an|another|(?:the\s+)?lives|responsibility|credit|"
                                 r"victory|the\s+title)\b", re.I)
# A verb in the past just before a plural noun: "denied reports", "dismissed claims".
VERB_BEFORE_RE = re.compile(r"\b(?!(?:need|speed|seed|feed|bed|red|shed|bleed|greed|"
                            r"creed|hundred)\b)[a-z]+ed\s+$")


# "The official Middle East News Agency (MENA) reports": an acronym in brackets after a name.
ACRONYM_BEFORE_RE = re.compile(r"\s*\([A-Z][A-Za-z.&-]{1,11}\)\s*$")
# "28,774 infections confirmed in 74 countries": a participle after the counted noun of a
# figure says what happened to it; nobody is speaking. "12 cases confirmed by the ministry":
# the agent after "by" is the source.
PARTICIPLE_AFTER_COUNT_RE = re.compile(
    r"\s*(?:$|[,;:.)]|(?:in|at|on|across|among|around|since|so\s+far|to\s+date|worldwide|"
    r"globally|nationwide|as|until|through|during|over|after|before)\b)")
AGENT_AFTER_RE = re.compile(r"\s+by\s+((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|"
                            r"(?:of|for|and|the)(?=\s+[A-Z])))*)")
# The words before "and" are another verb's object, not the first of two subjects, when
# they hold a verb or a preposition of place or time ("…confirmed a third case at a school
# near the border and California said"; "the Ministry of Health and the Red Cross said",
# "estimates from charts and satellite images indicate" are one subject).
OBJECT_BEFORE_AND_RE = re.compile(r"\b(?:[a-z]+ed|at|in|on|near|after|before|during)\s")
# "…has more than 21,000 cases with officials saying there are…": an absolute clause; its
# speaker says what follows the verb, not the figure before it.
WITH_SPEAKER_RE = re.compile(r"\bwith\s+((?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,4})\s+$")


# A relative clause after a speaker's name and title: the writer's words, not the speaker's.
WRITERS_CLAUSE_RE = re.compile(r",\s+(?:where|which|whose|when)\b")
# A figure in a poll is the poll's: "her favorability rating in the latest AP-GfK poll was 70
# percent".
POLL_RE = re.compile(r"\bin\s+((?:a|an|the)\s+(?:(?:latest|new|recent|last|same)\s+)?"
                     r"(?:[A-Z][\w/&.-]*\s+){0,4}(?:poll|survey|opinion poll|exit poll))\b")
# Counts and forecasts that show a figure are its source: "Official projections showed New
# Democracy with 30 percent", "Near complete results early on Monday showed…".
SHOWED_RE = re.compile(r"\s(?:showed|shows|show|indicated|indicate|indicates|gave|give|gives)\b")
DATA_NOUNS = frozenset("results projections projection figures poll polls data survey surveys "
                       "estimates estimate statistics count counts census study studies "
                       "forecast forecasts tally tallies returns examination analysis analyses "
                       "calculations calculation measurements readings findings".split())
EARLY_TIME_RE = re.compile(r"\s+(?:early|late)\s+(?:on\s+)?\w+\s*$", re.I)


# Nouns in -ly, not adverbs: "the ministry's weekly tally", "the family".
LY_NOUNS = frozenset("tally family assembly ally rally supply monopoly anomaly".split())
PARTICIPLE_PREPOSITIONS = frozenset("in on to from of at for with into by about".split())


@dataclass(frozen=True)
class Speaker:
    """Who a sentence is attributed to, as written, and whether it is a pronoun to resolve."""

    text: str
    pronoun: bool = False
    ahead: bool = False  # speaks only for what follows the verb ("with officials saying")


def is_noun_phrase(phrase: str) -> bool:
    """True if phrase can stand in a "Who says" cell: a name, a title and name, an
    organisation, "officials", "the interior ministry"; never a fragment, a pronoun, a
    determiner or number word alone, or a clause."""
    words = phrase.replace("’", "'").split()
    if not words or len(words) > 9 or not re.search(r"[A-Za-z]", words[0]):
        return False  # "'' Crone": a quotation mark, not the start of a name
    # "US", "the WHO": an acronym, not the pronoun "us" or "who"
    low = [w.strip(",.;:") if _acronym(w.strip(",.;:")) else w.lower().strip(",.;:")
           for w in words]
    if low[0] in PRONOUNS or low[0] in WH_WORDS or low[0] in NOT_SUBJECT_START - {"as"}:
        return False
    if any(w in AUXILIARIES or re.search(r"'(m|re|ve|ll|d)$|n't$", w) for w in low):
        return False
    if low[-1] in FUNCTION_WORDS or low[-1] in DETERMINERS or low[-1] in HONORIFICS:
        return False
    content = [w for w in low if w not in DETERMINERS and w not in FUNCTION_WORDS]
    if not content or all(w in NUMBER_WORDS or w.replace(",", "").isdigit() for w in content):
        return False
    if any(ch.isdigit() for ch in phrase):
        return False
    if any(w in ("_", "-", "--", "—", "–") for w in words) or low[-1].endswith("'"):
        return False  # "people in Honduras _ down from officials'": a wire's dash, a
        # possessive cut from its noun; clauses, not a speaker
    if len(low) > 1 and low[0].endswith("ing") and words[0].islower() and \
            low[1] in PARTICIPLE_PREPOSITIONS:
        return False  # "resulting in the erroneous": a participle's clause
    if low[-1].endswith("ly") and not words[-1][:1].isupper() and \
            low[-1] not in LY_NOUNS:
        return False  # "officials recently": an adverb, the phrase was cut in the wrong place
    return True


@lru_cache(maxsize=16)
def verb_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """Attribution verbs in every form: say, says, said, saying; report, reported ..."""
    forms: set[str] = set()
    for verb in verbs:
        v, _, particle = verb.strip().lower().partition(" ")
        if particle:
            # "point out": points out, pointed out, pointing out
            stem = v[:-1] if v.endswith("e") else v
            forms |= {f"{form} {particle}" for form in (v, v + "s", stem + "ed", stem + "ing")}
            continue
        stem = v[:-1] if v.endswith("e") else v
        forms |= {v, v + "s", stem + "ed", stem + "ing", v + "d" if v.endswith("e") else v + "ed"}
        if v.endswith("y"):
            forms |= {v[:-1] + "ies", v[:-1] + "ied"}
    forms |= {"said", "told", "wrote", "says"}
    # Case-sensitive: "State" in "Secretary of State" is not the verb.
    # Not hyphened to a word before: "laboratory-confirmed cases", "self-reported" are
    # adjectives ("the docks--said" is a dash).
    return re.compile(r"(?<!\w[-‐])\b(?:" + "|".join(sorted(map(re.escape, forms), key=len,
                                                          reverse=True))
                      + r"|" + PUT_AT + r")\b")


def speaker(text: str, verbs: re.Pattern[str], at: int | None = None) -> Speaker | None:
    """The source a sentence attributes itself to ("according to X", "X said", "…, said X").

    With `at` (a character offset, e.g. a figure's), the attribution that governs that
    place: the nearest one before it in its part of the sentence (";" ends a part), else
    the first one after it. "Police warn that the toll could exceed 10,000, and a UN agency
    reported that 1,600 died": 10,000 is the police's, 1,600 the agency's."""
    found = attributions(text, verbs)
    if at is None:
        return found[0][1] if found else None
    lo = max([0] + [m.end() for m in re.finditer(r";|\s[—–]\s", text[:at])])
    after = re.search(r";|\s[—–]\s", text[at:])
    hi = at + after.start() if after else len(text)
    mine = [(pos, who) for pos, who in found if lo <= pos < hi]
    quoted = [(m.start(), m.end()) for m in QUOTE_SPAN_RE.finditer(text)]
    if quoted and not any(s <= at < e for s, e in quoted):
        # "“…,” said Susan Sher, her boss at the hospital, where Mrs. Obama is on leave from
        # her $300,000-a-year job": she said the quotation; the figure in the writer's
        # clause after her name is not hers.
        mine = [(pos, who) for pos, who in mine if not (
            pos < at and any(e <= pos for _, e in quoted) and
            WRITERS_CLAUSE_RE.search(text, pos, at))]
    before = [item for item in mine if item[0] <= at]
    if before and _data_source(before[-1][1].text):
        # "Minister Ana Lima said estimates indicated the mine holds 19.5 million tons": the
        # estimates are what she reports; she says it.
        pos = before[-1][0]
        outer = [who for p, who in before if p < pos and not who.pronoun and
                 not _data_source(who.text) and not re.search(r"[,;:]", text[p:pos])]
        if outer:
            return outer[-1]
    # "…with officials saying there are likely ten times that many, and 87 deaths": an
    # absolute clause's speaker says what its clause says, up to its comma.
    before = [(pos, who) for pos, who in before if not (who.ahead and "," in text[pos:at])]
    if before:
        named = [who for _, who in before if not who.pronoun]
        if before[-1][1].pronoun and named:
            return named[-1]  # "The Red Cross says it believes 45,000 died": the Red Cross
        return before[-1][1]
    # "At least 12 were killed on Friday, while the ministry said 40 were injured": a
    # speaker who is the subject of a clause after the figure says that clause only.
    later = [who for pos, who in mine if not who.ahead and not _own_clause(text, at, pos, who)]
    return later[0] if later else None


# A clause joined after a figure, with a subject of its own: ", while the ministry said…".
JOINED_CLAUSE_RE = re.compile(r",?\s+(?:while|whereas|but|and)\s+")
NAME_BEFORE_RE = re.compile(r"\b[A-Z][\w’'.-]*$")


def _clause_openings(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Where "and", "but", "while" or "whereas" open a clause in text[start:end]; not an
    "and" between two capitalised words, inside one name ("the Centers for Disease Control
    and Prevention")."""
    return [m for m in JOINED_CLAUSE_RE.finditer(text, start, end)
            if not (NAME_BEFORE_RE.search(text, 0, m.start()) and
                    text[m.end():m.end() + 1].isupper())]


def _own_clause(text: str, at: int, pos: int, who: Speaker) -> bool:
    """Is the speaker at `pos` the subject of a clause that opens between the figure at `at`
    and its verb ("…, while the health ministry said 40 were injured")?"""
    opens = _clause_openings(text, at, pos)
    clause = text[opens[-1].end():pos] if opens else ""
    # Not "…killed and 52 injured, the ministry said": a speaker after a comma says both.
    return who.text in clause and "," not in clause


def _data_source(phrase: str) -> bool:
    """Estimates, results, a poll: numbers that speak for themselves."""
    # "his examination of Coast Guard charts": the head noun, before its "of".
    words = re.split(r"\s+(?:of|from|by|on|in|for)\s+", phrase, maxsplit=1)[0].split()
    return bool(words) and words[-1].lower() in DATA_NOUNS


def attributions(text: str, verbs: re.Pattern[str]) -> list[tuple[int, Speaker]]:
    """Every attribution in the sentence, (position, speaker), in order."""
    out: list[tuple[int, Speaker]] = []
    # "…, citing officials" names a source; "Citing the sanctions, the Treasury barred…"
    # opens with the subject's reason.
    for acc in re.finditer(rf"\b(?:according to|(?<!^)citing)\s+({NAME_RUN}+)", text.strip(),
                           re.I):
        who = _trim(acc.group(1))
        if who and is_noun_phrase(who):
            out.append((acc.start(), Speaker(who)))
        elif who and who.split()[0].lower() in PERSON_PRONOUNS | {"they", "them", "him", "her"}:
            out.append((acc.start(), Speaker(who.split()[0].lower(), pronoun=True)))
    for based in BASED_ON_RE.finditer(text):
        out.append((based.start(), Speaker(based.group(1))))
    for poll in POLL_RE.finditer(text):
        out.append((poll.start(), Speaker(poll.group(1))))
    for agent in AGENT_RE.finditer(text):
        who = _trim(agent.group(1))
        if who and is_noun_phrase(who):
            out.append((agent.start(), Speaker(who)))
    for shown in SHOWED_RE.finditer(text):
        clause = re.split(r"[,;:—–(“”\"]", text[:shown.start()])[-1]
        clause = clause[max([0] + [v.end() for v in verbs.finditer(clause)]):]
        words = TRAILING_TIME_RE.sub("", EARLY_TIME_RE.sub("", clause)).split()
        while words and words[0].lower() in LEADING_FILLER:
            words.pop(0)
        who = " ".join(words)
        if words and words[-1].lower() in DATA_NOUNS and is_noun_phrase(who):
            out.append((shown.start(), Speaker(who)))
    quoted = [(m.start(), m.end()) for m in QUOTE_SPAN_RE.finditer(text)]
    last_verb = 0
    for m in verbs.finditer(text):
        if any(s < m.start() < e for s, e in quoted):
            continue
        if m.group(0).startswith("add") and ADDS_AMOUNT_RE.match(text, m.end()):
            continue  # "sales added 1 billion euros": an increase, not a speaker adding
        if NOT_SPEECH_AFTER_RE.match(text, m.end()) and m.group(0)[:3] in ("add", "cla"):
            continue  # "has added a 271-page book", "has claimed the lives of thousands"
        if m.group(0).endswith("s") and VERB_BEFORE_RE.search(text, 0, m.start()):
            continue  # "officials … denied reports that…": the noun after a verb
        if m.group(0).endswith("s") and m.group(0) != "says" and \
                PREPOSITION_BEFORE_RE.search(text, 0, m.start()):
            continue  # "Even at current estimates, the spill could…": no one estimates
        if not m.group(0).endswith(("ed", "id", "old", "ote")) and \
                POSSESSIVE_BEFORE_RE.search(text, 0, m.start()):
            continue  # "the government's estimate that…": a noun ("an aide of Mo's said" is no)
        if m.group(0).endswith("ed") and m.group(0) not in SPEECH_VERBS and \
                COUNTED_BEFORE_RE.search(text, 0, m.start()):
            by_agent = AGENT_AFTER_RE.match(text, m.end())
            if by_agent and is_noun_phrase(_trim(by_agent.group(1))):
                out.append((m.start(), Speaker(_trim(by_agent.group(1)))))
                continue
            if PARTICIPLE_AFTER_COUNT_RE.match(text, m.end()):
                continue  # "There have been 28,774 infections confirmed in 74 countries"
        if DETERMINER_BEFORE_RE.search(text, 0, m.start()) or (
                m.group(0).endswith("s") and COUNTED_BEFORE_RE.search(text, 0, m.start())):
            continue  # "the report said", "five promissory notes": a noun, not the verb
        if PASSIVE_BEFORE_RE.search(text, 0, m.start()) or \
                (m.group(0) == "said" and SAID_TO_RE.match(text, m.end())):
            continue  # "the toll is estimated at", "people said to be in need": no speaker
        if m.group(0).endswith("s") and m.group(0) != "says" and \
                NOUN_AFTER_RE.match(text, m.end()):
            continue  # "New estimates from a panel said": a plural noun, not the verb
        following = re.match(r"\s+([A-Za-z]+)", text[m.end():])
        if following and m.group(0) not in SPEECH_VERBS and (
                following.group(1).lower() in AUXILIARIES | {"appears", "seems"} or
                          verbs.fullmatch(following.group(1)) or
                          (m.group(0).endswith("s") and m.group(0) != "says" and
                           following.group(1).endswith("ed"))):
            # "Independent estimates have put…", "the BP report appears…", "several coastal
            # states declared…": the word is a noun, the verb comes after it.
            continue
        # A subject is never across another speaker's verb: "X says it believes…" -> "it".
        before, last_verb_start, last_verb = text[last_verb:m.start()], last_verb, m.end()
        before = _without_closing_aside(before)
        # "The official Middle East News Agency (MENA) reports": the name before its acronym.
        before = ACRONYM_BEFORE_RE.sub(" ", before)
        if last_verb_start:
            # "Texas authorities confirmed a case … and California said it had 11": after
            # another speaker's verb, the subject is the one after the conjunction.
            opens = _clause_openings(before, 0, len(before))
            if opens and OBJECT_BEFORE_AND_RE.search(
                    before, opens[-2].end() if len(opens) > 1 else 0, opens[-1].start()):
                before = before[opens[-1].end():]  # not "…say medical records and growth
                # charts indicate", nor "…and Welfare" of "the Institute for Health and Welfare"
        absolute = WITH_SPEAKER_RE.search(before) if m.group(0).endswith("ing") else None
        if absolute and is_noun_phrase(absolute.group(1)):
            out.append((m.start(), Speaker(absolute.group(1), ahead=True)))
            continue
        if m.group(0).endswith("ing") and before.rstrip().endswith(","):
            # "Blinken made a revelation, stating that…": the sentence's subject says it.
            opening = initial_noun_phrase(text)
            if opening:
                out.append((m.start(), Speaker(opening)))
            continue
        # A speaker after the verb only where the words before it end a quotation or a
        # clause ("…, said the ministry"): "X declared … and said the group intended to" says
        # what the group intended, not who said it.
        inverted = not before.strip() or before.rstrip()[-1] in ",\"”'’`"
        found = _subject_before(before) or (
            _subject_after(text[m.end():], m.group(0)) if inverted else None)
        if found is not None:
            out.append((m.start(), found))
    return sorted(out, key=lambda item: item[0])


def _without_closing_aside(before: str) -> str:
    """The words before a verb without the aside that dashes close just before it: "A top
    adviser to Obama--who last month lifted a moratorium, including the Gulf--said": the
    adviser said it, not the aside's last words."""
    dashes = list(re.finditer(r"\s*(?:--|[—–]|\s-\s)\s*", before))
    if len(dashes) >= 2 and not before[dashes[-1].end():].strip():
        return before[:dashes[-2].start()]
    return before


def initial_noun_phrase(text: str) -> str | None:
    """The capitalised name the sentence opens with ("US Secretary of State Antony
    Blinken"), if it is one."""
    words: list[str] = []
    for word in text.split():
        bare = word.strip(",")
        if words and word.endswith("s,") and bare.islower() and bare not in SPEECH_VERBS:
            words.append(bare)  # "Senior White House officials, speaking to…"
            break
        if bare[:1].isupper() or (words and bare.lower() in ("of", "the", "and", "for", "de")) \
                or (words and bare.endswith(("’s", "'s"))):
            words.append(bare)
            if word.endswith(","):
                break
        else:
            break
    while words and words[-1].lower() in ("of", "the", "and", "for", "de"):
        words.pop()
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]  # "Mrs. Obama’s speech…": she is Mrs. Obama
    phrase = " ".join(words)
    if not words or words[0] in ("He", "She", "They", "It", "We", "I", "This", "That", "These",
                                 "Those", "The", "A", "An"):
        return None
    if words[0].lower() in NOT_NAME_WORDS | LEADING_FILLER | NOT_SUBJECT_START or \
            words[0].lower().endswith("ing"):
        return None  # "Last year she…", "Closing the first night, her speech…"
    return phrase if is_noun_phrase(phrase) else None


def _subject_before(before: str) -> Speaker | None:
    relative = RELATIVE_SUBJECT_RE.search(before)
    if relative and is_noun_phrase(relative.group(1).strip()) and \
            relative.group(1).split()[0].lower() not in NOT_SUBJECT_START | LEADING_FILLER:
        # "Vaccine maker Sanofi-Aventis, which says it makes 40 percent…": the relative
        # pronoun stands for the name that opens the clause before its comma (not an
        # apposition's last part: "Larry Flynt, publisher of Hustler, the sex magazine, who").
        return Speaker(relative.group(1).strip())
    # "John Kirby, spokesman for the White House, said": the name, not the title.
    head = re.split(r"[;:—–(“”\"]", before)[-1].split()
    while head and head[-1].lower() in TRAILING_FILLER:
        head.pop()
    if head and head[-1].endswith(","):
        # "…, while Nissin, an instant noodle maker, said": the part after the clause break.
        last = re.split(r",\s+(?=(?:while|whereas|and|but)\s)", " ".join(head))[-1]
        appos = APPOSITION_RE.match(last + " ") or APPOSITION_AFTER_RE.search(last + " ")
    else:
        appos = None
    if appos and is_noun_phrase(appos.group(1)):
        return Speaker(appos.group(1))
    named = _named_in_apposition(before)
    if named is not None:
        return Speaker(named)
    clause = re.split(r",|;|:|—|–|\(|\)|\bthat\b|[“”\"]", before)[-1]
    clause = TRAILING_TIME_RE.sub("", clause)
    words = clause.split()
    while words and not re.search(r"[A-Za-z]", words[0]):
        words.pop(0)  # "'' spokeswoman Caroline Hurford told": a closing quotation mark
    if words:
        words[0] = words[0].lstrip("`'\"“‘")  # "``They said": the pronoun, quoted
    while words and words[-1].lower().strip(",") in TRAILING_FILLER:
        words.pop()
    while words and words[0].lower().strip(",") in LEADING_FILLER:
        words.pop(0)
    if len(words) > 1 and re.fullmatch(r"\d{3,4}", words[0]) and words[1][:1].isupper():
        words.pop(0)  # "1850 The Red Cross says": a live page's time stamp, not the speaker
    inner = [k for k, w in enumerate(words[:-1]) if w.lower() in SUBORDINATORS]
    if inner:
        # "…, after the UN announced that 17…", "The aid arrived as the Disasters Emergency
        # Committee said…": the subject of the clause the verb is in.
        words = words[inner[-1] + 1:]
    if not words:
        return None
    if len(words) == 1:
        # "He's said", "They've reported": the pronoun with its auxiliary.
        words[0] = re.sub(r"['’](?:s|ve|d|ll)$", "", words[0])
    if len(words) == 1 and words[0].lower() in PRONOUNS and not _acronym(words[0]):
        return Speaker(words[0].lower(), pronoun=True)
    if words[-1].lower() in SUBJECT_PRONOUNS and not _acronym(words[-1]):
        # "Bellerive told US network CNN he believed…": the pronoun is the subject.
        return Speaker(words[-1].lower(), pronoun=True)
    verb = next((k for k in range(1, len(words) - 1) if STATEMENT_VERB_RE.fullmatch(
        words[k]) and words[k + 1].lower() in DETERMINERS | {"another"}), None)
    if verb is not None:
        # "The club swiftly released another statement saying": who released it.
        words = [w for w in words[:verb] if not w.lower().endswith("ly")]
        if not words:
            return None
    subject = " ".join(words)
    if words[0].lower() in NOT_SUBJECT_START or not is_noun_phrase(subject):
        return None
    return Speaker(subject)


RELATIVE_SUBJECT_RE = re.compile(r"(?:^|(?<=[;:(“\"]))([^,;:()“”\"]+),\s+(?:which|who)\s+$")
# A verb that puts out words, before its object: "issued a statement saying".
STATEMENT_VERB_RE = re.compile(r"(?:released|issued|published|put\s+out|sent|posted|gave)")


def _named_in_apposition(before: str) -> str | None:
    """The person's name a title stands beside, the commas around it: "his foreign minister,
    Ali Alatas, said", "…, Namanga Ngongi, deputy head of the World Food Program said" (its
    closing comma lost). The name, as a title is no speaker's name."""
    parts = [p.strip() for p in re.split(r"[;:—(“”\"]", before)[-1].split(",")]
    if len(parts) >= 3 and parts[-1] == "" and _person_name(parts[-2]) and \
            _title(parts[-3]):
        return parts[-2]  # "…, his foreign minister, Ali Alatas, said"
    if len(parts) >= 3 and parts[-1] == "" and _the_name(parts[-2]) and _title(parts[-3]):
        return parts[-2]  # "The country's main opposition party, the Muslim Brotherhood, said"
    if len(parts) >= 2 and parts[-1] and parts[-1][0].islower() and \
            parts[-1].split()[0].lower() not in PRONOUNS | NOT_SUBJECT_START | LEADING_FILLER \
            and parts[-1].split()[-1].lower() not in SUBJECT_PRONOUNS and \
            _person_name(parts[-2]):
        return parts[-2]  # "Namanga Ngongi, deputy head of the WFP said"
    return None


def _the_name(phrase: str) -> bool:
    """An organisation's name after "the": "the Muslim Brotherhood", "the Red Cross"."""
    words = phrase.split()
    return 2 <= len(words) <= 6 and words[0] == "the" and all(
        w[:1].isupper() or w in ("of", "for", "and") for w in words[1:]) and \
        words[-1][:1].isupper() and is_noun_phrase(phrase)


def _title(phrase: str) -> bool:
    """A title before a name: "his foreign minister", "A Bavarian Justice Ministry
    spokesman" (not "Bisexual", a list's item)."""
    words = phrase.split()
    return bool(words) and len(words) <= 6 and words[0].lower() in DETERMINERS and \
        not any(w.lower() in AUXILIARIES for w in words)


def _person_name(phrase: str) -> bool:
    words = phrase.split()
    return bool(PERSON_NAME_RE.fullmatch(phrase)) and len(words) <= 4 and not any(
        w.lower().rstrip(".") in NOT_NAME_WORDS for w in words) and is_noun_phrase(phrase)


DAY_AND_MONTH_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday "
                                "january february march april june july august september "
                                "october november december".split())
# Capitalised words that open a sentence or name a time, not a person.
NOT_NAME_WORDS = frozenset("in on at after before last this next since during the a an "
                           "january february march april may june july august september october "
                           "november december monday tuesday wednesday thursday friday saturday "
                           "sunday".split())


def _subject_after(after: str, verb: str = "said") -> Speaker | None:
    # "…, said Governor Jane Smith." / "“…,” said the ministry on Monday."
    m = re.match(rf"\s+((?:the\s+)?(?:{ABBREVIATION}|[A-Za-z]){NAME_RUN}*)", after)
    if not m:
        return None
    titled = re.match(r",\s+(" + PERSON_NAME_RE.pattern + r")\s*(?:[.,;]|$)", after[m.end():])
    if titled and m.group(1).split()[-1][:1].isupper() and _person_name(titled.group(1)):
        return Speaker(titled.group(1).rstrip("."))  # "said Premier League Chief Executive, Richard
        # Scudamore": the name after the title
    words = m.group(1).split()
    cut = []
    for word in words:
        if word.lower() in ("on", "in", "at", "during", "after", "before", "when", "that",
                            "to", "yesterday", "today", "late", "early", "last", "this") or \
                word.lower().strip(",.") in DAY_AND_MONTH_WORDS:
            break  # "said Wednesday that 149…": when it was said, not who said it
        cut.append(word)
    if cut and not (cut[0][:1].isupper() or cut[0].lower() == "the"):
        # "…," said restaurant worker Akira Tanaka: a title in lower case before a name;
        # "…, said scientists.": a plural noun that ends the sentence (after a verb of
        # speech: "five confirmed deaths" is no speaker).
        if verb not in SPEECH_VERBS:
            return None
        named = next((k for k, w in enumerate(cut) if w[:1].isupper()), None)
        ends = len(cut) == len(words) and re.match(r"\s*(?:[.;]|$)", after[m.end():])
        if named is not None and 0 < named <= 3 and all(w[:1].isupper() for w in cut[named:]):
            pass
        elif not (len(cut) == 1 and cut[0].endswith("s") and ends and
                  cut[0].lower() not in PRONOUNS | WH_WORDS | TRAILING_FILLER):
            return None
    if cut and cut[0][:1].isupper():
        # "said Col. Roger Antonio Caceres of the government's task force": a name ends at
        # a function word ("of the", "who"), not at "of Pennsylvania" or a title in it
        # ("Hun Sen aide Prak Sokhon").
        for k in range(1, len(cut)):
            word, after_word = cut[k], cut[k + 1] if k + 1 < len(cut) else ""
            if word in FUNCTION_WORDS and not (word in ("of", "de") and
                                               after_word[:1].isupper()):
                cut = cut[:k]
                break
    subject = " ".join(cut)
    if not cut:
        return None
    return Speaker(subject) if is_noun_phrase(subject) and _head_ok(subject) else None


def _head_ok(phrase: str) -> bool:
    return is_noun_phrase(phrase)


# When the source spoke, after it: "a Gallup poll in late May", "the ministry on 4 March 2011".
SOURCE_TIME_TAIL_RE = re.compile(
    r"\s+(?:in|on|at|during|since|by)\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:\d{1,2}\s+)?"
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?:\s+\d{1,2})?"
    r"(?:,?\s+\d{4})?|\d{4})\s*$")


def _trim(phrase: str) -> str:
    phrase = SOURCE_TIME_TAIL_RE.sub("", phrase)
    words = phrase.split()
    while words and words[-1].lower() in TRAILING_FILLER | FUNCTION_WORDS:
        words.pop()
    return " ".join(words)


def who_says(sentences: tuple[Sentence, ...], index: int, verbs: re.Pattern[str],
             at: int | None = None) -> tuple[str | None, int]:
    """Who says sentence `index`: its own named speaker; else, when it continues a speaker's
    words (a pronoun speaker, "He added", a quotation going on), the named speaker of the
    sentence before it in the same paragraph. Otherwise None: not stated. Also returns the
    index of the sentence the speaker was found in."""
    current = sentences[index]
    own = speaker(current.text, verbs, at)
    if own is not None and not own.pronoun:
        return own.text, index
    if own is None and LIST_ITEM_RE.match(current.text):
        # "According to Ethnos newspaper, the following loans were written off:" and the
        # items under it: the heading's speaker says each of them.
        i = index - 1
        while i >= 0 and LIST_ITEM_RE.match(sentences[i].text):
            i -= 1
        if i >= 0 and sentences[i].text.rstrip().endswith(":"):
            heading = speaker(sentences[i].text, verbs)
            if heading is not None and not heading.pronoun:
                return heading.text, i
    continues = own is not None or bool(CONTINUES_RE.match(current.text)) or _goes_on(
        current.text)
    if not continues:
        return None, index
    for back in range(1, 4):
        i = index - back
        if i < 0:
            break
        before = speaker(sentences[i].text, verbs)
        if before is None:
            if back == 1 and own is not None and own.pronoun:
                # "Seismologists … have revised their figures. They now say …": the pronoun
                # speaks for the named subject of the sentence just before.
                subject = initial_noun_phrase(sentences[i].text)
                if subject and _fits_pronoun(own.text, subject):
                    return subject, i
            if not (CONTINUES_RE.match(sentences[i].text) or _goes_on(sentences[i].text)):
                break  # the chain of one speaker's words is broken
            continue
        if before.pronoun:
            continue  # "It reported… It added…": the chain goes on to its named speaker
        if own is not None and not _fits_pronoun(own.text, before.text):
            break  # "he" cannot be "the ministry"
        return before.text, i
    return None, index


def _goes_on(text: str) -> bool:
    """Does the sentence open with a pronoun for what the one before reported ("These may
    consist of…", "It added…")? Not with a determiner before a noun ("Those economic
    worries…", "This week…")."""
    m = GOES_ON_RE.match(text)
    if m is None:
        return False
    if m.group(0).lower() in ("these", "this", "those", "such"):
        after = re.match(r"\s+([A-Za-z’']+)", text[m.end():])
        return after is None or after.group(1).lower() in AUXILIARIES | POINTING_VERBS
    return True


def _acronym(word: str) -> bool:
    """"WHO had confirmed…", "WHO estimates…": an organisation in capitals, not the pronoun."""
    return len(word) > 1 and word.isupper()


# Verbs right after "these"/"this" used as a pronoun: "These include…", "This means…".
POINTING_VERBS = frozenset("include includes consist consists comprise comprises mean means "
                           "show shows suggest suggests represent represents".split())


def _fits_pronoun(pronoun: str, phrase: str) -> bool:
    if pronoun in PERSON_PRONOUNS:
        return _looks_like_person(phrase)
    if pronoun == "it":
        # "It said 14 staff had died" cannot be "Mr Preval".
        return phrase.split()[0].lower().rstrip(".") not in HONORIFICS
    return True


ORGANISATION_WORDS = frozenset("ministry agency department government office police army "
                               "military company council committee union group media service "
                               "institute authority authorities commission court party bank "
                               "network newspaper agency".split())


def _looks_like_person(phrase: str) -> bool:
    """Could "he" or "she" stand for this speaker? Not for an organisation or a plural."""
    head = phrase.split()[-1].lower().strip(".,")
    return head not in ORGANISATION_WORDS and not (head.endswith("s") and not
                                                    phrase.split()[-1][:1].isupper())
