"""The report period of the console's report tabs: from / to dates, quick choices (this month,
last month, this quarter, this year) and the two export buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.domain.errors import DomainError
from counter_app.domain.indicators import Period
from counter_app.ui.i18n import current_language
from counter_app.ui.widgets.field_error import FieldErrorLabel

DEBOUNCE_MS = 400
QUICK = ("this_month", "last_month", "this_quarter", "this_year")


def quick_period(kind: str, today: date) -> Period:
    """A quick choice, ending today at the latest (a period not finished yet runs to now)."""
    if kind == "this_month":
        start = today.replace(day=1)
        end = today
    elif kind == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        start = end.replace(day=1)
    elif kind == "this_quarter":
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end = today
    elif kind == "this_year":
        start = date(today.year, 1, 1)
        end = today
    else:
        raise ValueError(kind)
    return Period(start, end)


class PeriodBar(QFrame):
    """Kỳ báo cáo: [from] – [to]  [This month] [Last month] [This quarter] [This year]   [Excel] [PDF]

    Signals:
        periodChanged(object): a valid Period was chosen (after a short pause while typing).
        exportExcel(): "Export to Excel" was pressed.
        exportPdf(): "Export the PDF report" was pressed.
    """

    periodChanged = Signal(object)
    exportExcel = Signal()
    exportPdf = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("period_bar")
        self.setStyleSheet("QFrame#period_bar { background: #f1f5f9; border: 1px solid #d8dee6; border-radius: 4px; }")
        self.today = today  # the console may stay open for days: "this month" is asked each time
        self._period = quick_period("this_month", today())
        self.label = QLabel()
        self.label.setStyleSheet("font-weight: 600;")
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMinimumDate(QDate(2000, 1, 1))
        self._limit_to(today())
        self.label.setBuddy(self.start)
        self.dash = QLabel("–")
        self.quick: dict[str, QPushButton] = {}
        for kind in QUICK:
            button = QPushButton()
            button.setObjectName(f"period_{kind}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=kind: self.choose(k))
            self.quick[kind] = button
        self.error = FieldErrorLabel()
        self.excel_button = QPushButton()
        self.excel_button.setObjectName("export_excel")
        self.excel_button.setAutoDefault(False)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("export_pdf")
        self.pdf_button.setAutoDefault(False)
        for button in (self.excel_button, self.pdf_button):
            button.setStyleSheet("QPushButton { font-weight: 600; padding: 4px 12px; }")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.start)
        layout.addWidget(self.dash)
        layout.addWidget(self.end)
        layout.addSpacing(8)
        for button in self.quick.values():
            layout.addWidget(button)
        layout.addWidget(self.error, 1)
        layout.addStretch(0)
        layout.addWidget(self.excel_button)
        layout.addWidget(self.pdf_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply)
        self._show(self._period)
        self.start.dateChanged.connect(lambda _d: self._debounce.start())
        self.end.dateChanged.connect(lambda _d: self._debounce.start())
        self.excel_button.clicked.connect(self.exportExcel)
        self.pdf_button.clicked.connect(self.exportPdf)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.label.setText(self.tr("Report &period:"))
        texts = {"this_month": self.tr("This month"), "last_month": self.tr("Last month"),
                 "this_quarter": self.tr("This quarter"), "this_year": self.tr("This year")}
        for kind, button in self.quick.items():
            button.setText(texts[kind])
        self.excel_button.setText(self.tr("Export to Excel"))
        self.excel_button.setToolTip(self.tr("Save the table(s) of this tab as an Excel workbook"))
        self.pdf_button.setText(self.tr("Export the PDF report"))
        self.pdf_button.setToolTip(self.tr("Save the whole report of the period (every table and chart) as PDF"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def period(self) -> Period:
        """The period shown (the last valid one while the dates are being changed)."""
        return self._period

    def choose(self, kind: str) -> None:
        today = self.today()
        self._limit_to(today)
        self.set_period(quick_period(kind, today))

    def _limit_to(self, today: date) -> None:
        for edit in (self.start, self.end):
            edit.blockSignals(True)
            edit.setMaximumDate(QDate(today.year, today.month, today.day))
            edit.blockSignals(False)

    def set_period(self, period: Period) -> None:
        self._show(period)
        self._apply()

    def _show(self, period: Period) -> None:
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _apply(self) -> None:
        self._debounce.stop()
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        try:
            period = Period(start, end)
        except DomainError as error:
            self.error.show_message(error.message(current_language()))
            return
        self.error.clear_message()
        if period != self._period:
            self._period = period
        self.periodChanged.emit(period)
