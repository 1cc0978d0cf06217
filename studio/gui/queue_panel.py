"""The render queue: one row per job with its progress and time left, cancel, retry, open the
output folder, the QA verdict with its HTML report, and on failure the message, the hint and the
details (ffmpeg command and stderr tail) to copy; below, a log line per job as Shotcut writes it.
Everything runs on `QtJobEngine` (the batch engine); this panel only shows and asks."""

from __future__ import annotations

import html
import shlex
import time
from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton,
                               QScrollArea, QSizePolicy, QSplitter, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from ..batch import Job, JobEvent
from ..core.i18n import colon
from ..qa.model import VERDICTS, verdict_text
from .i18n import ntr, tr
from .jobs import ENDED, QtJobEngine
from .story_delegate import STATUS_COLORS



def hms(seconds: float | None) -> str:
    s = max(0, round(seconds or 0))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def qa_status(verdict: str) -> str:
    """pass / warn / fail of the QA's verdict (the colour of the verdict label)."""
    return {words: status for status, words in VERDICTS.items()}.get(verdict, "warn")


def error_details(error) -> str:
    """Everything a support request needs, as plain text to copy."""
    lines = [f"{type(error).__name__}: {getattr(error, 'message', str(error))}"]
    for label, value in (("where", getattr(error, "where", "")), ("hint", getattr(error, "hint", None))):
        if value:
            lines.append(f"{label}: {value}")
    argv = getattr(error, "argv", None)
    if argv:
        lines += ["", "ffmpeg command:", shlex.join(str(a) for a in argv)]
    tail = getattr(error, "stderr_tail", "")
    if tail:
        lines += ["", "ffmpeg said:", tail]
    return "\n".join(lines)


