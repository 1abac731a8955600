"""Ngày nghỉ: the working-day calendar of a year — national holidays (read-only) and the centre's
own days off and make-up working days, from which every due date is computed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import to_local
from counter_app.services import admin
from counter_app.ui import i18n
from counter_app.ui.admin.base import AdminTab, make_table, select_row
from counter_app.ui.admin.models import AdminCalendarModel
from counter_app.ui.widgets.banner import BannerKind
from counter_app.ui.worker import Worker


class AdminCalendarView(AdminTab):
    def __init__(self, services: Any, actor: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        today = to_local(services.now()).date()
        self.model = AdminCalendarModel(self)
        self.table = make_table(self.model, "calendar_table", stretch=2)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.remove_button = QPushButton()
        self.saturday = QCheckBox()

        self.box = QGroupBox()
        form = QFormLayout()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.kind = QComboBox()
        self.kind.addItem("", admin.DAY_OFF)
        self.kind.addItem("", admin.MAKE_UP_DAY)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.add_field(form, "day", self.day, lambda: self.tr("&Date"))
        self.add_field(form, "kind", self.kind, lambda: self.tr("&Kind"))
        self.add_field(form, "note", self.name, lambda: self.tr("&Name"))
        self.add_button = QPushButton()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        box = QVBoxLayout(self.box)
        box.addLayout(form)
        box.addLayout(row)
        box.addWidget(self.hint)
        box.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.saturday)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.page_layout().addWidget(splitter, 1)

        self.year.valueChanged.connect(lambda _y: self.reload())
        self.add_button.clicked.connect(self.add)
        self.name.returnPressed.connect(self.add)
        self.name.textEdited.connect(lambda _t: self.errors.clear_field("note"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.saturday.clicked.connect(self.set_saturday)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_remove())
        self.retranslateUi()

    def retranslateUi(self) -> None:
        super().retranslateUi()
        self.year_label.setText(self.tr("&Year"))
        self.kind.setItemText(0, self.tr("Day off (the centre is closed)"))
        self.kind.setItemText(1, self.tr("Make-up working day (the centre is open)"))
        self.box.setTitle(self.tr("Add a day"))
        self.add_button.setText(self.tr("&Add the day"))
        self.remove_button.setText(self.tr("&Remove the selected day"))
        self.saturday.setText(self.tr("The centre works on &Saturdays"))
        self.hint.setText(self.tr(
            "National holidays come with the program, greyed. Add the days the government or the province "
            "announces each year (extra days off, Saturdays worked in exchange): due dates are counted with "
            "them from the next receipt on. Dates already printed on receipts do not change."))
        self._update_remove()

    def _selected(self) -> Any | None:
        row = self.table.currentIndex().row()
        return self.model.row(row) if 0 <= row < self.model.rowCount() else None

    def _update_remove(self) -> None:
        day = self._selected()
        self.remove_button.setEnabled(day is not None and day.source == "site")

    def reload(self, select_day: date | None = None) -> None:
        svc, actor, year = self.services, self.actor, self.year.value()
        self.run(lambda: (admin.list_calendar(svc, actor, year), admin.site_settings(svc, actor).info.saturday_open),
                 lambda result: self._on_loaded(result, select_day))

    def _on_loaded(self, result: tuple[list, bool], select_day: date | None) -> None:
        days, saturday_open = result
        self.model.set_rows(days)
        self.saturday.setChecked(saturday_open)
        self.loaded = True
        for i, d in enumerate(days):
            if d.day == select_day and d.source == "site":
                select_row(self.table, i)
        self._update_remove()

    def add(self) -> None:
        qd = self.day.date()
        day, kind, name = date(qd.year(), qd.month(), qd.day()), self.kind.currentData(), self.name.text()
        svc, actor = self.services, self.actor
        self.errors.clear()
        self.run(lambda: admin.add_calendar_day(svc, actor, day, kind, name), self._on_added)

    def _on_added(self, day: Any) -> None:
        what = self.tr("a day off") if day.kind == admin.DAY_OFF else self.tr("a make-up working day")
        self.say(BannerKind.SUCCESS, self.tr("%1 is now %2.").replace("%1", i18n.format_date(day.day))
                 .replace("%2", what))
        self.name.clear()
        if day.day.year != self.year.value():
            self.year.setValue(day.day.year)  # reloads
        else:
            self.reload(day.day)

    def remove_selected(self) -> None:
        day = self._selected()
        if day is None or day.source != "site":
            return
        svc, actor = self.services, self.actor
        self.run(lambda: admin.remove_calendar_day(svc, actor, day.day),
                 lambda _r: self._on_removed(day.day))

    def _on_removed(self, day: date) -> None:
        self.say(BannerKind.SUCCESS, self.tr("%1 was removed from the list.").replace("%1", i18n.format_date(day)))
        self.reload()

    def set_saturday(self, checked: bool) -> None:
        svc, actor = self.services, self.actor

        def failed(error: BaseException) -> None:
            self.saturday.setChecked(not checked)
            self.show_failure(error)

        self.run(lambda: admin.set_saturday_open(svc, actor, checked),
                 lambda _r: self.say(BannerKind.SUCCESS, self.tr("Saturdays now count as working days.") if checked
                                     else self.tr("Saturdays no longer count as working days.")), failed)
