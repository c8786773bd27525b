"""The edition's sentences as TF-IDF vectors: similarity and centrality."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, diags
from sklearn.feature_extraction.text import TfidfTransformer

from .analyze.text import analyzer, content_stems, tokens
from .models import Article, SentenceRef
from .vocabulary import Vocabulary
from .voice import in_writers_voice


class Corpus:
    """All sentences of an edition with their TF-IDF vectors and centrality."""

    def __init__(self, articles: list[Article], only: set[SentenceRef] | None = None):
        """`only`: vectorize just these sentences (the rows are then only these)."""
        self.articles = articles
        self.refs = [SentenceRef(a, s.index) for a, art in enumerate(articles)
                     for s in art.sentences]
        if only is not None:
            self.refs = [r for r in self.refs if r in only]
        self.texts = [articles[r.article].sentences[r.sentence].text for r in self.refs]
        self.row_of = {r: i for i, r in enumerate(self.refs)}
        # As sklearn's TfidfVectorizer(analyzer=analyzer, sublinear_tf=True) would, number for
        # number; the counting is done here (see count_features), the weighting by sklearn.
        self.vocabulary, counts = count_features(analyzer(t) for t in self.texts)  # one by one
        self._tfidf = TfidfTransformer(sublinear_tf=True)
        self.matrix: csr_matrix | None = None
        if self.texts and self.vocabulary:
            self._tfidf.fit(counts)
            self.matrix = self._tfidf.transform(counts, copy=False)
        self.centrality = self._centrality()
        self._words: csr_matrix | None = None
        self._phrase_df: np.ndarray | None = None
        self._voiced: dict[int, bool] = {}

    def voiced(self, article: int) -> bool:
        """True if the article is written in its writer's own voice (voice.in_writers_voice):
        a column, an editorial, an interview's questions. Asked only of the articles whose
        lines are candidates (a few hundred of an edition's thousands), each once."""
        known = self._voiced.get(article)
        if known is None:
            known = self._voiced[article] = in_writers_voice(
                [s.text for s in self.articles[article].sentences])
        return known

    def _centrality(self) -> np.ndarray:
        # Similarity to the edition's centroid: what most articles talk about, in linear time.
        if self.matrix is None or self.matrix.shape[1] == 0:
            return np.zeros(len(self.texts))
        centroid = np.asarray(self.matrix.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid) or 1.0
        return np.asarray(self.matrix @ (centroid / norm)).ravel()

    def similarity_to_all(self, row: int) -> np.ndarray:
        """Cosine similarity of one row to every row (no copy of the matrix: linear)."""
        if self.matrix is None:
            return np.zeros(len(self.refs))
        return np.asarray((self.matrix @ self.matrix[row].T).toarray()).ravel()

    def vector(self, text: str) -> np.ndarray:
        """Any text (a topic's description) as a unit vector in the edition's TF-IDF space."""
        if self.matrix is None:
            return np.zeros(0)
        # Counted as sklearn's CountVectorizer(vocabulary=...).transform counts: the
        # features the edition has, in column order, as float64.
        counts: dict[int, int] = {}
        for feature in analyzer(text):
            column = self.vocabulary.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        columns = sorted(counts)
        row = csr_matrix((np.array([counts[c] for c in columns], dtype=np.float64),
                          np.array(columns, dtype=np.int32),
                          np.array([0, len(columns)], dtype=np.int32)),
                         shape=(1, len(self.vocabulary)))
        return np.asarray(self._tfidf.transform(row, copy=False).todense()).ravel()

    def shared_words(self, rows_a: list[int], rows_b: list[int]) -> np.ndarray:
        """How much of the shorter sentence's content the longer one shares, each word
        weighted by how rare it is in the edition (0 to 1, for every pair): a sentence that
        restates another in other words scores high where TF-IDF cosine does not."""
        if not self.texts or not rows_a or not rows_b:
            return np.zeros((len(rows_a), len(rows_b)))
        if self._words is None:
            present = count_features((content_stems(t) for t in self.texts), binary=True)[1]
            df = np.asarray(present.sum(axis=0)).ravel()
            idf = np.log((len(self.texts) + 1) / (df + 1)) + 1.0
            self._words = csr_matrix(present @ diags(idf))
        weighted = self._words
        a, b = weighted[rows_a], weighted[rows_b]
        shared = (a @ (b > 0).T.astype(float)).toarray()
        size_a = np.asarray(a.sum(axis=1)).ravel()
        size_b = np.asarray(b.sum(axis=1)).ravel()
        smaller = np.minimum.outer(size_a, size_b)
        return np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)

    def rare_phrases(self, row: int, most: int) -> frozenset[str]:
        """The row's pairs of adjacent content words ("rescu packag") that at most `most` of
        the edition's sentences use, both words written in lower case."""
        if self.matrix is None:
            return frozenset()
        if self._phrase_df is None:
            present = self.matrix.copy().tocsc()
            present.data[:] = 1
            self._phrase_df = np.asarray(present.sum(axis=0)).ravel()
        vocabulary = self.vocabulary
        lower = {t.stem for t in tokens(self.texts[row]) if t.form[:1].islower()}
        found = set()
        for feature in analyzer(self.texts[row]):
            parts = feature.split(" ")
            if (len(parts) == 2 and set(parts) <= lower and feature in vocabulary
                    and self._phrase_df[vocabulary[feature]] <= most):
                found.add(feature)
        return frozenset(found)

    def similarity(self, rows_a: list[int], rows_b: list[int]) -> np.ndarray:
        """Cosine similarity of every row in rows_a to every row in rows_b."""
        if self.matrix is None or not rows_a or not rows_b:
            return np.zeros((len(rows_a), len(rows_b)))
        return (self.matrix[rows_a] @ self.matrix[rows_b].T).toarray()


def count_features(docs: Iterable[Sequence[str]], binary: bool = False
                   ) -> tuple[Vocabulary, csr_matrix]:
    """The vocabulary (features numbered alphabetically) and the documents' feature counts,
    exactly as sklearn's CountVectorizer makes them (float counts, as TfidfVectorizer's;
    int ones when `binary`), each row's features in the order the corpus first used them:
    sklearn counts feature by feature in Python, this counts them with numpy, a third of
    the time at 200,000 sentences. The order matters: sums over a row (its norm) are taken
    in it."""
    first: dict[str, int] = {}  # feature -> the order in which the corpus first used it
    ids = array("q")  # 8 bytes a feature (a list of ints holds 36: 4 million at 10,000 articles)
    lengths = []
    for features in docs:
        before = len(ids)
        ids.extend([first.setdefault(f, len(first)) for f in features])
        lengths.append(len(ids) - before)
    n, v = len(lengths), len(first)
    keys = np.repeat(np.arange(n, dtype=np.int64), lengths)
    keys *= max(v, 1)
    keys += np.frombuffer(ids, dtype=np.int64) if ids else 0
    del ids
    keys, tally = np.unique(keys, return_counts=True)
    names = sorted(first)
    number = np.empty(v, dtype=np.int32)
    number[np.fromiter((first[name] for name in names), dtype=np.int64, count=v)] = \
        np.arange(v, dtype=np.int32)
    del first  # the strings live on in `names` until the vocabulary has them
    vocabulary = Vocabulary(names)
    del names
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(keys // max(v, 1), minlength=n), out=indptr[1:])
    data = np.ones(len(keys), dtype=np.int64) if binary else tally.astype(np.float64)
    matrix = csr_matrix((data, number[keys % max(v, 1)], indptr), shape=(n, v))
    return vocabulary, matrix
