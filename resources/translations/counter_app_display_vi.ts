<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>BoardController</name>
        <message>
            <source>No connection to the queue, retrying…</source>
            <translation>Mất kết nối với hệ thống xếp hàng, đang thử lại…</translation>
        </message>
        <message>
            <source>Monday to Saturday</source>
            <translation>từ thứ Hai đến thứ Bảy</translation>
        </message>
        <message>
            <source>Monday to Friday</source>
            <translation>từ thứ Hai đến thứ Sáu</translation>
        </message>
        <message>
            <source>Office hours: morning %1–%2, afternoon %3–%4, %5</source>
            <translation>Giờ làm việc: sáng %1–%2, chiều %3–%4, %5</translation>
        </message>
        <message>
            <source>Hotline: %1</source>
            <translation>Đường dây nóng: %1</translation>
        </message>
        <message>
            <source>Please take a number at the kiosk and wait until it is called</source>
            <translation>Quý khách vui lòng lấy số thứ tự tại máy cấp số và chờ đến lượt được gọi</translation>
        </message>
    </context>
    <context>
        <name>BoardView</name>
        <message>
            <source>Hall display</source>
            <translation>Màn hình gọi số</translation>
        </message>
        <message>
            <source>Recent calls</source>
            <translation>Số vừa gọi</translation>
        </message>
        <message>
            <source>Counters now serving</source>
            <translation>Các quầy đang phục vụ</translation>
        </message>
        <message>
            <source>People waiting</source>
            <translation>Số người đang chờ</translation>
        </message>
        <message>
            <source>Called again</source>
            <translation>Gọi lại</translation>
        </message>
        <message>
            <source>Welcome</source>
            <translation>Kính chào quý khách</translation>
        </message>
        <message>
            <source>Please take a number and wait for your turn</source>
            <translation>Vui lòng lấy số thứ tự và chờ đến lượt</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Mời số</translation>
        </message>
        <message>
            <source>to counter %1</source>
            <translation>đến quầy %1</translation>
        </message>
        <message>
            <source>Counter %1</source>
            <translation>Quầy %1</translation>
        </message>
        <message>
            <source>Sound off (M)</source>
            <translation>Đã tắt loa (M)</translation>
        </message>
    </context>
    <context>
        <name>CountersPanel</name>
        <message>
            <source>Counter %1</source>
            <translation>Quầy %1</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Đã đóng</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Tạm dừng</translation>
        </message>
    </context>
    <context>
        <name>WaitingPanel</name>
        <message>
            <source>Nobody is waiting</source>
            <translation>Hiện không có ai đang chờ</translation>
        </message>
    </context>
</TS>
