"""Each article's words (words.ArticleWords) kept in the state, found once per article.

Every edition-wide step (TF-IDF, shared words, the summarizer's document counts) needs the
words of every sentence of the edition; extending a day's edition of 10,000 articles with
100 more tokenizes only the 100, and those where they are read (engine: in the worker
processes). Kept per article (known_claims.article_key) under a key of the code that makes
the words (analyze/text.py, words.py, boilerplate.py, the stemmer, and the patterns of
lines.written_words); rows under another key go when new ones are kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import version

from . import lines, words
from .known_claims import article_key
from .models import Article
from .readers import package_digest
from .store import Store

CODE_FILES = ("analyze/text.py", "words.py", "boilerplate.py")


def key() -> str:
    """The code that makes an article's words."""
    digest = package_digest(CODE_FILES)
    digest.update(version("snowballstemmer").encode())
    digest.update(f"{lines.WORD_RE.pattern}\0{lines.PLACE_RE.pattern}".encode())
    return digest.hexdigest()[:16]


def made(article: Article) -> tuple[bytes, ...]:
    """The article's words as kept in the state, made where it is read (engine), so that
    building an edition of new articles makes none."""
    return words.article_words([s.text for s in article.sentences],
                               article.paragraphs).to_bytes()


@contextmanager
def kept(store: Store, articles: Sequence[Article]) -> Iterator[None]:
    """For the length of the block, the words of these articles kept in the state are used
    (words.of_articles), and those found in it are kept, in one transaction at the end."""
    current = key()
    # Each article's key once (a checksum of all its text): the corpus of the timeline and
    # that of the edition each ask for every article. By identity, while `articles` holds
    # them (an id is not reused while its object lives).
    keys = {id(a): (a, article_key(a)) for a in articles}
    memo = {k: words.ArticleWords.from_bytes(*blobs) for k, blobs in
            store.kept_words(current, list(dict.fromkeys(k for _, k in keys.values())))
            .items()}
    new: dict[str, words.ArticleWords] = {}

    def lookup(article: Article) -> words.ArticleWords:
        known = keys.get(id(article))
        article_id = known[1] if known is not None and known[0] is article \
            else article_key(article)
        found = memo.get(article_id)
        if found is None:
            # Not made where it was read: read before its words were kept, or made again
            # by newer reading code (pipeline.reanalyse).
            found = memo[article_id] = new[article_id] = words.article_words(
                [s.text for s in article.sentences], article.paragraphs)
        return found

    words.keeper = lookup
    try:
        yield
        if new:
            store.keep_words(current, {k: w.to_bytes() for k, w in new.items()})
    finally:
        words.keeper = None
        words.forget()
