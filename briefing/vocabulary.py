"""An edition's TF-IDF features, numbered alphabetically, held compactly.

At 10,000 articles an edition has about a million distinct features (stems and pairs of
stems), and a dict of them costs about 140 bytes a feature (the string objects and the
table); here they are one UTF-8 buffer and the offset where each ends, about 25 bytes a
feature. A feature's number is found by binary search: the edition asks for a few thousand
(the topics' profiles, the candidates' rare phrases), never for all of them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping


def _encode(feature: str) -> bytes:
    # UTF-8 bytes sort as the code points do ("surrogatepass": as str's order, even for a
    # lone surrogate), so the buffer is in the order sorted() gives the strings.
    return feature.encode("utf-8", "surrogatepass")


class Vocabulary(Mapping[str, int]):
    """feature -> its number, for features given in sorted order (numbered 0, 1, ...)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._buffer = bytearray()
        self._ends = array("q")  # where each feature's bytes end in the buffer
        for name in names:
            self._buffer += _encode(name)
            self._ends.append(len(self._buffer))

    def _bytes(self, number: int) -> bytes | bytearray:
        start = self._ends[number - 1] if number else 0
        return self._buffer[start:self._ends[number]]

    def __getitem__(self, feature: str) -> int:
        key = _encode(feature)
        low, high = 0, len(self._ends)
        while low < high:
            middle = (low + high) // 2
            if self._bytes(middle) < key:
                low = middle + 1
            else:
                high = middle
        if low < len(self._ends) and self._bytes(low) == key:
            return low
        raise KeyError(feature)

    def __contains__(self, feature: object) -> bool:
        if not isinstance(feature, str):
            return False
        try:
            self[feature]
        except KeyError:
            return False
        return True

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self) -> Iterator[str]:
        for number in range(len(self._ends)):
            yield self._bytes(number).decode("utf-8", "surrogatepass")
