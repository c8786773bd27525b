"""Which topic a sentence is about, and one claim once in the briefing."""

from __future__ import annotations

import datetime as dt

import numpy as np

from briefing.analyze.topics import TopicMatcher
from briefing.config import DigestConfig, Term, TopicConfig
from briefing.corpus import Corpus
from briefing.digest import overview_order, told_thinner
from briefing.lines import full_names, stands_alone, surnames
from briefing.models import Article, Sentence, SentenceRef
from briefing.profiles import _one_topic_each, fit_topics
from briefing.selection import SAME_ARTICLE_CLAIM, SAME_CLAIM, restates, select

NUCLEAR = TopicConfig(name="Nuclear plant", description="The reactors and radiation.",
                      terms=(Term("nuclear"), Term("reactor"), Term("radiation")))
POWER = TopicConfig(name="Power cuts", description="Blackouts and rationed electricity.",
                    terms=(Term("power cuts"), Term("blackout"), Term("electricity")))
SENTENCES = [
    "Engineers at the nuclear plant said the reactor core was still hot on Sunday.",
    "Radiation levels near the nuclear site rose after the reactor lost cooling water.",
    "The nuclear regulator said radiation had not left the reactor building yet.",
    "A second reactor at the nuclear station was shut as radiation monitors alarmed.",
    "Tokyo will see rolling power cuts from Monday as a blackout threatens the grid.",
    "Officials ordered power cuts because electricity supply fell by a quarter.",
    "The blackout hit factories, and electricity rationing could last for weeks.",
    "Households were told to expect power cuts and an evening blackout every day.",
    # Found by "electricity" (Electric, same stem), but about the nuclear plant.
    "Engineers of Tokyo Electric said radiation from the damaged nuclear reactor core rose.",
]


def article(sentences: list[str], published: dt.date | None = None,
            relpath: str = "a.txt") -> Article:
    return Article(relpath=relpath, sha256="", title="t", title_derived=False, outlet=None,
                   published=published, url=None, paragraphs=tuple(sentences),
                   sentences=tuple(Sentence(i, i, s) for i, s in enumerate(sentences)))


def test_a_sentence_belongs_to_the_topic_whose_profile_fits_it_much_better() -> None:
    corpus = Corpus([article(SENTENCES)])
    topics = [NUCLEAR, POWER]
    fits = fit_topics(corpus, topics, [TopicMatcher.build(t) for t in topics], 1.0)
    assert fits.learnt == (True, True)
    assert fits.scores[1][8] >= 1  # the term finds it ...
    assert not fits.about[1][8]  # ... but it is not about power cuts
    assert fits.about[0][8]
    assert all(fits.about[1][4:8]) and all(fits.about[0][:4])


def test_a_sentence_two_topics_claim_goes_to_the_one_it_fits_much_better() -> None:
    """Fits compare against each topic's own best: a narrow topic whose best sentence fits
    its profile at 0.2 fits a 0.1 sentence as well as a broad one fits a 0.5 one."""
    about = [np.array([True, True, True, True]), np.array([True, False, True, True])]
    fits = [np.array([0.5, 0.3, 0.05, 0.1]), np.array([0.1, 0.0, 0.2, 0.04])]
    kept = _one_topic_each(about, fits, [True, True])
    # row 0: 1.0 vs 0.5 of each best; row 2: 0.1 vs 1.0; row 3: 0.2 vs 0.2, both keep it
    assert kept[0].tolist() == [True, True, False, True]
    assert kept[1].tolist() == [False, False, True, True]
    assert _one_topic_each(about, fits, [True, False]) is about  # unlearnt: no contest


def test_stem_twins_are_one_term() -> None:
    m = TopicMatcher.build(TopicConfig(name="t", description="", terms=(
        Term("signed"), Term("signing"), Term("striker"))))
    assert m.distinct_terms("The club signed a new striker.") == 2
    assert m.score("A three-year extension has been signed.") == 1


def test_a_claim_shown_elsewhere_is_not_shown_again_in_other_words() -> None:
    said = "Michelle Obama is the cover girl for the March edition of fashion magazine Vogue."
    again = "Michelle Obama graces the cover of next month's Vogue fashion magazine."
    other = "Michelle Obama spoke to voters about schools and jobs at a rally in Ohio."
    corpus = Corpus([article([said, again, other])])
    candidates = [(1.0, 1), (0.9, 2)]
    limits = DigestConfig(min_sentence_words=6)
    free = select(limits, corpus, candidates, 1, 0)
    assert [i.text for i in free] == [again]
    taken = frozenset({SentenceRef(0, 0)})
    assert [i.text for i in select(limits, corpus, candidates, 1, 0, taken)] == [other]


