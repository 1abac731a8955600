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
    return Settings(
        database_url=url, archive_dir=archive, language=lang, counter_number=counter, data_dir=base,
        sync_url=os.environ.get("COUNTER_APP_SYNC_URL") or sync.get("url") or "",
        sync_token=os.environ.get("COUNTER_APP_SYNC_TOKEN") or sync.get("token") or "",
        sync_node=os.environ.get("COUNTER_APP_SYNC_NODE") or sync.get("node") or "",
        backup_dir=backup_dir, backup_keep=backup_keep,
    )