class JobRow(QFrame):
    """One job of the queue. The panel feeds it the job's events (GUI thread)."""

    cancel_requested = Signal(object)   # Job
    retry_requested = Signal(object)    # Job

    def __init__(self, job: Job, opener, parent: QWidget | None = None):
        super().__init__(parent)
        self.job, self.opener = job, opener
        self.kind = "queued"
        self.result = None
        self.error = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("JobRow")
        self.title = QLabel(f"<b>{html.escape(job.story.stem)}</b> · {html.escape(job.preset)}")
        self.title.setToolTip(str(job.story))
        self.status = QLabel(tr("Waiting"))
        self.status.setAccessibleName(tr("Job status"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat("0%")
        self.progress.setAccessibleName(tr("Job progress"))
        self.verdict = QLabel()
        self.verdict.setAccessibleName(tr("QA verdict"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet(f"color: {STATUS_COLORS['fail']}")
        self.message.setAccessibleName(tr("Error message"))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(140)
        self.details.setAccessibleName(tr("Error details"))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.cancel_button = self._button(tr("Cancel"), tr("Stop this render (nothing is written)"),
                                          lambda: self.cancel_requested.emit(self.job))
        self.retry_button = self._button(tr("Retry"), tr("Render this job again"),
                                         lambda: self.retry_requested.emit(self.job))
        self.folder_button = self._button(tr("Open folder"), tr("Open the output folder"),
                                          lambda: self.opener(QUrl.fromLocalFile(str(self.job.out_dir))))
        self.report_button = self._button(tr("QA report"), tr("Open the quality report (HTML)"),
                                          self._open_report)
        self.post_button = self._button(tr("Copy the post"), tr("Copy the text to publish with the video "
                                                                "(title, text, helpline, hashtags)"), self.copy_post)
        self.details_button = self._button(tr("Details"), tr("Show the ffmpeg command and its output"),
                                           lambda: self.details_box.setVisible(not self.details_box.isVisible()))
        self.copy_button = self._button(tr("Copy"), tr("Copy the details to the clipboard"),
                                        lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.verdict)
        head.addWidget(self.status)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        for b in (self.cancel_button, self.retry_button, self.post_button, self.report_button, self.folder_button):
            bar.addWidget(b)
        self.details_box = QWidget()
        box = QVBoxLayout(self.details_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.details)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        box.addLayout(copy_row)
        err_row = QHBoxLayout()
        err_row.addWidget(self.message, 1)
        err_row.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addLayout(err_row)
        layout.addWidget(self.details_box)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._show()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.clicked.connect(slot)
        return b

    def _open_report(self) -> None:
        html = self.report_html()
        if html is not None:
            self.opener(QUrl.fromLocalFile(str(html)))

    def post_file(self) -> Path | None:
        post = getattr(self.result, "post", None)
        return Path(post) if post and Path(post).is_file() else None

    def copy_post(self) -> None:
        """The post beside the video into the clipboard, ready to paste into the platform."""
        post = self.post_file()
        if post is not None:
            try:
                QGuiApplication.clipboard().setText(post.read_text("utf-8"))
            except (OSError, UnicodeDecodeError):
                return

    def report_html(self) -> Path | None:
        reports = getattr(self.result, "qa_report", ()) or ()
        return next((Path(p) for p in reports if str(p).endswith(".html")), None)

    def restart(self) -> None:
        self.kind, self.result, self.error = "queued", None, None
        self.verdict.setText("")
        self.message.setText("")
        self.details.setPlainText("")
        self.progress.setValue(0)
        self.progress.setFormat("0%")
        self.status.setText(tr("Waiting"))
        self._show()

    def apply(self, event: JobEvent) -> None:
        self.kind = event.kind
        if event.kind in ("started", "progress"):
            self.progress.setValue(round(event.fraction * 1000))
            pct = f"{int(event.fraction * 100)}%"
            if event.fraction >= 0.999:  # encoded; the render's own QA check of the file runs now
                self.progress.setFormat(tr("Checking the file…"))
                self.status.setText(tr("Quality check"))
            else:
                self.progress.setFormat(pct if event.eta_s is None else
                                        tr("%1 (%2 left)").replace("%1", pct).replace("%2", hms(event.eta_s)))
                self.status.setText(tr("Rendering"))
        elif event.kind in ("finished", "skipped"):  # skipped: the outputs kept from the last render
            self.result = event.result
            self.progress.setValue(1000)
            if event.kind == "finished":
                self.progress.setFormat("100%")
                self.status.setText(tr("Done in %1").replace("%1", hms(event.elapsed_s)))
            else:
                self.progress.setFormat(tr("Up to date"))
                self.status.setText(tr("Skipped: already rendered"))
            verdict = getattr(event.result, "qa", "") or ""
            self.verdict.setText(verdict_text(verdict) if verdict else "")
            self.verdict.setStyleSheet(f"color: {STATUS_COLORS[qa_status(verdict)]}; font-weight: bold")
        elif event.kind == "failed":
            self.error = event.error
            self.progress.setFormat(tr("Nothing written"))
            self.status.setText(tr("Failed"))
            self.status.setStyleSheet(f"color: {STATUS_COLORS['fail']}; font-weight: bold")
            message = getattr(event.error, "message", str(event.error))
            where = getattr(event.error, "where", "")
            hint = getattr(event.error, "hint", None)
            text = f"{where}: {message}" if where else message
            self.message.setText(text + (f"\n{tr('Hint')}: {hint}" if hint else ""))
            self.details.setPlainText(error_details(event.error))
        elif event.kind == "waiting":  # another run renders the same file: its turn first
            self.status.setText(tr("Waiting"))
        elif event.kind == "cancelled":
            self.status.setText(tr("Stopped by user"))
            self.progress.setFormat(tr("Cancelled"))
        self._show()

    def _show(self) -> None:
        running = self.kind not in ENDED
        failed = self.kind == "failed"
        self.cancel_button.setVisible(running)
        self.retry_button.setVisible(self.kind in ("failed", "cancelled"))
        self.folder_button.setVisible(self.kind in ("finished", "skipped"))
        done = self.kind in ("finished", "skipped")
        self.report_button.setVisible(done and self.report_html() is not None)
        self.post_button.setVisible(done and self.post_file() is not None)
        self.verdict.setVisible(done and bool(self.verdict.text()))
        self.message.setVisible(failed)
        self.details_button.setVisible(failed and bool(self.details.toPlainText()))
        if not failed:
            self.details_box.setVisible(False)
            self.status.setStyleSheet("")


class QueuePanel(QWidget):
    job_finished = Signal(object)   # JobEvent of a finished job (e.g. to refresh the library)
    job_ended = Signal(object)      # JobEvent of any job that ended (finished, failed, cancelled, skipped)

    def __init__(self, engine: QtJobEngine, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine = engine
        self.opener = QDesktopServices.openUrl  # how folders and reports are opened (tests replace it)
        self.rows: dict[Job, JobRow] = {}  # equal jobs are the same job, as in the engine
        engine.event.connect(self._on_event)

        self.summary = QLabel(tr("No renders yet"))
        cancel_all = QPushButton(tr("Cancel all"))
        cancel_all.setToolTip(tr("Stop every render of the queue"))
        cancel_all.clicked.connect(lambda: self.engine.cancel(None))
        clear = QPushButton(tr("Clear finished"))
        clear.setToolTip(tr("Remove the jobs that ended from the list"))
        clear.clicked.connect(self.clear_ended)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(clear)
        head.addWidget(cancel_all)

        self._rows_widget = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_widget)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._rows_widget)
        scroll.setAccessibleName(tr("Render queue"))
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName(tr("Render log"))
        self.log.setPlaceholderText(tr("One line per job as it ends"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroll)
        split.addWidget(self.log)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        split.setSizes([5000, 1000])  # the jobs get most of the height; the log a few lines (drag for more)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(split, 1)

    def submit(self, jobs: list[Job]) -> None:
        jobs = list(jobs)
        for job in jobs:
            row = self._row(job)
            if row.kind in ENDED:  # a job still waiting or running is not submitted twice (the engine agrees)
                row.restart()
        self.engine.submit(jobs)
        self._update_summary()

    def cancel(self, job: Job | None = None) -> None:
        self.engine.cancel(job)

    def confirm_close(self) -> bool:
        """For the main window's closeEvent: True when nothing renders, or when the user agrees to
        stop the renders (then they are cancelled and the engine shut down: no partial file)."""
        if not self.engine.has_running():
            return True
        n = sum(r.kind not in ENDED for r in self.rows.values())
        answer = QMessageBox.question(
            self, tr("Renders running"),
            ntr("%n render is still running or waiting. Stop it and quit? Nothing half-written is kept.",
                "%n renders are still running or waiting. Stop them and quit? Nothing half-written is kept.", n),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.engine.shutdown()
        return True

    def retry(self, job: Job) -> None:
        self.submit([job])

    def row(self, job: Job) -> JobRow | None:
        return self.rows.get(job)

    def clear_ended(self) -> None:
        for job, row in list(self.rows.items()):
            if row.kind in ENDED:
                row.setParent(None)
                row.deleteLater()
                del self.rows[job]
        self._update_summary()

    def _row(self, job: Job) -> JobRow:
        row = self.rows.get(job)
        if row is None:
            row = JobRow(job, lambda url: self.opener(url))
            row.cancel_requested.connect(self.cancel)
            row.retry_requested.connect(self.retry)
            self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)
            row.show()  # at once, not on the layout's next pass
            self.rows[job] = row
        return row

    @Slot(object)
    def _on_event(self, event: JobEvent) -> None:
        row = self._row(event.job)
        if row.kind in ENDED and event.kind == "progress":
            return  # a late progress after the end
        row.apply(event)
        if event.kind in ENDED:
            self._log(event)
            self.job_ended.emit(event)
            if event.kind == "finished":
                self.job_finished.emit(event)
        self._update_summary()

    def _log(self, event: JobEvent) -> None:
        label = f"{event.job.story.stem} · {event.job.preset}"
        if event.kind == "finished":
            text = tr("Completed successfully in %1").replace("%1", hms(event.elapsed_s))
            if getattr(event.result, "qa", ""):
                text += f" — {tr('QA')}{colon()}{verdict_text(event.result.qa)}"
        elif event.kind == "cancelled":
            text = tr("Stopped by user")
        elif event.kind == "skipped":
            text = tr("Skipped: already rendered")
        else:
            text = tr("Failed") + f": {getattr(event.error, 'message', event.error)}"
        self.log.appendPlainText(f"[{time.strftime('%H:%M:%S')}] {label}: {text}")

    def _update_summary(self) -> None:
        kinds = [r.kind for r in self.rows.values()]
        waiting = sum(k in ("queued", "waiting") for k in kinds)  # not started, or its turn after another run
        running = sum(k not in ENDED for k in kinds) - waiting
        failed = kinds.count("failed")
        done = kinds.count("finished") + kinds.count("skipped")
        if not kinds:
            self.summary.setText(tr("No renders yet"))
        else:
            self.summary.setText(tr("%1 running · %4 waiting · %2 done · %3 failed")
                                 .replace("%1", str(running)).replace("%4", str(waiting))
                                 .replace("%2", str(done)).replace("%3", str(failed)))
