"""resources/translations/counter_app_supervisor_vi.ts: the supervisor console's catalog —
complete, placeholders and accelerators kept, Vietnamese with its diacritics, compiled, loaded;
and the console switches to English.

After changing a user-visible string in src/counter_app/ui/supervisor:

    pyside6-lupdate src/counter_app/ui/supervisor/*.py -source-language en -target-language vi_VN \
        -no-obsolete -locations none -ts resources/translations/counter_app_supervisor_vi.ts
    (translate the new entries by hand or with pyside6-linguist)
    pyside6-lrelease resources/translations/counter_app_supervisor_vi.ts
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from counter_app.resources import resource_path
from counter_app.ui import i18n
from tests.ui.test_translations import PLACEHOLDER, VIETNAMESE_LETTERS, _lrelease, _messages

ROOT = Path(__file__).resolve().parents[3]
CATALOG = resource_path("translations") / "counter_app_supervisor_vi.ts"
# The audit tab keeps its own catalog (counter_app_audit_vi.ts), checked by test_supervisor_audit.py.
SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src/counter_app/ui/supervisor").glob("*.py")
                 if p.name != "audit_view.py")


def test_supervisor_catalog_is_complete_compiled_and_loaded(tmp_path, ui_language):
    messages = list(_messages(CATALOG))
    assert len(messages) > 250
    assert ET.parse(CATALOG).getroot().get("language") == "vi_VN"
    for context, source, kind, forms in messages:
        assert kind is None, f"{context}: “{source}” is {kind}"
        assert "%n" not in source, f"{context}: plurals need an English catalog too: {source}"
        for text in forms:
            assert text.strip(), f"{context}: “{source}” has no translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
            assert source.count("&") == text.count("&"), f"keyboard accelerator lost: {context}: {text}"
            assert source.count("\n") == text.count("\n"), f"line breaks differ: {context}: {text}"
    long_texts = [forms[0] for _c, source, _k, forms in messages if len(source) > 12]
    without_marks = [t for t in long_texts if not VIETNAMESE_LETTERS.search(t)]
    assert len(without_marks) / len(long_texts) < 0.03, without_marks

    # Loaded by ui.i18n with the other counter_app_*_vi.qm catalogs.
    assert QCoreApplication.translate("SupervisorWindow", "Now") == "Hiện tại"
    assert QCoreApplication.translate("Definitions", "Carried over") == "Kỳ trước chuyển qua"

    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(CATALOG), "-qm", str(out)], check=True)
    assert out.read_bytes() == CATALOG.with_suffix(".qm").read_bytes(), (
        "run pyside6-lrelease on counter_app_supervisor_vi.ts")

    # Every string of the sources is in the catalog (lupdate finds nothing new).
    lupdate = Path(lrelease).with_name("pyside6-lupdate")
    if not lupdate.exists():
        return
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *SOURCES, "-source-language", "en", "-target-language", "vi_VN",
                    "-no-obsolete", "-locations", "none", "-silent", "-ts", str(fresh)], check=True, cwd=ROOT)
    wanted = {(c, s) for c, s, _k, _f in _messages(fresh)}
    shipped = {(c, s) for c, s, _k, _f in messages}
    assert wanted <= shipped, sorted(wanted - shipped)


def test_the_console_switches_to_english_and_back(qtbot, console):
    now = console.now_view
    assert console.tabs.tabText(0) == "Hiện tại"
    assert now.fields_title.text() == "Hàng chờ theo lĩnh vực"
    alert_vi = now.alerts_model.messages()[0]
    console.english_action.trigger()
    try:
        assert i18n.current_language() == "en"
        qtbot.waitUntil(lambda: console.tabs.tabText(0) == "Now", timeout=3_000)  # LanguageChange is posted
        assert [console.tabs.tabText(i) for i in range(5)] == ["Now", "Dossiers", "Indicators",
                                                               "Satisfaction && officers", "Charts"]
        assert now.fields_title.text() == "Queues by field"
        model = now.fields_model
        assert model.headerData(3, Qt.Orientation.Horizontal) == "Longest wait"
        assert now.counters_model.data(now.counters_model.index(3, 1)) == "Paused"
        assert now.alerts_model.messages()[0] != alert_vi and "Hộ tịch" in now.alerts_model.messages()[0]
        assert now.dossier_buttons["overdue"].text().startswith("Overdue: ")
        assert console.period_bar.excel_button.text() == "Export to Excel"
        # A report drawn in English: the tables follow the language (report_tables, lang="en").
        console.tabs.setCurrentWidget(console.indicators_view)
        qtbot.waitUntil(lambda: console.indicators_view.data is not None, timeout=15_000)
        page = console.indicators_view.pages["06a"]
        assert page.title.text() == "Form II.06a — Administrative procedures handled, by unit"
        assert page.model.data(page.model.index(page.model.rowCount() - 1, 0)) == "Total"
    finally:
        console.vietnamese_action.trigger()
    qtbot.waitUntil(lambda: console.tabs.tabText(0) == "Hiện tại", timeout=3_000)
    assert console.indicators_view.pages["06a"].title.text().startswith("Biểu II.06a")
