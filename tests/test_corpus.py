"""The edition's TF-IDF space is sklearn's (features numbered by hash), however counted."""

from __future__ import annotations

import random
import re

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer

from briefing import words
from briefing.analyze.text import analyzer, content_stems
from briefing.corpus import Corpus, count_features
from briefing.models import Article, Sentence, SentenceRef

from .conftest import SEEDS

TEXTS = ["Rescue teams reached the flooded town of Ayr on Tuesday.",
         "The flooded town's mayor said rescue teams arrived late, late, late.",
         "Of the and to.",  # no feature at all
         "Banks in Cyprus stay shut; the rescue package for banks is agreed."]


def corpus_of(texts: list[str]) -> Corpus:
    return Corpus([Article(relpath="a.txt", sha256="a", title="a", title_derived=False,
                           outlet=None, published=None, url=None, paragraphs=tuple(texts),
                           sentences=tuple(Sentence(i, i, t) for i, t in enumerate(texts)))])


def in_sklearns_order(corpus: Corpus, fitted: CountVectorizer | TfidfVectorizer,
                      matrix: csr_matrix) -> np.ndarray:
    """The matrix with its columns (numbered by hash) put in sklearn's (alphabetical) order."""
    names = sorted(fitted.vocabulary_, key=fitted.vocabulary_.get)
    columns = [corpus.vocabulary[name] for name in names]
    assert len(set(columns)) == len(names) == len(corpus.vocabulary)
    return matrix.toarray()[:, columns]


def test_counts_are_sklearns() -> None:
    corpus = corpus_of(TEXTS)
    article_words = words.of_articles(corpus.articles)
    sk = CountVectorizer(analyzer=analyzer, dtype=np.float64)
    counts = count_features(words.tfidf_features(article_words), np.arange(len(TEXTS)),
                            len(TEXTS))[1]
    assert np.array_equal(in_sklearns_order(corpus, sk.fit(TEXTS), counts),
                          sk.transform(TEXTS).toarray())
    for a, b in zip(counts.indptr, counts.indptr[1:], strict=False):
        assert np.all(np.diff(counts.indices[a:b]) > 0)  # each row in column order
    binary = CountVectorizer(analyzer=content_stems, binary=True).fit(TEXTS)
    present = count_features(words.content_features(article_words), np.arange(len(TEXTS)),
                             len(TEXTS), binary=True)[1]
    names = sorted(binary.vocabulary_, key=binary.vocabulary_.get)
    stems = np.array([words.stem_hash(n) for n in names], dtype=np.uint64)
    columns = np.searchsorted(np.unique(stems), stems)
    assert np.array_equal(present.toarray()[:, columns], binary.transform(TEXTS).toarray())


def test_the_corpus_is_sklearns_tfidf_space() -> None:
    corpus = corpus_of(TEXTS)
    sk = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=1).fit(TEXTS)
    assert corpus.matrix is not None
    assert np.allclose(in_sklearns_order(corpus, sk, corpus.matrix),
                       sk.transform(TEXTS).toarray(), rtol=1e-12, atol=0)
    text = "Floods and rescue teams"
    names = sorted(sk.vocabulary_, key=sk.vocabulary_.get)
    assert np.allclose(corpus.vector(text)[[corpus.vocabulary[n] for n in names]],
                       np.asarray(sk.transform([text]).todense()).ravel(), rtol=1e-12, atol=0)
    assert "no such feature" not in corpus.vocabulary and corpus.vocabulary.get("zzz") is None


def plain_rows(articles: list[Article], only: set[SentenceRef]
               ) -> tuple[list[SentenceRef], csr_matrix, csr_matrix]:
    """The rows of Corpus(articles, only), their counts and content stems as first written:
    from the words of every article, the other sentences' dropped."""
    refs = [SentenceRef(a, s.index) for a, art in enumerate(articles) for s in art.sentences]
    kept = np.array([r in only for r in refs], dtype=bool)
    row_of_sentence = np.where(kept, np.cumsum(kept) - 1, -1)
    every = words.of_articles(articles)
    rows = int(kept.sum())
    counts = count_features(words.tfidf_features(every), row_of_sentence, rows)[1]
    present = count_features(words.content_features(every), row_of_sentence, rows,
                             binary=True)[1]
    return [r for r in refs if r in only], counts, present


def test_a_corpus_of_some_sentences_counts_only_their_articles_words() -> None:
    """The timeline's corpus of a few candidates of a long story reads only the candidates'
    articles' words, and gives what counting every article's words gave."""
    texts = [" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(SEEDS.glob("*"))]
    articles = [Article(relpath=f"{i}.txt", sha256=str(i), title="t", title_derived=False,
                        outlet=None, published=None, url=None, paragraphs=(text,),
                        sentences=tuple(Sentence(k, 0, s) for k, s in
                                        enumerate(re.split(r"(?<=[.!?])\s+", text))))
                for i, text in enumerate(texts)]
    rng = random.Random(5)
    every = [SentenceRef(a, s.index) for a, art in enumerate(articles) for s in art.sentences]
    for share in (0.0, 0.02, 0.2, 1.0):
        only = {r for r in every if rng.random() < share} | {
            SentenceRef(len(articles), 0), SentenceRef(0, 10_000)}  # refs of no sentence
        corpus = Corpus(articles, only)
        refs, counts, present = plain_rows(articles, only)
        assert corpus.refs == refs
        if not refs:
            assert corpus.matrix is None
            continue
        fitted = TfidfTransformer(sublinear_tf=True).fit(counts)
        assert corpus.matrix is not None
        assert (corpus.matrix != fitted.transform(counts)).nnz == 0  # the same numbers
        assert (corpus._content()[1] != present).nnz == 0
        assert [len(w.lengths) for w in corpus.article_words] == \
            [len(a.sentences) for a in articles]
