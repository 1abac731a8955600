"""resources/translations/counter_app_lifecycle_vi.ts: the handover, search and dossier screens.

After changing a user-visible string in one of LIFECYCLE_SOURCES:

    pyside6-lupdate <LIFECYCLE_SOURCES> -source-language en -target-language vi_VN \
        -no-obsolete -locations none -ts resources/translations/counter_app_lifecycle_vi.ts
    (translate the new entries by hand or with pyside6-linguist)
    pyside6-lrelease resources/translations/counter_app_lifecycle_vi.ts
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from counter_app.resources import resource_path
from tests.ui.test_translations import PLACEHOLDER, VIETNAMESE_LETTERS, _lrelease, _messages

ROOT = Path(__file__).resolve().parents[2]
CATALOG = resource_path("translations") / "counter_app_lifecycle_vi.ts"
LIFECYCLE_SOURCES = [
    "src/counter_app/ui/desk/handover_view.py",
    "src/counter_app/ui/desk/handover_controller.py",
    "src/counter_app/ui/desk/search_view.py",
    "src/counter_app/ui/desk/dossier_dialog.py",
    "src/counter_app/ui/models/dossier_list_model.py",
]


def test_lifecycle_catalog_is_complete_compiled_and_loaded(tmp_path, ui_language):
    messages = list(_messages(CATALOG))
    assert len(messages) > 150
    assert ET.parse(CATALOG).getroot().get("language") == "vi_VN"
    for context, source, kind, forms in messages:
        assert kind is None, f"{context}: “{source}” is {kind}"
        for text in forms:
            assert text.strip(), f"{context}: “{source}” has no translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
            assert source.count("&") == text.count("&"), f"keyboard accelerator lost: {context}: {text}"
    long_texts = [forms[0] for _c, source, _k, forms in messages if len(source) > 12]
    without_marks = [t for t in long_texts if not VIETNAMESE_LETTERS.search(t)]
    assert len(without_marks) / len(long_texts) < 0.05, without_marks

    # Loaded by ui.i18n with the other counter_app_*_vi.qm catalogs.
    assert QCoreApplication.translate("HandoverView", "Hand over the result (Ctrl+Enter)") == "Trả kết quả (Ctrl+Enter)"
    assert QCoreApplication.translate("SearchView", "No dossier found") == "Không tìm thấy hồ sơ"

    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(CATALOG), "-qm", str(out)], check=True)
    assert out.read_bytes() == CATALOG.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on counter_app_lifecycle_vi.ts"

    # Every string of the sources is in the catalog (lupdate finds nothing new).
    lupdate = Path(lrelease).with_name("pyside6-lupdate")
    if not lupdate.exists():
        return
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *LIFECYCLE_SOURCES, "-source-language", "en", "-target-language", "vi_VN",
                    "-no-obsolete", "-locations", "none", "-silent", "-ts", str(fresh)], check=True, cwd=ROOT)
    wanted = {(c, s) for c, s, _k, _f in _messages(fresh)}
    shipped = {(c, s) for c, s, _k, _f in messages}
    assert wanted <= shipped, sorted(wanted - shipped)
