"""Archive of every printed PDF: write-once files with their SHA-256.

Layout: ``archive_dir/YYYY/MM/<kind>-<key>-<yyyymmddThhmmss>.pdf`` (date and time in
Asia/Ho_Chi_Minh). A file is written to a temporary name in the same folder, fsynced,
then published under its final name without ever replacing an existing file (a hard
link, which fails if the name exists; a "-2", "-3", ... suffix is then tried). The
folder is fsynced too, so an archived receipt survives a power cut. A row in printed_document
is written only after that (services/documents), so a kill mid-write leaves at most an
unnamed temporary file (swept after an hour) or a published file no row names — never a
row pointing at a truncated file (tests/crash/test_kill_desk.py).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_ATTEMPTS = 1000
STALE_TEMP_SECONDS = 3600


@dataclass(frozen=True)
class ArchivedFile:
    path: Path
    sha256: str
    size: int


def _safe(part: str, what: str) -> str:
    s = _UNSAFE.sub("_", part).strip("._")
    if not s:
        raise ValueError(f"archive {what} {part!r} has no usable characters")
    return s[:120]


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(tmp: Path, final: Path) -> bool:
    """Give *tmp* the name *final* unless *final* exists; True on success."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        return False
    except OSError:
        # file system without hard links (some network shares, FAT)
        if os.name == "nt":
            try:
                os.rename(tmp, final)  # on Windows rename never replaces an existing file
            except FileExistsError:
                return False
            return True
        if final.exists():
            return False
        os.replace(tmp, final)
        return True
    os.unlink(tmp)
    return True


def archive_pdf(archive_dir: Path, kind: str, key: str, pdf: bytes, when: datetime, *, suffix: str = ".pdf") -> ArchivedFile:
    """Store *pdf* under archive_dir/YYYY/MM/<kind>-<key>-<yyyymmddThhmmss>.pdf, write-once
    (*suffix* names other exported files, e.g. ".xlsx")."""
    local = when.astimezone(VN_TZ) if when.tzinfo is not None else when
    folder = Path(archive_dir) / f"{local:%Y}" / f"{local:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{_safe(kind, 'kind')}-{_safe(key, 'key')}-{local:%Y%m%dT%H%M%S}"
    data = bytes(pdf)
    digest = hashlib.sha256(data).hexdigest()

    fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for attempt in range(1, _MAX_ATTEMPTS + 1):
            final = folder / (f"{stem}{suffix}" if attempt == 1 else f"{stem}-{attempt}{suffix}")
            if _publish(tmp, final):
                break
        else:
            raise FileExistsError(f"no free archive name for {stem} in {folder}")
    finally:
        if tmp.exists():
            tmp.unlink()
    _fsync_dir(folder)
    _sweep_stale_temps(folder, time.time())
    return ArchivedFile(path=final, sha256=digest, size=len(data))


def _sweep_stale_temps(folder: Path, now: float) -> None:
    """Remove temporary files that a process killed mid-write left behind (kill -9, power cut).
    They were never published, so no row names them; an hour-old one is nobody's work."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(".tmp"):
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(entry.path)
            except OSError:
                pass
