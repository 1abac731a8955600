"""Sign-in security on both backends: the password policy, lock-out with a growing delay,
the assigned counter, changing and resetting passwords, and what the audit trail keeps."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.services import accounts, setup
from counter_app.store.models import AuditEntry, User


@pytest.fixture(autouse=True)
def delays(monkeypatch):
    """The waits after wrong passwords, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(accounts, "sleep", waited.append)
    return waited


def _user(svc, username) -> User:
    with svc.reading() as s:
        return s.execute(sa.select(User).where(User.username == username)).scalar_one()


def _audit(svc, *actions):
    with svc.reading() as s:
        rows = s.execute(sa.select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
        return [(r.action, r.entity_id, dict(r.details or {})) for r in rows if not actions or r.action in actions]


def _refused(svc, username, password, counter=1) -> DomainError:
    with pytest.raises(DomainError) as caught:
        accounts.sign_in(svc, username, password, counter)
    return caught.value


def test_five_wrong_passwords_lock_the_account_until_the_time_said(svc, demo, clock, delays):
    right = demo["canbo1"][0]
    for _ in range(4):
        assert _refused(svc, "canbo1", "sai-mat-khau-1").code == "login_failed"
    error = _refused(svc, "canbo1", "sai-mat-khau-1")
    assert error.code == "login_locked"
    # 09:30 in Hà Nội + 15 minutes
    assert error.message("vi").startswith("Tài khoản tạm khóa đến 09:45 do nhập sai mật khẩu nhiều lần")
    assert delays == [0.5, 1.0, 1.5, 2.0, 2.5]

    # Locked: even the right password is refused, with the same "until".
    assert _refused(svc, "canbo1", right).params == {"until": "09:45"}
    clock.set(clock.now + timedelta(minutes=14, seconds=59))
    assert _refused(svc, "canbo1", right).code == "login_locked"
    clock.set(clock.now + timedelta(seconds=1))
    result = accounts.sign_in(svc, "canbo1", right, 1)
    assert result.actor.username == "canbo1" and not result.must_change_password
    user = _user(svc, "canbo1")
    assert user.failed_logins == 0 and user.locked_until is None

    user_id = str(user.id)
    failed = _audit(svc, "login.failed")
    assert len(failed) == 7 and all(entity == user_id for _a, entity, _d in failed)
    assert [d["reason"] for _a, _e, d in failed][-2:] == ["locked", "locked"]
    assert _audit(svc, "login.locked") == [("login.locked", user_id, {
        "username": "canbo1", "failures": 5, "until": "2026-11-26T02:45:00+00:00", "minutes": 15})]
    assert _audit(svc, "login")[-1][1] == user_id


def test_success_resets_the_count_and_the_delay_is_capped(svc, demo, delays):
    for _ in range(4):
        _refused(svc, "canbo2", "nhamnhamnham1", counter=2)
    accounts.sign_in(svc, "canbo2", demo["canbo2"][0], 2)
    assert _user(svc, "canbo2").failed_logins == 0
    for _ in range(4):
        assert _refused(svc, "canbo2", "nhamnhamnham1", counter=2).code == "login_failed"
    assert accounts.failure_delay(9) == 3.0 and accounts.failure_delay(1) == 0.5


def test_unknown_user_gets_the_wrong_password_message_and_is_not_counted(svc, demo, delays):
    unknown = _refused(svc, "khongco", "Abcdef12345")
    wrong = _refused(svc, "canbo1", "Abcdef12345")
    assert unknown.code == wrong.code == "login_failed"
    assert unknown.message("vi") == wrong.message("vi") == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert delays == [0.5, 0.5]
    for _ in range(6):
        assert _refused(svc, "khongco", "Abcdef12345").code == "login_failed"  # never "locked"
    # The unknown name is not kept (it may be a password typed in the wrong box).
    unknown_rows = [d for _a, e, d in _audit(svc, "login.failed") if e == ""]
    assert len(unknown_rows) == 7 and all(d == {"reason": "unknown_user"} for d in unknown_rows)


def test_two_failures_at_the_same_moment_both_count(svc, demo):
    barrier = threading.Barrier(4)
    errors: list[str] = []

    def attempt():
        barrier.wait()
        try:
            accounts.sign_in(svc, "canbo3", "sai-mat-khau-9", 3)
        except DomainError as error:
            errors.append(error.code)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == ["login_failed"] * 4
    assert _user(svc, "canbo3").failed_logins == 4
    assert len(_audit(svc, "login.failed")) == 4


def test_settings_change_the_limit_and_the_length(svc, demo, clock):
    admin = accounts.authenticate(svc, "admin", demo["admin"][0], None)
    officer = accounts.authenticate(svc, "canbo1", demo["canbo1"][0], 1)
    with pytest.raises(DomainError) as caught:
        accounts.configure_security(svc, officer, max_failed_logins=3)
    assert caught.value.code == "role_forbidden"
    with pytest.raises(DomainError) as caught:
        accounts.configure_security(svc, admin, lockout_minutes=0)
    assert caught.value.code == "security_setting_range"
    accounts.configure_security(svc, admin, max_failed_logins=3, lockout_minutes=60, idle_lock_minutes=2)
    assert accounts.security_settings(svc) == accounts.SecuritySettings(2, 3, 60)
    _refused(svc, "canbo1", "sai-mat-khau-1")
    _refused(svc, "canbo1", "sai-mat-khau-1")
    assert _refused(svc, "canbo1", "sai-mat-khau-1").params == {"until": "10:30"}


def test_lock_message_names_the_day_when_it_ends_another_day(svc, demo, clock):
    admin = accounts.authenticate(svc, "admin", demo["admin"][0], None)
    accounts.configure_security(svc, admin, lockout_minutes=1440)
    for _ in range(5):
        error = _refused(svc, "canbo1", "sai-mat-khau-1")
    assert error.params == {"until": "09:30 27/11/2026"}


def test_an_officer_signs_in_only_at_the_assigned_counter(svc, demo):
    with svc.transaction() as s:
        s.execute(sa.update(User).where(User.username == "canbo1").values(assigned_counter=1))
    error = _refused(svc, "canbo1", demo["canbo1"][0], counter=2)
    assert error.code == "login_wrong_counter"
    assert error.message("vi").startswith(
        "Tài khoản canbo1 được phân công làm việc tại quầy số 1; không thể đăng nhập tại quầy số 2.")
    assert _user(svc, "canbo1").failed_logins == 0  # the password was right: not a failure
    assert accounts.sign_in(svc, "canbo1", demo["canbo1"][0], 1).actor.counter_number == 1
    # Supervisors (and unassigned officers) sit at any counter.
    with svc.transaction() as s:
        s.execute(sa.update(User).where(User.username == "giamsat").values(assigned_counter=4))
    assert accounts.sign_in(svc, "giamsat", demo["giamsat"][0], 3).actor.counter_number == 3
    assert accounts.sign_in(svc, "canbo2", demo["canbo2"][0], 3).actor.counter_number == 3
    assert _audit(svc, "login.failed")[-1][2]["reason"] == "wrong_counter"


def test_change_password_follows_the_policy(svc, demo, delays):
    old = demo["canbo1"][0]
    with pytest.raises(ValidationFailed) as caught:
        accounts.change_password(svc, "canbo1", old, "canbo1-2026x")
    assert [e.code for e in caught.value.errors] == ["password_has_username"]
    with pytest.raises(ValidationFailed) as caught:
        accounts.change_password(svc, "canbo1", old, old)
    assert [e.code for e in caught.value.errors] == ["password_same_as_old"]
    assert delays == []  # a refused new password costs no attempt
    with pytest.raises(DomainError) as caught:
        accounts.change_password(svc, "canbo1", "khong-dung-1", "Hoa-sen-2026")
    assert caught.value.code == "password_old_wrong"
    assert _user(svc, "canbo1").failed_logins == 1  # a wrong current password counts towards the lock-out

    officer = accounts.authenticate(svc, "canbo1", old, 1)
    accounts.change_password(svc, officer, old, "Hoa-sen-2026")
    assert accounts.sign_in(svc, "canbo1", "Hoa-sen-2026", 1).actor.user_id == officer.user_id
    assert _refused(svc, "canbo1", old).code == "login_failed"
    user = _user(svc, "canbo1")
    assert user.password_changed_at == svc.now() and not user.must_change_password
    assert _audit(svc, "password.change") == [("password.change", str(officer.user_id), {"was_required": False})]


def test_first_administrator_with_a_generated_password_must_change_it(svc, clock):
    password = accounts.generate_password("quantri")
    assert not accounts.check_new_account("quantri", "Quản trị", password, "admin")
    setup.initialize_site(svc, **setup.DEMO_SITE, admin_username="quantri", admin_password=password,
                          admin_full_name="Quản trị", must_change_password=True)
    result = accounts.sign_in(svc, "quantri", password, None)
    assert result.must_change_password
    assert accounts.must_change_password(svc, result.actor)
    accounts.change_password(svc, result.actor, password, "Tam-Ky-quang-nam-1")
    assert not accounts.sign_in(svc, "quantri", "Tam-Ky-quang-nam-1", None).must_change_password


def test_add_user_refuses_a_weak_password(svc, demo, clock):
    with svc.transaction() as s, pytest.raises(ValidationFailed) as caught:
        accounts.add_user(s, s.execute(sa.select(setup.Site)).scalar_one(), "canbo9", "Cán bộ Chín",
                          "12345678", "officer", now=clock.now)
    assert [e.code for e in caught.value.errors] == ["password_too_short", "password_letters_digits"]


def test_reset_password_and_unlock_by_an_administrator(svc, demo, delays):
    admin = accounts.authenticate(svc, "admin", demo["admin"][0], None)
    officer = accounts.authenticate(svc, "canbo1", demo["canbo1"][0], 1)
    for _ in range(5):
        _refused(svc, "canbo2", "sai-mat-khau-2", counter=2)
    canbo2 = _user(svc, "canbo2")
    assert canbo2.locked_until is not None

    for forbidden in (officer, accounts.authenticate(svc, "giamsat", demo["giamsat"][0], None)):
        with pytest.raises(DomainError) as caught:
            accounts.unlock(svc, forbidden, canbo2.id)
        assert caught.value.code == "role_forbidden"
        with pytest.raises(DomainError) as caught:
            accounts.reset_password(svc, forbidden, canbo2.id)
        assert caught.value.code == "role_forbidden"

    accounts.unlock(svc, admin, canbo2.id)
    assert accounts.sign_in(svc, "canbo2", demo["canbo2"][0], 2).actor.username == "canbo2"
    assert _audit(svc, "user.unlock") == [("user.unlock", str(canbo2.id), {"username": "canbo2", "was_locked": True})]

    temporary = accounts.reset_password(svc, admin, canbo2.id)
    assert temporary != demo["canbo2"][0] and not accounts.check_new_account("canbo2", "x", temporary, "officer")
    assert _refused(svc, "canbo2", demo["canbo2"][0], counter=2).code == "login_failed"
    assert accounts.sign_in(svc, "canbo2", temporary, 2).must_change_password
    with pytest.raises(DomainError) as caught:
        accounts.reset_password(svc, admin, officer.site_id)  # not a user id
    assert caught.value.code == "account_not_found"

    # No password in the trail, whatever was typed.
    typed = {temporary, demo["canbo2"][0], demo["admin"][0], "sai-mat-khau-2"}
    trail = repr(_audit(svc))
    assert not [p for p in typed if p in trail]
    assert [a for a, _e, _d in _audit(svc, "user.password_reset")] == ["user.password_reset"]


def test_unlocking_the_idle_desk_needs_the_same_officers_password(svc, demo, delays):
    officer = accounts.authenticate(svc, "canbo1", demo["canbo1"][0], 1)
    with pytest.raises(DomainError) as caught:
        accounts.verify_password(svc, officer, demo["canbo2"][0])
    assert caught.value.code == "login_failed"
    assert _user(svc, "canbo1").failed_logins == 1
    accounts.verify_password(svc, officer, demo["canbo1"][0])
    assert _user(svc, "canbo1").failed_logins == 0
    assert [a for a, _e, _d in _audit(svc, "login.unlock")] == ["login.unlock"]
