"""Shortcuts taken for speed give what the plain computation gives (issue 14).

Each shortcut below asks a cheap question first and the costly one only when its answer may
be yes; these tests compare them with the plain computation on real text and on the corner
cases the shortcut's reasoning rests on."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import clean, furniture
from briefing.analyze import quantities
from briefing.analyze.sentences import split_paragraph

ROOT = Path(__file__).resolve().parent.parent
NUMBER_CASES = [
    "Two-thirds of them", "A HUNDRED people", "a quarter of", "TENS OF THOUSANDS of fans",
    "İki yüz", "ſix ſoldiers", "ıt was one", "SİX", "ſeven", "Kelvin ﬁve", "often written",
    "someone else", "twentyfold", "no number here", "the 3rd", "٣ in Arabic-Indic digits",
    "half of the troops", "half an hour", "one in three", "Dozens of people", "nine-tenths",
]


def sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if paragraph.strip():
                out.extend(split_paragraph(" ".join(paragraph.split())))
    return out


def test_may_hold_number_is_the_plain_scan() -> None:
    texts = sentences() + NUMBER_CASES + [
        line for path in sorted((ROOT / "tests" / "data" / "quantities").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(texts) > 100
    for text in texts:
        assert quantities.may_hold_number(text) == bool(
            quantities.MAY_HOLD_NUMBER.search(text)), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeinorstuvwxyzhfdlq -İıſK3.,AEINOST")),
               max_size=40))
def test_may_hold_number_on_any_letters(text: str) -> None:
    assert quantities.may_hold_number(text) == bool(quantities.MAY_HOLD_NUMBER.search(text))


def plain_drop_repeats(paras: list[clean._Para]) -> list[clean._Para]:
    """clean._drop_repeats as first written: the union of all other paragraphs' 4-grams."""
    grams = [clean._grams(p.text) if not p.dropped else set() for p in paras]
    out = list(paras)
    for i, mine in enumerate(grams):
        if len(mine) < 3:
            continue
        others: set[tuple[str, ...]] = set()
        for j, theirs in enumerate(grams):
            if j != i and not out[j].dropped:
                others |= theirs
        if len(mine & others) >= 0.8 * len(mine):
            out[i] = clean._Para(out[i].text, out[i].block, dropped=True)
    return out


def test_drop_repeats_is_the_plain_union() -> None:
    rng = random.Random(14)
    words = "the quake struck early on Monday killing at least people in city".split()
    for _ in range(400):
        base = [" ".join(rng.choice(words) for _ in range(rng.randint(2, 12)))
                for _ in range(rng.randint(1, 4))]
        paras = []
        for _ in range(rng.randint(1, 8)):
            text = " ".join(rng.sample(base, rng.randint(1, len(base))))
            paras.append(clean._Para(text, rng.randint(0, 2), dropped=rng.random() < 0.15))
        assert clean._drop_repeats(paras) == plain_drop_repeats(paras)


def plain_table_row(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    numbers = re.findall(r"\d+", text)
    if len(words) + len(numbers) < 6:
        return False
    lower = sum(1 for w in words if w[0].islower())
    separators = len(re.findall(r"[,;|\t]", text))
    return lower / (len(words) + len(numbers)) < 0.15 and (separators >= 3 or len(numbers) >= 4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Smith", "Jones", "and", "12", "3", ",", ";", "|", "\t", "the",
                                 "Arsenal", "0", "won"]), max_size=20))
def test_table_row_is_the_plain_count(parts: list[str]) -> None:
    text = " ".join(parts)
    assert clean._table_row(text) == plain_table_row(text)


FURNITURE = [
    "Rescue teams reach the valley 02:15", "Athens, Greece. Credit John Kolesidis/Reuters",
    "Protesters in Athens [GALLO/GETTY]", "The square at dawn (Photo: AP)",
    "A crowd outside the bank (Getty Images)",
    "Hillary Clinton gestures during a news conference in Geneva February 28, 2011.",
    "Hillary Clinton gestures during a news conference in Geneva February 28, 2011 .",
    "the older model$249.99 at Best Buy", "<a href='x'>", "&lt;/a&gt;",
    "The quake struck at 02:15 on Monday.", "Prices rose by $3 at the pump on Monday.",
]


def plain_kind(line: str) -> str | None:
    """furniture.kind with every pattern asked (no shortcut)."""
    f = furniture
    text = " ".join(line.split())
    if not text:
        return None
    if f.TEASER_RE.match(text) or f.LINK_LABEL_RE.match(text) or f.READ_MORE_URL_RE.match(text):
        return "teaser"
    if f.DURATION_RE.search(text) and not f._ends_sentence(text):
        return "teaser"
    if f.GALLERY_RE.match(text) or f.CREDIT_RE.search(text) or f.POSE_CAPTION_RE.match(text):
        return "caption"
    if f.BYLINE_RE.match(text) and len(text.split()) <= 14 and not f._ends_sentence(text):
        return "byline"
    if f.SHOP_LINE_RE.match(text) or f.WIDGET_RE.search(text):
        return "widget"
    if f.TIMESTAMP_RE.match(text):
        return "timestamp"
    if f.MARKUP_RE.search(text) and not f.MARKUP_RE.sub("", text).strip(" .,;:"):
        return "markup"
    return None


