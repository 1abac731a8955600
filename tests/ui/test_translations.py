"""The shipped translations: complete, placeholders kept, .qm compiled from the current .ts.

After changing a user-visible string in src/counter_app/ui:

    pyside6-lupdate $(find src/counter_app/ui -name '*.py') -source-language en \
        -target-language vi_VN -no-obsolete -locations none -ts resources/translations/counter_app_vi.ts
    pyside6-lupdate $(find src/counter_app/ui -name '*.py') -source-language en \
        -target-language en_GB -pluralonly -no-obsolete -locations none -ts resources/translations/counter_app_en.ts
    (translate the new entries with pyside6-linguist or by hand)
    pyside6-lrelease resources/translations/counter_app_vi.ts resources/translations/counter_app_en.ts
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

TRANSLATIONS = resource_path("translations")
PLACEHOLDER = re.compile(r"%n|%\d|\{\w*\}")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            yield name, message.findtext("source"), translation.get("type"), forms


def _lrelease() -> str | None:
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def test_every_vietnamese_message_is_translated_and_keeps_its_placeholders():
    messages = list(_messages(TRANSLATIONS / "counter_app_vi.ts"))
    assert len(messages) > 100
    for context, source, kind, forms in messages:
        assert kind is None, f"{context}: “{source}” is {kind}"
        for text in forms:
            assert text.strip(), f"{context}: “{source}” has no translation"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
            assert source.count("&") == text.count("&"), f"keyboard accelerator lost: {context}: {text}"


def test_vietnamese_is_written_with_its_diacritics():
    texts = [forms[0] for _c, source, _k, forms in _messages(TRANSLATIONS / "counter_app_vi.ts") if len(source) > 12]
    with_marks = [t for t in texts if VIETNAMESE_LETTERS.search(t)]
    assert len(with_marks) / len(texts) > 0.95, [t for t in texts if t not in with_marks]


def test_english_plurals_are_shipped():
    for _c, source, kind, forms in _messages(TRANSLATIONS / "counter_app_en.ts"):
        assert "%n" in source and kind is None and len(forms) == 2


@pytest.mark.parametrize("language", ["vi", "en"])
def test_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path, language):
    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    ts = TRANSLATIONS / f"counter_app_{language}.ts"
    out = tmp_path / "out.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out)], check=True)
    shipped = TRANSLATIONS / f"counter_app_{language}.qm"
    assert out.read_bytes() == shipped.read_bytes(), (
        f"{shipped.name} is stale: run pyside6-lrelease {ts.relative_to(TRANSLATIONS.parent.parent)}"
    )