def test_overview_lines_stand_alone() -> None:
    names = surnames(["Ana Kovač met the mayor.", "Antonis Samaras won the vote.",
                      "The Bank of Cyprus and Laiki Bank fell, the bank said."])
    for text in ["Kovač had two brothers, the police said on Monday.",
                 "Mr. Samaras said the vote was a victory for the country.",
                 "The company in question has firmly denied the reports.",
                 "The list includes the names of politicians from the biggest parties.",
                 "The first lady is not playing it safe with this work.",
                 "Spain, too, is in a deep recession after years of cuts.",
                 "Like their mother, the girls were born on the South Side.",
                 "In South Carolina, she had lived on an estate with 21 slaves.",
                 "Each of us lives a life of contradictory truths, the author says.",
                 "– Former MP: €39,000 loan written off",
                 "Before, nobody could think it possible.''",
                 "Before Berlin lectures Madrid about its budget, it must make an effort itself.",
                 "Union leader Ana Kovač said she was unsatisfied with the guarantee.",
                 "Farmers across the valley rejected the proposal on Tuesday.",
                 "Rescuers were praised, although 1,000 people died in that flood.",
                 "In the valley, three attempts to pass such laws have failed.",
                 "Such a merger would form the largest bank in the country.",
                 '"Ana told me to close the gate" of the farm before the storm.',
                 "_ The details of Ana Lima's loans from the Bank of Cyprus and the Laiki Bank."]:
        assert not stands_alone(text, names), text
    for text in ["Antonis Samaras said the vote was a victory for the country.",
                 "The first TV deal of the Premier League era was worth £304m.",
                 "Japan is facing its greatest crisis since the second world war.",
                 "Bank deposits fell by a third in March, officials said.",
                 "Richard Scudamore, the league's chief, says he is in a privileged position.",
                 "Greece must repay 14 billion euros by March, the finance ministry said.",
                 "Farmers across the valley rejected the proposal for a new dam on Tuesday.",
                 "Union leader Ana Kovač said the agreement with the mayor would hold.",
                 "Engineers said that the dam held in the flood of 1976, the worst on record.",
                 "Mayors in states such as Ohio asked for new laws against hate crimes.",
                 "The flood of 1976 was of such size that the dam nearly broke.",
                 "The mayor of Springfield said there is no such thing as a free lunch."]:
        assert stands_alone(text, names), text


def test_overview_reads_in_date_order_when_dated_else_the_event_first() -> None:
    old = article(["Flooding closed the main bridge into the old town on Monday."],
                  dt.date(2025, 3, 1), "old.txt")
    new = article(["The main bridge into the old town reopened after flooding eased."],
                  dt.date(2025, 3, 4), "new.txt")
    corpus = Corpus([new, old])
    refs = [SentenceRef(0, 0), SentenceRef(1, 0)]
    assert overview_order(corpus, refs) == [SentenceRef(1, 0), SentenceRef(0, 0)]
    side = article(["A museum in a nearby village opened a new wing for paintings."])
    main = article(["Flooding closed the main bridge into the old town, and flooding "
                    "closed the main road to the old town."])
    third = article(["Flooding near the main bridge into the old town forced families out."])
    corpus = Corpus([side, main, third])
    order = overview_order(corpus, [SentenceRef(0, 0), SentenceRef(1, 0), SentenceRef(2, 0)])
    assert order[-1] == SentenceRef(0, 0)  # the side story goes after the event




def test_the_same_words_with_other_numbers_are_another_claim() -> None:
    shown = "The harbour authority in Valencia said 15 ships were waiting outside the port."
    other = "The harbour authority in Genoa said 40 ships were waiting outside the port."
    update = "The harbour authority in Valencia said 15 ships, up from 12, were waiting outside."
    corpus = Corpus([article([shown, other, update])])
    assert not restates(corpus, 1, [0])
    assert restates(corpus, 2, [0])


CALM = ["Rescue teams reached the coastal towns of the north on Sunday morning.",
        "Schools in the capital stayed closed while engineers checked the buildings.",
        "Trains between the two largest cities ran again after a day without service.",
        "The prime minister visited the shelters and thanked the volunteers there."]
