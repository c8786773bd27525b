"""Digest lines: ranking priors, and lines that lean on the sentence before them."""

from __future__ import annotations

from pathlib import Path

from briefing.config import Config, DigestConfig, Term, TopicConfig
from briefing.corpus import Corpus
from briefing.digest import select_for_topic
from briefing.lines import (
    dangling,
    line_at,
    stands_alone,
    surname_references,
    surnames,
    writer_speaking,
)
from briefing.models import Article, Sentence, SentenceRef
from briefing.ranking import lead_prior, length_prior
from briefing.selection import select
from briefing.voice import quote_balance

TOPIC = TopicConfig(name="Water", description="water supply", terms=(Term("reservoir"),))
FILLER = [f"Council member number {n} spoke about parking rules near the old market hall."
          for n in range(20)]


def article(sentences: list[str]) -> Article:
    return Article(relpath="a.txt", sha256="", title="t", title_derived=False, outlet=None,
                   published=None, url=None, paragraphs=tuple(sentences),
                   sentences=tuple(Sentence(i, 0, s) for i, s in enumerate(sentences)))


def top_line(sentences: list[str]) -> str:
    items = select_for_topic(Config(path=Path(".")), TOPIC, [article(sentences)], 1)
    assert len(items) == 1
    return items[0].text


def test_the_lead_beats_a_later_sentence_that_is_more_central() -> None:
    # The later sentence shares words with the rest of the article, so without the lead
    # prior it would win; both carry the topic's one term.
    early = "The town reservoir fell to a third of its usual level by Monday evening."
    late = "The council said the reservoir near the old market hall fell to a third of its level."
    assert top_line([early, *FILLER[:14], late]) == early


def test_a_full_sentence_beats_a_more_central_fragment() -> None:
    fragment = "The council reservoir near the market hall is low."
    full = ("Engineers said the reservoir that serves both valleys is lower than in any "
            "autumn since records began, and that rationing may start in December.")
    assert top_line([FILLER[0], fragment, full, *FILLER[1:4]]) == full


def test_priors_are_flat_in_the_lead_then_fade_and_length_is_capped() -> None:
    assert lead_prior(0) == lead_prior(2) > lead_prior(3) > lead_prior(12)
    assert lead_prior(12) == 0.5 * lead_prior(0)
    assert length_prior("word " * 10) < length_prior("word " * 30) == length_prior("word " * 80)


def test_lines_that_point_back_are_recognised() -> None:
    for text in ["He added that the dam would hold.",
                 "This warning came after the vote.",
                 "Prior to this, the council met twice.",
                 "The objective was to reassure the farmers before winter.",
                 "The move comes after a week of protests.",
                 "Officials stated this during a briefing.",
                 "“We will not ration water,” in the words of the notice.",
                 "“The rights to water should not be compromised,” he said on Friday.",
                 "The move Monday comes after the agency did the same.",
                 "Immediately, rival councillors piled in with criticism of the plan.",
                 "Soon after, the mayor resigned.",
                 "By contrast, in February the council opened the reservoir gates.",
                 "Each has until Friday to send the council a plan for the reservoir.",
                 "Each of them said the reservoir gates had been opened too late.",
                 "In the valley, Millbrook Reservoir qualifies, he says; it holds a year."]:
        assert dangling(text), text
    for text in ["The reservoir fell to a third of its usual level.",
                 "The objectives of the plan are set out in a report by the council.",
                 "“We will not ration water,” the mayor said.",
                 "Engineers said the move was safe.",
                 "Immediately after the vote, the council closed the reservoir gates.",
                 "In contrast to the mayor, engineers said the reservoir would hold.",
                 "Each year the council opens the reservoir gates in February."]:
        assert not dangling(text), text


def test_a_line_that_points_back_is_shown_with_its_antecedent() -> None:
    lead = "The water minister made an urgent visit to the valley towns on Monday."
    follow = "The objective was to reassure farmers that the reservoir would last the winter."
    items = select_for_topic(Config(path=Path(".")), TOPIC, [article([lead, follow])], 2)
    assert [item.text for item in items] == [f"{lead} {follow}"]
    assert [ref.sentence for ref in items[0].shown] == [0, 1]


