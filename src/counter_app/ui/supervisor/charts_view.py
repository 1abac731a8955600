"""Tab "Biểu đồ": arrivals per hour against staffed counters, the waiting time distribution,
the on-time rate by week, and a heat map of arrivals per weekday and hour (one field or all)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import queue, reports
from counter_app.ui.i18n import current_language
from counter_app.ui.supervisor.period_tab import PeriodTab
from counter_app.ui.supervisor.widgets import section_title, titled

ARRIVALS_COLOUR = "#5b8def"
STAFFED_COLOUR = "#d93025"
WITHIN_COLOUR = "#34a853"
BEYOND_COLOUR = "#ea4335"
ON_TIME_COLOUR = "#1a73e8"
HEAT_LOW = QColor("#fff7ec")
HEAT_HIGH = QColor("#b30000")
DEFAULT_WAIT_TARGET = timedelta(minutes=15)


def heat_colour(value: int, top: int) -> QColor:
    """White-cream for few arrivals, deep red for the busiest cell."""
    if top <= 0 or value <= 0:
        return QColor("#ffffff")
    t = min(value / top, 1.0) ** 0.8
    return QColor(
        round(HEAT_LOW.red() + (HEAT_HIGH.red() - HEAT_LOW.red()) * t),
        round(HEAT_LOW.green() + (HEAT_HIGH.green() - HEAT_LOW.green()) * t),
        round(HEAT_LOW.blue() + (HEAT_HIGH.blue() - HEAT_LOW.blue()) * t),
    )


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if current_language() == "vi" else text


def _chart() -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    font = QFont()
    font.setPointSizeF(10.5)
    font.setBold(True)
    chart.setTitleFont(font)
    return chart


def _view(name: str) -> QChartView:
    view = QChartView()
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    return view


class ChartsView(PeriodTab):
    """Four charts of the report period. ``charts`` maps a name to its QChart (for tests)."""

    def __init__(self, services: Any, actor: Any, worker: Any, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, worker, parent)
        self.wait_target = DEFAULT_WAIT_TARGET
        self.field_names: dict[str, str] = {}
        self.charts: dict[str, QChart] = {}
        self.title = section_title()
        self.status = QLabel()
        self.status.setStyleSheet("color: #455a64;")
        title_row, self.help = titled(self.title, "charts", self.status)
        self.arrivals_view = _view("chart_arrivals")
        self.wait_view = _view("chart_wait")
        self.on_time_view = _view("chart_on_time")

        self.heat_title = QLabel()
        self.heat_title.setStyleSheet("font-weight: 600; font-size: 10.5pt;")
        self.heat_field = QComboBox()
        self.heat_field.setObjectName("heat_field")
        self.heat_field.addItem("", "")
        self.heat_field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.heat_field.currentIndexChanged.connect(lambda _i: self._draw_heatmap())
        self.heat_field_label = QLabel()
        self.heat_field_label.setBuddy(self.heat_field)
        self.heatmap = QTableWidget()
        self.heatmap.setObjectName("heatmap")
        self.heatmap.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heatmap.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.heatmap.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.heatmap.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heatmap.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heatmap.setShowGrid(True)
        self.heatmap.setStyleSheet("QTableWidget { gridline-color: #e5e7eb; }")
        heat_head = QHBoxLayout()
        heat_head.addWidget(self.heat_title)
        heat_head.addStretch(1)
        heat_head.addWidget(self.heat_field_label)
        heat_head.addWidget(self.heat_field)
        heat_box = QWidget()
        heat_layout = QVBoxLayout(heat_box)
        heat_layout.setContentsMargins(6, 4, 6, 4)
        heat_layout.addLayout(heat_head)
        heat_layout.addWidget(self.heatmap, 1)

        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.arrivals_view, 0, 0)
        grid.addWidget(self.wait_view, 0, 1)
        grid.addWidget(self.on_time_view, 1, 0)
        grid.addWidget(heat_box, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar_slot)
        layout.addLayout(title_row)
        layout.addLayout(grid, 1)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Charts of the period"))
        self.heat_title.setText(self.tr("Arrivals per weekday and hour"))
        self.heat_field_label.setText(self.tr("&Field:"))
        self.heat_field.setItemText(0, self.tr("All fields"))

    def excel_keys(self) -> tuple[str, ...]:
        return ()  # charts go to the PDF report

    def set_wait_target(self, target: timedelta) -> None:
        self.wait_target = target

    # --- figures ------------------------------------------------------------------------

    def fetch(self, period: Any) -> Callable[[], Any]:
        svc, actor = self.services, self.actor
        return lambda: {"charts": reports.chart_data(svc, actor, period),
                        "fields": [(f.code, f.name) for f in queue.list_fields(svc)]}

    def show_loading(self) -> None:
        self.status.setText(self.tr("Computing the figures of %1…").replace("%1", self.wanted.label()))

    def show_failed(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;")

    def render(self) -> None:
        self.status.setText(self.period.label() if self.period is not None else "")
        self.status.setStyleSheet("color: #455a64;")
        data = self.data["charts"]
        self.field_names = dict(self.data["fields"])
        chosen = self.heat_field.currentData()
        self.heat_field.blockSignals(True)
        while self.heat_field.count() > 1:
            self.heat_field.removeItem(1)
        for code, name in self.data["fields"]:
            self.heat_field.addItem(name, code)
        self.heat_field.setCurrentIndex(max(0, self.heat_field.findData(chosen)))
        self.heat_field.blockSignals(False)
        self._draw_arrivals(data.arrivals_by_hour)
        self._draw_waits(data.wait_histogram)
        self._draw_on_time(data.on_time_by_week)
        self._draw_heatmap()

    def _set_chart(self, name: str, view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        self.charts[name] = chart
        if old is not None and old is not chart:
            old.deleteLater()

    def _draw_arrivals(self, points: tuple[Any, ...]) -> None:
        chart = _chart()
        chart.setTitle(self.tr("Arrivals per hour and counters calling (average per working day)"))
        arrivals = QBarSet(self.tr("Tickets issued"))
        arrivals.setColor(QColor(ARRIVALS_COLOUR))
        arrivals.setBorderColor(QColor(ARRIVALS_COLOUR))
        staffed = QLineSeries()
        staffed.setName(self.tr("Counters calling"))
        pen = QPen(QColor(STAFFED_COLOUR))
        pen.setWidth(3)
        staffed.setPen(pen)
        staffed.setPointsVisible(True)
        categories = []
        top = 1.0
        for i, p in enumerate(points):
            categories.append(f"{p.hour}h")
            arrivals.append(p.arrivals)
            staffed.append(i, p.staffed)
            top = max(top, p.arrivals, p.staffed)
        bars = QStackedBarSeries()
        bars.append(arrivals)
        bars.setBarWidth(0.7)
        chart.addSeries(bars)
        chart.addSeries(staffed)
        x = QBarCategoryAxis()
        x.append(categories or ["—"])
        y = _value_axis(top)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, staffed):
            series.attachAxis(x)
            series.attachAxis(y)
        self._set_chart("arrivals", self.arrivals_view, chart)

    def _draw_waits(self, buckets: tuple[Any, ...]) -> None:
        chart = _chart()
        target = int(self.wait_target.total_seconds() // 60)
        chart.setTitle(self.tr("Waiting time (minutes): tickets called"))
        within = QBarSet(self.tr("Within the %1-minute target").replace("%1", str(target)))
        beyond = QBarSet(self.tr("Past the target"))
        within.setColor(QColor(WITHIN_COLOUR))
        beyond.setColor(QColor(BEYOND_COLOUR))
        within.setBorderColor(QColor(WITHIN_COLOUR))
        beyond.setBorderColor(QColor(BEYOND_COLOUR))
        categories, top = [], 1
        for b in buckets:
            categories.append(b.label)
            inside = b.upper_minutes is not None and b.upper_minutes <= target
            within.append(b.count if inside else 0)
            beyond.append(0 if inside else b.count)
            top = max(top, b.count)
        series = QStackedBarSeries()
        series.append(within)
        series.append(beyond)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(categories or ["—"])
        y = _value_axis(top)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self._set_chart("wait", self.wait_view, chart)

    def _draw_on_time(self, weeks: tuple[Any, ...]) -> None:
        chart = _chart()
        chart.setTitle(self.tr("On-time rate by week (%)"))
        line = QLineSeries()
        line.setName(self.tr("Resolved early or on time"))
        pen = QPen(QColor(ON_TIME_COLOUR))
        pen.setWidth(3)
        line.setPen(pen)
        line.setPointsVisible(True)
        line.setPointLabelsVisible(True)
        line.setPointLabelsFormat("@yPoint")
        line.setPointLabelsClipping(False)
        categories = []
        for i, w in enumerate(weeks):
            categories.append(f"{w.week_start:%d/%m}")
            if w.on_time_rate is not None:
                line.append(i, round(w.on_time_rate * 100))
        chart.addSeries(line)
        x = QBarCategoryAxis()
        x.append(categories or ["—"])
        x.setTitleText(self.tr("Week starting"))
        y = QValueAxis()
        y.setRange(0, 100)
        y.setTickCount(6)
        y.setLabelFormat("%.0f")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(x)
        line.attachAxis(y)
        chart.legend().setVisible(False)
        self._set_chart("on_time", self.on_time_view, chart)

    def weekday_names(self) -> list[str]:
        return [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
                self.tr("Sun")]

    def heat_counts(self) -> dict[tuple[int, int], int]:
        """(weekday, hour) → arrivals of the chosen field (or all)."""
        if self.data is None:
            return {}
        code = self.heat_field.currentData() or ""
        counts: dict[tuple[int, int], int] = {}
        for cell in self.data["charts"].heatmap:
            if not code or cell.field_code == code:
                counts[(cell.weekday, cell.hour)] = counts.get((cell.weekday, cell.hour), 0) + cell.arrivals
        return counts

    def _draw_heatmap(self) -> None:
        counts = self.heat_counts()
        all_cells = self.data["charts"].heatmap if self.data is not None else ()
        hours = sorted({c.hour for c in all_cells}) or list(range(7, 17))
        hours = list(range(min(hours), max(hours) + 1))
        days = [d for d in range(7) if d < 5 or any(c.weekday == d for c in all_cells)]
        names = self.weekday_names()
        self.heatmap.clear()
        self.heatmap.setRowCount(len(days))
        self.heatmap.setColumnCount(len(hours))
        self.heatmap.setHorizontalHeaderLabels([f"{h}h" for h in hours])
        self.heatmap.setVerticalHeaderLabels([names[d] for d in days])
        top = max(counts.values(), default=0)
        for r, d in enumerate(days):
            for c, h in enumerate(hours):
                value = counts.get((d, h), 0)
                item = QTableWidgetItem(str(value) if value else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                colour = heat_colour(value, top)
                item.setBackground(QBrush(colour))
                item.setForeground(QBrush(QColor("#ffffff" if colour.lightness() < 140 else "#1f2937")))
                item.setToolTip(self.tr("%1, %2h: %3 tickets").replace("%1", names[d]).replace(
                    "%2", str(h)).replace("%3", str(value)))
                self.heatmap.setItem(r, c, item)



def _value_axis(top: float) -> QValueAxis:
    """A count axis from 0 to a round number a little above ``top``."""
    axis = QValueAxis()
    axis.setRange(0, max(top * 1.1, 1.0))
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f" if axis.max() >= 4 else "%.1f")
    return axis
