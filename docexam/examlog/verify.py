"""Verify the log: every entry's content and hash, the chain's links, the head anchor, the
imported entries and every image still referenced.

Why it reasons about *kinds* of damage: an officer or auditor needs to know which entry
was touched and how (changed, deleted, moved, forged and inserted), not only that "the
chain is broken". The classification uses what each row still proves about itself: its
stored hash recomputed at another position (moved), two rows naming the same predecessor
(one inserted), a gap in the sequence (deleted), the anchor in ``meta`` (the tail cut).
A broken chain is a result (``VerifyReport``), never an exception.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from docexam.errors import LogError
from docexam.examlog.canonical import GENESIS, content_hash
from docexam.examlog.chain import COLUMNS, Row, head, row_of
from docexam.examlog.images import ImageStore, is_sha256
from docexam.examlog.types import LogProblem, VerifyReport

Progress = Callable[[int, int], None]
_MAX_LOOKUPS = 50  # full-table searches for a moved row's original place


class _Verifier:
    def __init__(self, conn: sqlite3.Connection, store: ImageStore, log_id: str) -> None:
        self.conn = conn
        self.store = store
        self.log_id = log_id
        self.problems: list[LogProblem] = []
        self.image_status: dict[str, str] = {}
        self.lookups = 0
        self.tombstones = self._tombstones()

    def add(self, kind: str, seq: int, entry_id: str | None, detail: str) -> None:
        self.problems.append(LogProblem(kind, seq, entry_id, detail))

    def _tombstones(self) -> dict[str, int]:
        """entry id -> seq of the intact purge tombstone that lists it."""
        out: dict[str, int] = {}
        for seq, content, chash in self.conn.execute(
            "SELECT seq, content, content_hash FROM entries WHERE kind = 'purge'"
        ):
            if content is None or content_hash(content) != chash:
                continue
            try:
                for case in json.loads(content).get("cases", []):
                    for eid in case.get("entry_ids", []):
                        out[str(eid)] = seq
            except (ValueError, AttributeError, TypeError):
                continue
        return out

    # -- one row ----------------------------------------------------------------------
    def content_ok(self, r: Row, where: int) -> bool:
        """Content against its hash (or a purge tombstone), image list against content."""
        if r.content is None:
            t = self.tombstones.get(r.id)
            if t is None or (r.log == self.log_id and t <= r.seq):
                self.add(
                    "changed", where, r.id, "its content was removed without a purge tombstone"
                )
                return False
            return True
        if content_hash(r.content) != r.content_hash:
            self.add("changed", where, r.id, "its content does not match its content hash")
            return False
        try:
            listed = sorted({i["sha256"] for i in (json.loads(r.content) or {}).get("images", [])})
        except (ValueError, AttributeError, TypeError, KeyError):
            listed = None
        if listed is None:
            self.add("changed", where, r.id, "its content is not a readable entry")
            return False
        if listed != sorted(set(r.image_list())):
            self.add("changed", where, r.id, "its image list does not match its image hashes")
            return False
        return True

    def original_seq(self, r: Row) -> int | None:
        """Where a row whose hash fails at its own seq was written (None: not a move)."""
        candidates = [r.seq - 1, r.seq + 1, r.seq - 2, r.seq + 2]
        if self.lookups < _MAX_LOOKUPS:
            self.lookups += 1
            refs = self.conn.execute(
                "SELECT seq FROM entries WHERE prev_hash = ?", (r.entry_hash,)
            ).fetchall()
            candidates = [s - 1 for (s,) in refs] + candidates
        return next((s for s in candidates if s > 0 and r.recomputed_hash(s) == r.entry_hash), None)

    def images_of(self, r: Row, where: int) -> int:
        roles: dict[str, list[str]] = {}
        try:
            for i in (r.payload or {}).get("images", []):
                roles.setdefault(i.get("sha256", ""), []).append(str(i.get("role")))
        except (LogError, AttributeError, TypeError):
            pass  # damaged content is reported by content_ok; the files are still checked
        n = 0
        for sha in r.image_list():
            if not is_sha256(sha):
                continue
            if sha not in self.image_status:
                self.image_status[sha] = self.store.check(sha)
            n += 1
            status = self.image_status[sha]
            if status != "ok":
                kind = "image_missing" if status == "missing" else "image_changed"
                what = "is missing" if status == "missing" else "does not match its hash"
                self.add(
                    kind,
                    where,
                    r.id,
                    f"image {', '.join(roles.get(sha, ['?']))} "
                    f"({sha[:12]}…) {what}: {self.store.path_of(sha)}",
                )
        return n

    # -- the chain ----------------------------------------------------------------------
    def rows(self) -> Iterator[Row]:
        for values in self.conn.execute(f"SELECT {COLUMNS} FROM entries ORDER BY seq"):
            yield row_of(values, self.log_id)

    def chain(self, progress: Progress | None, total: int) -> tuple[int, int, Row | None]:
        prev: Row | None = None
        prev_bad = False
        images = done = 0
        it = self.rows()
        r = next(it, None)
        while r is not None:
            n = next(it, None)
            expected = prev.seq + 1 if prev else 1
            gap = r.seq > expected
            if gap:
                self.deleted(expected, r.seq - 1, f"a gap in the sequence before seq {r.seq}")
            bad = not self.content_ok(r, r.seq)
            if r.recomputed_hash() != r.entry_hash:
                orig = self.original_seq(r)
                if orig is not None:
                    self.add(
                        "reordered", r.seq, r.id, f"written as seq {orig}, found at seq {r.seq}"
                    )
                else:
                    self.add(
                        "changed",
                        r.seq,
                        r.id,
                        "its columns or its stored hash were edited (the hash does not match)",
                    )
                bad = True
            elif n is not None and n.prev_hash != r.entry_hash and n.prev_hash == r.prev_hash:
                self.add(
                    "inserted",
                    r.seq,
                    r.id,
                    f"forged: the next entry (seq {n.seq}) links to the entry before this one",
                )
                bad = True
            elif not gap and not prev_bad:
                link = prev.entry_hash if prev else GENESIS
                if r.prev_hash != link and prev is not None:
                    self.add(
                        "changed",
                        prev.seq,
                        prev.id,
                        f"rewritten: the next entry (seq {r.seq}) recorded another hash for it",
                    )
                    bad = True
                elif r.prev_hash != link:
                    self.add("changed", r.seq, r.id, "the first entry does not start the chain")
                    bad = True
            if r.content is not None and not bad:
                images += self.images_of(r, r.seq)
            done += 1
            if progress and done % 1000 == 0:
                progress(done, total)
            prev, prev_bad, r = r, bad, n
        return done, images, prev

    def deleted(self, first: int, last: int, why: str) -> None:
        for seq in range(first, last + 1):
            self.add("deleted", seq, None, f"entry seq {seq} is missing: {why}")

    def name_the_deleted(self) -> None:
        """A deleted row's id is gone with it; when exactly one row is missing and exactly
        one examination's search row has lost its entry, that is the one."""
        gone = [i for i, p in enumerate(self.problems) if p.kind == "deleted" and not p.entry_id]
        if len(gone) != 1:
            return
        missing = [
            e
            for (e,) in self.conn.execute(
                "SELECT exam_id FROM cases WHERE exam_id NOT IN (SELECT id FROM entries) "
                "AND exam_id NOT IN (SELECT id FROM foreign_entries) LIMIT 2"
            )
        ]
        if len(missing) == 1:
            p = self.problems[gone[0]]
            self.problems[gone[0]] = LogProblem(
                p.kind, p.seq, missing[0], f"{p.detail} (examination {missing[0]})"
            )

    def anchor(self, last: Row | None) -> None:
        head_seq, head_hash = head(self.conn)
        last_seq = last.seq if last else 0
        if head_seq > last_seq:
            self.deleted(
                last_seq + 1,
                head_seq,
                f"the log's anchor records {head_seq} entries ending in {head_hash[:16]}…",
            )
        elif head_seq < last_seq:
            for seq, eid in self.conn.execute(
                "SELECT seq, id FROM entries WHERE seq > ? ORDER BY seq", (head_seq,)
            ):
                if not any(p.seq == seq and p.kind == "inserted" for p in self.problems):
                    self.add("inserted", seq, eid, f"beyond the log's anchor (seq {head_seq})")
        elif (
            last is not None
            and head_hash != last.entry_hash
            and not any(p.seq == last.seq for p in self.problems)
        ):
            self.add(
                "changed",
                last.seq,
                last.id,
                "the last entry's hash differs from the log's anchor",
            )

    def external(self, seq: int, expected: str) -> None:
        """An anchor kept outside the log: catches a consistent rewrite of the whole tail."""
        r = self.conn.execute(
            "SELECT id, entry_hash FROM entries WHERE seq = ?", (int(seq),)
        ).fetchone()
        if r is None:
            self.add("deleted", int(seq), None, f"entry seq {seq} of the external anchor is gone")
        elif r[1] != expected:
            self.add(
                "changed",
                int(seq),
                r[0],
                f"its hash {r[1][:16]}… is not the external "
                f"anchor's {expected[:16]}…: the log was rewritten up to here",
            )

    # -- imported entries -----------------------------------------------------------------
    def imported(self) -> tuple[int, int]:
        recorded: dict[str, tuple[int, str]] = {}
        for seq, content, chash in self.conn.execute(
            "SELECT seq, content, content_hash FROM entries WHERE kind = 'import'"
        ):
            if content is None or content_hash(content) != chash:
                continue
            try:
                for e in json.loads(content).get("entries", []):
                    recorded[str(e.get("id"))] = (seq, str(e.get("hash")))
            except (ValueError, AttributeError, TypeError):
                self.add("changed", seq, None, "the import entry's content is not readable")
        n = images = 0
        seen = set()
        for values in self.conn.execute(
            f"SELECT {COLUMNS}, log, import_seq FROM foreign_entries ORDER BY import_seq, log, seq"
        ):
            r = row_of(values, values[12])
            where = int(values[13])
            n += 1
            seen.add(r.id)
            rec = recorded.get(r.id)
            ok = self.content_ok(r, where)
            if rec is None:
                self.add(
                    "inserted",
                    where,
                    r.id,
                    f"an imported entry (seq {r.seq} of log {r.log}) that no import entry records",
                )
            elif r.recomputed_hash() != r.entry_hash or r.entry_hash != rec[1]:
                self.add(
                    "changed",
                    where,
                    r.id,
                    f"the imported entry (seq {r.seq} of log "
                    f"{r.log}) does not match the hash its import recorded",
                )
            elif ok and r.content is not None:
                images += self.images_of(r, where)
        for eid, (seq, _) in recorded.items():
            if eid not in seen:
                self.add("deleted", seq, eid, "an entry this import brought in is missing")
        return n, images

    def orphans(self) -> int:
        count = 0
        for name, _ in self.store.files():
            if (
                not is_sha256(name)
                or self.conn.execute(
                    "SELECT 1 FROM entry_images WHERE sha256 = ? LIMIT 1", (name,)
                ).fetchone()
                is None
            ):
                count += 1
        return count


