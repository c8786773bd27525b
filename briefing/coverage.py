"""Budgeted concept coverage, solved exactly by branch and bound (the summarizer's solver)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np


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


def best_cover(problem: Coverage, time_limit: float = 10.0) -> tuple[list[int], bool]:
    """The chosen candidates (sorted) and whether they are proven best.

    Depth-first search over sets in the order of gain per word: a node's children add one
    candidate each, the i-th excluding those before it, so every set is met once. A child
    is skipped when even a fractional knapsack of the remaining candidates' gains (their
    weight not yet covered, minus cost: an upper bound, since coverage is submodular) cannot
    beat the best set found, or tie it. The search starts from the best single candidate and
    its first dive is the greedy solution (best gain per word that fits), so one stopped by
    time_limit (CPU seconds) still returns the better of the two (Lin & Bilmes' greedy)."""
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
        nonlocal stopped, children
        consider(value, chosen)
        if not len(pool):
            return
        ratio = gains / lengths[pool]
        order = np.argsort(-ratio, kind="stable")
        pool, gains, ratio = pool[order], gains[order], ratio[order]
        # The bound of the children from the k-th on: the gains from k on, taken whole
        # while they fit, then a fraction of the next.
        ends = np.concatenate([[0.0], np.cumsum(lengths[pool])])
        sums = np.concatenate([[0.0], np.cumsum(gains)])
        last = np.searchsorted(ends, ends[:-1] + room, side="right") - 1
        left = room - (ends[last] - ends[:-1])
        part = np.where(last < len(pool), left * ratio[np.minimum(last, len(pool) - 1)], 0.0)
        bounds = value + sums[last] - sums[:-1] + part
        for k in range(len(pool)):
            if bounds[k] < best_value - tol:
                return  # the bounds only fall with k
            if k:
                # The clock is a system call: read it every 64 children (a few ms at most).
                children += 1
                if stopped or (children % 64 == 0 and time.process_time() > deadline):
                    stopped = True
                    return
            j = pool[k]
            own = occ_concept[starts[j]:starts[j + 1]]
            new = own[uncovered[own]]
            rest = pool[k + 1:]
            taken = np.zeros(n)
            for c in new:
                taken[holder[holder_starts[c]:holder_starts[c + 1]]] += weights[c]
            rest_gains = gains[k + 1:] - taken[rest]
            rest_room = room - lengths[j]
            keep = (rest_gains > 0) & (lengths[rest] <= rest_room) & (groups[rest] != groups[j])
            still = uncovered.copy()
            still[new] = False
            chosen.append(int(j))
            visit(rest[keep], rest_gains[keep], value + gains[k], rest_room, still)
            chosen.pop()

    if len(pool):  # the best single candidate: with the greedy one, half the optimum at worst
        top = int(pool[np.argmax(gains[pool])])
        consider(float(gains[top]), [top])
    visit(pool, gains[pool], 0.0, float(problem.budget), np.ones(m, dtype=bool))
    return sorted(best), not stopped
