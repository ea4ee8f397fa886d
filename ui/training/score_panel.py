"""The trainer's scoring page: a package, its key, the results files that came back.

Why the checks run before anything is shown: a key of another session, an altered package
or a results file of another group must be refused, not scored into wrong figures (the
engine refuses them; this page shows why and stays usable). The figures are the engine's
(``TraineeScore.counts``); the session summary names the forgery types and the features
missed most, which is what the next drill should practise.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.background import BackgroundTask, run_in_background
from ui.context import AppContext
from ui.qtcompat import emit
from ui.training import jobs
from ui.training.texts import TrainingTexts, minutes

COLUMNS = (
    "trainee",
    "correct",
    "forgery_missed",
    "genuine_refused",
    "inconclusive",
    "unanswered",
    "feature_hits",
    "feature_false_marks",
    "feature_misses",
    "seconds_total",
    "over_time",
)
TOP = 5


class ScorePanel(QWidget):
    scored = Signal(object)  # jobs.Scored

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.texts = TrainingTexts(self)
        self.result: jobs.Scored | None = None
        self._task: BackgroundTask | None = None
        self.package_edit = QLineEdit()
        self.package_edit.editingFinished.connect(self._guess_key)
        self.key_edit = QLineEdit()
        self.db_edit = QLineEdit()
        self.package_button = QPushButton(clicked=self._browse_package)
        self.key_button = QPushButton(clicked=self._browse_key)
        self.results_list = QListWidget(objectName="trainingResultsFiles")
        self.results_list.setMaximumHeight(110)
        self.add_button = QPushButton(clicked=self._browse_results)
        self.remove_button = QPushButton(clicked=self._remove_results)
        self.score_button = QPushButton(clicked=self.score, objectName="trainingScore")
        self.pdf_button = QPushButton(clicked=lambda: self.export_pdf(), enabled=False)
        self.import_button = QPushButton(clicked=self.import_results, enabled=False)
        self.table = QTableWidget(0, len(COLUMNS), objectName="trainingScores")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary_label = QLabel(wordWrap=True, objectName="trainingSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label = QLabel(wordWrap=True)

        self.labels = {k: QLabel() for k in ("package", "key", "results", "db")}
        form = QFormLayout()
        for label, edit, button in (
            (self.labels["package"], self.package_edit, self.package_button),
            (self.labels["key"], self.key_edit, self.key_button),
        ):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(label, row)
        res_buttons = QVBoxLayout()
        res_buttons.addWidget(self.add_button)
        res_buttons.addWidget(self.remove_button)
        res_buttons.addStretch(1)
        res_row = QHBoxLayout()
        res_row.addWidget(self.results_list, 1)
        res_row.addLayout(res_buttons)
        form.addRow(self.labels["results"], res_row)
        form.addRow(self.labels["db"], self.db_edit)
        actions = QHBoxLayout()
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.score_button)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.labels["package"].setText(self.tr("Session package:"))
        self.labels["key"].setText(self.tr("Answer key:"))
        self.labels["results"].setText(self.tr("Results files:"))
        self.labels["db"].setText(self.tr("Training database:"))
        self.key_edit.setPlaceholderText(self.tr("beside the package: <name>.key.json"))
        if not self.db_edit.text():
            from docexam.training.store import default_training_db

            self.db_edit.setText(str(default_training_db(self.ctx.settings.log_db)))
        for b, text in (
            (self.package_button, self.tr("Choose…")),
            (self.key_button, self.tr("Choose…")),
            (self.add_button, self.tr("Add…")),
            (self.remove_button, self.tr("Remove")),
            (self.score_button, self.tr("Score")),
            (self.pdf_button, self.tr("Export report (PDF)…")),
            (self.import_button, self.tr("Import into the training database")),
        ):
            b.setText(text)
        heads = {
            "trainee": self.tr("Trainee"),
            "correct": self.tr("Correct"),
            "forgery_missed": self.tr("Forgeries missed"),
            "genuine_refused": self.tr("Genuine refused"),
            "inconclusive": self.tr("Inconclusive"),
            "unanswered": self.tr("Unanswered"),
            "feature_hits": self.tr("Feature hits"),
            "feature_false_marks": self.tr("False marks"),
            "feature_misses": self.tr("Features missed"),
            "seconds_total": self.tr("Time"),
            "over_time": self.tr("Over time"),
        }
        self.table.setHorizontalHeaderLabels([heads[c] for c in COLUMNS])
        self._render_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- inputs ------------------------------------------------------------------------------

    def set_inputs(
        self, package: Path | str, results: list[Path | str], key: Path | str | None = None
    ) -> None:
        """Fill the form (the key beside the package unless given)."""
        self.package_edit.setText(str(package))
        self.key_edit.setText(str(key) if key else "")
        self._guess_key()
        self.results_list.clear()
        self.results_list.addItems([str(p) for p in results])

    def _guess_key(self) -> None:
        from docexam.training import key_path_for

        if self.package_edit.text().strip() and not self.key_edit.text().strip():
            self.key_edit.setText(str(key_path_for(self.package_edit.text().strip())))

    def _browse_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a training session"), "", self.tr("Training sessions (*.dxs)")
        )
        if path:
            self.package_edit.setText(path)
            self.key_edit.clear()
            self._guess_key()

    def _browse_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open the answer key"), "", self.tr("Answer keys (*.key.json *.json)")
        )
        if path:
            self.key_edit.setText(path)

    def _browse_results(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add results files"), "", self.tr("Training results (*.json *.dxr)")
        )
        self.results_list.addItems(paths)

    def _remove_results(self) -> None:
        for item in self.results_list.selectedItems():
            self.results_list.takeItem(self.results_list.row(item))

    # -- scoring -----------------------------------------------------------------------------

    def score(self) -> None:
        """Check and score in the background; the table fills when done."""
        pkg, key = self.package_edit.text().strip(), self.key_edit.text().strip()
        files = [Path(self.results_list.item(i).text()) for i in range(self.results_list.count())]
        if not pkg or not key or not files:
            self.ctx.present_error(
                self,
                ValueError(
                    self.tr(
                        "Choose the session package, its answer key and at least one results file."
                    )
                ),
            )
            return
        self.score_button.setEnabled(False)
        self.status_label.setText(self.tr("Scoring…"))
        self._task = run_in_background(
            self,
            jobs.score,
            Path(pkg),
            Path(key),
            files,
            on_success=self._on_scored,
            on_failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.score_button.setEnabled(True)
        self.status_label.setText("")
        self.ctx.present_error(self, exc)

    def _on_scored(self, result: jobs.Scored) -> None:
        self._task = None
        self.result = result
        self.score_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.status_label.setText(html.escape(result.key.title))
        self.table.setRowCount(len(result.scores))
        for row, s in enumerate(result.scores):
            counts = s.counts()
            for col, name in enumerate(COLUMNS):
                if name == "trainee":
                    text = s.trainee
                elif name == "seconds_total":
                    text = minutes(counts["seconds_total"])
                else:
                    text = str(counts[name])
                item = QTableWidgetItem(text)
                if name != "trainee":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        self._render_summary()
        emit(self.scored, result)

    def row_counts(self, row: int) -> dict[str, str]:
        """The table's texts of one row by column name (for tests and screen readers)."""
        return {c: self.table.item(row, i).text() for i, c in enumerate(COLUMNS)}

    def _render_summary(self) -> None:
        r = self.result
        if r is None:
            self.summary_label.setText("")
            return
        s = r.summary
        types = [a for a in s.by_answer if a["missed"] and a["answer"] != "genuine"]
        types.sort(key=lambda a: -a["missed"])
        feats = [f for f in s.by_feature if f["misses"]][:TOP]
        names = _feature_names(r.key)
        parts = ["<h3>" + html.escape(self.tr("Session summary")) + "</h3>"]
        parts.append("<b>" + html.escape(self.tr("Forgery types missed most:")) + "</b> ")
        parts.append(
            ", ".join(
                f"{html.escape(self.texts.forgery(a['answer']))} ({a['missed']})"
                for a in types[:TOP]
            )
            or html.escape(self.tr("none"))
        )
        parts.append("<br><b>" + html.escape(self.tr("Features missed most:")) + "</b> ")
        parts.append(
            ", ".join(
                f"{html.escape(names.get(f['feature'], f['feature']))} ({f['misses']})"
                for f in feats
            )
            or html.escape(self.tr("none"))
        )
        self.summary_label.setText("".join(parts))

    # -- outputs -----------------------------------------------------------------------------

    def export_pdf(self, path: Path | str | None = None) -> None:
        """One trainee: their report; several: the session summary (engine's write_report)."""
        if self.result is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export report"), "report.pdf", self.tr("PDF (*.pdf)")
            )
            if not chosen:
                return
            path = chosen
        self.pdf_button.setEnabled(False)
        self.status_label.setText(self.tr("Writing the report…"))
        self._task = run_in_background(
            self,
            jobs.report,
            Path(path),
            self.result,
            on_success=self._on_written,
            on_failure=self._out_failed,
        )

    def _on_written(self, path: Path) -> None:
        self._task = None
        self.pdf_button.setEnabled(True)
        self.status_label.setText(self.tr("Report written: %1").replace("%1", str(path)))

    def _out_failed(self, exc: BaseException) -> None:
        self._task = None
        self.pdf_button.setEnabled(self.result is not None)
        self.import_button.setEnabled(self.result is not None)
        self.status_label.setText("")
        self.ctx.present_error(self, exc)

    def import_results(self) -> None:
        """Keep the scored runs in training.sqlite (never in the examination log)."""
        if self.result is None:
            return
        self.import_button.setEnabled(False)
        self._task = run_in_background(
            self,
            jobs.import_results,
            Path(self.db_edit.text().strip()),
            self.result,
            on_success=self._on_imported,
            on_failure=self._out_failed,
        )

    def _on_imported(self, outcome: tuple[int, list[str]]) -> None:
        self._task = None
        self.import_button.setEnabled(True)
        stored, skipped = outcome
        text = self.tr("%1 results stored.").replace("%1", str(stored))
        if skipped:
            text += " " + self.tr("Imported before (skipped): %1").replace("%1", ", ".join(skipped))
        self.status_label.setText(text)

    def discard(self) -> None:
        if self._task is not None:
            self._task.discard()
            self._task = None


def _feature_names(key: Any) -> dict[str, str]:
    """feature id -> name in the UI language, from the bundled designs of the key."""
    from ui.language import ui_language

    try:
        from docexam.synth.designs import DESIGNS, design
    except ImportError:  # pragma: no cover - studio not installed
        return {}
    lang = ui_language()
    names: dict[str, str] = {}
    for sid in dict.fromkeys(c.specimen for c in key.cases if c.specimen in DESIGNS):
        for f in design(sid).features():
            ru = getattr(f, "name_ru", None)
            names.setdefault(f.id, ru if lang == "ru" and ru else f.name_en)
    return names
