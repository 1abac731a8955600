<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>Choose your own password</source>
        <translation>Đặt mật khẩu của riêng bạn</translation>
    </message>
    <message>
        <source>%1, your password was generated or reset by an administrator. Choose your own password now; you cannot continue before it is changed.</source>
        <translation>%1, mật khẩu hiện tại do hệ thống tạo hoặc do quản trị viên cấp lại. Vui lòng đặt mật khẩu của riêng bạn ngay bây giờ; chưa đổi mật khẩu thì chưa thể tiếp tục.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>Tài khoản: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>A password has at least %1 characters, with letters and digits; it must not contain your user name, be a common password or repeat the old one.</source>
        <translation>Mật khẩu có ít nhất %1 ký tự, gồm cả chữ cái và chữ số; không chứa tên đăng nhập, không phải mật khẩu phổ biến và không trùng mật khẩu cũ.</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>Mật khẩu &amp;hiện tại</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>Mật khẩu &amp;mới</translation>
    </message>
    <message>
        <source>New password &amp;again</source>
        <translation>Nhập &amp;lại mật khẩu mới</translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation>Vui lòng nhập mật khẩu hiện tại.</translation>
    </message>
    <message>
        <source>The two new passwords differ; type the same password twice.</source>
        <translation>Hai lần nhập mật khẩu mới không giống nhau; vui lòng nhập lại cho khớp.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>The password could not be changed (%1). Check the connection to the database, then try again.</source>
        <translation>Chưa đổi được mật khẩu (%1). Vui lòng kiểm tra kết nối tới cơ sở dữ liệu rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Sign out of this desk? The desk closes and goes back to the sign-in; an intake form that was not saved is lost.</source>
        <translation>Đăng xuất khỏi quầy này? Màn hình làm việc sẽ đóng và quay về màn hình đăng nhập; hồ sơ đang nhập chưa lưu sẽ bị mất.</translation>
    </message>
    <message>
        <source>Stay locked</source>
        <translation>Giữ khóa</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>Quầy đã khóa</translation>
    </message>
    <message>
        <source>Counter %1 — %2 — locked.</source>
        <translation>Quầy %1 — %2 — đã khóa.</translation>
    </message>
    <message>
        <source>%1 — locked.</source>
        <translation>%1 — đã khóa.</translation>
    </message>
    <message>
        <source>Type your password to unlock. Someone else: use “Sign out”.</source>
        <translation>Nhập mật khẩu để mở khóa. Người khác sử dụng quầy: bấm “Đăng xuất”.</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>Đăng xuất…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Vui lòng nhập mật khẩu.</translation>
    </message>
    <message>
        <source>Cannot check the password now (%1). Check the connection to the database, then try again.</source>
        <translation>Chưa kiểm tra được mật khẩu (%1). Vui lòng kiểm tra kết nối tới cơ sở dữ liệu rồi thử lại.</translation>
    </message>
</context>
</TS>
