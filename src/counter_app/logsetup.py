"""The program's log: a rotating file in the data dir, with personal data masked (Decree 13/2023).

Every window and command calls :func:`setup_logging` once at start. Records go to
``<data dir>/logs/counter-app.log`` (5 × 1 MB kept) and, from WARNING up, to stderr. A
:class:`PersonalDataFilter` on both handlers rewrites each record's final message, its
exception text and stack text before anything is written: 12-digit ID numbers (CCCD) and
9-digit old ID cards (CMND), Vietnamese phone numbers (0… and +84…), e-mail addresses,
the values of known personal fields (``id_number=…``, ``'full_name': '…'``) and the bound
parameters SQLAlchemy prints in its errors are masked or dropped. Log lines name dossiers
by code and tickets by number, never by the citizen.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import traceback
from pathlib import Path

from counter_app.domain.errors import DomainError
from counter_app.domain.identity import mask_id_number, mask_phone

LOG_FILE_NAME = "counter-app.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"
_TAG = "_counter_app_handler"

# -- masking ---------------------------------------------------------------------------------

_D = r"(?<![0-9])"  # not in the middle of a longer number
_E = r"(?![0-9])"
_SEP = r"[ .\-]?"
# +84 / 0084 and 9 digits (mobile) or 10 (landline without its 0), separators allowed
_PHONE_INTL = re.compile(_D + r"(?:\+84|0084)" + _SEP + r"(?:\(0\)" + _SEP + r")?[1-9](?:" + _SEP + r"[0-9]){8,9}" + _E)
# 12-digit personal ID, also written in groups ("001 203 012 345")
_CCCD = re.compile(_D + r"[0-9]{3}" + _SEP + r"[0-9]{3}" + _SEP + r"[0-9]{3}" + _SEP + r"[0-9]{3}" + _E)
_CCCD_PLAIN = re.compile(_D + r"[0-9]{12}" + _E)
# 0 and 9 digits (mobile) or 10 digits (landline), separators allowed
_PHONE = re.compile(_D + r"0(?:" + _SEP + r"[0-9]){9,10}" + _E)
# 9-digit old identity card
_CMND = re.compile(_D + r"[0-9]{9}" + _E)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# known personal fields written as key=value / key: value / 'key': 'value' (dict reprs, JSON)
_ID_FIELDS = r"(?:[a-z_]*id_number|passport(?:_number)?|cccd|cmnd|so_giay_to|phone|[a-z_]*_phone|email)"
_ID_FIELD_VALUE = re.compile(r"(?i)(['\"]?\b" + _ID_FIELDS + r"['\"]?\s*[=:]\s*['\"]?)([A-Za-z0-9+\-.]{4,30}?)(?=['\",;)}\]\s]|$)")
_NAME_FIELDS = r"(?:full_name|[a-z_]*_name|name_folded|address|[a-z_]*_address|birth_date|applicant|collector|submitter)"
_NAME_FIELD_QUOTED = re.compile(r"(?i)(['\"]?\b" + _NAME_FIELDS + r"['\"]?\s*[=:]\s*)(['\"])(.*?)(\2)")
# bound parameters of a failed SQL statement (SQLAlchemy): they hold whatever was being saved
_SQL_PARAMS = re.compile(r"\[parameters: .*?\](?=\s*\n|\s*\(Background on this error|\s*$)", re.DOTALL)
# names that are not people: procedures, fields, tables, files, the site
_NOT_PERSONAL_NAMES = re.compile(r"(?i)^['\"]?(procedure_name|field_name|table_name|sheet_name|file_name|site_name|"
                                 r"centre_name|lead_agency_name|kind_name|form_name|printer_name|voice_name)")
# DomainError params that name or identify a person
PERSONAL_PARAMS = frozenset({
    "collector", "full_name", "owner", "owner_name", "submitter", "submitter_name", "applicant", "id_number",
    "phone", "email", "address", "birth_date", "person",
})


def mask_email(value: str) -> str:
    """"nguyen.van.a@gmail.com" -> "n***@gmail.com"."""
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _mask_field(m: re.Match) -> str:
    value = m.group(2)
    if "@" in value:
        return m.group(1) + mask_email(value)
    return m.group(1) + (mask_id_number(value) if any(c.isdigit() for c in value) else "***")


def _mask_name_field(m: re.Match) -> str:
    if _NOT_PERSONAL_NAMES.match(m.group(1)) or not m.group(3):
        return m.group(0)
    return f"{m.group(1)}{m.group(2)}***{m.group(4)}"


def mask_personal_data(text: str) -> str:
    """Text safe for a log: ID numbers, phones, e-mails and known personal fields masked."""
    if not text:
        return text
    text = _SQL_PARAMS.sub("[parameters: hidden]", text)
    text = _EMAIL.sub(lambda m: mask_email(m.group(0)), text)
    text = _NAME_FIELD_QUOTED.sub(_mask_name_field, text)
    text = _PHONE_INTL.sub(lambda m: mask_phone(m.group(0)), text)
    text = _CCCD.sub(lambda m: mask_id_number(_digits(m.group(0))), text)
    text = _CCCD_PLAIN.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _PHONE.sub(lambda m: mask_phone(m.group(0)), text)
    text = _CMND.sub(lambda m: mask_id_number(m.group(0)), text)
    # what is left in an identity field (a passport number, a malformed ID) is masked too
    return _ID_FIELD_VALUE.sub(_mask_field, text)


def safe_error_text(error: BaseException) -> str:
    """An exception as a log may hold it: a DomainError by its code and masked parameters."""
    if isinstance(error, DomainError):
        params = {k: ("***" if k in PERSONAL_PARAMS else v) for k, v in error.params.items()}
        return f"{error.code} {params}"
    return f"{type(error).__name__}: {error}"


def _safe_arg(arg: object) -> object:
    if isinstance(arg, DomainError):
        return safe_error_text(arg)
    return arg


def _exception_text(exc_info) -> str:
    """The traceback, with each DomainError's message (which may name a person) replaced."""
    lines = traceback.format_exception(*exc_info)
    text = "".join(lines).rstrip("\n")
    seen: set[int] = set()
    error = exc_info[1]
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, DomainError):
            try:
                shown = str(error)
            except Exception:  # noqa: BLE001 - a broken message must not break logging
                shown = ""
            if shown:
                text = text.replace(shown, safe_error_text(error))
        error = error.__cause__ or error.__context__
    return text


