"""Exporting the register (form 06) from the desk: dates, format, file chooser, the file written."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from pypdf import PdfReader
from PySide6.QtCore import Qt

from counter_app.services import catalog, intake
from counter_app.ui.desk.register_dialog import RegisterDialog
from tests.helpers import intake_request
from tests.ui.keyboard import press
from tests.ui.test_desk_flow import CTRL

BIRTH = "1.001193.000.00.00.H38"


class Chooser:
    """Stands in for QFileDialog.getSaveFileName: answers with a path, records what it was asked."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.asked: list[tuple] = []

    def __call__(self, parent, caption, directory, filters):
        self.asked.append((caption, directory, filters))
        return self.answer, filters


def _receive(svc, officer, count: int) -> list[str]:
    procedure = catalog.get_procedure(svc, BIRTH)
    return [intake.receive_dossier(svc, officer, intake_request(procedure, id_number=f"00130101234{i}")).code
            for i in range(count)]


def _dialog(qtbot, svc, officer, worker, chooser) -> RegisterDialog:
    dialog = RegisterDialog(svc, officer, worker, save_file_name=chooser)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_export_xlsx_then_pdf_with_the_file_chooser_answered(qtbot, svc, officer, worker, tmp_path, ui_language):
    codes = _receive(svc, officer, 2)
    chooser = Chooser(str(tmp_path / "so-theo-doi"))  # no extension typed: it is added
    dialog = _dialog(qtbot, svc, officer, worker, chooser)
    # This month until today (the clock says Thursday 26/11/2026).
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 26))
    assert dialog.fmt() == "pdf"
    assert "dữ liệu cá nhân" in dialog.warning.text() and dialog.warning.isVisible()

    dialog.set_format("xlsx")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)
    caption, suggested, filters = chooser.asked[0]
    assert suggested.endswith("so-theo-doi-ho-so_2026-11-01_2026-11-26.xlsx") and "*.xlsx" in filters
    path, printed = dialog.exported
    assert path == tmp_path / "so-theo-doi.xlsx" and path.read_bytes() == printed.pdf
    assert printed.path.is_file()  # the archived copy (audited)
    assert str(path) in dialog.banner.text and "Đã lưu Sổ theo dõi hồ sơ" in dialog.banner.text
    cells = [str(c) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in row if c]
    for code in codes:
        assert code in cells

    chooser.answer = str(tmp_path / "so.pdf")
    dialog.pdf.setChecked(True)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.exported[0].suffix == ".pdf", timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle)
    pdf = (tmp_path / "so.pdf").read_bytes()
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert all(code in text for code in codes)


def test_cancelled_chooser_writes_nothing_and_a_reversed_period_is_explained(
    qtbot, svc, officer, worker, tmp_path, ui_language
):
    chooser = Chooser("")
    dialog = _dialog(qtbot, svc, officer, worker, chooser)
    dialog.export()
    assert len(chooser.asked) == 1 and worker.idle and dialog.exported is None

    dialog.set_period(date(2026, 11, 20), date(2026, 11, 2))
    dialog.export()
    assert len(chooser.asked) == 1  # not even asked
    assert dialog.period_error.message.startswith("Khoảng thời gian không hợp lệ")


def test_a_file_that_cannot_be_written_is_explained(qtbot, svc, officer, worker, tmp_path, ui_language):
    (tmp_path / "taken").mkdir()
    dialog = _dialog(qtbot, svc, officer, worker, Chooser(str(tmp_path / "taken" / "missing-folder" / "so.pdf")))
    dialog.export()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
    assert dialog.exported is None
    assert dialog.error.message.startswith("Không ghi được tệp") and "missing-folder" in dialog.error.message
    assert dialog.export_button.isEnabled()
