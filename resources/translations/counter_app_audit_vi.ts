<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>Số TT</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người thao tác</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Quầy</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Activity log</source>
        <translation>Nhật ký thao tác</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Từ ngày</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>Đế&amp;n ngày</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Người thao tác</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>Th&amp;ao tác</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>Export to &amp;CSV…</source>
        <translation>Xuất tệp &amp;CSV…</translation>
    </message>
    <message>
        <source>Check &amp;integrity</source>
        <translation>Kiểm tra tính toàn &amp;vẹn</translation>
    </message>
    <message>
        <source>Check that no entry of the log was edited, deleted or inserted outside the program.</source>
        <translation>Kiểm tra không có mục nào của nhật ký bị sửa, xóa hay chèn ngoài phần mềm.</translation>
    </message>
    <message>
        <source>◀ Newer</source>
        <translation>◀ Mới hơn</translation>
    </message>
    <message>
        <source>Older ▶</source>
        <translation>Cũ hơn ▶</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(tất cả)</translation>
    </message>
    <message>
        <source>No entry matches these filters.</source>
        <translation>Không có mục nào khớp với điều kiện lọc.</translation>
    </message>
    <message>
        <source>Entries %1–%2 of %3 (newest first)</source>
        <translation>Mục %1–%2 trên tổng số %3 (mới nhất trước)</translation>
    </message>
    <message>
        <source>Export the activity log</source>
        <translation>Xuất nhật ký thao tác</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>Tệp CSV cho Excel (*.csv)</translation>
    </message>
    <message>
        <source>%1 entries exported to %2.</source>
        <translation>Đã xuất %1 mục vào tệp %2.</translation>
    </message>
    <message>
        <source>Checking the whole log…</source>
        <translation>Đang kiểm tra toàn bộ nhật ký…</translation>
    </message>
    <message>
        <source>… and %1 more (see: counter-app audit verify).</source>
        <translation>… và %1 vấn đề khác (xem: counter-app audit verify).</translation>
    </message>
    <message>
        <source>Tell the IT administrator and keep a copy of the database as it is.</source>
        <translation>Hãy báo quản trị viên CNTT và giữ nguyên một bản sao cơ sở dữ liệu như hiện tại.</translation>
    </message>
</context>
</TS>
