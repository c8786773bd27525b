-- A state database made by briefing before its schema was numbered (user_version 0):
-- a.txt and b.txt in the 2025-01-01 edition (mailed to ann), empty.txt skipped, c.txt read
-- and pending, b.txt since deleted.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'skipped')),
    reason TEXT,
    article TEXT,
    edition TEXT,
    UNIQUE (path, sha256)
);
INSERT INTO versions VALUES(1,'a.txt','7a4509686a462e6061f81c0f463a86578c23c233fec692c2eba29a2d042cd675',152,'2026-11-25T13:28:36+00:00','ok',NULL,'{"relpath": "a.txt", "sha256": "7a4509686a462e6061f81c0f463a86578c23c233fec692c2eba29a2d042cd675", "title": "Port of Genoa report 1", "title_derived": false, "outlet": null, "published": null, "url": null, "paragraphs": ["The harbour authority in Genoa said that 13 ships were waiting to unload, and dock workers voted to continue the strike."], "sentences": [{"index": 0, "paragraph": 0, "text": "The harbour authority in Genoa said that 13 ships were waiting to unload, and dock workers voted to continue the strike."}], "notes": []}','2025-01-01');
INSERT INTO versions VALUES(2,'b.txt','170c24f1b2628c08a5e90589bcf3c850270f5fa9a1fe8991413d2eedbe79f067',154,'2026-11-25T13:28:36+00:00','ok',NULL,'{"relpath": "b.txt", "sha256": "170c24f1b2628c08a5e90589bcf3c850270f5fa9a1fe8991413d2eedbe79f067", "title": "Port of Bremen report 2", "title_derived": false, "outlet": null, "published": null, "url": null, "paragraphs": ["The harbour authority in Bremen said that 14 ships were waiting to unload, and dock workers voted to continue the strike."], "sentences": [{"index": 0, "paragraph": 0, "text": "The harbour authority in Bremen said that 14 ships were waiting to unload, and dock workers voted to continue the strike."}], "notes": []}','2025-01-01');
INSERT INTO versions VALUES(3,'empty.txt','e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',0,'2026-11-25T13:28:36+00:00','skipped','empty file',NULL,NULL);
INSERT INTO versions VALUES(4,'c.txt','0b132bbe82cccf991bc65c8fdc8d46bb9cf960bbc34c1e49f0b69add8a114b2f',154,'2026-11-25T13:28:41+00:00','ok',NULL,'{"relpath": "c.txt", "sha256": "0b132bbe82cccf991bc65c8fdc8d46bb9cf960bbc34c1e49f0b69add8a114b2f", "title": "Port of Lisbon report 3", "title_derived": false, "outlet": null, "published": null, "url": null, "paragraphs": ["The harbour authority in Lisbon said that 15 ships were waiting to unload, and dock workers voted to continue the strike."], "sentences": [{"index": 0, "paragraph": 0, "text": "The harbour authority in Lisbon said that 15 ships were waiting to unload, and dock workers voted to continue the strike."}], "notes": []}',NULL);
CREATE TABLE paths (
    path TEXT PRIMARY KEY,
    current INTEGER REFERENCES versions(id),
    deleted_at TEXT
);
INSERT INTO paths VALUES('a.txt',1,NULL);
INSERT INTO paths VALUES('b.txt',2,'2026-11-25T13:28:46+00:00');
INSERT INTO paths VALUES('empty.txt',3,NULL);
INSERT INTO paths VALUES('c.txt',4,NULL);
CREATE TABLE editions (
    date TEXT PRIMARY KEY,
    built_at TEXT NOT NULL,
    markdown_path TEXT NOT NULL,
    pdf_path TEXT,
    markdown_sha256 TEXT NOT NULL,
    skipped TEXT NOT NULL
);
INSERT INTO editions VALUES('2025-01-01','2026-11-25T13:28:36+00:00','out/2025-01-01/briefing.md',NULL,'e8956fc20921466cc1bcc9568d8d3e67aa0c5d0b3d52794d1b5ec2002c3d6a92','[{"relpath": "empty.txt", "reason": "empty file"}]');
CREATE TABLE deliveries (
    edition TEXT NOT NULL REFERENCES editions(date),
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (edition, recipient)
);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    edition TEXT NOT NULL,
    recipient TEXT NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
);
CREATE TABLE runs (
    date TEXT PRIMARY KEY,
    finished_at TEXT NOT NULL,
    outcome TEXT NOT NULL
);
INSERT INTO runs VALUES('2025-01-01','2026-11-25T13:28:36+00:00','built');
CREATE INDEX versions_edition ON versions(edition);
INSERT INTO deliveries VALUES('2025-01-01','ann@example.org','<briefing.2025-01-01.0123456789abcdef01234567@news.example>','sent',1,NULL,'2025-01-01T07:00:05+00:00');
INSERT INTO attempts VALUES(1,'2025-01-01','ann@example.org','2025-01-01T07:00:05+00:00','sent',NULL);
COMMIT;
