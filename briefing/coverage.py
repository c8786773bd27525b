"""Budgeted concept coverage, solved exactly by branch and bound (the summarizer's solver)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix


@dataclass(frozen=True)
class Coverage:
    """The problem: pick candidates, at most one per group, whose lengths sum to at most
    budget, to maximise the weight of the concepts they hold (each concept counted once)
    minus their costs; among sets of equal worth, the one whose candidates come first by
    `ranks` (their sorted ranks compared in order).

    `holds[j]` are candidate j's concept numbers (indices into `weights`); `ranks` are
    distinct."""

    holds: list[np.ndarray]
    weights: np.ndarray
    lengths: np.ndarray
    costs: np.ndarray
    groups: np.ndarray
    ranks: np.ndarray
    budget: float

    def value(self, chosen: list[int]) -> float:
        """Covered weight minus costs of a set of candidates."""
        if not chosen:
            return 0.0
        covered = np.unique(np.concatenate([self.holds[j] for j in chosen]))
        return float(self.weights[covered].sum() - self.costs[chosen].sum())


def best_cover(problem: Coverage, time_limit: float = 10.0,
               node_limit: int | None = None) -> tuple[list[int], bool]:
    """The chosen candidates (sorted) and whether they are proven best (False when stopped
    by time_limit, CPU seconds, or after node_limit children).

    Depth-first search over sets in the order of gain per word: a node's children add one
    candidate each, the i-th excluding those before it, so every set is met once. A child
    is skipped when even a fractional knapsack of the remaining candidates' gains (their
    weight not yet covered, minus cost: an upper bound, since coverage is submodular) cannot
    beat the best set found, or tie it. The search starts from the best single candidate and
    its first dive is the greedy solution (best gain per word that fits), so one stopped by
    time_limit still returns the better of the two (Lin & Bilmes' greedy)."""
    n, m = len(problem.holds), len(problem.weights)
    weights, lengths, costs, groups = problem.weights, problem.lengths, problem.costs, \
        problem.groups
    sizes = np.array([len(h) for h in problem.holds], dtype=np.int64)
    occ_cand = np.repeat(np.arange(n), sizes)
    occ_concept = np.concatenate(problem.holds).astype(np.int64) if n else \
        np.zeros(0, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    # Each concept's holders, for the gains a newly covered concept takes away.
    by_concept = np.argsort(occ_concept, kind="stable")
    holder = occ_cand[by_concept]
    holder_starts = np.searchsorted(occ_concept[by_concept], np.arange(m + 1))
    gains = np.bincount(occ_cand, weights=weights[occ_concept], minlength=n) - costs
    shared: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def sharing(j: int) -> tuple[np.ndarray, np.ndarray]:
        """(holder, concept) for each holder of each of candidate j's concepts, in the
        order of j's concepts: one bincount then gives the weight j takes from every other
        candidate (one indexed add per concept was most of a node's time)."""
        got = shared.get(j)
        if got is None:
            own = occ_concept[starts[j]:starts[j + 1]]
            lo, counts = holder_starts[own], holder_starts[own + 1] - holder_starts[own]
            at = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
            got = shared[j] = (holder[at], np.repeat(own, counts))
        return got

    pool = np.flatnonzero((gains > 0) & (lengths <= problem.budget))
    # Sets of equal worth reached in different orders may differ in the last bits of their
    # float sums: values this close are equal, and the ranks decide between them.
    tol = 1e-11 * (1.0 + float(weights.sum()))
    deadline = time.process_time() + time_limit
    best_value, best, best_key = 0.0, [], ()
    chosen: list[int] = []
    stopped = False
    children = 0

    def consider(value: float, chosen: list[int]) -> None:
        nonlocal best_value, best, best_key
        if value > best_value - tol:
            key = tuple(sorted(problem.ranks[chosen].tolist()))
            if value > best_value + tol or key < best_key:
                best_value, best, best_key = value, list(chosen), key

    def visit(pool: np.ndarray, gains: np.ndarray, value: float, room: float,
              uncovered: np.ndarray) -> None:
        # `uncovered` is changed for a child's visit and put back after it (no copies).
        nonlocal stopped, children
        consider(value, chosen)
        size = len(pool)
        if not size:
            return
        spans = lengths[pool]
        ratio = gains / spans
        order = np.argsort(-ratio, kind="stable")
        pool, gains, spans = pool[order], gains[order], spans[order]
        # The bound of the children from the k-th on: the gains from k on, taken whole
        # while they fit, then a fraction of the next (a ratio of 0 past the last).
        ratios = np.zeros(size + 1)
        ratios[:size] = ratio[order]
        ends = np.zeros(size + 1)
        np.cumsum(spans, out=ends[1:])
        sums = np.zeros(size + 1)
        np.cumsum(gains, out=sums[1:])
        last = np.searchsorted(ends, ends[:-1] + room, side="right") - 1
        part = (room - (ends[last] - ends[:-1])) * ratios[last]
        bounds = (value + sums[last] - sums[:-1] + part).tolist()
        for k in range(size):
            if bounds[k] < best_value - tol:
                return  # the bounds only fall with k
            if k:
                # The clock is a system call: read it every 64 children (a few ms at most).
                children += 1
                if stopped or (children % 64 == 0 and time.process_time() > deadline) \
                        or (node_limit is not None and children > node_limit):
                    stopped = True
                    return
            j = int(pool[k])
            own = occ_concept[starts[j]:starts[j + 1]]
            new = own[uncovered[own]]
            rest = pool[k + 1:]
            others, concepts = sharing(j)
            hit = uncovered[concepts]
            taken = np.bincount(others[hit], weights=weights[concepts[hit]], minlength=n)
            rest_gains = gains[k + 1:] - taken[rest]
            rest_room = room - spans[k]
            keep = (rest_gains > 0) & (spans[k + 1:] <= rest_room) & (groups[rest] != groups[j])
            uncovered[new] = False
            chosen.append(j)
            visit(rest[keep], rest_gains[keep], value + gains[k], rest_room, uncovered)
            chosen.pop()
            uncovered[new] = True

    if len(pool):  # the best single candidate: with the greedy one, half the optimum at worst
        top = int(pool[np.argmax(gains[pool])])
        consider(float(gains[top]), [top])
    visit(pool, gains[pool], 0.0, float(problem.budget), np.ones(m, dtype=bool))
    return sorted(best), not stopped


def solve(problem: Coverage, time_limit: float = 10.0, node_limit: int = 5_000) -> list[int]:
    """The best set of candidates: by the search when it proves its optimum within
    node_limit branchings, else by HiGHS (the search's set when HiGHS finds none better,
    which is never less than the greedy one)."""
    start = time.process_time()
    chosen, proven = best_cover(problem, time_limit, node_limit)
    if proven:
        return chosen
    exact = ilp_cover(problem, max(time_limit - (time.process_time() - start), 0.0))
    tol = 1e-9 * (1.0 + float(problem.weights.sum()))
    if exact is not None and problem.value(exact) > problem.value(chosen) + tol:
        return exact
    return chosen


def ilp_cover(problem: Coverage, time_limit: float = 10.0) -> list[int] | None:
    """The optimum by Gillick & Favre's integer program, solved by HiGHS (sorted; ties as
    HiGHS meets them), or its best solution when stopped by time_limit (None if it has none).

    Kept for the problems the search's bound is weak on: long summaries, where many
    sentences share the concepts (at 250 words it can take seconds where HiGHS takes
    a fraction of one)."""
    n, m = len(problem.holds), len(problem.weights)
    sizes = [len(h) for h in problem.holds]
    occ_concept = np.concatenate(problem.holds).astype(np.int64) if n else np.zeros(0, int)
    occ_cand = np.repeat(np.arange(n), sizes)
    k = len(occ_concept)
    # Variables: concepts c_0..c_{m-1}, then candidates s_0..s_{n-1}.
    cost = np.concatenate([-problem.weights, problem.costs])
    # s_j - c_i <= 0 for each occurrence: picking a candidate switches its concepts on;
    # c_i - sum_j s_j <= 0: a concept counts only if a chosen candidate has it.
    rows = np.concatenate([np.arange(k), np.arange(k), k + np.arange(m), k + occ_concept])
    cols = np.concatenate([m + occ_cand, occ_concept, np.arange(m), m + occ_cand])
    vals = np.concatenate([np.ones(k), -np.ones(k), np.ones(m), -np.ones(k)])
    cover = coo_matrix((vals, (rows, cols)), shape=(k + m, m + n)).tocsr()
    length = coo_matrix((problem.lengths, (np.zeros(n, dtype=int), m + np.arange(n))),
                        shape=(1, m + n)).tocsr()
    # At most one candidate of each group.
    group_rows = np.unique(problem.groups, return_inverse=True)[1]
    one = coo_matrix((np.ones(n), (group_rows, m + np.arange(n))),
                     shape=(int(group_rows.max(initial=0)) + 1, m + n)).tocsr()
    constraints = [LinearConstraint(cover, -np.inf, 0),
                   LinearConstraint(length, 0, problem.budget),
                   LinearConstraint(one, 0, 1)]
    # No relative gap: HiGHS's default stops within 0.01% of the optimum, more than the
    # sentence costs.
    result = milp(cost, constraints=constraints, integrality=np.ones(m + n),
                  bounds=Bounds(0, 1), options={"time_limit": time_limit, "mip_rel_gap": 0.0})
    if result.x is None:
        return None
    return [j for j in range(n) if result.x[m + j] > 0.5]