def test_furniture_kind_asks_each_pattern_only_when_it_may_match() -> None:
    lines = FURNITURE + sentences()
    pasted = ROOT.parent / "shared" / "eval" / "pasted-pages"  # real pages (CI has them)
    for path in [*sorted((ROOT / "tests" / "data" / "clean").glob("*.case")),
                 *sorted(pasted.glob("*/*.txt"))]:
        lines.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
    assert any(plain_kind(line) for line in lines)
    for line in lines:
        assert furniture.kind(line) == plain_kind(line), line
        assert furniture.strip_markup(line) == " ".join(
            furniture.MARKUP_RE.sub(" ", line).split())
        assert furniture.strip_widgets(line) == " ".join(
            furniture.WIDGET_RE.sub(" ", line).split())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?…:;\"”’')]\n")), max_size=12))
def test_line_ends_read_from_the_end(text: str) -> None:
    assert clean._ends_as_prose(text) == bool(clean.PROSE_END_RE.search(text))
    assert clean._ends_sentence(text) == bool(clean.SENTENCE_END_RE.search(text))


def test_surnames_among_some_is_surnames_among_all() -> None:
    from briefing import lines

    texts = sentences()
    pages = [texts[k:k + 12] for k in range(0, len(texts), 12)]
    assert any(lines.surnames(page) for page in pages)
    for page in pages:
        every = lines.surnames(page)
        ends = lines.name_ends(page)
        assert every <= ends
        assert lines.surnames(page, ends) == every
        some = frozenset(sorted(ends)[::2])
        assert lines.surnames(page, some) == every & some


PIECES = ["The", "New", "In", "Mr", "Dr.", "NATO", "Ana", "Kovač", "Émile", "Zola", "van",
          "de", "Smith", "Ki-moon", "O'Brien", "said", "x", "9", "²", "_", "-", "'", "’", " ",
          "  ", ", ", ".", "A", "b", "É", "(", "Samaras's", "I"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.integers(2, 6))
def test_name_runs_by_chains_are_the_word_by_word_reading(pieces: list[str], longest: int
                                                         ) -> None:
    from briefing import lines

    text = "".join(pieces)
    assert lines._name_runs.__wrapped__(text, longest) == lines._name_runs_of_words(
        text, longest)


def test_name_runs_by_chains_on_real_text() -> None:
    from briefing import lines

    for text in sentences():
        assert lines._name_runs.__wrapped__(text) == lines._name_runs_of_words(text), text
        assert lines._name_runs.__wrapped__(text, 6) == lines._name_runs_of_words(text, 6)


def _pairs(features: Any) -> list[tuple[int, int]]:
    return sorted(zip(features.sentence.tolist(), features.feature.tolist(), strict=True))


def documents(texts: list[str], seed: int, most: int) -> list[list[str]]:
    """The texts cut into documents of 1 to `most` sentences, at seeded random lengths."""
    rng = random.Random(seed)
    docs, at = [], 0
    while at < len(texts):
        size = rng.randint(1, most)
        docs.append(texts[at:at + size])
        at += size
    return docs


def test_words_arrays_are_the_plain_features() -> None:
    """The features made from the words' arrays are the hashes of analyzer's, content_stems'
    and summarize.concepts' strings, sentence by sentence (documents of 1-9 sentences)."""
    from briefing import words
    from briefing.analyze.text import analyzer, content_stems
    from briefing.summarize import concepts

    texts = sentences() + ["", "Of the and to.", "a I x", "U.S. officials' plans, U.S.-led."]
    docs = documents(texts, seed=3, most=9)
    article_words = [words.article_words(doc) for doc in docs]
    for made, plain in ((words.tfidf_features, analyzer), (words.content_features, content_stems),
                        (words.concept_features, concepts)):
        expected = sorted((row, words.feature_hash(f)) for row, text in enumerate(texts)
                          for f in plain(text))
        found = _pairs(made(article_words))
        if plain is concepts:  # a set: each concept once a sentence
            found = sorted(set(found))
        assert found == expected, plain.__name__
    stored = [words.ArticleWords.from_bytes(*w.to_bytes()) for w in article_words]
    assert _pairs(words.tfidf_features(stored)) == _pairs(words.tfidf_features(article_words))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, (1 << 63) - 1), st.integers(0, (1 << 63) - 1)),
                min_size=1, max_size=20))
