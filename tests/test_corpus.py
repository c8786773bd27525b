"""The edition's TF-IDF space is sklearn's, number for number, however it is counted."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from briefing.analyze.text import analyzer, content_stems
from briefing.corpus import Corpus, count_features
from briefing.models import Article, Sentence

TEXTS = ["Rescue teams reached the flooded town of Ayr on Tuesday.",
         "The flooded town's mayor said rescue teams arrived late, late, late.",
         "Of the and to.",  # no feature at all
         "Banks in Cyprus stay shut; the rescue package for banks is agreed."]


def same(a, b) -> bool:  # noqa: ANN001
    return all(np.array_equal(getattr(a, n), getattr(b, n)) for n in ("indptr", "indices", "data"))


def test_counts_are_sklearns_in_its_order() -> None:
    sk = CountVectorizer(analyzer=analyzer, dtype=np.float64)
    vocabulary, counts = count_features([analyzer(t) for t in TEXTS])
    assert same(sk.fit_transform(TEXTS), counts) and vocabulary == sk.vocabulary_
    binary = CountVectorizer(analyzer=content_stems, binary=True)
    assert same(binary.fit_transform(TEXTS), count_features(
        [content_stems(t) for t in TEXTS], binary=True)[1])


def test_the_corpus_is_sklearns_tfidf_space() -> None:
    article = Article(relpath="a.txt", sha256="a", title="a", title_derived=False, outlet=None,
                      published=None, url=None, paragraphs=tuple(TEXTS),
                      sentences=tuple(Sentence(i, i, t) for i, t in enumerate(TEXTS)))
    corpus = Corpus([article])
    sk = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=1)
    assert same(sk.fit_transform(TEXTS), corpus.matrix)
    words = "Floods and rescue teams"
    assert np.array_equal(np.asarray(sk.transform([words]).todense()).ravel(),
                          corpus.vector(words))
