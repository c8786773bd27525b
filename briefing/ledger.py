"""The figures table: claims grouped into rows."""

from __future__ import annotations

import re

from .models import Claim, LedgerRow


def ledger_rows(claims: list[Claim]) -> tuple[LedgerRow, ...]:
    """One row per distinct claim: the same figure from the same source, reported by
    several outlets, is one row citing them all."""
    rows: dict[tuple, list[Claim]] = {}
    for claim in claims:
        who = re.sub(r"^the\s+", "", (claim.who or "").lower())
        noun = claim.counted.lower().split()[-1] if claim.counted else ""
        key = (claim.value, claim.low, claim.high, claim.kind, noun.rstrip("s"), who)
        rows.setdefault(key, []).append(claim)
    return tuple(LedgerRow(group[0], tuple(c.ref for c in group)) for group in rows.values())
