"""The procedure catalog: import, search, look-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import Counting
from counter_app.domain.catalog import Catalog, RequiredDocument, parse_catalog_csv, parse_catalog_json
from counter_app.domain.errors import DomainError
from counter_app.domain.intake import DocumentForm
from counter_app.domain.text import drop_unsafe, fold, lookup_key, safe_excerpt
from counter_app.resources import resource_path
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.journal import audit
from counter_app.store.models import Field, Procedure, ProcedureDocument

SHIPPED_CATALOG = ("catalog", "procedures.json")


@dataclass(frozen=True)
class ProcedureInfo:
    code: str
    name: str
    field_code: str
    field_name: str
    processing_days: int
    counting: Counting
    fee_text: str
    fee_amount: int | None
    legacy_level: int | None
    online_class: str
    lead_agency: str
    result_text: str
    retired: bool
    catalog_version: str
    documents: tuple[RequiredDocument, ...]


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    retired: int
    version: str


def procedure_info(p: Procedure) -> ProcedureInfo:
    return ProcedureInfo(
        code=p.code,
        name=p.name,
        field_code=p.field.code,
        field_name=p.field.name,
        processing_days=p.processing_days,
        counting=Counting(p.counting),
        fee_text=p.fee_text,
        fee_amount=p.fee_amount,
        legacy_level=p.legacy_level,
        online_class=p.online_class,
        lead_agency=p.lead_agency,
        result_text=p.result_text,
        retired=p.retired,
        catalog_version=p.catalog_version,
        documents=tuple(
            RequiredDocument(name=d.name, form=DocumentForm(d.form), count=d.count, required=d.required)
            for d in p.documents
        ),
    )


def read_catalog(source: str | Path) -> Catalog:
    """Parse a catalog file (JSON, or CSV by extension)."""
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DomainError("file_unreadable", path=str(path), detail=exc.strerror or str(exc)) from exc
    if path.suffix.lower() == ".csv":
        # The parser decodes (BOM allowed) and explains a non-UTF-8 file in both languages.
        return parse_catalog_csv(data)
    return parse_catalog_json(data)


def shipped_catalog() -> Catalog:
    return read_catalog(resource_path(*SHIPPED_CATALOG))


def _apply(session: Session, catalog: Catalog, now: datetime) -> ImportResult:
    fields = {f.code: f for f in session.execute(sa.select(Field)).scalars()}
    for spec in catalog.fields:
        field = fields.get(spec.code)
        if field is None:
            field = Field(code=spec.code, name=spec.name, ticket_prefix=spec.ticket_prefix)
            session.add(field)
            fields[spec.code] = field
        else:
            field.name, field.ticket_prefix = spec.name, spec.ticket_prefix or field.ticket_prefix
    session.flush()
    existing = {p.code: p for p in session.execute(sa.select(Procedure)).scalars()}
    added = updated = unchanged = retired = 0
    for spec in catalog.procedures:
        field = fields.get(spec.field_code)
        if field is None:
            raise DomainError("catalog_invalid", where=spec.code, detail=f"unknown field {spec.field_code}")
        values = dict(
            name=spec.name,
            name_folded=fold(spec.name),
            field_id=field.id,
            processing_days=spec.processing_days,
            counting=str(spec.counting),
            fee_text=spec.fee_text,
            fee_amount=spec.fee_amount,
            legacy_level=spec.legacy_level,
            online_class=str(spec.online_class),
            lead_agency=spec.lead_agency,
            result_text=spec.result_text,
            legal_basis=spec.legal_basis,
            retired=spec.retired,
            portal_integrated=spec.portal_integrated,
            digital_signature=spec.digital_signature,
        )
        docs = [(d.name, str(d.form), d.count, d.required) for d in spec.documents]
        proc = existing.get(spec.code)
        if proc is None:
            proc = Procedure(code=spec.code, catalog_version=catalog.version, updated_at=now, **values)
            proc.documents = [
                ProcedureDocument(position=i, name=n, form=f, count=c, required=r) for i, (n, f, c, r) in enumerate(docs)
            ]
            session.add(proc)
            added += 1
            retired += spec.retired
            continue
        old_docs = [(d.name, d.form, d.count, d.required) for d in proc.documents]
        changed = any(getattr(proc, k) != v for k, v in values.items()) or old_docs != docs
        if not changed:
            unchanged += 1
            continue
        if spec.retired and not proc.retired:
            retired += 1
        for k, v in values.items():
            setattr(proc, k, v)
        if old_docs != docs:
            proc.documents = [
                ProcedureDocument(position=i, name=n, form=f, count=c, required=r) for i, (n, f, c, r) in enumerate(docs)
            ]
        proc.catalog_version = catalog.version
        proc.updated_at = now
        updated += 1
    return ImportResult(added, updated, unchanged, retired, catalog.version)


def load_catalog(session: Session, catalog: Catalog, now: datetime) -> ImportResult:
    """Apply a parsed catalog inside the caller's transaction (used at first start)."""
    return _apply(session, catalog, now)


def import_catalog(svc: Services, source: str | Path, actor: Actor) -> ImportResult:
    """Load a catalog file: new procedures are added, known ones updated, none deleted."""
    authz.require(actor, "admin.catalog")
    catalog = read_catalog(source)
    now = svc.now()
    with svc.transaction() as s:
        result = _apply(s, catalog, now)
        audit(
            s, actor, "catalog.import", at=now, entity_type="catalog", entity_id=catalog.version,
            details={"file": Path(source).name, "added": result.added, "updated": result.updated, "retired": result.retired},
            after={"version": catalog.version},
        )
    return result


def _base_query():
    return sa.select(Procedure).join(Procedure.field)


def search_procedures(svc: Services, query: str, *, include_retired: bool = False, limit: int = 30) -> list[ProcedureInfo]:
    """Find procedures by part of the name (accents optional) or by code."""
    q = drop_unsafe((query or "")[:4000])[:200]
    stmt = _base_query()
    if not include_retired:
        stmt = stmt.where(Procedure.retired.is_(False))
    tokens = fold(q).split()
    if tokens:
        by_name = sa.and_(*(Procedure.name_folded.contains(t, autoescape=True) for t in tokens))
        by_code = Procedure.code.istartswith(q, autoescape=True)
        stmt = stmt.where(sa.or_(by_name, by_code))
    with svc.reading() as s:
        rows = list(s.execute(stmt.order_by(Procedure.name)).scalars().unique())
        infos = [procedure_info(p) for p in rows]
    folded_q = fold(q)

    def rank(p: ProcedureInfo) -> tuple:
        return (p.code.lower() != q.lower(), not fold(p.name).startswith(folded_q), fold(p.name))

    return sorted(infos, key=rank)[:limit]


def get_procedure(svc: Services, code: str) -> ProcedureInfo:
    with svc.reading() as s:
        key = lookup_key(code)
        p = s.execute(_base_query().where(Procedure.code == key)).scalar_one_or_none() if key else None
        if p is None:
            raise DomainError("procedure_unknown", value=safe_excerpt(code))
        return procedure_info(p)


def list_procedures(svc: Services, *, include_retired: bool = True) -> list[ProcedureInfo]:
    stmt = _base_query().order_by(Procedure.code)
    if not include_retired:
        stmt = stmt.where(Procedure.retired.is_(False))
    with svc.reading() as s:
        return [procedure_info(p) for p in s.execute(stmt).scalars().unique()]
