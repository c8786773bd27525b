"""An edition's TF-IDF features, numbered in the order of their hashes (words.py).

At 10,000 articles an edition has about a million distinct features (stems and pairs of
stems): held as one sorted array of their 8-byte hashes, not as strings. A feature's number
is found by hashing it and a binary search: the edition asks for a few thousand (the topics'
profiles, the candidates' rare phrases), never for all of them.
"""

from __future__ import annotations

import numpy as np

from .words import feature_hash


class HashedVocabulary:
    """feature -> its number, for features given as their sorted, distinct hashes."""

    def __init__(self, hashes: np.ndarray) -> None:
        self._hashes = hashes

    def get(self, feature: str, default: int | None = None) -> int | None:
        hashed = feature_hash(feature)
        if hashed is None:
            return default
        wanted = np.uint64(hashed)
        at = int(np.searchsorted(self._hashes, wanted))
        if at < len(self._hashes) and self._hashes[at] == wanted:
            return at
        return default

    def __getitem__(self, feature: str) -> int:
        at = self.get(feature)
        if at is None:
            raise KeyError(feature)
        return at

    def __contains__(self, feature: object) -> bool:
        return isinstance(feature, str) and self.get(feature) is not None

    def __len__(self) -> int:
        return len(self._hashes)
