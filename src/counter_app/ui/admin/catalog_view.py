"""Danh mục thủ tục: the procedures in force, and importing a new catalog file after a preview."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import admin
from counter_app.ui.admin.base import AdminTab, error_text, make_table
from counter_app.ui.admin.models import AdminProceduresModel
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.worker import Worker

OpenFileName = Callable[[QWidget | None, str, str, str], tuple[str, str]]
SHOWN_PER_LIST = 30


class AdminCatalogView(AdminTab):
    """``open_file_name`` (the signature of QFileDialog.getOpenFileName) asks for the file; tests answer it.
    ``preview`` is the last CatalogPreview shown (None: nothing to import)."""

    def __init__(self, services: Any, actor: Any, worker: Worker, *,
                 open_file_name: OpenFileName = QFileDialog.getOpenFileName, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.open_file_name = open_file_name
        self.preview: Any | None = None
        self.source: str = ""
        self.model = AdminProceduresModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = make_table(self.proxy, "procedures_table")
        header = self.table.horizontalHeader()
        for column, width in ((1, 380), (2, 200)):  # long names: a fixed width, elided, whole in the tooltip
            header.setSectionResizeMode(column, header.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.count_label = QLabel()

        self.import_box = QGroupBox()
        self.choose_button = QPushButton()
        self.import_button = QPushButton()
        self.import_button.setEnabled(False)
        self.report = QTextBrowser()
        self.report.setObjectName("catalog_preview")
        self.report.setOpenLinks(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        box = QVBoxLayout(self.import_box)
        box.addLayout(buttons)
        box.addWidget(self.report, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.filter_label = QLabel()
        self.filter_label.setBuddy(self.filter)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.import_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 380])
        self.page_layout().addWidget(splitter, 1)
        self.choose_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.import_file)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.filter_label.setText(self.tr("&Find:"))
        self.filter.setPlaceholderText(self.tr("code, name or field"))
        self.import_box.setTitle(self.tr("Import a catalog file"))
        self.choose_button.setText(self.tr("C&hoose a file…"))
        self.import_button.setText(self.tr("&Import"))
        if self.preview is None and not self.report.toPlainText():
            self.report.setHtml(html.escape(self.tr(
                "Choose a catalog file (JSON, or CSV exported from a spreadsheet). You will see what it would add, "
                "change and retire before anything is saved. Procedures are never deleted.")))
        self._update_count()

    def _update_count(self) -> None:
        rows = self.model.rows()
        self.count_label.setText(self.tr("%1 procedures, %2 in force").replace("%1", str(len(rows))).replace(
            "%2", str(sum(1 for p in rows if not p.retired))))

    def reload(self) -> None:
        svc, actor = self.services, self.actor
        self.run(lambda: admin.list_procedures(svc, actor), self._on_loaded)

    def _on_loaded(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.loaded = True
        self._update_count()

    def choose_file(self) -> None:
        path, _filter = self.open_file_name(self, self.tr("Choose a catalog file"), "",
                                            self.tr("Catalog files (*.json *.csv);;All files (*)"))
        if path:
            self.preview_file(path)

    def preview_file(self, path: str) -> None:
        self.preview = None
        self.source = path
        self.import_button.setEnabled(False)
        self.report.setHtml(html.escape(self.tr("Reading %1…").replace("%1", Path(path).name)))
        svc, actor = self.services, self.actor
        self.run(lambda: admin.preview_catalog(svc, actor, path), self._on_preview, self._on_preview_failed)

    def _on_preview_failed(self, error: BaseException) -> None:
        self.preview = None
        self.import_button.setEnabled(False)
        text = error_text(error)
        title = self.tr("This file cannot be imported.")
        advice = self.tr("Correct the file and choose it again; nothing was saved.")
        self.report.setHtml(f"<p style='color:#a50e0e'><b>{html.escape(title)}</b></p>"
                            f"<p>{html.escape(text)}</p><p>{html.escape(advice)}</p>")
        self.say(BannerKind.ERROR, self.tr("The file %1 cannot be imported: %2").replace(
            "%1", Path(self.source).name).replace("%2", text))

    def _on_preview(self, preview: Any) -> None:
        self.preview = preview
        self.banner.hide()
        heading = self.tr("File %1, catalog version %2").replace("%1", preview.source).replace("%2", preview.version)
        summary = [
            self.tr("%1 new procedures").replace("%1", str(len(preview.added))),
            self.tr("%1 changed").replace("%1", str(len(preview.changed))),
            self.tr("%1 retired").replace("%1", str(len(preview.retired))),
            self.tr("%1 unchanged").replace("%1", str(preview.unchanged)),
        ]
        if preview.absent:
            summary.append(self.tr("%1 procedures of the centre are not in the file: they stay as they are")
                           .replace("%1", str(preview.absent)))
        if preview.fields_added:
            summary.append(self.tr("new fields: %1").replace("%1", ", ".join(preview.fields_added)))
        parts = [f"<p><b>{html.escape(heading)}</b></p><ul>"]
        parts += [f"<li>{html.escape(line)}</li>" for line in summary]
        parts.append("</ul>")
        for title, items in ((self.tr("New"), preview.added), (self.tr("Changed"), preview.changed),
                             (self.tr("Retired"), preview.retired)):
            if not items:
                continue
            parts.append(f"<p><b>{html.escape(title)}</b></p><ul>")
            parts += [f"<li>{html.escape(code)} — {html.escape(name)}</li>" for code, name in items[:SHOWN_PER_LIST]]
            if len(items) > SHOWN_PER_LIST:
                more = self.tr("… and %1 more").replace("%1", str(len(items) - SHOWN_PER_LIST))
                parts.append(f"<li>{html.escape(more)}</li>")
            parts.append("</ul>")
        nothing = not (preview.added or preview.changed or preview.retired or preview.fields_added)
        if nothing:
            none = self.tr("The file brings nothing new.")
            parts.append(f"<p>{html.escape(none)}</p>")
        self.report.setHtml("".join(parts))
        self.import_button.setEnabled(not nothing)
        if not nothing:
            self.import_button.setFocus()

    def import_file(self) -> None:
        if self.preview is None or not self.source:
            return
        self.import_button.setEnabled(False)
        svc, actor, path = self.services, self.actor, self.source
        self.run(lambda: admin.import_catalog(svc, actor, path), self._on_imported, self._on_import_failed)

    def _on_import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(self.preview is not None)
        self.show_failure(error)

    def _on_imported(self, result: Any) -> None:
        self.preview = None
        self.say(BannerKind.SUCCESS, self.tr("Catalog %1 imported: %2 added, %3 changed, %4 retired.")
                 .replace("%1", result.version).replace("%2", str(result.added))
                 .replace("%3", str(result.updated)).replace("%4", str(result.retired)))
        self.report.clear()
        self.reload()