def test_pair_hash_is_the_array_one(pairs: list[tuple[int, int]]) -> None:
    import numpy as np

    from briefing import words

    first = np.array([a for a, _ in pairs], dtype=np.uint64)
    second = np.array([b for _, b in pairs], dtype=np.uint64)
    assert words.pair_hashes(first, second).tolist() == [words.pair_hash(a, b) for a, b in pairs]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.0, -0.0, 0.1, 0.25, 0.5, 0.5000001, 0.7, 1.0]), max_size=40),
       st.sampled_from([0.25, 0.5, 0.7]))
def test_at_least_is_the_sorted_prefix(values: list[float], threshold: float) -> None:
    import numpy as np

    from briefing.selection import at_least

    sims = np.array(values, dtype=float)
    plain = []
    for row in np.argsort(-sims, kind="stable"):
        if sims[row] < threshold:
            break
        plain.append(int(row))
    assert at_least(sims, threshold).tolist() == plain


def test_concept_counts_are_the_plain_document_counts() -> None:
    from briefing import words
    from briefing.summarize import concepts, document_counts

    texts = sentences()
    docs = documents(texts, seed=5, most=12)
    present = {c for text in texts[::7] for c in concepts(text)} | {"no such", "a b c"}
    plain = document_counts(docs, present)
    fast = words.concept_counts([words.article_words(doc) for doc in docs], present)
    assert fast == plain and sum(plain[0].values()) > 100 and sum(plain[1].values()) > 10


def test_shares_are_the_topics_affinity() -> None:
    from briefing.analyze.topics import TopicMatcher
    from briefing.config import Term, TopicConfig
    from briefing.corpus import Corpus
    from briefing.models import Article, Sentence

    texts = sentences()
    article = Article(relpath="a.txt", sha256="a", title="a", title_derived=False, outlet=None,
                      published=None, url=None, paragraphs=tuple(texts),
                      sentences=tuple(Sentence(i, i, t) for i, t in enumerate(texts)))
    corpus = Corpus([article])
    for description in ("Rescue teams and the damage to towns after the earthquake.",
                        "Banks, deposits and the bailout of the island's economy.", "", "zzz"):
        matcher = TopicMatcher.build(TopicConfig(name="t", description=description,
                                                 terms=(Term("x", 1.0),)))
        shares = corpus.shares(matcher.description)
        assert shares.tolist() == [matcher.affinity(t) for t in corpus.texts]


def test_surnames_from_each_articles_words_are_the_plain_ones() -> None:
    from briefing import lines, words

    texts = sentences()
    docs = [texts[at:at + 9] for at in range(0, len(texts), 9)]
    written = words.written([words.ArticleWords.from_bytes(*words.article_words(d).to_bytes())
                             for d in docs])
    assert lines.surnames(texts, None, written) == lines.surnames(texts)
    lower, places = lines.written_words(texts)
    assert len(lower) > 500 and len(places) > 5
    for word in {w for t in texts for w in lines.WORD_RE.findall(t)} | {"zzz", "Zzz"}:
        assert (word in written[0]) == (word in lower) and (word in written[1]) == (word in places)


def test_repeated_lines_from_paragraph_keys_are_the_plain_ones() -> None:
    from briefing import words
    from briefing.boilerplate import repeated_lines
    from briefing.models import Article, Sentence

    from .test_boilerplate import BANNER, STORIES

    rng = random.Random(11)
    articles = []
    for n in range(40):
        title, lead, rest = STORIES[n % len(STORIES)]
        paragraphs = [lead, *rng.sample(rest, rng.randint(1, len(rest)))]
        if rng.random() < 0.6:
            paragraphs.insert(rng.randint(0, len(paragraphs)), BANNER)
        if rng.random() < 0.2:
            paragraphs.append("  ")
        articles.append(Article(
            relpath=f"{n}.txt", sha256=str(n), title=title, title_derived=False,
            outlet=rng.choice(["Reuters", "reuters", "AP", None]), published=None, url=None,
            paragraphs=tuple(paragraphs),
            sentences=tuple(Sentence(i, i, p) for i, p in enumerate(paragraphs))))
    banner = [Article(relpath=f"b{n}.txt", sha256=f"b{n}", title=title, title_derived=False,
                      outlet="Reuters", published=None, url=None,
                      paragraphs=(lead, BANNER, *rest),
                      sentences=tuple(Sentence(i, i, p)
                                      for i, p in enumerate((lead, BANNER, *rest))))
              for n, (title, lead, rest) in enumerate(STORIES)]
    for part in (articles, articles[:7], articles[:2], articles[5:6], [], banner,
                 banner + articles[:9]):
        keys = [w.paragraphs for w in words.of_articles(part)]
        assert repeated_lines(part, keys) == repeated_lines(part)
    assert repeated_lines(banner)


