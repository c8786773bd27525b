"""What `briefing status` shows: the last editions, their deliveries, and pending work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .config import Config
from .store import Delivery, EditionRecord, Store


@dataclass(frozen=True)
class EditionStatus:
    record: EditionRecord
    articles: int
    deliveries: tuple[Delivery, ...]
    files: tuple[str, ...] = ()  # every article's inbox path, cited in the edition or not


@dataclass(frozen=True)
class Status:
    editions: tuple[EditionStatus, ...]
    pending_articles: int
    unfinished: tuple[Delivery, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "editions": [{
                "date": e.record.date.isoformat(), "built_at": e.record.built_at,
                "state": e.record.state, "articles": e.articles, "files": list(e.files),
                "markdown": str(e.record.markdown_path),
                "pdf": str(e.record.pdf_path) if e.record.pdf_path else None,
                "markdown_sha256": e.record.markdown_sha256,
                "skipped": [s.__dict__ for s in e.record.skipped],
                "deliveries": [{"recipient": d.recipient, "status": d.status,
                                "attempts": d.attempts, "last_error": d.last_error,
                                "updated_at": d.updated_at} for d in e.deliveries],
            } for e in self.editions],
            "pending": {
                "articles": self.pending_articles,
                "deliveries": [{"edition": d.edition.isoformat(), "recipient": d.recipient,
                                "status": d.status, "last_error": d.last_error}
                               for d in self.unfinished],
            },
        }

    def lines(self) -> list[str]:
        out = [] if self.editions else ["no editions yet"]
        for e in self.editions:
            state = "" if e.record.state == "done" else f"  ({e.record.state})"
            out.append(f"{e.record.date.isoformat()}  {e.articles} articles  built "
                       f"{e.record.built_at}  {e.record.markdown_path}{state}")
            for d in e.deliveries:
                why = f" ({d.last_error})" if d.last_error and d.status != "sent" else ""
                out.append(f"    {d.recipient}: {d.status}, {d.attempts} attempts{why}")
        out.append(f"pending: {self.pending_articles} new articles, "
                   f"{len(self.unfinished)} unsent e-mails")
        return out


def read_status(config: Config, last: int = 7) -> Status:
    """The state as an operator wants to see it; reads only."""
    with Store(config.database) as store:
        editions = tuple(EditionStatus(e, store.edition_article_count(e.date),
                                       tuple(store.deliveries(e.date)),
                                       tuple(store.edition_files(e.date)))
                         for e in store.editions(last))
        return Status(editions, len(store.pending()), tuple(store.unfinished_deliveries()))
