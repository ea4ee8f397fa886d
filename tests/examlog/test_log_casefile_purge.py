"""Case packages between two logs, tampered packages, and retention (purge + tombstones)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from log_samples import T0, png, record

from docexam.errors import LogError
from docexam.examlog import ExamLog, LogQuery


@pytest.fixture
def two(tmp_path: Path):
    with ExamLog.open(tmp_path / "a.sqlite") as a, ExamLog.open(tmp_path / "b.sqlite") as b:
        yield a, b


def _referred_case(a: ExamLog) -> str:
    ref = record(a, 0, decision="referred", reasons=("UV_BRIGHT_SUBSTRATE",), verdict="suspect")
    record(a, 1)  # another case: not in the package
    a.record_decision(ref.id, "refused", officer="o", station="s", note="held")
    return ref.id


def test_case_moves_to_another_log_with_its_hashes(two, tmp_path: Path) -> None:
    a, b = two
    exam_id = _referred_case(a)
    pkg = a.export_case(exam_id, tmp_path)
    assert pkg.is_file() and zipfile.is_zipfile(pkg)
    rep = b.import_case_report(pkg, by="expert", station="lab")
    assert (rep.exam_id, rep.added, rep.already_present) == (exam_id, 2, 0)
    assert rep.entry is not None and rep.entry.kind == "import" and rep.entry.seq == 1
    orig, got = a.get(exam_id).to_dict(), b.get(exam_id).to_dict()
    assert [
        (e["id"], e["seq"], e["hash"], e["log"]) for e in got["entries"] if e["kind"] != "import"
    ] == [(e["id"], e["seq"], e["hash"], e["log"]) for e in orig["entries"]]
    assert [e["kind"] for e in got["entries"]][-1] == "import"  # who brought it in
    assert got["examination"] == orig["examination"] and got["summary"] == orig["summary"]
    for img in got["images"]:
        assert (
            Path(img["path"]).read_bytes()
            == Path(
                next(i for i in orig["images"] if i["role"] == img["role"])["path"]
            ).read_bytes()
        )
    imp = b.conn.execute("SELECT actor, station, content FROM entries WHERE seq = 1").fetchone()
    assert imp[:2] == ("expert", "lab")
    assert json.loads(imp[2])["package_sha256"] == rep.package_sha256
    assert b.verify().ok
    # the expert reviews it there, sends it back: only the review is new at home
    b.record_review(exam_id, expert="expert", finding="counterfeit")
    back = b.export_case(exam_id, tmp_path / "back.zip")
    rep2 = a.import_case_report(back, by="officer")
    assert (rep2.added, rep2.already_present) == (2, 2)  # the review and b's import entry
    assert a.get(exam_id).review["finding"] == "counterfeit"
    assert a.verify().ok and b.verify().ok


def test_importing_twice_adds_nothing(two, tmp_path: Path) -> None:
    a, b = two
    pkg = a.export_case(_referred_case(a), tmp_path)
    exam_id = b.import_case(pkg, by="x")
    head = b.head()
    rep = b.import_case_report(pkg, by="x")
    assert rep.already_imported and rep.added == 0 and rep.already_present == 2
    assert rep.entry is None and b.head() == head
    assert b.import_case(pkg, by="x") == exam_id
    assert len(b.search()) == 1 and b.verify().ok
    assert a.import_case_report(pkg, by="x").already_imported  # home again: all there


def _repack(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    edit(members)
    with zipfile.ZipFile(dst, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    return dst


def _case_edit(fn):
    def edit(members: dict) -> None:
        case = json.loads(members["case.json"])
        fn(case)
        members["case.json"] = json.dumps(case).encode()

    return edit


def _refused(b: ExamLog, pkg: Path) -> str:
    head = b.head()
    with pytest.raises(LogError) as e:
        b.import_case(pkg, by="x")
    assert e.value.code == "CASEFILE_INVALID"
    assert b.head() == head and b.search() == []
    return str(e.value)


def test_tampered_packages_are_refused(two, tmp_path: Path) -> None:
    a, b = two
    exam_id = _referred_case(a)
    pkg = a.export_case(exam_id, tmp_path)
    sha = a.get(exam_id).images[0].sha256

    def swap_image(m: dict) -> None:
        m[f"images/{sha}"] = png(12345)

    msg = _refused(b, _repack(pkg, tmp_path / "img.zip", swap_image))
    assert sha in msg and "changed" in msg
    msg = _refused(b, _repack(pkg, tmp_path / "noimg.zip", lambda m: m.pop(f"images/{sha}")))
    assert sha in msg and "missing" in msg

    def rename(case: dict) -> None:
        case["entries"][0]["content"]["examination"]["mrz"]["fields"]["surname"] = "OTHER"

    msg = _refused(b, _repack(pkg, tmp_path / "entry.zip", _case_edit(rename)))
    assert exam_id in msg and "content" in msg

    def redecide(case: dict) -> None:
        e = case["entries"][1]
        e["content"]["decision"] = "admitted"
        from docexam.examlog.canonical import canonical, content_hash

        e["content_hash"] = content_hash(canonical(e["content"]))

    msg = _refused(b, _repack(pkg, tmp_path / "hash.zip", _case_edit(redecide)))
    assert "hash does not match" in msg
    _refused(b, _repack(pkg, tmp_path / "drop.zip", _case_edit(lambda c: c["entries"].pop(0))))
    (tmp_path / "not.zip").write_bytes(b"PK\x03\x04 but not really a zip" * 10)
    _refused(b, tmp_path / "not.zip")
    (tmp_path / "text.zip").write_text("hello")
    _refused(b, tmp_path / "text.zip")
    _refused(b, _repack(pkg, tmp_path / "nojson.zip", lambda m: m.pop("case.json")))
    assert b.verify().ok
    assert b.import_case_report(pkg, by="x").added == 2  # the genuine one still goes in


def test_purge_leaves_tombstones_and_a_verifiable_chain(log: ExamLog) -> None:
    old = record(
        log,
        0,
        decision="referred",
        reasons=("X_CODE",),
        state="D",
        when=T0,
        surname="PURGEME",
        number="PRG123456",
    )
    log.record_review(old.id, expert="e", finding="genuine", when=T0 + timedelta(days=1))
    shared_old = record(log, 1, when=T0 + timedelta(days=2), images={"white": png(77)})
    new = record(log, 2, when=T0 + timedelta(days=100), images={"white": png(77)})
    log.record_decision(old.id, "admitted", officer="o", station="s", when=T0 + timedelta(days=101))
    own_old = Path(next(i.path for i in log.get(old.id).images if i.role == "white"))
    shared = log.image_path(log.get(new.id).images[0].sha256)
    rep = log.purge(older_than_days=30, by="dpo", now=T0 + timedelta(days=60))
    assert (rep.cases_purged, rep.entries_purged) == (2, 4)
    assert rep.images_deleted == 2 and rep.bytes_freed > 0  # old white + shared uv365 of old
    assert rep.tombstone is not None and rep.tombstone.kind == "purge"
    assert not own_old.exists() and shared is not None and shared.exists()
    v = log.verify()
    assert v.ok, v.problems
    rec = log.get(old.id)
    assert rec.purged and rec.examination is None and rec.images == ()
    assert all(e.payload is None for e in rec.entries)
    assert rec.summary.surname is None and rec.summary.document_number is None
    assert (rec.summary.issuing_state, rec.summary.decision) == ("D", "admitted")
    assert log.search(LogQuery(name="purgeme")) == []
    assert [s.id for s in log.search(LogQuery(name="eriksson"))] == [new.id]
    assert log.stats(by="reason").rows == (("X_CODE", 1),)  # kept for statistics
    tomb = json.loads(
        log.conn.execute("SELECT content FROM entries WHERE kind = 'purge'").fetchone()[0]
    )
    assert {c["exam_id"] for c in tomb["cases"]} == {old.id, shared_old.id}
    assert log.conn.execute("SELECT actor FROM entries WHERE kind='purge'").fetchone() == ("dpo",)
    with pytest.raises(LogError) as e:
        log.record_decision(old.id, "refused", officer="o", station="s")
    assert e.value.code == "BAD_VALUE"
    again = log.purge(older_than_days=30, by="dpo", now=T0 + timedelta(days=60))
    assert again.tombstone is None and again.cases_purged == 0
    # the personal data is gone from the file itself (secure_delete, WAL checkpointed)
    log.close()
    raw = b"".join(p.read_bytes() for p in log.path.parent.glob("log.sqlite*") if p.is_file())
    assert b"PURGEME" not in raw and b"PRG123456" not in raw and b"ERIKSSON" in raw


def test_purged_entries_verify_and_tampering_after_purge_is_caught(log: ExamLog) -> None:
    a = record(log, 0, when=T0)
    record(log, 1, when=T0 + timedelta(days=90))
    log.purge(older_than_days=30, by="dpo", now=T0 + timedelta(days=91))
    assert log.verify().ok
    log.conn.execute("UPDATE entries SET content = '{}' WHERE id = ?", (a.id,))
    rep = log.verify()
    assert not rep.ok and rep.problems[0].entry_id == a.id


def test_export_of_unknown_or_purged_case(log: ExamLog, tmp_path: Path) -> None:
    a = record(log, 0, when=T0)
    with pytest.raises(LogError) as e:
        log.export_case("nope", tmp_path)
    assert e.value.code == "NOT_FOUND"
    log.purge(older_than_days=1, by="dpo", now=T0 + timedelta(days=5))
    with pytest.raises(LogError) as e:
        log.export_case(a.id, tmp_path)
    assert e.value.code == "BAD_VALUE"
    with pytest.raises(LogError) as e:
        log.import_case(tmp_path / "missing.zip", by="x")
    assert e.value.code == "NOT_FOUND"


def test_package_with_a_conflicting_entry(two, tmp_path: Path) -> None:
    a, b = two
    exam_id = _referred_case(a)
    pkg = a.export_case(exam_id, tmp_path)
    b.import_case(pkg, by="x")
    conn = sqlite3.connect(b.path)
    conn.execute("UPDATE foreign_entries SET entry_hash = ? WHERE kind = 'decision'", ("0" * 64,))
    conn.commit()
    conn.close()
    assert not b.verify().ok
    with pytest.raises(LogError) as e:
        b.import_case(pkg, by="x")
    assert e.value.code == "CASEFILE_INVALID" and "another hash" in str(e.value)
