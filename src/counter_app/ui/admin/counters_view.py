"""Quầy and Lĩnh vực: the counters of the hall (name, in use, fields served) and the fields'
ticket numbering (prefix, number range, offered at the kiosk)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.errors import FieldError, ValidationFailed
from counter_app.services import admin
from counter_app.ui.admin.base import AdminTab, make_table, select_row
from counter_app.ui.admin.models import AdminCountersModel, AdminFieldsModel
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.worker import Worker


class AdminCountersView(AdminTab):
    def __init__(self, services: Any, actor: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.model = AdminCountersModel(self)
        self.table = make_table(self.model, "counters_table", stretch=3)
        self._current: Any | None = None

        self.edit_box = QGroupBox()
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.add_field(form, "name", self.name, lambda: self.tr("&Name"))
        self.fields_list = QListWidget()
        self.fields_list.setObjectName("counter_fields")
        self.add_field(form, "fields", self.fields_list, lambda: self.tr("&Fields served"))
        self.fields_hint = QLabel()
        self.fields_hint.setWordWrap(True)
        self.fields_hint.setStyleSheet("color: #555555;")
        self.rename_button = QPushButton()
        self.fields_button = QPushButton()
        self.active_button = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.rename_button)
        row.addWidget(self.fields_button)
        row.addStretch(1)
        row.addWidget(self.active_button)
        edit = QVBoxLayout(self.edit_box)
        edit.addLayout(form)
        edit.addWidget(self.fields_hint)
        edit.addLayout(row)

        self.add_box = QGroupBox()
        add_form = QFormLayout()
        self.new_number = QSpinBox()
        self.new_number.setRange(1, admin.MAX_COUNTER_NUMBER)
        self.new_number.setMaximumWidth(120)
        self.new_name = QLineEdit()
        self.new_name.setMaxLength(100)
        self.add_field(add_form, "number", self.new_number, lambda: self.tr("N&umber"))
        self.add_field(add_form, "new_name", self.new_name, lambda: self.tr("Na&me (optional)"))
        self.add_button = QPushButton()
        add_layout = QVBoxLayout(self.add_box)
        add_layout.addLayout(add_form)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        add_layout.addLayout(add_row)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.edit_box)
        side_layout.addWidget(self.add_box)
        side_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.page_layout().addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._on_row(cur.row()))
        self.rename_button.clicked.connect(self.rename)
        self.name.returnPressed.connect(self.rename)
        self.fields_button.clicked.connect(self.save_fields)
        self.active_button.clicked.connect(self.toggle_active)
        self.add_button.clicked.connect(self.add)
        self.new_name.returnPressed.connect(self.add)
        self.retranslateUi()
        self._update_buttons()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.add_box.setTitle(self.tr("Add a counter"))
        self.add_button.setText(self.tr("&Add the counter"))
        self.rename_button.setText(self.tr("Save the &name"))
        self.fields_button.setText(self.tr("Save the fi&elds"))
        self.fields_hint.setText(self.tr("Tick the fields whose tickets this counter calls. "
                                         "None ticked: it calls every field."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        c = self._current
        for w in (self.name, self.fields_list, self.rename_button, self.fields_button, self.active_button):
            w.setEnabled(c is not None)
        self.edit_box.setTitle(self.tr("Counter %1").replace("%1", str(c.number)) if c else self.tr("Pick a counter"))
        self.active_button.setText(self.tr("Take out of &use") if c is None or c.active else self.tr("Put back in &use"))
        if c is not None and not c.active:
            self.fields_button.setEnabled(False)  # a counter out of use serves nothing

    def reload(self, select_number: int | None = None) -> None:
        svc, actor = self.services, self.actor
        keep = select_number if select_number is not None else (self._current.number if self._current else None)
        self.run(lambda: (admin.list_counters(svc, actor), admin.list_fields(svc, actor)),
                 lambda result: self._on_loaded(result, keep))

    def _on_loaded(self, result: tuple[list, list], keep: int | None) -> None:
        counters, fields = result
        self.model.field_names = {f.code: f.name for f in fields}
        self.fields_list.clear()
        for f in fields:
            item = QListWidgetItem(f"{f.name} ({f.prefix})")
            item.setData(Qt.ItemDataRole.UserRole, f.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.fields_list.addItem(item)
        self.model.set_rows(counters)
        taken = {c.number for c in counters}
        self.new_number.setValue(next((n for n in range(1, admin.MAX_COUNTER_NUMBER + 1) if n not in taken), 1))
        self.loaded = True
        self._current = None
        for i, c in enumerate(counters):
            if c.number == keep:
                select_row(self.table, i)
                self._on_row(i)
                break
        self._update_buttons()

    def _on_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        c = self.model.row(row)
        self._current = c
        self.errors.clear()
        self.name.setText(c.name)
        for i in range(self.fields_list.count()):
            item = self.fields_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in c.fields
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._update_buttons()

    def checked_fields(self) -> list[str]:
        return [self.fields_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.fields_list.count())
                if self.fields_list.item(i).checkState() == Qt.CheckState.Checked]

    def rename(self) -> None:
        c = self._current
        if c is None:
            return
        svc, actor, name = self.services, self.actor, self.name.text()
        self.errors.clear()
        self.run(lambda: admin.rename_counter(svc, actor, c.number, name),
                 lambda _r: self._done(self.tr("Counter %1 is now called “%2”.").replace("%1", str(c.number))
                                       .replace("%2", " ".join(name.split())), c.number))

    def save_fields(self) -> None:
        c = self._current
        if c is None:
            return
        svc, actor, codes = self.services, self.actor, self.checked_fields()
        self.run(lambda: admin.set_counter_fields(svc, actor, c.number, codes),
                 lambda _r: self._done(self.tr("The fields of counter %1 were saved.").replace("%1", str(c.number)),
                                       c.number))

    def toggle_active(self) -> None:
        c = self._current
        if c is None:
            return
        svc, actor, active = self.services, self.actor, not c.active
        text = (self.tr("Counter %1 is in use again.") if active
                else self.tr("Counter %1 is out of use: nobody can sign in there.")).replace("%1", str(c.number))
        self.run(lambda: admin.set_counter_active(svc, actor, c.number, active), lambda _r: self._done(text, c.number))

    def add(self) -> None:
        svc, actor = self.services, self.actor
        number, name = self.new_number.value(), self.new_name.text()
        self.errors.clear()

        def added(info: Any) -> None:
            self.new_name.clear()
            self._done(self.tr("Counter %1 was added.").replace("%1", str(info.number)), info.number)

        self.run(lambda: admin.add_counter(svc, actor, number, name), added, self._on_add_failed)

    def _on_add_failed(self, error: BaseException) -> None:
        errors = getattr(error, "errors", None)
        if errors:  # the service's "name" of a new counter belongs to the add form
            error = ValidationFailed([FieldError("new_name" if e.field == "name" else e.field, e.code, e.params)
                                      for e in errors])
        self.show_failure(error)

    def _done(self, text: str, number: int) -> None:
        self.errors.clear()
        self.say(BannerKind.SUCCESS, text)
        self.reload(number)


class AdminFieldsView(AdminTab):
    def __init__(self, services: Any, actor: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.model = AdminFieldsModel(self)
        self.table = make_table(self.model, "fields_table", stretch=0)
        self._current: Any | None = None

        self.box = QGroupBox()
        form = QFormLayout()
        self.prefix = QLineEdit()
        self.prefix.setMaxLength(3)
        self.prefix.setMaximumWidth(80)
        self.start = QSpinBox()
        self.start.setRange(0, 9999)
        self.start.setMaximumWidth(120)
        self.end = QSpinBox()
        self.end.setRange(0, 9999)
        self.end.setMaximumWidth(120)
        self.queue_open = QCheckBox()
        self.add_field(form, "prefix", self.prefix, lambda: self.tr("Ticket &prefix"))
        self.add_field(form, "start", self.start, lambda: self.tr("&First number"))
        self.add_field(form, "end", self.end, lambda: self.tr("&Last number"))
        self.add_field(form, "queue_open", self.queue_open, lambda: self.tr("&Kiosk"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        self.save_button = QPushButton()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        box = QVBoxLayout(self.box)
        box.addLayout(form)
        box.addWidget(self.hint)
        box.addLayout(row)
        box.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.page_layout().addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._on_row(cur.row()))
        self.save_button.clicked.connect(self.save)
        self.prefix.returnPressed.connect(self.save)
        self.prefix.textEdited.connect(lambda _t: self.errors.clear_field("prefix"))
        self.retranslateUi()
        self._update()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.queue_open.setText(self.tr("offered at the ticket kiosk"))
        self.save_button.setText(self.tr("&Save"))
        self.hint.setText(self.tr("Tickets are numbered from the first to the last number each day, after the "
                                  "prefix: A001, A002… A field that is not offered keeps its waiting tickets."))
        self._update()

    def _update(self) -> None:
        f = self._current
        for w in (self.prefix, self.start, self.end, self.queue_open, self.save_button):
            w.setEnabled(f is not None)
        self.box.setTitle(self.tr("Field “%1”").replace("%1", f.name) if f else self.tr("Pick a field"))

    def reload(self, select_code: str = "") -> None:
        svc, actor = self.services, self.actor
        keep = select_code or (self._current.code if self._current else "")
        self.run(lambda: admin.list_fields(svc, actor), lambda rows: self._on_loaded(rows, keep))

    def _on_loaded(self, rows: list, keep: str) -> None:
        self.model.set_rows(rows)
        self.loaded = True
        self._current = None
        for i, f in enumerate(rows):
            if f.code == keep:
                select_row(self.table, i)
                self._on_row(i)
        self._update()

    def _on_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        f = self.model.row(row)
        self._current = f
        self.errors.clear()
        self.prefix.setText(f.prefix)
        self.start.setValue(f.start)
        self.end.setValue(f.end)
        self.queue_open.setChecked(f.queue_open)
        self._update()

    def save(self) -> None:
        f = self._current
        if f is None:
            return
        svc, actor = self.services, self.actor
        prefix, start, end, open_ = self.prefix.text(), self.start.value(), self.end.value(), self.queue_open.isChecked()
        self.errors.clear()
        self.run(lambda: admin.configure_field(svc, actor, f.code, prefix=prefix, start=start, end=end,
                                               queue_open=open_), self._on_saved)

    def _on_saved(self, info: Any) -> None:
        self.say(BannerKind.SUCCESS, self.tr("The numbering of “%1” was saved.").replace("%1", info.name))
        self.reload(info.code)
