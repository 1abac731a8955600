<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DailyBackup</name>
    <message>
        <source>Daily backup failed: %1 Check the backup folder %2.</source>
        <translation>Sao lưu hằng ngày không thành công: %1 Hãy kiểm tra thư mục sao lưu %2.</translation>
    </message>
    <message>
        <source>Backed up today at %1 (%2).</source>
        <translation>Đã sao lưu hôm nay lúc %1 (%2).</translation>
    </message>
</context>
</TS>
