"""Read DUC 2004 documents (TREC SGML) from the eval folder given on the command line."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Doc:
    cluster: str
    docno: str
    text: str


def read_docs(data: Path) -> list[Doc]:
    """Every document under DATA/docs/<cluster>/<DOCNO>, sorted."""
    docs = []
    for path in sorted((data / "docs").glob("*/*")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if not match:
            continue
        text = re.sub(r"<[^>]+>", "", match.group(1))
        text = html.unescape(text).replace("``", "“").replace("''", "”")
        docs.append(Doc(path.parent.name, path.name, text.strip()))
    return docs