LEAD = ("A state of emergency was declared at the nuclear plant, where pressure had exceeded "
        "normal levels.")
DETAIL = "Officials said pressure in the plant was running much higher than normal."


def test_an_article_that_details_its_own_lead_restates_it() -> None:
    # The same words from another article are not enough: outlets share vocabulary.
    corpus = Corpus([article([LEAD, DETAIL, *CALM]), article([DETAIL, *CALM[:2]], None, "b.txt")])
    assert restates(corpus, 1, [0])
    assert not restates(corpus, corpus.row_of[SentenceRef(1, 0)], [0])
    assert not restates(corpus, 1, [0], within_article=False)


def test_another_outlet_saying_it_in_other_words_restates_it() -> None:
    upgraded = ("The Geological Survey has upgraded the magnitude of Friday's deadly earthquake "
                "to 9.0.")
    revised = ("Seismologists at the Geological Survey in California have just revised their "
               "calculations of the magnitude.")
    corpus = Corpus([article([upgraded, *CALM]), article([revised, *CALM[:2]], None, "b.txt")])
    assert restates(corpus, corpus.row_of[SentenceRef(1, 0)], [0])


def test_lines_sharing_only_names_or_adding_a_figure_are_other_claims() -> None:
    title = "Barack Obama is the President of the United States and lives in Washington."
    belief = ("President Obama believes in the power of the United States to unite people "
              "around shared purpose and hope.")
    kept = "Rationing spread to four more towns as the Millbrook reservoir kept falling again."
    figure = "Engineers said the reservoir kept falling, to 17 percent of its capacity."
    corpus = Corpus([article([title, belief, kept, figure, *CALM])])
    assert corpus.shared_words([1], [0])[0, 0] >= 0.3  # the lower bar alone would merge them
    assert not restates(corpus, 1, [0])
    assert corpus.shared_words([3], [2])[0, 0] >= 0.3
    assert not restates(corpus, 3, [2])


def test_a_section_does_not_say_one_claim_twice() -> None:
    people = ("Michelle Obama was named by People magazine among the ten women of the year who "
              "dress best, beside actresses and singers.")
    bargain = ("Michelle Obama admits she is a bargain hunter, and her style has made People "
               "magazine's best dressed list.")
    other = "Michelle Obama spoke to voters about schools and jobs at a rally in Ohio."
    corpus = Corpus([article([people, *CALM]), article([bargain, other], None, "b.txt")])
    rows = [corpus.row_of[SentenceRef(1, 0)], 0, corpus.row_of[SentenceRef(1, 1)]]
    assert corpus.similarity(rows[:1], rows[1:2])[0, 0] < 0.3  # not a near-duplicate
    chosen = select(DigestConfig(min_sentence_words=6), corpus,
                    [(1.0, rows[0]), (0.9, rows[1]), (0.5, rows[2])], 2, 0)
    assert [i.text for i in chosen] == [bargain, other]


def test_a_year_is_not_a_figure_of_its_own() -> None:
    cover = ("Michelle Obama graces the cover of Vogue, the second first lady to appear on the "
             "front of the magazine.")
    again = ("Every first lady since the 1930s was in Vogue, but few made its cover: she is "
             "only the second presidential wife on it.")
    corpus = Corpus([article([cover, again, *CALM])])
    assert SAME_ARTICLE_CLAIM <= corpus.shared_words([1], [0])[0, 0] < SAME_CLAIM
    assert restates(corpus, 1, [0])


def test_the_overview_takes_the_fuller_telling_of_a_deck() -> None:
    """A deck ("Ruling party claims…") that the body says again with names (which party,
    with whom) leaves the overview to the body's sentence: a newcomer needs to know who."""
    deck = ("Ruling party claims to have preliminary agreement with farmers to form "
            "\"council of water salvation\".")
    body = ("The New Harbour Party, which came first in the vote, said it had struck a "
            "preliminary agreement with the Valley Farmers Union to form \"a council of water "
            "salvation\" for the reservoir.")
    other = "Rain fell on the northern hills on Tuesday, the first in eleven weeks."
    corpus = Corpus([article([deck, other, body])])
    assert told_thinner(corpus, [0, 1, 2]) == {0}
    assert told_thinner(corpus, [0, 1]) == set()  # the fuller telling must be a candidate
    assert full_names("Leaders of New Democracy met.") == {"Democracy"}