def test_lines_whose_subject_was_named_before_point_back() -> None:
    for text in ["The figure represents a 70% increase on the last deal.",
                 "The historic vote paves the way for new rescue loans.",
                 "Already one of the ten largest on record, the revision suggests it was worse.",
                 "The newspaper, which is close to the opposition, reports that money moved.",
                 "Indeed, the trade minister said there could be a small leak.",
                 "Of course, the denials are loud.",
                 "The president added that no one would be exempt from the inquiry.",
                 "The other euro nations will have to get their houses in order.",
                 "Soon enough he was at the lower edge of the school campus.",
                 "Two blocks farther along, at the corner with Wilder, he could see the flat.",
                 "Upon graduation, she returned to Chicago to teach law."]:
        assert dangling(text), text
    for text in ["The figure of 3,000 dead was given by the police.",
                 "The campaign, Joining Forces, supports military families.",
                 "The quake was the fifth largest since 1900.",
                 "When she took the stage on Monday, Michelle Obama spoke of her father.",
                 "As a boy, Obama wrote, he would walk to the beach.",
                 "Investors were angered when it emerged they would lose their savings."]:
        assert not dangling(text), text


def test_a_line_that_only_announces_what_follows_is_not_a_line() -> None:
    intro = "According to a newspaper, the following reservoir loans were written off:"
    fact = "The Millbrook reservoir fell to 18 percent of its capacity on Monday."
    items = select_for_topic(Config(path=Path(".")), TOPIC, [article([intro, fact])], 2)
    assert [item.text for item in items] == [fact]
    # A sentence its page cut off after a comma is no line.
    cut = "The epicentre of the flood was near the Millbrook reservoir, the largest in the valley,"
    items = select_for_topic(Config(path=Path(".")), TOPIC, [article([cut, fact])], 2)
    assert [item.text for item in items] == [fact]
    # An interviewer's words, marked "Q.", are a question even when they end with a period.
    asked = "Q. Earlier this month the water board said the reservoir would stay low for years."
    items = select_for_topic(Config(path=Path(".")), TOPIC, [article([asked, fact])], 2)
    assert [item.text for item in items] == [fact]


def test_a_section_calls_people_by_surname_only_once_they_are_met() -> None:
    names = surnames(["Karolos Papoulias met Antonis Samaras.", "Naoto Kan spoke."])
    assert surname_references("Under the law, Mr Papoulias gave Mr Samaras three days.",
                              names) == {"Papoulias", "Samaras"}
    assert surname_references("The reservoir is safe, Kan said.", names) == {"Kan"}
    assert not surname_references("Naoto Kan said the reservoir is safe.", names)
    assert not surname_references("Michelle Obama travels with her daughters Malia and Sasha.",
                                  surnames(["Sasha Obama and Malia Obama"]))
    bare = "The reservoir will hold until spring, Kan said."
    full = "Prime Minister Naoto Kan opened a new school in the capital on Tuesday."
    corpus = Corpus([article([bare, *FILLER[:3], full])])
    limits = DigestConfig(min_sentence_words=6)
    alone = select(limits, corpus, [(1.0, 0)], 1, 0, names=names)
    assert alone == []
    assert [i.text for i in select(limits, corpus, [(1.0, 0)], 1, 0, names=names,
                                   met=frozenset({"Kan"}))] == [bare]
    both = select(limits, corpus, [(1.0, 0), (0.5, 4)], 2, 0, names=names)
    assert [i.text for i in both] == [bare, full]  # met in the section's own line


def test_places_and_days_are_not_surnames() -> None:
    names = surnames(["Antonis Samaras spoke in Europe.", "The Champions League Europe cup.",
                      "On Good Friday the Greek Orthodox Friday service.", "Samaras's plan."])
    assert names == {"Samaras"}
    # A sentence ending in "in" does not make the next one's first word a place.
    assert surnames(["Maria Callas sang in", "Callas returned."]) == {"Callas"}


