"""Topic terms: stems, phrases, acronyms, weights and exclusions."""

from __future__ import annotations

from briefing.analyze.topics import TopicMatcher
from briefing.config import Term, TopicConfig


def matcher(terms: list[Term], exclude: tuple[str, ...] = ()) -> TopicMatcher:
    return TopicMatcher.build(TopicConfig(name="t", description="water supply for towns",
                                          terms=tuple(terms), exclude=exclude))


def test_plurals_and_possessives_match_by_stem() -> None:
    m = matcher([Term("reservoir"), Term("farmer")])
    assert m.score("The reservoirs are low.") == 1
    assert m.score("A farmer's field dried up near the reservoir.") == 2


def test_phrases_must_be_consecutive() -> None:
    m = matcher([Term("water authority")])
    assert m.score("The regional water authority said so.") == 1
    assert m.score("The authority said the water was safe.") == 0


def test_acronyms_are_case_sensitive_and_dotted_forms_match() -> None:
    m = matcher([Term("US")])
    assert m.score("The U.S. responded.") == 1
    assert m.score("The US responded.") == 1
    assert m.score("Let us respond.") == 0


def test_weights_add_and_exclusions_veto() -> None:
    m = matcher([Term("rationing", 2.0), Term("tanker")], exclude=("football",))
    assert m.score("Rationing began and a tanker arrived.") == 3.0
    assert m.score("Rationing of football tickets began.") == 0


def test_affinity_uses_the_description() -> None:
    m = matcher([Term("x")])
    assert m.affinity("Supply to the towns resumed.") > m.affinity("Nothing related here.")


def test_who_says_it_is_not_what_the_sentence_is_about() -> None:
    family = TopicMatcher.build(TopicConfig(name="Family", description="", terms=(
        Term("mother"), Term("White House"))))
    assert family.score("The twins were pictured in their class yearbooks, their mother said.") == 0
    assert family.score("The visit is going ahead, the White House said on Friday.") == 0
    assert family.score("Their mother said the twins were pictured in their yearbooks.") == 1
    assert family.distinct_terms("His mother moved to Jakarta, the White House said.") == 1


def test_found_by_each_is_each_matchers_found() -> None:
    from briefing.analyze.topics import found_by_each

    first = matcher([Term("rationing", 2.0), Term("tanker")], exclude=("football",))
    second = matcher([Term("US"), Term("water authority")])
    texts = ["Rationing began and a tanker arrived.", "Rationing of football tickets began.",
             "The U.S. water authority said so, a tanker driver said.", "Nothing here.", ""]
    assert found_by_each([first, second], texts) == [
        [first.found(t) for t in texts], [second.found(t) for t in texts]]
    assert found_by_each([first, second], texts)[0][:3] == [(2.0, 1.0), (), ()]