def test_edition_surnames_with_banners_are_the_plain_ones() -> None:
    from briefing import lines
    from briefing.boilerplate import repeated_lines
    from briefing.corpus import Corpus
    from briefing.digest import edition_surnames
    from briefing.models import Article, Sentence, SentenceRef

    texts = sentences()
    # A banner that names someone and writes a word in lower case no other line writes.
    banner = "Follow Jonas Arkwright's drought diary for readers in Telmoor, every hour."
    articles = []
    for n, at in enumerate(range(0, len(texts), 12)):
        paragraphs = (*texts[at:at + 12], *((banner,) if n < 3 else ()))
        sentences_ = tuple(Sentence(i, i, p) for i, p in enumerate(paragraphs))
        articles.append(Article(
            relpath=f"{n}.txt", sha256=str(n), title="t", title_derived=False,
            outlet="Reuters" if n < 3 else None, published=None, url=None,
            paragraphs=paragraphs, sentences=sentences_,
            names=lines.name_ends([s.text for s in sentences_])))
    banners = repeated_lines(articles)
    assert banners and "Arkwright" in lines.name_ends([banner])
    corpus = Corpus(articles, only={SentenceRef(a, s.index) for a, article in enumerate(articles)
                                    for s in article.sentences} - banners)
    assert edition_surnames(corpus, banners) == lines.surnames(corpus.texts)
    whole = Corpus(articles)
    assert edition_surnames(whole, frozenset()) == lines.surnames(whole.texts)


def test_hashed_vocabulary_numbers_each_feature_once() -> None:
    import numpy as np

    from briefing import words
    from briefing.analyze.text import analyzer
    from briefing.vocabulary import HashedVocabulary

    texts = sentences()
    names = sorted({f for text in texts[::2] for f in analyzer(text)})
    hashes = np.unique(np.array([words.feature_hash(n) for n in names], dtype=np.uint64))
    assert len(hashes) == len(names)  # no two of the seeds' features share a hash
    vocabulary = HashedVocabulary(hashes)
    numbers = [vocabulary[n] for n in names]
    assert sorted(numbers) == list(range(len(names)))
    for text in texts[1::2]:
        for feature in analyzer(text):
            assert (feature in vocabulary) == (feature in set(names))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0.0, -0.0, 0.1, 0.25, 0.3, 1e-9, 0.7]),
                          st.integers(0, 4)), max_size=30))
def test_best_first_is_the_sorted_pairs(rows: list[tuple[float, int]]) -> None:
    import numpy as np

    from briefing.digest import best_first

    centrality = np.array([c for c, _ in rows], dtype=np.float64)
    relevance = np.array([r for _, r in rows], dtype=np.int64)
    plain = [row for _, row in sorted((-centrality[row] * (1 + 0.2 * int(relevance[row])), row)
                                      for row in range(len(rows)))]
    assert list(best_first(centrality, relevance)) == plain


def test_summarize_only_is_excluding_the_others() -> None:
    from briefing.summarize import summarize
    from briefing.whatsnew import whats_new

    texts = sentences()
    docs = [texts[k:k + 15] for k in range(0, len(texts), 15)]
    pairs = [(d, i) for d, sents in enumerate(docs) for i in range(len(sents))]
    rng = random.Random(14)
    for _ in range(3):
        only = set(rng.sample(pairs, len(pairs) // 3))
        others = set(pairs) - only
        assert summarize(docs, only=only) == summarize(docs, exclude=others)
        told = rng.sample(texts, 10)
        assert whats_new(docs, told, only=only) == whats_new(docs, told, exclude=others)


def test_date_triggers_on_the_lower_case_text_are_the_plain_scan() -> None:
    from briefing.analyze import dates

    for text in sentences():
        assert [m.span() for m in dates._triggers(text)] == \
            [m.span() for m in dates.TRIGGER_RE.finditer(text)], text


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["day", "DAY", "Night", "jan", "MAY", "Year", "ſep", "Sİ",
                                 "\u0130", "\u0131", "\u212a", "\u212b", "\u1e9e", "1920",
                                 "2019", "20", "_", "-", " ", "é", "Monday", "today", "9"]),
                max_size=10))
def test_date_triggers_on_any_letters(pieces: list[str]) -> None:
    from briefing.analyze import dates

    text = "".join(pieces)
    assert [m.span() for m in dates._triggers(text)] == \
        [m.span() for m in dates.TRIGGER_RE.finditer(text)]


def _whole_scan(text: str) -> list[tuple[tuple[int, int], str | None, dict[str, str | None]]]:
    from briefing.analyze import dates

    return [(m.span(), m.lastgroup, m.groupdict()) for m in dates.PATTERN.finditer(text)]


def test_date_matches_are_the_whole_scan() -> None:
    from briefing.analyze import dates

    for text in sentences():
        assert [(m.span(), m.lastgroup, m.groupdict()) for m in dates._matches(text)] == \
            _whole_scan(text), text


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["on ", "Tuesday", "May", "may", "3", "12th", "of ", "2019",
                                 "1692", "in ", "last ", "year", "two ", "days ", "ago",
                                 "the ", "day ", "before", "-", ",", ".", " ", "x", "Sept.",
                                 "\u0130", "mid-", "today", "yesterday"]), max_size=12))