def verify(
    conn: sqlite3.Connection,
    store: ImageStore,
    log_id: str,
    progress: Progress | None = None,
    anchor: tuple[int, str] | None = None,
) -> VerifyReport:
    """Check the whole log (read transaction: a consistent snapshot while others write).
    ``anchor``: a (seq, hash) written down earlier; that entry must still have that hash."""
    conn.execute("BEGIN")
    try:
        total = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        total += int(conn.execute("SELECT count(*) FROM foreign_entries").fetchone()[0])
        v = _Verifier(conn, store, log_id)
        done, _, last = v.chain(progress, total)
        v.anchor(last)
        if anchor is not None:
            v.external(*anchor)
        n_foreign, _ = v.imported()
        v.name_the_deleted()
        orphans = v.orphans()
        head_hash = head(conn)[1]
    finally:
        conn.execute("COMMIT")
    if progress:
        progress(done + n_foreign, total)
    problems: dict[tuple[Any, ...], LogProblem] = {}
    for p in v.problems:
        problems.setdefault((p.kind, p.seq, p.entry_id), p)
    ordered = tuple(sorted(problems.values(), key=lambda p: (p.seq, p.kind)))
    return VerifyReport(
        not ordered,
        done + n_foreign,
        len(v.image_status),
        ordered,
        last.seq if last else 0,
        last.entry_hash if last else head_hash,
        orphans,
    )
