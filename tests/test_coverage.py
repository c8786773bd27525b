"""The summarizer's solver against the plain integer program, on small random problems."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from briefing.coverage import Coverage, best_cover


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
    """The optimum of Gillick and Favre's integer program (concept and sentence variables),
    solved by HiGHS: the model the summarizer solved before its own search."""
    n, m = len(problem.holds), len(problem.weights)
    cost = np.concatenate([-problem.weights, problem.costs])
    rows = []
    for j, held in enumerate(problem.holds):  # s_j <= c_i: a chosen sentence covers
        for i in held:
            row = np.zeros(m + n)
            row[m + j], row[i] = 1, -1
            rows.append((row, -np.inf, 0))
    for i in range(m):  # c_i <= sum of its sentences
        row = np.zeros(m + n)
        row[i] = 1
        for j, held in enumerate(problem.holds):
            if i in held:
                row[m + j] = -1
        rows.append((row, -np.inf, 0))
    rows.append((np.concatenate([np.zeros(m), problem.lengths]), 0, problem.budget))
    for g in set(problem.groups.tolist()):
        rows.append((np.concatenate([np.zeros(m), (problem.groups == g).astype(float)]), 0, 1))
    constraints = LinearConstraint(np.array([r[0] for r in rows]), [r[1] for r in rows],
                                   [r[2] for r in rows])
    result = milp(cost, constraints=constraints, integrality=np.ones(m + n),
                  bounds=Bounds(0, 1), options={"mip_rel_gap": 0.0})
    assert result.success
    return -float(result.fun)


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
