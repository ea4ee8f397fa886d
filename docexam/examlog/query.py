"""Search and statistics over the case projection.

Why only equality and prefix filters: each filter maps onto an index (``cases_*`` on
(column, time), ``case_names`` on name tokens), so a search stays fast on a million
cases; there is deliberately no ``LIKE '%x%'`` scan.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from docexam.errors import LogError
from docexam.examlog.casestate import latin_upper, norm_code
from docexam.examlog.types import DECISIONS, PERIODS, STATS_BY, CaseSummary, LogQuery, StatsTable

SUMMARY_SQL = (
    "c.exam_id, c.time, c.station, c.officer, c.document_number, c.surname, "
    "c.given_names, c.nationality, c.issuing_state, c.specimen, c.verdict, "
    "c.decision, c.document_type, c.reasons, c.purged"
)


def summary_of(r: tuple[Any, ...]) -> CaseSummary:
    return CaseSummary(*r[:13], reasons=tuple(r[13].split()) if r[13] else (), purged=bool(r[14]))


def _next_prefix(word: str) -> str:
    return word[:-1] + chr(ord(word[-1]) + 1)


def where(q: LogQuery) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``cases c``) and its parameters for ``q``."""
    if not isinstance(q, LogQuery):
        raise LogError("a search needs a LogQuery", code="BAD_VALUE")
    sql: list[str] = []
    args: list[Any] = []
    for col, value in (
        ("document_number", norm_code(q.document_number)),
        ("nationality", norm_code(q.nationality)),
        ("issuing_state", norm_code(q.issuing_state)),
        ("verdict", q.verdict),
        ("officer", q.officer),
        ("station", q.station),
    ):
        if value not in (None, ""):
            sql.append(f"c.{col} = ?")
            args.append(value)
    if q.decision not in (None, ""):
        if q.decision not in DECISIONS:
            raise LogError(
                f"unknown decision {q.decision!r}; one of {', '.join(DECISIONS)}", code="BAD_VALUE"
            )
        sql.append("c.decision = ?")
        args.append(q.decision)
    for bound, op, days in ((q.date_from, ">=", 0), (q.date_to, "<", 1)):
        if bound is None:
            continue
        if not isinstance(bound, dt.date):
            raise LogError(f"a date is needed, not {bound!r}", code="BAD_VALUE")
        day = bound.date() if isinstance(bound, dt.datetime) else bound
        sql.append(f"c.time {op} ?")
        args.append((day + dt.timedelta(days=days)).isoformat())
    if q.name not in (None, ""):
        words = latin_upper(q.name).split()
        if not words:
            raise LogError(f"no Latin letters to search for in {q.name!r}", code="BAD_VALUE")
        for w in words:
            sql.append(
                "c.exam_id IN (SELECT exam_id FROM case_names WHERE token >= ? AND token < ?)"
            )
            args += [w, _next_prefix(w)]
    return (" AND ".join(sql) or "1"), args


# A name prefix matching more cases than this is searched newest first along the time index
# (the matches are dense, so the first page is found early); fewer are looked up one by one.
# Measured on 1,000,000 cases (benchmarks/log_bench.py): a 4-letter surname prefix matching
# 12,000 cases took 85 ms warm and 540 ms cold when looked up one by one and sorted.
_DENSE_NAME = 2000


def _walk_by_time(conn: sqlite3.Connection, q: LogQuery, limit: int | None) -> bool:
    """Whether a name search should walk the cases newest first (see ``_DENSE_NAME``)."""
    if q.name in (None, "") or limit is None:
        return False
    others = (q.document_number, q.nationality, q.issuing_state, q.verdict, q.decision,
              q.officer, q.station)  # fmt: skip
    if any(v not in (None, "") for v in others):
        return False  # an equality filter's own (column, time) index leads
    words = latin_upper(q.name).split()
    if not words:
        return False
    n = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM case_names WHERE token >= ? AND token < ? LIMIT ?)",
        (words[0], _next_prefix(words[0]), _DENSE_NAME + 1),
    ).fetchone()[0]
    return n > _DENSE_NAME


def search(conn: sqlite3.Connection, q: LogQuery, limit: int | None = None) -> list[CaseSummary]:
    """Matching cases, newest first."""
    clause, args = where(q)
    index = "INDEXED BY cases_time " if _walk_by_time(conn, q, limit) else ""
    sql = f"SELECT {SUMMARY_SQL} FROM cases c {index}WHERE {clause} ORDER BY c.time DESC, c.exam_id"
    if limit is not None:
        if int(limit) < 0:
            raise LogError("limit must not be negative", code="BAD_VALUE")
        sql += f" LIMIT {int(limit)}"
    return [summary_of(r) for r in conn.execute(sql, args)]


def search_id(conn: sqlite3.Connection, exam_id: str) -> CaseSummary | None:
    r = conn.execute(f"SELECT {SUMMARY_SQL} FROM cases c WHERE c.exam_id = ?", (exam_id,))
    row = r.fetchone()
    return None if row is None else summary_of(row)


_PERIOD_SQL = {
    "day": "substr(c.time, 1, 10)",
    "week": "date(substr(c.time, 1, 10), 'weekday 0', '-6 days')",  # the week's Monday
    "month": "substr(c.time, 1, 7)",
    "year": "substr(c.time, 1, 4)",
}


def _iso_week(monday: str) -> str:
    y, w, _ = dt.date.fromisoformat(monday).isocalendar()
    return f"{y}-W{w:02d}"


def stats(conn: sqlite3.Connection, q: LogQuery, by: str, period: str | None) -> StatsTable:
    """Counts of cases by ``by`` (and period), for risk analysis."""
    if by not in STATS_BY:
        raise LogError(f"cannot count by {by!r}; one of {', '.join(STATS_BY)}", code="BAD_VALUE")
    if period is not None and period not in PERIODS:
        raise LogError(f"unknown period {period!r}; one of {', '.join(PERIODS)}", code="BAD_VALUE")
    clause, args = where(q)
    key = "r.code" if by == "reason" else f"c.{by}"
    join = " JOIN case_reasons r ON r.exam_id = c.exam_id" if by == "reason" else ""
    cols = [key] if period is None else [_PERIOD_SQL[period], key]
    group = ", ".join(cols)
    sql = (
        f"SELECT {group}, count(*) FROM cases c{join} WHERE {clause} GROUP BY {group} "
        f"ORDER BY {'1, ' if period else ''}count(*) DESC, {len(cols)}"
    )
    rows = conn.execute(sql, args).fetchall()
    if period == "week":
        rows = [(_iso_week(r[0]), *r[1:]) for r in rows]
    columns = (by, "count") if period is None else ("period", by, "count")
    return StatsTable(columns, tuple(tuple(r) for r in rows))
