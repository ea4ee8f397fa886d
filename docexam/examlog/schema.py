"""The database schema, version by version: the migrations' source of truth.

Why every version is kept: a new log is built by running version 1's DDL and then every
migration, so the upgrade path of an old station's file is the path every new file takes
(and the tests build a file at each earlier version from this same text).

Version 1 (the first development schema): the chain only: ``meta`` (format, log id, the
head anchor), ``entries`` (one row per entry, hashed) and ``entry_images``.
Version 2: the search projection (``cases``, ``case_reasons``, ``case_names``) with its
indices, derived from the entries and rebuilt by the migration, and ``foreign_entries``
(entries of other logs brought in by a case package).
"""

from __future__ import annotations

FORMAT = "docexam-examlog"
CURRENT = 2

V1 = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # One row per entry. Hashed: every column (entry_hash); content by content_hash.
    """CREATE TABLE entries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        exam_id TEXT,
        kind TEXT NOT NULL,
        time TEXT NOT NULL,
        actor TEXT NOT NULL,
        station TEXT NOT NULL,
        content TEXT,
        content_hash TEXT NOT NULL,
        image_hashes TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        entry_hash TEXT NOT NULL
    )""",
    "CREATE INDEX entries_exam ON entries(exam_id, seq)",
    """CREATE TABLE entry_images (
        entry_id TEXT NOT NULL,
        role TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (entry_id, role)
    )""",
    "CREATE INDEX entry_images_sha ON entry_images(sha256)",
)

V2 = (
    """CREATE TABLE foreign_entries (
        id TEXT PRIMARY KEY,
        log TEXT NOT NULL,
        seq INTEGER NOT NULL,
        exam_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        time TEXT NOT NULL,
        actor TEXT NOT NULL,
        station TEXT NOT NULL,
        content TEXT,
        content_hash TEXT NOT NULL,
        image_hashes TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        entry_hash TEXT NOT NULL,
        import_seq INTEGER NOT NULL REFERENCES entries(seq)
    )""",
    "CREATE INDEX foreign_entries_exam ON foreign_entries(exam_id)",
    # The search projection: one row per examination, its latest state. Not evidence
    # (the chain is); rebuilt from the entries whenever one of the case's entries is added.
    """CREATE TABLE cases (
        exam_id TEXT PRIMARY KEY,
        time TEXT NOT NULL,
        station TEXT NOT NULL,
        officer TEXT NOT NULL,
        document_number TEXT,
        surname TEXT,
        given_names TEXT,
        nationality TEXT,
        issuing_state TEXT,
        specimen TEXT,
        document_type TEXT,
        verdict TEXT,
        decision TEXT,
        reasons TEXT NOT NULL DEFAULT '',
        purged INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE case_reasons (
        exam_id TEXT NOT NULL REFERENCES cases(exam_id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        PRIMARY KEY (exam_id, code)
    )""",
    "CREATE INDEX case_reasons_code ON case_reasons(code)",
    """CREATE TABLE case_names (
        token TEXT NOT NULL,
        exam_id TEXT NOT NULL REFERENCES cases(exam_id) ON DELETE CASCADE,
        PRIMARY KEY (token, exam_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX case_names_exam ON case_names(exam_id)",
    "CREATE INDEX cases_time ON cases(time)",
    "CREATE INDEX cases_document_number ON cases(document_number, time)",
    "CREATE INDEX cases_nationality ON cases(nationality, time)",
    "CREATE INDEX cases_issuing_state ON cases(issuing_state, time)",
    "CREATE INDEX cases_verdict ON cases(verdict, time)",
    "CREATE INDEX cases_decision ON cases(decision, time)",
    "CREATE INDEX cases_officer ON cases(officer, time)",
    "CREATE INDEX cases_station ON cases(station, time)",
)

DDL = {1: V1, 2: V2}  # version -> statements that bring version-1 to version