def test_date_matches_on_any_pieces(pieces: list[str]) -> None:
    from briefing.analyze import dates

    text = "".join(pieces)
    assert [(m.span(), m.lastgroup, m.groupdict()) for m in dates._matches(text)] == \
        _whole_scan(text)


def test_inbox_files_are_those_resolving_inside_it(tmp_path: Path) -> None:
    # discover resolves each folder once, not each file: a file that is no symlink
    # resolves where its folder does.
    import os

    from briefing.sources import discover

    outside = tmp_path / "elsewhere"
    (outside / "deep").mkdir(parents=True)
    inbox = tmp_path / "inbox"
    (inbox / "sub" / "deeper").mkdir(parents=True)
    for name in ["a.txt", "sub/b.txt", "sub/deeper/c.md"]:
        (inbox / name).write_text("x")
    (outside / "d.txt").write_text("x")
    (outside / "deep" / "e.txt").write_text("x")
    os.symlink(outside, inbox / "linked-out")
    os.symlink(inbox / "sub", inbox / "linked-in")
    os.symlink(outside / "d.txt", inbox / "sub" / "f.txt")
    os.symlink(inbox, tmp_path / "inbox-link")  # the inbox itself named through a symlink
    for named in (inbox, tmp_path / "inbox-link"):
        root = named.resolve()
        plain = sorted(
            (Path(here) / name).relative_to(root).as_posix()
            for here, dirs, names in os.walk(root)
            for name in names
            if not (Path(here) / name).is_symlink()
            and (Path(here) / name).resolve().is_relative_to(root))
        assert [f.relpath for f in discover(named).files] == plain
        assert plain == ["a.txt", "sub/b.txt", "sub/deeper/c.md"]


def test_kept_name_ends_are_the_pages_name_ends(tmp_path: Path) -> None:
    # A page's name ends are found when it is read and kept with it; the timeline and the
    # edition's surnames use them instead of reading every sentence again.
    import json

    from briefing import lines, readers
    from briefing.digest import kept_name_ends
    from briefing.models import NAMES_KEY, Article, FoundFile

    articles = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        data = path.read_bytes()
        articles.append(readers.parse(FoundFile(path, path.name, len(data), "0" * 64), data))
    for article in articles:
        texts = [s.text for s in article.sentences]
        assert article.names == lines.name_ends(texts)
        stored = json.loads(json.dumps(article.to_json()))
        assert Article.from_json(stored).names == article.names
        stored["names"]["rules"] = NAMES_KEY + "-other"  # other name rules: found again
        assert Article.from_json(stored).names is None
    every = [s.text for a in articles for s in a.sentences]
    assert any(a.names for a in articles)
    assert kept_name_ends(articles) == lines.name_ends(every)
    assert lines.surnames(every, kept_name_ends(articles)) == lines.surnames(every)
    assert kept_name_ends([*articles, replace(articles[0], names=None)]) is None
    # The story's subject, read from kept name ends or from the sentences: the same.
    from briefing.timeline import _subject

    story = articles * 2  # a name on half the pages or more
    assert _subject(story) is not None
    assert _subject(story) == _subject([replace(a, names=None) for a in story])


def _plain_to_json(article: Any) -> dict[str, Any]:
    """Article.to_json as dataclasses.asdict makes it (what the state stored before)."""
    from dataclasses import asdict

    from briefing.analyze.dates import DATES_KEY
    from briefing.models import NAMES_KEY

    data = asdict(replace(article, dates=None, names=None))
    data["published"] = article.published.isoformat() if article.published else None
    del data["received"]
    if article.entries is None:
        del data["entries"]
    else:
        data["entries"] = [d.isoformat() if d else None for d in article.entries]
    if article.dates is not None:
        data["dates"] = {"rules": DATES_KEY, "found": [
            [i, m.start, m.end, m.text, m.date.isoformat(), m.granularity]
            for i, found in enumerate(article.dates) for m in found]}
    else:
        del data["dates"]
    if article.names is not None:
        data["names"] = {"rules": NAMES_KEY, "ends": sorted(article.names)}
    else:
        del data["names"]
    return data


def test_stored_article_is_what_asdict_made() -> None:
    import datetime as dt
    import json

    from briefing import readers
    from briefing.models import FoundFile

    pages = sorted((ROOT / "seeds").glob("*.txt")) + \
        sorted((ROOT / "tests" / "data").glob("**/*.html"))[:20]
    assert pages
    for path in pages:
        data = path.read_bytes()
        try:
            article = readers.parse(FoundFile(path, path.name, len(data), "0" * 64), data)
        except Exception:
            continue
        day = dt.date(2024, 3, 8)
        for variant in (article, replace(article, dates=None, names=None, published=None),
                        replace(article, entries=tuple(day if i % 2 else None
                                                       for i in range(len(article.paragraphs))),
                                received=day, notes=("encoding guessed as cp1252",))):
            assert json.dumps(variant.to_json(), ensure_ascii=False) == \
                json.dumps(_plain_to_json(variant), ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "the", "The", "c", "d", "-", "x."]), max_size=12))
