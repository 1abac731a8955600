"""The period reports as generic tables: what the supervisor console shows and the exports write.

    table_06a(r: DossierReport, lang="vi") -> ReportTable        "06a": Biểu II.06a, by unit
    table_07a(r: DossierReport, lang="vi") -> ReportTable        "07a": Biểu II.07a, by field
    table_reform(lines: Iterable[ReformLine], lang="vi")          "reform": actual vs 2025/2030 targets
    table_queue(r: QueueReport, lang="vi")                        "queue"
    table_officers(r: OfficerReport, lang="vi")                   "officers"
    table_satisfaction(r: SatisfactionReport, lang="vi")          "satisfaction"
    table_comments(r: SatisfactionReport, lang="vi")              "comments"
    period_tables(report: PeriodReport, lang="vi")                the seven, in the order of the PDF
    cell_text(value, fmt, lang="vi") -> str                       "—", "85,0 %", "12,5", "26/11/2026 09:05"

Cells are str, int, float (ratios 0..1), minutes (float, 0.1), date/datetime or None ("—");
``formats`` names, per column, "text" | "int" | "percent" | "minutes" | "decimal" | "datetime"
("decimal": a plain number shown with one decimal, the average rating).

The code lives in printing/report_xlsx.py: the PDF lays these tables out and printing/ may not
import services/ (pyproject.toml, layers contract), so the tables are built there from the
dataclasses of services/reports.py, by attribute. Import them from here, not from printing.
No Qt here.
"""

from __future__ import annotations

from counter_app.printing.report_xlsx import (
    DASH,
    FORMATS,
    ReportTable,
    cell_text,
    minutes,
    period_tables,
    table_06a,
    table_07a,
    table_comments,
    table_officers,
    table_queue,
    table_reform,
    table_satisfaction,
)

__all__ = [
    "DASH",
    "FORMATS",
    "ReportTable",
    "cell_text",
    "minutes",
    "period_tables",
    "table_06a",
    "table_07a",
    "table_comments",
    "table_officers",
    "table_queue",
    "table_reform",
    "table_satisfaction",
]
