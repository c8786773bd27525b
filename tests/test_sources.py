"""Discovery: what the inbox scan takes and what it passes over."""

from __future__ import annotations

import os
from pathlib import Path

from briefing.sources import discover


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
