"""The password policy: each rule, its code, and the message the officer reads."""

from __future__ import annotations

import pytest

from counter_app.domain.passwords import check_password

CASES = [
    # password, username, old, expected codes
    ("Tamky2026xa", "canbo1", None, []),
    ("mat-khau-2026", "quantri", None, []),  # separators are fine
    ("Đà Nẵng 2026", "canbo1", None, []),  # Vietnamese letters count as letters
    ("abc12", "canbo1", None, ["password_too_short"]),
    ("chicochuthoi", "canbo1", None, ["password_letters_digits"]),
    ("12345678901", "canbo1", None, ["password_letters_digits"]),
    ("CanBo1-2026x", "canbo1", None, ["password_has_username"]),  # case does not hide it
    ("MatKhau2026", "canbo1", None, ["password_common"]),
    ("Tamky2026xa", "canbo1", "Tamky2026xa", ["password_same_as_old"]),
    ("x" * 129 + "1", "canbo1", None, ["too_long"]),
    ("canbo1", "canbo1", None, ["password_too_short", "password_has_username"]),
]


@pytest.mark.parametrize(("password", "username", "old", "codes"), CASES)
def test_policy_rules(password, username, old, codes):
    errors = check_password(password, username=username, old_password=old)
    assert [e.code for e in errors] == codes
    assert all(e.field == "password" for e in errors)


def test_every_rule_speaks_both_languages():
    errors = check_password("admin", username="admin", old_password="admin")
    vi = [e.message("vi") for e in errors]
    en = [e.message("en") for e in errors]
    assert vi == [
        "Mật khẩu phải có ít nhất 10 ký tự.",
        "Mật khẩu phải có cả chữ cái và chữ số.",
        "Mật khẩu không được chứa tên đăng nhập.",
        "Mật khẩu mới phải khác mật khẩu cũ.",
    ]
    assert en[0] == "The password must have at least 10 characters."
