"""The expert workspace, driven with real examinations (studio documents, the real engine).

A genuine and a forged identity card (photo substitution: the portrait glows under UV and
the ghost image shows another face) are generated and examined once per module; every test
builds a fresh workspace on them and drives it as an expert would: zoom, pan, modes, the
check list, the measuring tool, notes and the PDF report.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from docexam.examine.document import DocumentExamination
from docexam.settings import defaults
from ui.context import AppContext
from ui.expert import ExpertWorkspace
from ui.expert.imaging import qimage_to_bgr, to_qimage, union_rect
from ui.expert.measure import length_mm
from ui.expert.page_view import PageView
from ui.expert.report import ReportBuilder
from ui.expert.report_pdf import build_pdf, render_page
from ui.opened import OpenedExam
from ui.preferences import Preferences

SPECIMEN = "uto-id-2019"
FORGERY = "photo_substitution"
TODAY = dt.date(2026, 9, 1)


def _examine(forgery: str | None) -> DocumentExamination:
    from docexam.examine.captureset import from_images
    from docexam.examine.document import examine_document
    from docexam.specimens.library import default_library_root, load_library
    from docexam.synth.capture import simulate_capture
    from docexam.synth.studio import make_document

    library = load_library(default_library_root())
    doc = make_document(SPECIMEN, seed=1_000_003, forgery=forgery)
    captures = {}
    for side, images in doc.images.items():
        cap = simulate_capture(images, px_per_mm=doc.plan.px_per_mm, mode="scan", seed=7)
        captures[side] = from_images(dict(cap.images))
    return examine_document(captures, library, today=TODAY)


@pytest.fixture(scope="module")
def exams() -> dict[str, DocumentExamination]:
    out = {"genuine": _examine(None), "forged": _examine(FORGERY)}
    assert out["genuine"].verdict == "consistent"
    assert out["forged"].verdict == "suspect"
    return out


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def ctx(tmp_path: Path, errors: list[BaseException]) -> AppContext:
    return AppContext(
        defaults(),
        Preferences.at(tmp_path / "prefs.ini"),
        present_error=lambda _w, exc: errors.append(exc),
    )


@pytest.fixture
def ws(qtbot: Any, ctx: AppContext) -> ExpertWorkspace:
    workspace = ExpertWorkspace(ctx)
    qtbot.addWidget(workspace)
    workspace.resize(1500, 950)
    workspace.show()
    qtbot.waitExposed(workspace)
    return workspace


def opened(exams: dict[str, DocumentExamination], which: str = "forged") -> OpenedExam:
    return OpenedExam(exams[which], title=f"{which}-card")


def mouse(widget: QWidget, kind: QEvent.Type, pos: QPointF, buttons: Any = None) -> None:
    left = Qt.MouseButton.LeftButton
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
    held = left if buttons is None else buttons
    if kind == QEvent.Type.MouseButtonRelease:
        held = Qt.MouseButton.NoButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, held,
                        Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, event)


def drag(view: PageView, start: QPointF, end: QPointF) -> None:
    """Press, move in steps, release with the left button on the view's viewport."""
    vp = view.viewport()
    mouse(vp, QEvent.Type.MouseButtonPress, start)
    for t in (0.25, 0.5, 0.75, 1.0):
        mouse(vp, QEvent.Type.MouseMove, start + (end - start) * t)
    mouse(vp, QEvent.Type.MouseButtonRelease, end)


def wheel(view: PageView, steps: int) -> None:
    pos = QPointF(view.viewport().rect().center())
    event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(view.viewport(), event)


def pixels(widget: QWidget) -> np.ndarray:
    return qimage_to_bgr(widget.grab().toImage()).astype(np.int16)


