"""Bad input files are named with the reason, counted, and never stop the run."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main

from .conftest import write_config

GOOD = ("The port authority said on Monday that 40 ships were waiting outside the harbour, "
        "the longest queue this year. Dock workers have been on strike for nine days.\n")


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path: Path, seed_inbox: Path) -> None:
    (seed_inbox / "empty.txt").write_bytes(b"")
    (seed_inbox / "binary.txt").write_bytes(b"GIF89a\x00\x01\x00" + bytes(500))
    (seed_inbox / "huge.txt").write_bytes(b"word " * 400_000)
    (seed_inbox / "cp1252.txt").write_bytes(("Title: Ports \u201cjammed\u201d\n\n" + GOOD)
                                            .encode("cp1252"))
    (seed_inbox / "bom.md").write_bytes(b"\xef\xbb\xbf# Strike enters tenth day\n\n" +
                                        GOOD.replace("40", "41").encode())
    secret = tmp_path / "outside.txt"
    secret.write_text("SECRET OUTSIDE TEXT. " * 20)
    os.symlink(secret, seed_inbox / "link.txt")
    config = write_config(tmp_path, seed_inbox, "max_file_kb = 1024")
    result = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-02-01"])
    assert result.exit_code == 3, result.stderr  # finished, some inputs skipped
    err = result.stderr
    assert "empty.txt: skipped: empty file" in err
    assert "binary.txt: skipped: binary file" in err
    assert "huge.txt: skipped: too large" in err
    assert "cp1252.txt: encoding guessed as cp1252" in err
    assert "3 skipped" in err
    md = (tmp_path / "out" / "2025-02-01" / "briefing.md").read_text()
    assert re.search(r"Built from 7 articles(: \d+ cited above, \d+ more read but not cited)?; "
                     r"3 files skipped\.", md)
    assert "- empty.txt: empty file" in md
    status = CliRunner().invoke(main, ["status", "--json", "-c", str(config)])
    (edition,) = json.loads(status.stdout)["editions"]
    assert {"cp1252.txt", "bom.md"} <= set(edition["files"])  # read, cited or not
    assert "SECRET OUTSIDE" not in md
    # Reported once: the next run has nothing new and exits 0.
    again = CliRunner().invoke(main, ["run", "-c", str(config), "--date", "2025-02-02"])
    assert again.exit_code == 0 and "nothing new" in again.stderr
