"""Extending a day's edition gives the Markdown a build of all its articles at once gives,
byte for byte, and analyses only the new articles (issue 14).

The DUC 2004 documents are in ../shared/eval beside the project (CI has them there)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import words
from briefing.config import load_config
from briefing.pipeline import run

from .conftest import write_config
from .test_engine import DATE, DUC, duc_inbox

DUC_ARTICLES = 300


def markdown(folder: Path, inbox: Path) -> bytes:
    folder.mkdir(exist_ok=True)
    config = load_config(write_config(folder, inbox, extra="pdf = false\n"))
    report = run(config, DATE, send=False)
    assert report.markdown is not None, report.message
    return report.markdown.read_bytes()


@pytest.mark.skipif(not DUC.is_dir(), reason="../shared/eval/duc2004 not beside the project")
def test_a_day_built_in_two_runs_is_the_day_built_in_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    every = tmp_path / "every"
    duc_inbox(every, DUC_ARTICLES)
    whole = markdown(tmp_path / "one", every)
    # The same files, the seeds and most DUC documents first, the rest later the same day.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = sorted(every.iterdir())
    later = files[1::7]
    for path in files:
        if path not in later:
            shutil.copy(path, inbox / path.name)
    first = markdown(tmp_path / "two", inbox)
    for path in later:
        shutil.copy(path, inbox / path.name)
    analysed: list[int] = []
    real = words.article_words

    def counted(texts, paragraphs=()):  # noqa: ANN001, ANN202
        analysed.append(len(texts))
        return real(texts, paragraphs)

    monkeypatch.setattr(words, "article_words", counted)
    second = markdown(tmp_path / "two", inbox)
    assert first != whole and second == whole
    # Only the new articles' words were made (the others were kept in the state).
    assert 0 < len(analysed) <= len(later)
