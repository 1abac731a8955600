"""archive_pdf: write-once files with their SHA-256."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from counter_app.printing import archive_pdf

WHEN = datetime(2026, 11, 26, 2, 5, 9, tzinfo=timezone.utc)  # 09:05:09 in Vietnam
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def test_path_hash_and_size(tmp_path):
    got = archive_pdf(tmp_path / "archive", "receipt", "000.00.06.H56-261126-0361", PDF, WHEN)
    assert got.path == tmp_path / "archive" / "2026" / "11" / "receipt-000.00.06.H56-261126-0361-20261126T090509.pdf"
    assert got.path.read_bytes() == PDF
    assert got.sha256 == hashlib.sha256(got.path.read_bytes()).hexdigest()
    assert got.size == len(PDF) == got.path.stat().st_size


def test_folder_follows_vietnam_date(tmp_path):
    # 31 Dec 20:00 UTC is already 1 Jan in Vietnam
    when = datetime(2026, 12, 31, 20, 0, tzinfo=timezone.utc)
    got = archive_pdf(tmp_path, "receipt", "K", PDF, when)
    assert got.path.parent == tmp_path / "2027" / "01"
    assert got.path.name == "receipt-K-20270101T030000.pdf"
    same = archive_pdf(tmp_path, "receipt", "K2", PDF, when.astimezone(ZoneInfo("America/New_York")))
    assert same.path.parent == got.path.parent


def test_never_overwrites(tmp_path):
    first = archive_pdf(tmp_path, "receipt", "K", PDF, WHEN)
    other = PDF + b"reprint"
    second = archive_pdf(tmp_path, "receipt", "K", other, WHEN)
    third = archive_pdf(tmp_path, "receipt", "K", other, WHEN)
    assert len({first.path, second.path, third.path}) == 3
    assert first.path.read_bytes() == PDF
    assert second.path.read_bytes() == other and third.path.read_bytes() == other
    assert second.path.name == "receipt-K-20261126T090509-2.pdf"
    assert third.path.name == "receipt-K-20261126T090509-3.pdf"
    assert second.sha256 == hashlib.sha256(other).hexdigest() != first.sha256
    # no temporary files left behind
    assert sorted(p.name for p in first.path.parent.iterdir()) == sorted(
        p.name for p in (first.path, second.path, third.path)
    )


def test_unsafe_key_stays_inside_the_archive(tmp_path):
    root = tmp_path / "archive"
    got = archive_pdf(root, "receipt", "../../etc/passwd", PDF, WHEN)
    assert got.path.resolve().is_relative_to(root.resolve())
    assert "/" not in got.path.name and ".." not in got.path.name
    with pytest.raises(ValueError):
        archive_pdf(root, "receipt", "///", PDF, WHEN)


def test_archives_a_real_receipt(tmp_path, receipt_data):
    from counter_app.printing import render_receipt

    pdf = render_receipt(receipt_data)
    got = archive_pdf(tmp_path, "receipt", receipt_data.dossier_code, pdf, receipt_data.received_at)
    data = got.path.read_bytes()
    assert data == pdf and data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert got.sha256 == hashlib.sha256(data).hexdigest()