def scene_pixels(scene: Any) -> np.ndarray:
    """The whole scene rendered at 600 px wide (independent of the pane's size)."""
    rect = scene.sceneRect()
    image = QImage(600, round(600 * rect.height() / rect.width()), QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return qimage_to_bgr(image).astype(np.int16)


def same_view(a: PageView, b: PageView, tol: float = 1.5) -> bool:
    ca, cb = a.scene_centre(), b.scene_centre()
    return (
        a.transform() == b.transform()
        and abs(ca.x() - cb.x()) <= tol
        and abs(ca.y() - cb.y()) <= tol
    )


# -- opening ---------------------------------------------------------------------------------


def test_placeholder_until_a_document_is_opened(ws, exams):
    assert ws.stack.currentWidget() is ws.placeholder
    assert "booth" in ws.placeholder.text() and "log" in ws.placeholder.text()
    ws.show_examination(opened(exams))
    assert ws.stack.currentIndex() == 1
    ws.clear()
    assert ws.stack.currentWidget() is ws.placeholder
    assert ws.features.tree.topLevelItemCount() == 0


def test_show_examination_fills_views_header_and_checks(ws, exams):
    doc = exams["forged"]
    ws.show_examination(opened(exams))
    _name, ex = doc.sides[0]
    h, w = ex.images["white"].shape[:2]
    left, right = ws.compare.scenes
    assert (left.base.pixmap().width(), left.base.pixmap().height()) == (w, h)
    assert (right.base.pixmap().width(), right.base.pixmap().height()) == (w, h)
    assert list(ws.toolbar.light_buttons) == ["white", "uv365", "ir870"]
    assert "Suspect" in ws.header.verdict_label.text()
    assert SPECIMEN in ws.header.specimen_label.text()
    assert ws.header.side_combo.count() == len(doc.sides) == 2
    assert ws.header.side_combo.isVisibleTo(ws)
    tree = ws.features.tree
    assert tree.topLevelItemCount() == len(ex.features)
    statuses = [r.status for r in ws.features.results()]
    assert statuses[0] == "fail"  # failed checks first
    assert statuses.index("pass") > max(i for i, s in enumerate(statuses) if s == "fail")
    failed = next(r for r in ws.features.results() if r.status == "fail")
    assert tree.topLevelItem(0).text(3) == f"{failed.score:.2f}"
    assert tree.topLevelItem(0).foreground(0).color().name() == "#c62828"
    # the other side: its own checks; the light stays
    ws.set_light("uv365")
    ws.header.side_combo.setCurrentIndex(1)
    assert ws.side == 1 and ws.light == "uv365"
    assert tree.topLevelItemCount() == len(doc.sides[1][1].features)


def test_image_conversion_copies_with_the_right_stride():
    rng = np.random.default_rng(1)
    bgr = rng.integers(0, 255, (31, 45, 3), dtype=np.uint8)
    sliced = bgr[:, 3:40]  # not contiguous, odd width
    image = to_qimage(sliced)
    assert (image.width(), image.height()) == (37, 31)
    assert np.array_equal(qimage_to_bgr(image), sliced)
    grey = rng.integers(0, 255, (9, 7), dtype=np.uint8)
    g = to_qimage(grey)
    assert g.format() == QImage.Format.Format_Grayscale8
    assert g.pixelColor(3, 5).red() == grey[5, 3]


# -- zoom and pan ----------------------------------------------------------------------------


def test_zoom_on_one_view_zooms_the_other(ws, qtbot, exams):
    ws.show_examination(opened(exams))
    left, right = ws.compare.views
    fitted = left.scale_factor()
    wheel(left, 2)
    assert left.scale_factor() == pytest.approx(fitted * 1.25**2)
    assert same_view(left, right)
    qtbot.keyClick(right, Qt.Key.Key_Plus)
    assert right.scale_factor() == pytest.approx(fitted * 1.25**3)
    assert same_view(left, right)
    qtbot.keyClick(left, Qt.Key.Key_Minus)
    assert same_view(left, right)
    qtbot.keyClick(right, Qt.Key.Key_0)
    assert left.fitted and left.scale_factor() == pytest.approx(fitted, rel=0.01)
    assert same_view(left, right)


def test_pan_on_one_view_pans_the_other(ws, qtbot, exams):
    ws.show_examination(opened(exams))
    left, right = ws.compare.views
    wheel(left, 6)
    before = left.scene_centre()
    qtbot.keyClick(left, Qt.Key.Key_Right)
    qtbot.keyClick(left, Qt.Key.Key_Down)
    moved = left.scene_centre()
    assert moved.x() > before.x() + 5 and moved.y() > before.y() + 5
    assert same_view(left, right)
    # dragging the specimen pane moves the questioned one with it
    c = QPointF(right.viewport().rect().center())
    drag(right, c, c + QPointF(-120, -80))
    dragged = right.scene_centre()
    scale = right.scale_factor()
    assert dragged.x() == pytest.approx(moved.x() + 120 / scale, abs=2)
    assert dragged.y() == pytest.approx(moved.y() + 80 / scale, abs=2)
    assert same_view(left, right)


# -- modes -----------------------------------------------------------------------------------


def test_overlay_opacity_slider_changes_the_overlay(ws, qtbot, exams):
    ws.show_examination(opened(exams))
    ws.set_mode("overlay")
    cv = ws.compare
    assert not cv.panes[1].isVisible()
    top = cv.scenes[0].top
    assert top.isVisible() and top.pixmap().cacheKey() == ws._pixmap("questioned").cacheKey()
    assert cv.scenes[0].base.pixmap().cacheKey() == ws._pixmap("specimen").cacheKey()
    slider = ws.toolbar.mode_bar.opacity_slider
    assert slider.isVisible()
    slider.setValue(10)
    assert top.opacity() == pytest.approx(0.10)
    faint = pixels(cv.views[0].viewport())
    slider.setValue(90)
    assert top.opacity() == pytest.approx(0.90)
    strong = pixels(cv.views[0].viewport())
    assert np.abs(faint - strong).mean() > 1.0
    assert "90" in cv.panes[0].caption.text()


def test_blink_alternates_the_documents(ws, qtbot, exams):
    ws.show_examination(opened(exams))
    bar = ws.toolbar.mode_bar
    bar.blink_spin.setValue(100)
    ws.set_mode("blink")
    cv = ws.compare
    assert cv.blink_timer.isActive() and cv.blink_timer.interval() == 100
    seen = set()
    for _ in range(2):
        for phase in ("specimen", "questioned"):
            qtbot.waitUntil(lambda p=phase: cv.shown_in_blink() == p, timeout=3000)
            assert cv.scenes[0].top.isVisible() == (phase == "specimen")
            seen.add(cv.panes[0].caption.text())
    assert len(seen) == 2  # the caption says which document is shown
    bar.blink_button.click()  # pause: hold the one on screen
    assert bar.blink_button.text() == "Resume"
    assert not cv.blink_timer.isActive()
    ws.set_mode("side_by_side")
    assert not cv.blink_timer.isActive() and not cv.scenes[0].top.isVisible()


def test_difference_mode_shows_a_heat_map(ws, qtbot, exams, errors):
    ws.show_examination(opened(exams))
    ws.set_light("uv365")
    plain = scene_pixels(ws.compare.scenes[0])
    ws.set_mode("difference")
    qtbot.waitUntil(ws.compare.has_difference, timeout=20_000)
    assert not ws.difference_pending() and not errors
    base = ws.compare.scenes[0].base.pixmap()
    assert base.cacheKey() != ws._pixmap("questioned").cacheKey()
    assert not ws.compare.panes[1].isVisible()
    heat = scene_pixels(ws.compare.scenes[0])
    assert np.abs(plain - heat).mean() > 10
    assert "Difference" in ws.compare.panes[0].caption.text()


# -- checks ----------------------------------------------------------------------------------


def test_clicking_a_failed_check_moves_both_views_onto_its_zone(ws, qtbot, exams):
    ws.show_examination(opened(exams))
    ex = ws.exam()
    assert ex is not None and ex.page is not None
    by_id = {f.id: f for f in ex.page.features}
    failed = [r for r in ws.features.results() if r.status == "fail"]
    # the failed check with the smallest zone: a real jump, not "the whole page"
    target = min(failed, key=lambda r: union_rect(by_id[r.feature].zones, 1).width())
    tree = ws.features.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(i for i in items if i.data(0, Qt.ItemDataRole.UserRole) == target.feature)
    fitted_scale = ws.compare.views[0].scale_factor()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())  # fmt: skip
    zone = union_rect(by_id[target.feature].zones, ex.page.px_per_mm)
    for view in ws.compare.views:
        visible = view.visible_scene_rect()
        assert visible.intersects(zone)
        assert visible.adjusted(-1, -1, 1, 1).contains(zone)
        assert visible.width() < 0.9 * ws.compare.scenes[0].sceneRect().width()
        assert view.scale_factor() > fitted_scale
    assert ws.compare.outline_rects() and zone.contains(ws.compare.outline_rects()[0])
    assert ws.light in (target.light or "").split("+")  # shown under the check's light
    assert target.message.en in ws.features.message.text()
    assert ws.features.evidence.isVisibleTo(ws) and ws.features.thumbs[2].pixmap is not None


