"""Back-office processing and portal submissions, simulated on a CentralStore for demos and tests.

Each `step(now)` moves received dossiers on with realistic delays — 2 → 4 within minutes;
4 → 9 mostly before the due date, about 10 % late; about 10 % 4 → 5 (papers missing, with
the reason); results wait at 9 for the handover at the counter — and now and then publishes
an online dossier for each registered site (a Vietnamese name, a valid 12-digit personal ID,
a procedure citizens may submit online). Deterministic for a seed and the same sequence of
`now`: the rng is drawn in a fixed order (dossiers by code, sites by name).
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from counter_app.domain.dossier_code import check_agency_code
from counter_app.domain.errors import DomainError
from counter_app.domain.identity import PROVINCE_CODES
from counter_app.domain.status import DossierStatus as S
from counter_app.sync.central.store import CentralStore

log = logging.getLogger(__name__)

ACTOR = "simulator"
ONLINE_MEAN_INTERVAL = timedelta(minutes=20)  # per site, at speed 1 (the default)
LATE_SHARE = 0.10
SUPPLEMENT_SHARE = 0.10
ONLINE_CLASSES = ("toan_trinh", "mot_phan")

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý")
MIDDLE = {"male": ("Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành"),
          "female": ("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Bích")}
GIVEN = {"male": ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn",
                  "Thắng", "Tuấn", "Việt"),
         "female": ("Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Phương",
                    "Thảo", "Trang", "Yến")}
STREETS = ("Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Điện Biên Phủ",
           "Hùng Vương")
WARDS = ("phường Hàng Bạc", "phường Cửa Nam", "phường Bến Nghé", "phường Thạch Thang", "xã Tân Lập",
         "thị trấn Đông Anh")
MOBILE_PREFIXES = ("090", "091", "093", "096", "097", "098", "086", "088", "032", "035", "039", "070", "079",
                   "081", "083", "085")
SUPPLEMENT_REASONS = (
    "Thiếu bản sao giấy khai sinh có chứng thực",
    "Tờ khai chưa có chữ ký của người yêu cầu",
    "Bản chụp giấy tờ tùy thân bị mờ, không đọc được",
    "Thiếu văn bản ủy quyền theo quy định",
    "Thông tin trên tờ khai không khớp với giấy tờ kèm theo",
)


@dataclass(frozen=True)
class _Plan:
    status: int  # the status the plan was made for
    to: int
    at: datetime
    reason: str = ""


def cccd_number(rng: random.Random, birth: date, male: bool) -> str:
    """A 12-digit personal ID: province of birth registration, century/sex digit, year, 6 digits."""
    province = rng.choice(sorted(PROVINCE_CODES))
    century = {1900: 0, 2000: 2}[birth.year // 100 * 100] + (0 if male else 1)
    return f"{province}{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def fake_citizen(rng: random.Random, today: date) -> dict:
    """A plausible owner in the online record's shape (person_to_json)."""
    sex = rng.choice(("male", "female"))
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
    year = rng.randint(max(1940, today.year - 85), today.year - 18)
    birth = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    return {
        "full_name": name, "id_number": cccd_number(rng, birth, sex == "male"), "id_kind": "cccd",
        "birth_date": birth.isoformat(),
        "phone": f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}", "email": "",
        "address": f"Số {rng.randint(1, 250)} {rng.choice(STREETS)}, {rng.choice(WARDS)}",
    }


class Simulator:
    """Moves the central's dossiers as a back office would; `speed` > 1 compresses time."""

    def __init__(self, store: CentralStore, rng: random.Random | None = None, speed: float = 1.0, *,
                 online_interval: timedelta = ONLINE_MEAN_INTERVAL) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.store = store
        self.rng = rng or random.Random()
        self.speed = speed
        self.online_interval = online_interval  # mean time between two online dossiers of a site
        self._plans: dict[str, _Plan] = {}
        self._next_online: dict[str, datetime] = {}

    def _after(self, now: datetime, delay: timedelta) -> datetime:
        return now + delay / self.speed

    def _plan(self, d: dict, now: datetime) -> _Plan:
        """What happens next to a dossier in 2 or 4 (5 waits for the citizen and 9 for the
        handover: the counter moves those)."""
        rng = self.rng
        if d["status"] == S.RECEIVED:
            return _Plan(S.RECEIVED, S.PROCESSING, self._after(now, timedelta(minutes=rng.uniform(2, 30))))
        due = datetime.fromisoformat(d["due_at"]) if d.get("due_at") else now + timedelta(days=1)
        left = max(due - now, timedelta(0))
        draw = rng.random()
        if draw < SUPPLEMENT_SHARE:
            return _Plan(S.PROCESSING, S.SUPPLEMENT_REQUESTED,
                         self._after(now, timedelta(minutes=rng.uniform(30, 240))), rng.choice(SUPPLEMENT_REASONS))
        if draw < SUPPLEMENT_SHARE + LATE_SHARE:
            return _Plan(S.PROCESSING, S.RESULT_READY, self._after(now, left + timedelta(hours=rng.uniform(2, 48))))
        return _Plan(S.PROCESSING, S.RESULT_READY, self._after(now, left * rng.uniform(0.2, 0.9)))

    def step(self, now: datetime) -> list[dict]:
        """One round at *now*: the moves that fell due and the online dossiers published."""
        done: list[dict] = []
        moving = self.store._dossiers_in((int(S.RECEIVED), int(S.PROCESSING)))
        for stale in set(self._plans) - {d["dossier_id"] for d in moving}:
            del self._plans[stale]  # moved on by the counter (or by us): nothing planned any more
        for d in moving:
            plan = self._plans.get(d["dossier_id"])
            if plan is None or plan.status != d["status"]:
                plan = self._plans[d["dossier_id"]] = self._plan(d, now)
            if now < plan.at:
                continue
            try:
                moved = self.store._advance(d["code"], plan.to, reason=plan.reason, actor=ACTOR, at=now)
            except (DomainError, ValueError) as exc:  # the counter moved it meanwhile: plan again next time
                log.info("simulator: %s not moved to %s (%s)", d["code"], plan.to, exc)
            else:
                done.append({"code": moved["code"], "from": plan.status, "to": plan.to})
            self._plans.pop(d["dossier_id"], None)
        done.extend(self._portal(now))
        return done

    def _portal(self, now: datetime) -> list[dict]:
        published = []
        procedures: list[dict] | None = None  # read only when a site is due for one
        for node in self.store.nodes():
            if check_agency_code(node):
                continue  # online dossier codes carry the site's agency code
            due = self._next_online.get(node)
            if due is None:
                self._next_online[node] = self._after(now, self._interval())
                continue
            if now < due:
                continue
            if procedures is None:
                procedures = [p for p in self.store.procedures()
                              if not p["retired"] and p["procedure"].get("online_class") in ONLINE_CLASSES]
            if not procedures:
                continue
            proc = self.rng.choice(procedures)
            owner = fake_citizen(self.rng, now.date())
            dossier_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            record = self.store._publish_online(node, procedure_code=proc["code"], owner=owner, documents=None,
                                                submitter=None, note="Nộp trên Cổng dịch vụ công", at=now,
                                                dossier_id=dossier_id)
            published.append({"code": record["code"], "from": None, "to": int(S.REGISTERED_ONLINE)})
            self._next_online[node] = self._after(now, self._interval())
        return published

    def _interval(self) -> timedelta:
        return self.online_interval * self.rng.expovariate(1.0)