def test_grams_are_every_run_of_four_words(words: list[str]) -> None:
    text = " ".join(words)
    plain = clean._norm(text).split()
    assert clean._grams(text) == {tuple(plain[k:k + 4]) for k in range(len(plain) - 3)}


def _pages() -> list[list[str]]:
    """Real pages' lines: the seeds and the pasted pages (CI has them beside the project)."""
    pasted = ROOT.parent / "shared" / "eval" / "pasted-pages"
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(pasted.rglob("*.txt"))
    return [path.read_bytes().decode("utf-8", "replace").split("\n") for path in paths]


def test_furniture_marked_with_kept_word_counts_is_the_plain_count(monkeypatch: Any) -> None:
    pages = _pages()
    assert len(pages) > 20
    fast = [clean.clean_lines(lines) for lines in pages]
    monkeypatch.setattr(clean, "_word_count", lambda text: len(text.split()))
    assert fast == [clean.clean_lines(lines) for lines in pages]


def test_time_phrases_looked_for_only_with_quantities_are_the_plain_order(
        monkeypatch: Any) -> None:
    """find_claims asks for a sentence's time phrases only once it has quantities: the same
    claims as asking every sentence first (a search that finds nothing to remove where there
    is nothing)."""
    from briefing import readers
    from briefing.analyze import figure_time, figures
    from briefing.config import MeasureConfig
    from briefing.models import FoundFile

    measures = (MeasureConfig(name="Killed", counted=("people",), events=("killed", "dead")),
                MeasureConfig(name="Money", unit="money"))
    articles = []
    for i, lines in enumerate(_pages()):
        data = "\n".join(lines).encode()
        found = FoundFile(Path(f"p{i}.txt"), f"p{i}.txt", len(data), f"{i:064x}")
        articles.append(readers.parse(found, data))
    fast = [figures.find_claims(a, i, measures, ()) for i, a in enumerate(articles)]
    asked: list[str] = []
    plain_find = figures.find_quantities

    def every_sentence_first(text: str) -> Any:
        asked.append(text)
        list(figure_time.EVENT_RELATIVE_RE.finditer(text))
        return plain_find(text)

    monkeypatch.setattr(figures, "_quantities_of", every_sentence_first)
    assert fast == [figures.find_claims(a, i, measures, ()) for i, a in enumerate(articles)]
    assert len(asked) == sum(len(a.sentences) for a in articles)
    assert sum(len(c) for c in fast) > 50


def test_quantities_kept_for_the_next_topic_are_the_plain_ones(monkeypatch: Any) -> None:
    """An article searched for two topics' measures reads each sentence's quantities once;
    the claims of each are those found with quantities read afresh every time."""
    from briefing import readers
    from briefing.analyze import figures
    from briefing.config import MeasureConfig
    from briefing.models import FoundFile

    topics = [(MeasureConfig(name="Killed", counted=("people",), events=("killed", "dead")),),
              (MeasureConfig(name="Money", unit="money"),
               MeasureConfig(name="Share", unit="percent"))]
    articles = []
    for i, lines in enumerate(_pages()):
        data = "\n".join(lines).encode()
        found = FoundFile(Path(f"p{i}.txt"), f"p{i}.txt", len(data), f"{i:064x}")
        articles.append(readers.parse(found, data))
    figures._quantities_of.cache_clear()
    kept = [[figures.find_claims(a, i, m, ()) for m in topics] for i, a in enumerate(articles)]
    assert figures._quantities_of.cache_info().hits > 1000
    monkeypatch.setattr(figures, "_quantities_of", figures.find_quantities)
    assert kept == [[figures.find_claims(a, i, m, ()) for m in topics]
                    for i, a in enumerate(articles)]
    assert sum(len(c) for per in kept for c in per) > 50


def _quantity_texts() -> list[str]:
    """Real sentences (the seeds, the pasted pages) and the quantity cases' lines."""
    texts = sentences() + NUMBER_CASES
    for lines in _pages():
        for paragraph in lines:
            if paragraph.strip():
                texts.extend(split_paragraph(" ".join(paragraph.split())))
    for path in sorted((ROOT / "tests" / "data" / "quantities").glob("*.txt")):
        texts.extend(path.read_text(encoding="utf-8").splitlines())
    return texts


def _spans(matches: Any) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_candidates_near_number_starts_are_the_whole_scan() -> None:
    texts = _quantity_texts()
    assert sum(1 for text in texts if quantities.candidates(text)) > 1000
    for text in texts:
        assert _spans(quantities.candidates(text)) == \
            _spans(quantities.CANDIDATE.finditer(text)), text