# -- measuring -------------------------------------------------------------------------------


def test_measuring_tool_reports_millimetres(ws, exams):
    ws.show_examination(opened(exams))
    k = ws.exam().page.px_per_mm
    assert length_mm(QPointF(10, 10), QPointF(10 + 3 * k, 10 + 4 * k), k) == pytest.approx(5)
    ws.toolbar.tool_actions["measure"].trigger()
    view = ws.compare.views[0]
    assert view.tool == "measure"
    centre = view.scene_centre()
    before = view.transform()
    start = QPointF(view.mapFromScene(centre))
    end = start + QPointF(200, 0)  # 200 screen pixels at the current zoom
    drag(view, start, end)
    assert view.transform() == before  # the page did not move while measuring
    expected = 200 / view.scale_factor() / k
    line = ws.compare.measures[0].line()
    assert line.length() / k == pytest.approx(expected, abs=1e-6)
    assert ws.compare.measures[1].isVisible() and ws.compare.measures[1].line() == line
    assert f"{expected:.2f} mm" in ws.status_label.text()
    assert ws.compare.measures[0].tag.text() == f"{expected:.2f} mm"


# -- notes and the report --------------------------------------------------------------------


def test_annotations_are_drawn_listed_edited_removed_and_kept(ws, exams):
    doc = opened(exams)
    ws.show_examination(doc)
    ws.toolbar.tool_actions["rect"].trigger()
    view = ws.compare.views[0]
    c = QPointF(view.viewport().rect().center())
    drag(view, c - QPointF(60, 40), c + QPointF(60, 40))
    notes = ws.annotations()
    assert len(notes) == 1 and notes[0].kind == "rect" and notes[0].side == ws.side_name()
    panel = ws.notes_panel
    assert panel.tree.topLevelItemCount() == 1
    panel.tree.topLevelItem(0).setText(2, "glued photo edge")
    assert notes[0].text == "glued photo edge"
    assert [i.note.number for i in ws.compare.note_items()] == [1]
    assert "glued photo edge" in ws.compare.note_items()[0].tag.text()
    ws.add_annotation("arrow", QPointF(500, 100), QPointF(400, 200), "UV glow")
    assert panel.tree.topLevelItemCount() == 2 and len(ws.compare.scenes[1].items()) > 2
    panel.tree.setCurrentItem(panel.tree.topLevelItem(1))
    panel.remove_button.click()
    assert [n.number for n in ws.annotations()] == [1]
    assert panel.tree.topLevelItemCount() == 1 and len(ws.compare.note_items()) == 1
    # kept with the examination: another document, then this one again
    ws.show_examination(opened(exams, "genuine"))
    assert ws.annotations() == [] and panel.tree.topLevelItemCount() == 0
    ws.show_examination(doc)
    assert [n.text for n in ws.annotations()] == ["glued photo edge"]


