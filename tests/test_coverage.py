"""The summarizer's solver against the plain integer program, on small random problems."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.coverage import Coverage, best_cover, ilp_cover, solve


@st.composite
def problems(draw: st.DrawFn) -> Coverage:
    n = draw(st.integers(1, 10))
    m = draw(st.integers(1, 8))
    holds = [np.array(sorted(draw(st.sets(st.integers(0, m - 1), max_size=4))), dtype=np.int64)
             for _ in range(n)]
    # Weights as the summarizer's are (document counts squared, a lead share, a discount),
    # some equal so that ties happen.
    weights = np.array([draw(st.sampled_from([1.0, 2.4, 4.0, 9.0, 9.0, 16.0, 31.3]))
                        for _ in range(m)])
    lengths = np.array([draw(st.integers(1, 12)) for _ in range(n)], dtype=float)
    costs = np.array([0.01 * (2.0 - 1.0 / (1 + draw(st.integers(0, 5)))) for _ in range(n)])
    # Whole and shortened forms of a sentence share a group.
    groups = np.array([draw(st.integers(0, n - 1)) for _ in range(n)], dtype=np.int64)
    ranks = np.array(draw(st.permutations(range(n))), dtype=np.int64)
    budget = float(draw(st.integers(0, 30)))
    return Coverage(holds, weights, lengths, costs, groups, ranks, budget)


def plain_ilp(problem: Coverage) -> float:
    """The optimum of Gillick and Favre's integer program, solved by HiGHS: the model the
    summarizer solved before its own search."""
    chosen = ilp_cover(problem)
    assert chosen is not None
    return problem.value(chosen)


def feasible(problem: Coverage, chosen: list[int]) -> bool:
    groups = problem.groups[chosen].tolist()
    return problem.lengths[chosen].sum() <= problem.budget and len(set(groups)) == len(groups)


@settings(max_examples=150, deadline=None)
@given(problems())
def test_the_search_finds_the_integer_programs_optimum(problem: Coverage) -> None:
    chosen, proven = best_cover(problem)
    assert proven and feasible(problem, chosen)
    assert abs(problem.value(chosen) - plain_ilp(problem)) < 1e-6


@settings(max_examples=150, deadline=None)
@given(problems())
def test_out_of_time_the_summary_is_still_the_greedy_one_or_better(problem: Coverage) -> None:
    chosen, _ = best_cover(problem, time_limit=0.0)
    assert feasible(problem, chosen)
    # Never empty while some candidate fits and is worth its cost.
    worth = [j for j in range(len(problem.holds))
             if problem.lengths[j] <= problem.budget and problem.value([j]) > 0]
    assert bool(chosen) == bool(worth)
    assert problem.value(chosen) >= max((problem.value([j]) for j in worth), default=0.0) \
        or len(chosen) > 1


def test_of_equal_summaries_the_preferred_ranks_win() -> None:
    # Two sentences, each with a whole form (8 words) and a shortened one (6 words) of the
    # same concepts; 14 words fit one whole and one shortened: which one is shortened is a
    # tie of worth, and the earlier sentence (lower ranks) keeps its whole form.
    holds = [np.array([0]), np.array([0]), np.array([1]), np.array([1])]
    problem = Coverage(holds, np.array([4.0, 4.0]), np.array([8.0, 6.0, 8.0, 6.0]),
                       np.full(4, 0.01), np.array([0, 0, 1, 1]), np.array([0, 1, 2, 3]), 14.0)
    assert best_cover(problem)[0] == [0, 3]
    reversed_ranks = Coverage(holds, problem.weights, problem.lengths, problem.costs,
                              problem.groups, np.array([2, 3, 0, 1]), 14.0)
    assert best_cover(reversed_ranks)[0] == [1, 2]


def test_a_search_past_its_node_limit_is_solved_by_the_integer_program() -> None:
    # The greedy summary (best gain per word first: 0, then 1) and the best single candidate
    # both miss the optimum (0 and 2); with no branching allowed the search stops at them,
    # and the integer program finds it.
    problem = Coverage([np.array([1, 3]), np.array([0, 3]), np.array([0, 1, 2]), np.array([1]),
                        np.array([2])], np.array([16.0, 16.0, 1.0, 16.0]),
                       np.array([1.0, 6.0, 8.0, 6.0, 7.0]), np.full(5, 0.01), np.arange(5),
                       np.arange(5), 11.0)
    assert best_cover(problem, node_limit=0) == ([0, 1], False)
    assert solve(problem, node_limit=0) == [0, 2]
    assert ilp_cover(problem) == [0, 2]
    assert solve(problem) == [0, 2]
