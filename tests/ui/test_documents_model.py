"""The documents checklist model: Qt's model tester, editing, and what the receipt gets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from counter_app.domain.catalog import RequiredDocument
from counter_app.domain.intake import DocumentForm, DocumentLine
from counter_app.ui.models.documents_model import DocumentsTableModel

Role = Qt.ItemDataRole
M = DocumentsTableModel

CHECKLIST = (
    RequiredDocument(name="Tờ khai đăng ký khai sinh", form=DocumentForm.ORIGINAL, count=1),
    RequiredDocument(name="Giấy chứng sinh", form=DocumentForm.ORIGINAL, count=1),
    RequiredDocument(name="Văn bản ủy quyền", form=DocumentForm.CERTIFIED_COPY, count=1, required=False),
)


@pytest.fixture
def model(qapp, ui_language):
    return DocumentsTableModel()


def test_model_passes_qt_model_tester_through_every_change(model):
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_required_documents(CHECKLIST)
    assert model.insertRows(1, 2)
    assert model.setData(model.index(1, M.COL_NAME), "Bản sao giấy đăng ký kết hôn")
    assert model.setData(model.index(1, M.COL_FORM), DocumentForm.PHOTOCOPY.value)
    assert model.setData(model.index(1, M.COL_COUNT), 2)
    assert model.setData(model.index(0, M.COL_RECEIVED), Qt.CheckState.Unchecked.value, Role.CheckStateRole)
    assert model.removeRows(2, 1)
    assert not model.removeRows(5, 1)
    model.clear()
    model.add_row()
    assert model.rowCount() == 1
    del tester


def test_checklist_starts_with_required_documents_ticked(model):
    model.set_required_documents(CHECKLIST)
    assert model.rowCount() == 3 and model.columnCount() == 4
    checks = [model.data(model.index(r, M.COL_RECEIVED), Role.CheckStateRole) for r in range(3)]
    assert checks == [Qt.CheckState.Checked, Qt.CheckState.Checked, Qt.CheckState.Unchecked]
    assert model.data(model.index(1, M.COL_NAME)) == "Giấy chứng sinh"
    assert model.data(model.index(2, M.COL_FORM)) == "Bản sao chứng thực"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Giấy tờ"


def test_lines_are_the_received_rows_and_map_back_to_rows(model):
    model.set_required_documents(CHECKLIST)
    model.setData(model.index(0, M.COL_RECEIVED), Qt.CheckState.Unchecked.value, Role.CheckStateRole)
    model.setData(model.index(2, M.COL_RECEIVED), Qt.CheckState.Checked.value, Role.CheckStateRole)
    model.setData(model.index(2, M.COL_COUNT), 3)
    assert model.lines() == (
        DocumentLine("Giấy chứng sinh", DocumentForm.ORIGINAL, 1),
        DocumentLine("Văn bản ủy quyền", DocumentForm.CERTIFIED_COPY, 3),
    )
    assert model.row_of_line(0) == 1 and model.row_of_line(1) == 2 and model.row_of_line(2) is None


@pytest.mark.parametrize("value", [0, -1, 100, "many", None])
def test_counts_outside_one_to_ninety_nine_are_refused(model, value):
    model.set_required_documents(CHECKLIST)
    assert not model.setData(model.index(0, M.COL_COUNT), value)
    assert model.data(model.index(0, M.COL_COUNT)) == 1


def test_unknown_form_is_refused_and_flags_match_columns(model):
    model.set_required_documents(CHECKLIST)
    assert not model.setData(model.index(0, M.COL_FORM), "scan")
    assert model.flags(model.index(0, M.COL_RECEIVED)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, M.COL_RECEIVED)) & Qt.ItemFlag.ItemIsEditable
    for column in (M.COL_NAME, M.COL_FORM, M.COL_COUNT):
        assert model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