_OBJ = re.compile(rb"(\d+) 0 obj\s(.*?)endobj", re.S)
_ESC = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def pdf_text(pdf: bytes) -> str:
    """The text of an uncompressed reportlab PDF, decoded by each font's ToUnicode map."""
    objs = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(pdf)}
    cmaps: dict[bytes, dict[int, str]] = {}
    for name, num in re.findall(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R", pdf):
        m = re.search(rb"/ToUnicode (\d+) 0 R", objs.get(int(num), b""))
        if m:
            pairs = re.findall(rb"<([0-9A-F]{2})> <([0-9A-F]{4})>", objs[int(m.group(1))])
            cmaps[name] = {int(c, 16): chr(int(u, 16)) for c, u in pairs}
    out = []
    for body in objs.values():
        if b"BT" not in body or b"stream" not in body:
            continue
        font = b""
        for m in re.finditer(rb"/(F\d+(?:\+\d+)?) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", body):
            if m.group(1):
                font = m.group(1)
                continue
            raw = _ESC.sub(lambda e: bytes([int(e.group(1), 8) & 0xFF]) if e.group(1)[:1].isdigit()
                           else e.group(1), m.group(2))  # fmt: skip
            table = cmaps.get(font)
            out.append("".join(table.get(b, "?") for b in raw) if table else raw.decode("latin-1"))
        out.append("\n")
    return " ".join(" ".join(out).split())


def test_annotations_appear_in_the_report(ws, exams):
    ws.show_examination(opened(exams))
    note = ws.add_annotation("rect", QPointF(120, 120), QPointF(320, 260), "glued photo edge")
    data = ReportBuilder(ws).collect(ws.opened, ws.annotations(), examiner="E-17",
                                     station="booth-3")  # fmt: skip
    side = data.sides[0]
    assert side.notes == (("1", "Rectangle", "glued photo edge"),)
    assert len(side.views) == 3  # every light, questioned and specimen
    text = pdf_text(build_pdf(data, compress=False))
    assert "glued photo edge" in text and "E-17" in text
    assert "Expert examination report" in text and "Suspect" in text
    ex = ws.exam()
    assert ex is not None
    # the note is drawn into the report's page picture (yellow pen where the rectangle is)
    pix = ws._pixmap("questioned")
    with_note = render_page(pix, [note]).astype(np.int16)
    without = render_page(pix, []).astype(np.int16)
    changed = np.abs(with_note - without).sum(axis=2) > 60
    ys, xs = np.nonzero(changed)
    k = with_note.shape[1] / pix.width()
    assert changed.sum() > 200
    assert xs.min() >= 120 * k - 8 and ys.min() >= 120 * k - 40  # the tag sits above it


def test_pdf_export_writes_a_valid_pdf(ws, qtbot, exams, tmp_path, errors):
    ws.show_examination(opened(exams))
    ws.add_annotation("arrow", QPointF(600, 100), QPointF(450, 300), "ghost differs")
    path = tmp_path / "report.pdf"
    with qtbot.waitSignal(ws.report_written, timeout=60_000) as blocker:
        assert ws.export_pdf(str(path))
        assert ws.is_exporting()
    assert blocker.args == [str(path)] and not ws.is_exporting() and not errors
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    try:
        from pypdf import PdfReader
    except ImportError:
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    else:
        import io

        pages = len(PdfReader(io.BytesIO(data)).pages)
    assert pages >= 2
    assert "report.pdf" in ws.status_label.text()
    assert not list(tmp_path.glob("*.part"))


def test_export_failure_is_reported(ws, qtbot, exams, tmp_path, errors):
    ws.show_examination(opened(exams))
    target = tmp_path / "missing-folder" / "report.pdf"
    assert ws.export_pdf(str(target))
    qtbot.waitUntil(lambda: not ws.is_exporting(), timeout=60_000)
    assert len(errors) == 1 and getattr(errors[0], "code", "") == "REPORT_WRITE_FAILED"
    assert not target.exists()


def test_a_document_without_specimen_is_shown_without_failing(ws, qtbot, tmp_path, errors):
    from docexam.examine.captureset import from_images
    from docexam.examine.document import examine_document
    from docexam.specimens.library import default_library_root, load_library

    blank = np.full((700, 1000, 3), 230, np.uint8)
    library = load_library(default_library_root())
    doc = examine_document({"front": from_images({"white": blank})}, library, today=TODAY)
    assert doc.sides[0][1].page is None
    ws.show_examination(OpenedExam(doc, title="blank"))
    assert ws.stack.currentIndex() == 1
    assert "none identified" in ws.header.specimen_label.text()
    assert ws.features.tree.topLevelItemCount() == 0 and not ws.toolbar.light_buttons
    assert "No page" in ws.compare.panes[0].caption.text()
    ws.set_mode("difference")
    ws.set_mode("side_by_side")
    with qtbot.waitSignal(ws.report_written, timeout=30_000):
        assert ws.export_pdf(str(tmp_path / "blank.pdf"))
    assert (tmp_path / "blank.pdf").read_bytes().startswith(b"%PDF")
    assert not errors


def test_a_language_switch_rewrites_the_engine_texts(ws, qtbot, exams, languages):
    ws.show_examination(opened(exams))
    failed = next(r for r in ws.features.results() if r.status == "fail")
    assert ws.select_check(failed.feature)
    ex = ws.exam()
    assert ex is not None and ex.specimen is not None
    assert ws.features.message.text() == failed.message.en
    if not languages.set_language("ru"):
        pytest.skip("the Russian catalogue cannot be built on this machine")
    qtbot.waitUntil(lambda: ws.features.message.text() == failed.message.ru)
    assert ex.reasons[0].message.ru in ws.header.reason_label.text()
    assert ex.specimen.name.ru in ws.header.specimen_label.text()
    languages.set_language("en")
    qtbot.waitUntil(lambda: ws.features.message.text() == failed.message.en)


def test_the_loupe_follows_the_mouse_in_both_panes(ws, exams):
    ws.show_examination(opened(exams))
    left = ws.compare.views[0]
    ws.toolbar.loupe_action.trigger()
    pos = QPointF(left.viewport().rect().center())
    mouse(left.viewport(), QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton)
    point = left.mapToScene(pos.toPoint())
    for view, loupe in zip(ws.compare.views, ws.compare.loupes, strict=True):
        assert loupe.isVisible()
        assert abs(loupe.point.x() - point.x()) < 2 and abs(loupe.point.y() - point.y()) < 2
        side = loupe.source_rect().width()
        assert side * view.scale_factor() * 4 == pytest.approx(loupe.width())
        assert not loupe.geometry().contains(view.mapFromScene(point))  # beside the cursor
    assert "mm" in ws.status_label.text()  # the cursor's position on the page
    ws.toolbar.loupe_action.trigger()
    assert not any(loupe.isVisible() for loupe in ws.compare.loupes)