CANDIDATE_PIECES = [
    "US$", "U.S. $", "$", "A$", "A $", "$A", "AU $", "Can$", "C$", "€", "£", "¥", "Rp.", "Rs ",
    "RM", "USD", "R", "PS", "Y=", "minus ", "MINUS-", "-", "+", "−", ".", ",", "5", "12", "1,000",
    "0.5", "/", "⁄", "½", " ", "  ", "\t", "a", "an", "A", "An", "one", "Two", "half", "third",
    "thirds", "quarter", "hundred", "thousand", "million", "bn", "m", "k", "dozen", "dozens",
    "tens", "of", "in", "out of", "every", "and", "people", "x", "ſeven", "ıt", "İki",
    "\u212a", "seventy", "-five", "3rd", "(", ")"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(CANDIDATE_PIECES), max_size=12))
def test_candidates_near_number_starts_on_any_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(quantities.candidates(text)) == _spans(quantities.CANDIDATE.finditer(text))


def test_blocked_spans_asked_only_with_digits_apart_are_the_plain_scan() -> None:
    from briefing.analyze import nonquantities as nq

    def plain(text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for pattern in (nq.PHONE, nq.DATE_CHAIN, nq.YEAR_SPAN,
                                                     nq.WEB_ADDRESS)
                for m in pattern.finditer(text)]

    texts = _quantity_texts() + ["call 555-1234 now", "on 11/25/2019", "the 2018–19 season",
                                 "see www.who.int", "at https://x.org 5", "(212) 555 1234"]
    assert sum(1 for text in texts if plain(text)) > 10
    for text in texts:
        assert nq.blocked_spans(text) == plain(text), text


def _unit_found(um: Any) -> tuple[str, str, int] | None:
    return (um.group("gap"), um.group("unit"), um.end()) if um else None


def test_unit_after_by_first_character_is_the_one_pattern() -> None:
    from briefing.analyze.units import unit_table

    after = unit_table().after
    tails = [text[m.end():] for text in _quantity_texts()
             for m in re.finditer(r"[\d.]+|\b\w", text)]
    assert sum(1 for tail in tails if after.pattern.match(tail)) > 1000
    for tail in tails:
        assert _unit_found(after.match(tail)) == _unit_found(after.pattern.match(tail)), tail


UNIT_PIECES = [
    " ", "  ", "-", "\u00a0", "\t", "km", "KM", "Km", "sq", " km", "square", "kilometres", "m",
    "M", "mm", "in", "ft", "%", "per", "cent", "percent", "p", "c", "C", "F", "°", "²", "³", "x",
    "s", "GHz", "ghz", "Db", "db", "ma", "kWh", "pounds", "US", "USD", "$", "€", "bn", "tonnes",
    "metric", "ſ", "\u212a", "İ", "ı", "µg", "μg", ".", ","]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(UNIT_PIECES), max_size=8))
def test_unit_after_by_first_character_on_any_pieces(pieces: list[str]) -> None:
    from briefing.analyze.units import unit_table

    after = unit_table().after
    text = "".join(pieces)
    assert _unit_found(after.match(text)) == _unit_found(after.pattern.match(text))


def test_day_phrases_with_the_lookahead_first_are_the_plain_pattern() -> None:
    from briefing.summarize import DAY_PHRASE, DAY_RE

    plain = re.compile(DAY_PHRASE)
    rng = random.Random(7)
    phrases = ["Monday", "on Tuesday", "late Friday", "last Sunday night", "Thursday or Friday",
               "early Saturday morning", "since Wednesday", "by  Monday", "or Friday"]
    texts = []
    for text in sentences():
        words = text.split(" ")
        words.insert(rng.randrange(len(words) + 1), rng.choice(phrases))
        texts += [text, " ".join(words), text.replace(" said", ",  said Monday", 1)]
    changed = [t for t in texts if plain.sub(" …", t) != t]
    assert len(changed) > 50
    assert [DAY_RE.sub(" …", t) for t in texts] == [plain.sub(" …", t) for t in texts]


def test_topic_terms_found_by_each_are_the_plain_scan() -> None:
    # found_by_each looks only for the keys terms and exclusions start with, and _find
    # compares the other words only where the first matches: both against a scan of every
    # place with every word compared, on real text and acronyms, phrases and exclusions.
    from briefing.analyze.text import tokens
    from briefing.analyze.topics import TopicMatcher, _same, found_by_each, without_attribution
    from briefing.config import Term, TopicConfig, load_config

    def plain_find(toks: tuple[Any, ...], term: tuple[Any, ...]) -> bool:
        return any(all(_same(toks[i + k], term[k]) for k in range(len(term)))
                   for i in range(len(toks) - len(term) + 1))

    def plain(matcher: TopicMatcher, text: str) -> tuple[float, ...]:
        toks = tokens(without_attribution(text))
        if any(plain_find(toks, ex) for ex in matcher.exclude):
            return ()
        return tuple(w for term, w in matcher.terms if plain_find(toks, term))

    topics = list(load_config(ROOT / "briefing.toml").topics) + [TopicConfig(
        name="Made up", description="", terms=(Term("US"), Term("prime minister", 2.0),
                                               Term("the water authority"), Term("said")),
        exclude=("football club", "UN"))]
    matchers = [TopicMatcher.build(t) for t in topics]
    texts = sentences() + ["The U.S. prime minister met the UN.", "US troops and the Prime "
                           "Minister said so.", "A football club's prime minister spoke.",
                           "us and the water authority", "Prime ministers", ""]
    found = found_by_each(matchers, texts)
    assert found == [[plain(m, t) for t in texts] for m in matchers]
    assert sum(bool(f) for per_topic in found for f in per_topic) > 50


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*CANDIDATE_PIECES, "Sixth", "-seven", "Fourty", "-one", "fifty"]),
                max_size=10))
