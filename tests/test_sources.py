"""Discovery: what the inbox scan takes and what it passes over."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.sources import discover, display


def test_only_real_article_files_inside_the_inbox(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / ".hidden").mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("outside the inbox")
    for name in ["a.txt", "b.md", "c.html", "sub/d.txt", ".dot.txt", "e.txt.tmp", "f.part",
                 "notes.docx", ".hidden/g.txt"]:
        (inbox / name).write_text("x")
    os.symlink(outside, inbox / "link-out.txt")
    os.symlink(inbox / "a.txt", inbox / "link-in.txt")
    found = [f.relpath for f in discover(inbox).files]
    assert found == ["a.txt", "b.md", "c.html", "sub/d.txt"]


def test_hash_changes_with_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    first = discover(tmp_path).files[0].sha256
    (tmp_path / "a.txt").write_text("two")
    assert discover(tmp_path).files[0].sha256 != first


def test_a_file_unchanged_since_it_was_hashed_is_not_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import time

    from briefing import sources

    path = tmp_path / "a.txt"
    path.write_text("one day")
    assert discover(tmp_path).files[0].signature is None  # just written: not trusted later
    monkeypatch.setattr(sources, "QUIET_NS", 0)  # as if it had been written a while ago
    found = discover(tmp_path).files[0]
    assert found.signature is not None
    # The known hash is taken as it is, without reading the file: a wrong one shows that.
    stand_in = "f" * 64
    again = discover(tmp_path, known={"a.txt": {found.signature: stand_in}}).files[0]
    assert again.sha256 == stand_in
    # Rewritten with the same size and its modification time set back: the change time
    # still moves, so the file is hashed again.
    time.sleep(0.05)
    stat = path.stat()
    path.write_text("two day")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    changed = discover(tmp_path, known={"a.txt": {found.signature: stand_in}}).files[0]
    assert changed.sha256 == hashlib.sha256(b"two day").hexdigest()
    assert changed.signature != found.signature


def test_the_state_remembers_signatures_and_a_second_scan_skips_the_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import sources
    from briefing.store import Store

    monkeypatch.setattr(sources, "QUIET_NS", 0)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.txt").write_text("one day")
    first = discover(tmp_path / "inbox").files[0]
    with Store(tmp_path / "state.sqlite") as store:
        store.add_version(first, None, "empty enough")
        assert store.signatures() == {"a.txt": {first.signature: first.sha256}}
        (tmp_path / "inbox" / "b.txt").write_text("two day")
        scan = discover(tmp_path / "inbox", known=store.signatures())
        store.remember_signatures(scan.files)
        assert set(store.signatures()) == {"a.txt"}  # b.txt has no version yet


def plain_display(name: str) -> str:
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(f"\\x{ord(ch):02x}" if ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 else ch
                   for ch in text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("ab/. -_é\u00a0\u2028\u200b\x00\x1b\n\x7f\x85\x9f\udc80\udcff") + ["\U0001f600"]),
    max_size=30))
def test_display_shows_printable_names_as_they_are(name: str) -> None:
    """A name with nothing to escape is shown without the escaping pass."""
    assert display(name) == plain_display(name)