def test_a_line_where_the_writer_speaks_is_not_a_line() -> None:
    """Out of its page, nobody can tell who "I" is; a quotation or a named speaker can."""
    writer = ("A few weeks ago at the town meeting, I shared with the council why my street "
              "needs the reservoir water back.")
    quoted = "\"I have never seen the reservoir this low,\" the mayor told the council."
    assert top_line([writer, quoted, *FILLER]) == quoted
    assert writer_speaking(writer) and not writer_speaking(quoted)
    assert not writer_speaking("The mayor told me the reservoir was at its lowest in years.")


def test_a_quotation_over_several_sentences_is_shown_whole_or_not_at_all() -> None:
    opens = ("\"When the reservoir fell, we knew the valley was in trouble,\" the mayor said, "
             "\"and that the council had waited too long.")
    closes = "Nobody wanted to ration water before the reservoir was empty.\""
    cut = ("“The reservoir is our only supply,” the engineer said, “and it has never been "
           "this low in living memory.")
    after = "But the winter rains may come."
    limits = DigestConfig(min_sentence_words=4)
    paragraphs = (opens + " " + closes, cut + " " + after)
    sentences = (Sentence(0, 0, opens), Sentence(1, 0, closes), Sentence(2, 1, cut),
                 Sentence(3, 1, after))
    corpus = Corpus([Article(relpath="a.txt", sha256="", title="t", title_derived=False,
                             outlet=None, published=None, url=None, paragraphs=paragraphs,
                             sentences=sentences)])
    whole = line_at(limits, corpus, 0)
    assert whole is not None and whole.text == f"{opens} {closes}"
    assert whole.covers == {SentenceRef(0, 0), SentenceRef(0, 1)}
    end = line_at(limits, corpus, 1)  # its end: shown from where the quotation opens
    assert end is not None and end.text == f"{opens} {closes}"
    assert line_at(limits, corpus, 2) is None  # never closed in its paragraph
    assert quote_balance(opens) == 1 and quote_balance(closes) == -1
    assert quote_balance("The mayor said \"no\" to rationing.") == 0


def test_a_sentence_that_opens_in_lower_case_is_no_line() -> None:
    """The tail of a sentence its page broke ("officials who toured…", "(djp)") is never a
    line, in a section, the timeline or the overview; a name that opens in lower case is."""
    names = surnames([])
    for tail in ["officials who toured the flooded valley said the reservoir would hold.",
                 "and its threat to the reservoir that serves both valleys in the north.",
                 "(djp)"]:
        corpus = Corpus([article([tail, *FILLER[:3]])])
        assert line_at(DigestConfig(min_sentence_words=1), corpus, 0) is None, tail
        assert not stands_alone(tail, names), tail
    for whole in ["de Klerk said the reservoir that serves both valleys would hold all winter.",
                  "eBay said its reservoir of unsold goods had grown to a third of its stock."]:
        corpus = Corpus([article([whole, *FILLER[:3]])])
        assert line_at(DigestConfig(), corpus, 0) is not None, whole


def test_a_photo_caption_left_in_the_text_is_no_line() -> None:
    """"In this photo released by the council, the mayor talks with…": it speaks of a picture
    the reader does not have; not a line anywhere. A sentence about photos is."""
    names = surnames([])
    for caption in ["In this photo released by the city council, Mayor Ana Lima talks with "
                    "engineers on the old bridge in Harbour City.",
                    "This undated handout image shows the cracked pier of the old bridge in "
                    "Harbour City."]:
        corpus = Corpus([article([caption, *FILLER[:3]])])
        assert line_at(DigestConfig(), corpus, 0) is None, caption
        assert not stands_alone(caption, names), caption
    whole = "Engineers took photos of the cracked pier of the old bridge in Harbour City."
    corpus = Corpus([article([whole, *FILLER[:3]])])
    assert line_at(DigestConfig(), corpus, 0) is not None
    assert stands_alone(whole, names)