def test_a_sentence_without_candidates_is_one_may_hold_number_skips(pieces: list[str]) -> None:
    # find_quantities asks for candidates first: none where may_hold_number says no, and
    # none after mending a tens word where there were none before.
    text = "".join(pieces)
    if not quantities.may_hold_number(text):
        assert not quantities.candidates(text)
    if not quantities.candidates(text):
        assert not quantities.candidates(quantities._mend_tens(text))


def test_a_sentence_without_candidates_on_real_text() -> None:
    texts = _quantity_texts()
    for text in texts:
        if not quantities.may_hold_number(text):
            assert not quantities.candidates(text), text
        if not quantities.candidates(text):
            assert not quantities.candidates(quantities._mend_tens(text)), text


def _end_searches() -> list[tuple[re.Pattern[str], int]]:
    """The patterns matched only at the end of the words before a figure, each with the
    longest part before its white space that search_end is told."""
    from briefing.analyze import nonquantities as nq
    from briefing.analyze import quantity_words as qw

    return [(qw.HEDGE_RE, qw.HEDGE_LONGEST), (qw.INCREMENT_RE, qw.INCREMENT_LONGEST),
            (qw.TO_LEVEL, 2), (quantities._AGE_WORD_BEFORE, len("ages:")),
            (quantities._BETWEEN_END, len("between")), (quantities._SIGN_END, 1),
            (nq.CALLED_BEFORE, len("dialling")), (nq.LABEL_BEFORE, len("generation")),
            (nq._SCORE_FIRST, len("123-"))]


def test_searches_from_the_end_are_the_whole_searches() -> None:
    from briefing.analyze.quantity_words import left_of, search_end

    windows = [left_of(text, m.start()) for text in _quantity_texts()
               for m in re.finditer(r"\d|\b[a-z]", text)]
    for pattern, longest in _end_searches():
        found = 0
        for window in windows:
            whole = pattern.search(window)
            found += whole is not None
            assert _spans([search_end(pattern, window, longest)] if whole else []) == \
                _spans([whole] if whole else []), (pattern.pattern[:40], window)
            assert whole or search_end(pattern, window, longest) is None
        assert found, pattern.pattern[:40]


END_PIECES = ["about", "nearly", "more than", "more-than-", "up to", "approx.", "an estimated",
              "another", "an additional", "a further", "to", "at", "age", "aged:", "between",
              "~", "<", ">", "call", "dialling", "page", "No.", "#", "generation", "24", "3",
              "-", "–", " ", "  ", "\n", "\u00a0", "x", "ſ", "ı", "İ", "the", ",", "."]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(END_PIECES), max_size=10))
def test_searches_from_the_end_on_any_pieces(pieces: list[str]) -> None:
    from briefing.analyze.quantity_words import search_end

    text = "".join(pieces)
    for pattern, longest in _end_searches():
        whole = pattern.search(text)
        mine = search_end(pattern, text, longest)
        assert (whole.span() if whole else None) == (mine.span() if mine else None)



def test_date_matches_on_pasted_pages_are_the_whole_scan() -> None:
    from briefing.analyze import dates

    texts = _quantity_texts()
    assert sum(1 for text in texts if dates._matches(text)) > 300
    for text in texts:
        assert [(m.span(), m.lastgroup, m.groupdict()) for m in dates._matches(text)] == \
            _whole_scan(text), text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["two", "3", "a few", "days", "weeks", "hours", " ", "  ",
                                 "before", "after", "ahead", " of", "prior", " to", "the",
                                 "election", "BEFORE", "prıor", "İ", "ſ", "dayſ", "x", ","]),
                max_size=12))
def test_event_relative_spans_are_the_plain_scan(pieces: list[str]) -> None:
    from briefing.analyze import figure_time

    text = "".join(pieces)
    assert figure_time.event_relative_spans(text) == \
        [m.span() for m in figure_time.EVENT_RELATIVE_RE.finditer(text)]


def test_event_relative_spans_on_real_text() -> None:
    from briefing.analyze import figure_time

    texts = _quantity_texts() + ["three days before the Eurogroup meeting the company",
                                 "two weeks after the election", "a few hours prior to the vote"]
    assert sum(1 for text in texts if figure_time.event_relative_spans(text)) >= 3
    for text in texts:
        assert figure_time.event_relative_spans(text) == \
            [m.span() for m in figure_time.EVENT_RELATIVE_RE.finditer(text)], text
