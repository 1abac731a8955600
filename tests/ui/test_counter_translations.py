"""The catalog of the counter's dossier screens (not accepted, reopen, forwarding, register):
complete, placeholders and accelerators kept, Vietnamese with its diacritics, .qm compiled.

After changing a user-visible string in one of CATALOG_SOURCES:

    pyside6-lupdate <CATALOG_SOURCES> -source-language en -target-language vi_VN -no-obsolete \
        -locations none -ts resources/translations/counter_app_counter_vi.ts
    (translate the new entries by hand or with pyside6-linguist)
    pyside6-lrelease resources/translations/counter_app_counter_vi.ts
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from counter_app.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
CATALOG = resource_path("translations") / "counter_app_counter_vi.ts"
CATALOG_SOURCES = [
    "src/counter_app/ui/desk/decline_dialog.py",
    "src/counter_app/ui/desk/reopen_dialog.py",
    "src/counter_app/ui/desk/forwarding_view.py",
    "src/counter_app/ui/desk/register_dialog.py",
    "src/counter_app/ui/models/forward_model.py",
]
PLACEHOLDER = re.compile(r"%n|%\d|\{\w*\}")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            yield name, message.findtext("source"), translation.get("type"), forms


def _tool(name: str) -> str | None:
    candidate = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(candidate) if candidate.exists() else shutil.which(f"pyside6-{name}") or shutil.which(name)


def test_every_message_is_translated_with_its_placeholders_and_accelerators():
    messages = list(_messages(CATALOG))
    assert len(messages) > 80
    assert ET.parse(CATALOG).getroot().get("language") == "vi_VN"
    for context, source, kind, forms in messages:
        assert kind is None, f"{context}: “{source}” is {kind}"
        assert "%n" not in source, f"{context}: plurals need an English catalog too: {source}"
        for text in forms:
            assert text.strip(), f"{context}: “{source}” has no translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
            assert source.count("&") == text.count("&"), f"keyboard accelerator lost: {context}: {text}"


def test_vietnamese_is_written_with_its_diacritics():
    texts = [forms[0] for _c, source, _k, forms in _messages(CATALOG) if len(source) > 12]
    without = [t for t in texts if not VIETNAMESE_LETTERS.search(t)]
    assert len(without) / len(texts) < 0.05, without


def test_accelerators_of_each_dialog_are_different():
    by_context: dict[str, list[str]] = {}
    for context, source, _k, forms in _messages(CATALOG):
        match = re.search(r"&(\w)", forms[0])
        if match and re.search(r"&\w", source):
            by_context.setdefault(context, []).append(match.group(1).lower())
    for context, letters in by_context.items():
        assert len(set(letters)) == len(letters), (context, letters)


def test_contexts_do_not_clash_with_the_other_catalogs():
    ours = {c for c, *_ in _messages(CATALOG)}
    for other in resource_path("translations").glob("counter_app_*.ts"):
        if other != CATALOG:
            assert not ours & {c for c, *_ in _messages(other)}, other.name


def test_catalog_covers_every_string_of_its_sources(tmp_path):
    lupdate = _tool("lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *[str(ROOT / s) for s in CATALOG_SOURCES], "-source-language", "en",
                    "-target-language", "vi_VN", "-no-obsolete", "-locations", "none", "-ts", str(fresh)],
                   check=True, capture_output=True)
    wanted = {(c, s) for c, s, *_ in _messages(fresh)}
    shipped = {(c, s) for c, s, *_ in _messages(CATALOG)}
    assert wanted - shipped == set(), "new strings: run pyside6-lupdate (see this module's docstring)"
    assert shipped - wanted == set(), "strings no longer used: run pyside6-lupdate with -no-obsolete"


def test_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path):
    lrelease = _tool("lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(CATALOG), "-qm", str(out)], check=True)
    assert out.read_bytes() == CATALOG.with_suffix(".qm").read_bytes(), (
        "counter_app_counter_vi.qm is stale: run pyside6-lrelease resources/translations/counter_app_counter_vi.ts"
    )


def test_the_screens_speak_vietnamese_and_english(qtbot, svc, officer, worker, ui_language):
    from PySide6.QtCore import Qt

    from counter_app.ui import i18n
    from counter_app.ui.desk.decline_dialog import DeclineDialog
    from counter_app.ui.desk.forwarding_view import ForwardingView

    dialog = DeclineDialog()
    view = ForwardingView(svc, officer, worker, preview_opener=lambda printed, parent: None)
    qtbot.addWidget(dialog)
    qtbot.addWidget(view)
    assert dialog.windowTitle() == "Không tiếp nhận hồ sơ"
    assert view.forward_button.text() == "Chuyển và in danh sách (Ctrl+Enter)"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Dossier not accepted")  # LanguageChange is posted
    assert view.forward_button.text() == "Forward and print the list (Ctrl+Enter)"
    assert dialog.items_model.headerData(0, Qt.Orientation.Horizontal) == "Document to supply or complete"
    i18n.set_language("vi")
    qtbot.waitUntil(lambda: view.title.text() == "Chuyển hồ sơ đến cơ quan giải quyết")
    qtbot.waitUntil(lambda: worker.idle)
