"""First start: the centre's identity, counters, the first administrator, the shipped catalog."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from counter_app.domain.dossier_code import check_agency_code
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import check_free_text
from counter_app.services import catalog as catalog_service
from counter_app.services.accounts import add_user, generate_password
from counter_app.services.context import Services
from counter_app.services.journal import audit
from counter_app.store.models import Counter, Site


@dataclass(frozen=True)
class SiteInfo:
    id: uuid.UUID
    name: str
    issuing_body: str
    agency_code: str
    address: str
    hotline: str
    place_name: str
    saturday_open: bool
    register_book: str
    counters: tuple[int, ...] = ()


DEMO_SITE = dict(
    name="Trung tâm Phục vụ hành chính công tỉnh (demo)",
    issuing_body="UBND TỈNH QUẢNG NAM",
    agency_code="000.00.06.H56",
    address="Số 1 Trần Hưng Đạo, phường Bàn Thạch, tỉnh Quảng Nam",
    hotline="1900 1234",
    place_name="Tam Kỳ",
)
DEMO_ACCOUNTS = (
    ("admin", "Quản trị hệ thống", "admin", None),
    ("giamsat", "Trần Thị Giám Sát", "supervisor", None),
    ("canbo1", "Nguyễn Văn An", "officer", 1),
    ("canbo2", "Lê Thị Bình", "officer", 2),
    ("canbo3", "Phạm Minh Châu", "officer", 3),
    ("canbo4", "Võ Thị Dung", "officer", 4),
)


def site_info_of(site: Site, counters: list[int] | None = None) -> SiteInfo:
    return SiteInfo(
        id=site.id, name=site.name, issuing_body=site.issuing_body, agency_code=site.agency_code,
        address=site.address, hotline=site.hotline, place_name=site.place_name,
        saturday_open=site.saturday_open, register_book=site.register_book, counters=tuple(counters or ()),
    )


def the_site(session) -> Site:
    """The centre of this database (one site per database), inside the caller's transaction."""
    site = session.execute(sa.select(Site)).scalars().first()
    if site is None:
        raise DomainError("site_not_initialized")
    return site


def site_info(svc: Services) -> SiteInfo | None:
    """The centre of this database, or None when it has not been set up yet."""
    with svc.reading() as s:
        site = s.execute(sa.select(Site)).scalars().first()
        if site is None:
            return None
        numbers = list(
            s.execute(sa.select(Counter.number).where(Counter.site_id == site.id).order_by(Counter.number)).scalars()
        )
        return site_info_of(site, numbers)


def _check_identity(name: str, issuing_body: str, agency_code: str, address: str, hotline: str, place_name: str) -> list[FieldError]:
    errors: list[FieldError] = []
    errors += check_free_text(name, field="name", max_length=200, required=True)
    errors += check_free_text(issuing_body, field="issuing_body", max_length=200, required=True)
    errors += check_agency_code(agency_code.strip())
    errors += check_free_text(address, field="address", max_length=250)
    errors += check_free_text(place_name, field="place_name", max_length=100, required=True)
    if hotline.strip():
        errors += check_free_text(hotline, field="hotline", max_length=30)
        if not any(ch.isdigit() for ch in hotline):
            errors.append(FieldError("hotline", "hotline_invalid"))
    return errors


def initialize_site(
    svc: Services,
    *,
    name: str,
    issuing_body: str,
    agency_code: str,
    address: str = "",
    hotline: str = "",
    place_name: str,
    admin_username: str,
    admin_password: str,
    admin_full_name: str,
    counters: int = 4,
    must_change_password: bool = False,
) -> SiteInfo:
    """Create the centre, its counters and first administrator, and load the shipped catalog."""
    errors = _check_identity(name, issuing_body, agency_code, address, hotline, place_name)
    if not 1 <= counters <= 99:
        errors.append(FieldError("counters", "number_range", {"min": 1, "max": 99}))
    if errors:
        raise ValidationFailed(errors)
    catalog = catalog_service.shipped_catalog()
    now = svc.now()
    with svc.transaction() as s:
        if s.execute(sa.select(Site.id)).first():
            raise DomainError("site_exists")
        site = Site(
            name=name.strip(), issuing_body=issuing_body.strip(), agency_code=agency_code.strip(),
            address=address.strip(), hotline=hotline.strip(), place_name=place_name.strip(),
            saturday_open=False, register_book="01", created_at=now,
        )
        s.add(site)
        s.flush()
        for n in range(1, counters + 1):
            s.add(Counter(site_id=site.id, number=n, name=f"Quầy {n}", active=True))
        add_user(s, site, admin_username.strip(), admin_full_name, admin_password, "admin", now=now,
                 must_change=must_change_password)
        result = catalog_service.load_catalog(s, catalog, now)
        audit(s, None, "site.initialize", at=now, entity_type="site", entity_id=str(site.id),
              details={"agency_code": site.agency_code, "catalog_version": result.version, "procedures": result.added})
        return site_info_of(site, list(range(1, counters + 1)))


def init_demo(svc: Services) -> list[tuple[str, str, str, int | None]]:
    """A demo centre with counters 1-4 and demo accounts; returns (username, password, role, counter)."""
    passwords = {username: generate_password() for username, *_ in DEMO_ACCOUNTS}
    initialize_site(
        svc, **DEMO_SITE, admin_username="admin", admin_password=passwords["admin"],
        admin_full_name="Quản trị hệ thống", counters=4,
    )
    now = svc.now()
    with svc.transaction() as s:
        site = s.execute(sa.select(Site)).scalar_one()
        for username, full_name, role, _counter in DEMO_ACCOUNTS[1:]:
            add_user(s, site, username, full_name, passwords[username], role, now=now)
        audit(s, None, "site.demo_accounts", at=now, entity_type="site", entity_id=str(site.id))
    return [(u, passwords[u], role, counter) for u, _n, role, counter in DEMO_ACCOUNTS]
