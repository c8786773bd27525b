"""The edition's sentences as TF-IDF vectors: similarity and centrality."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix, diags
from sklearn.feature_extraction.text import TfidfTransformer

from . import words
from .analyze.text import analyzer, tokens
from .models import Article, SentenceRef
from .vocabulary import HashedVocabulary
from .voice import in_writers_voice


class Corpus:
    """All sentences of an edition with their TF-IDF vectors and centrality."""

    def __init__(self, articles: list[Article], only: set[SentenceRef] | None = None):
        """`only`: vectorize just these sentences (the rows are then only these)."""
        self.articles = articles
        # The articles whose sentences are rows: all, or (with `only`: the timeline's few
        # hundred candidates of a story of 10,000 articles) those with a row. Only their
        # words are counted: the others' sentences have no row to count in.
        counted = range(len(articles)) if only is None else sorted(
            {r.article for r in only if 0 <= r.article < len(articles)})
        self.refs = [SentenceRef(a, s.index) for a in counted for s in articles[a].sentences]
        # Row of each sentence of the counted articles (-1: not vectorized), for the words'
        # arrays.
        self._row_of_sentence = np.arange(len(self.refs), dtype=np.int64)
        if only is not None:
            kept = np.array([r in only for r in self.refs], dtype=bool)
            self._row_of_sentence = np.where(kept, np.cumsum(kept) - 1, -1)
            self.refs = [r for r in self.refs if r in only]
        self.texts = [articles[r.article].sentences[r.sentence].text for r in self.refs]
        self.row_of = {r: i for i, r in enumerate(self.refs)}
        # As sklearn's TfidfVectorizer(analyzer=analyzer, sublinear_tf=True) would, but with
        # features numbered by their hash (words.py), counted from each article's words.
        self._counted_words = words.of_articles([articles[a] for a in counted])
        self._article_words = self._counted_words if only is None else None
        self.vocabulary, counts = count_features(
            words.tfidf_features(self._counted_words), self._row_of_sentence, len(self.texts))
        self._tfidf = TfidfTransformer(sublinear_tf=True)
        self.matrix: csr_matrix | None = None
        if self.texts and len(self.vocabulary):
            self._tfidf.fit(counts)
            self.matrix = self._tfidf.transform(counts, copy=False)
        self.centrality = self._centrality()
        self._words: csr_matrix | None = None
        self._stems: tuple[HashedVocabulary, csr_matrix] | None = None
        self._phrase_df: np.ndarray | None = None
        self._voiced: dict[int, bool] = {}

    @property
    def article_words(self) -> list[words.ArticleWords]:
        """Each article's words (all sentences, vectorized or not)."""
        if self._article_words is None:
            self._article_words = words.of_articles(self.articles)
        return self._article_words

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
            present = self._content()[1]
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

    def _content(self) -> tuple[HashedVocabulary, csr_matrix]:
        """Which content stems each row uses (content_stems, each once: 0 or 1)."""
        if self._stems is None:
            self._stems = count_features(words.content_features(self._counted_words),
                                         self._row_of_sentence, len(self.texts), binary=True)
        return self._stems

    def shares(self, stems: frozenset[str]) -> np.ndarray:
        """For every row, the share of `stems` (content stems) that the row uses: what
        TopicMatcher.affinity answers, for all rows at once."""
        if not stems:
            return np.zeros(len(self.texts))
        vocabulary, present = self._content()
        columns = [c for c in (vocabulary.get(stem) for stem in stems) if c is not None]
        if not columns or not self.texts:
            return np.zeros(len(self.texts))
        used = np.asarray(present[:, sorted(columns)].sum(axis=1)).ravel()
        return used / len(stems)

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


def count_features(features: words.Features, row_of_sentence: np.ndarray, rows: int,
                   binary: bool = False) -> tuple[HashedVocabulary, csr_matrix]:
    """The features (numbered in the order of their hashes) and each row's feature counts, as
    sklearn's CountVectorizer counts them (float counts, as TfidfVectorizer's; int ones when
    `binary`), each row's features in column order: a property of the row and its features
    alone, so that sums over a row (its norm) come out the same in every edition.
    `row_of_sentence`: the row of each sentence the features are of (-1: none)."""
    row = row_of_sentence[features.sentence]
    kept = row >= 0
    columns, column = words.numbered(features.feature[kept])
    # Duplicates (a feature twice in a row) are summed and each row's columns sorted by
    # scipy, row by row: a sort of each row's few features, not of all of them at once.
    matrix = csr_matrix((np.ones(len(column)), (row[kept], column)), shape=(rows, len(columns)))
    matrix.sum_duplicates()
    if binary:
        matrix = csr_matrix((np.ones(matrix.nnz, dtype=np.int64), matrix.indices,
                             matrix.indptr), shape=matrix.shape)
    return HashedVocabulary(columns), matrix