class PersonalDataFilter(logging.Filter):
    """Masks personal data in a record's final message, exception and stack text (in place)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_counter_app_masked", False):
            return True
        try:
            if record.args:
                args = record.args
                if isinstance(args, tuple):
                    record.args = tuple(_safe_arg(a) for a in args)
                message = record.getMessage()
            else:
                message = str(record.msg)
            record.msg = mask_personal_data(message)
            record.args = None
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = mask_personal_data(_exception_text(record.exc_info))
                record.exc_info = None  # the masked text is what every handler prints
            elif record.exc_text:
                record.exc_text = mask_personal_data(record.exc_text)
            if record.stack_info:
                record.stack_info = mask_personal_data(record.stack_info)
        except Exception:  # noqa: BLE001 - never lose a record over the filter; drop its text
            record.msg = "(log message dropped: it could not be checked for personal data)"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        record._counter_app_masked = True
        return True


# -- setup -----------------------------------------------------------------------------------

def log_file(data_dir: Path | None = None) -> Path:
    if data_dir is None:
        from counter_app.config import data_dir as default_data_dir

        data_dir = default_data_dir()
    return Path(data_dir) / "logs" / LOG_FILE_NAME


def setup_logging(data_dir: Path | None = None, *, level: int | str | None = None, console: bool = True,
                  max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT) -> Path | None:
    """Send the program's log records to the rotating file (and warnings to stderr), masked.

    Calling it again replaces the handlers it added before. *level* defaults to
    COUNTER_APP_LOG_LEVEL or INFO. Returns the log file, or None if it cannot be opened
    (the program still runs; stderr gets the records then)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _TAG, False):
            root.removeHandler(h)
            h.close()
    level = level or os.environ.get("COUNTER_APP_LOG_LEVEL", "").strip().upper() or logging.INFO
    try:
        root.setLevel(level)
    except (TypeError, ValueError):
        root.setLevel(logging.INFO)
    privacy = PersonalDataFilter()
    path: Path | None = log_file(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True)
        if os.name != "nt":
            try:
                os.chmod(path.parent, 0o700)  # the log is the site's business, not every user's
            except OSError:
                pass
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(privacy)
        setattr(handler, _TAG, True)
        root.addHandler(handler)
    except OSError:
        path = None
    if console or path is None:
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING if path is not None else logging.INFO)
        stream.setFormatter(logging.Formatter("counter-app: %(levelname)s %(name)s: %(message)s"))
        stream.addFilter(privacy)
        setattr(stream, _TAG, True)
        root.addHandler(stream)
    # Third-party chatter stays out of the log. SQLAlchemy logs every statement WITH its bound
    # parameters (names, ID numbers) as soon as the root level is INFO or DEBUG: never here.
    for noisy in ("sqlalchemy", "httpx", "httpcore", "urllib3", "PIL", "fontTools", "matplotlib"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger(noisy).level))
    return path


def remove_logging() -> None:
    """Take away the handlers setup_logging added (tests; a window that hands over to another)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _TAG, False):
            root.removeHandler(h)
            h.close()
