"""Settings: where the database and the archive live, the UI language, the counter number.

Precedence: command-line option > environment (COUNTER_APP_*) > config file
(<user config dir>/counter_app/config.toml) > defaults (an SQLite file in the user data dir).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "counter_app"


@dataclass(frozen=True)
class Settings:
    database_url: str
    archive_dir: Path
    language: str = "vi"
    counter_number: int | None = None
    data_dir: Path = Path(".")
    # The central system (SYNC.md): its URL and this site's token; the node defaults to the agency code.
    sync_url: str = ""
    sync_token: str = ""
    sync_node: str = ""
    # The single-desk daily backup (services/backup.scheduled_backup): its folder and how many to keep.
    backup_dir: Path = Path("backups")
    backup_keep: int = 7
    # On an SQLite site the desk itself makes that daily backup (off: COUNTER_APP_BACKUP_DAILY=0).
    backup_daily: bool = True
    # This PC's printers ([printers] in the config file, set in the admin window): "" = the system default.
    forms_printer: str = ""
    ticket_printer: str = ""
    ticket_width_mm: int = 80


@dataclass(frozen=True)
class PrinterChoice:
    """The [printers] section of this PC's config file."""

    forms_printer: str = ""  # A5 forms and A4 registers
    ticket_printer: str = ""  # the kiosk's thermal roll
    ticket_width_mm: int = 80  # 80 or 58


TICKET_WIDTHS = (80, 58)


def data_dir() -> Path:
    override = os.environ.get("COUNTER_APP_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    override = os.environ.get("COUNTER_APP_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def _file_values() -> dict:
    path = config_file()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SystemExit(f"counter-app: cannot read {path}: {exc}") from exc


def load_settings(
    *, database_url: str | None = None, counter_number: int | None = None, language: str | None = None
) -> Settings:
    file = _file_values()
    base = data_dir()
    url = (
        database_url
        or os.environ.get("COUNTER_APP_DATABASE_URL")
        or file.get("database_url")
        or f"sqlite:///{base / 'counter_app.sqlite3'}"
    )
    archive = Path(
        os.environ.get("COUNTER_APP_ARCHIVE_DIR") or file.get("archive_dir") or base / "archive"
    ).expanduser()
    counter = counter_number
    if counter is None:
        raw = os.environ.get("COUNTER_APP_COUNTER") or file.get("counter")
        counter = int(raw) if raw not in (None, "") else None
    lang = language or os.environ.get("COUNTER_APP_LANGUAGE") or file.get("language") or "vi"
    sync = file.get("sync") if isinstance(file.get("sync"), dict) else {}
    backup = file.get("backup") if isinstance(file.get("backup"), dict) else {}
    backup_dir = Path(os.environ.get("COUNTER_APP_BACKUP_DIR") or backup.get("dir") or base / "backups").expanduser()
    raw_keep = os.environ.get("COUNTER_APP_BACKUP_KEEP") or backup.get("keep")
    try:
        backup_keep = int(raw_keep) if raw_keep not in (None, "") else 7
    except (TypeError, ValueError):
        backup_keep = 0
    if backup_keep < 1:
        raise SystemExit(f"counter-app: backup keep (COUNTER_APP_BACKUP_KEEP / [backup] keep) must be a whole number "
                         f"of at least 1, not {raw_keep!r}")
    raw_daily = os.environ.get("COUNTER_APP_BACKUP_DAILY")
    daily = backup.get("daily", True) if raw_daily in (None, "") else raw_daily.strip().lower() not in ("0", "no", "false", "off")
    printers = load_printers(file)
    return Settings(
        database_url=url, archive_dir=archive, language=lang, counter_number=counter, data_dir=base,
        sync_url=os.environ.get("COUNTER_APP_SYNC_URL") or sync.get("url") or "",
        sync_token=os.environ.get("COUNTER_APP_SYNC_TOKEN") or sync.get("token") or "",
        sync_node=os.environ.get("COUNTER_APP_SYNC_NODE") or sync.get("node") or "",
        backup_dir=backup_dir, backup_keep=backup_keep, backup_daily=bool(daily),
        forms_printer=printers.forms_printer, ticket_printer=printers.ticket_printer,
        ticket_width_mm=printers.ticket_width_mm,
    )


def load_printers(file: dict | None = None) -> PrinterChoice:
    """This PC's printer choice; a missing or odd section gives the defaults (never an error)."""
    values = _file_values() if file is None else file
    section = values.get("printers") if isinstance(values.get("printers"), dict) else {}
    width = section.get("ticket_width_mm", 80)
    return PrinterChoice(
        forms_printer=str(section.get("forms_printer") or "")[:200],
        ticket_printer=str(section.get("ticket_printer") or "")[:200],
        ticket_width_mm=width if width in TICKET_WIDTHS and not isinstance(width, bool) else 80,
    )


def _toml_string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def save_printers(choice: PrinterChoice) -> Path:
    """Write the [printers] section of the config file, keeping every other line of it as it was.

    The file is replaced atomically (written beside it, then renamed). Returns its path.
    """
    if choice.ticket_width_mm not in TICKET_WIDTHS:
        raise ValueError(f"ticket_width_mm must be 80 or 58, not {choice.ticket_width_mm!r}")
    path = config_file()
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept: list[str] = []
    skipping = False
    for line in old.splitlines():
        header = line.strip()
        if header.startswith("["):
            skipping = header.split("#")[0].replace(" ", "") == "[printers]"
        if not skipping:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    section = [
        "[printers]",
        f"forms_printer = {_toml_string(choice.forms_printer)}",
        f"ticket_printer = {_toml_string(choice.ticket_printer)}",
        f"ticket_width_mm = {int(choice.ticket_width_mm)}",
    ]
    text = "\n".join([*kept, *([""] if kept else []), *section]) + "\n"
    tomllib.loads(text)  # never write a file the next start cannot read
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
