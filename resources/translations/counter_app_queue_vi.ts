<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>CallSpecificDialog</name>
    <message>
        <source>Call a number out of turn</source>
        <translation>Gọi số không theo thứ tự</translation>
    </message>
    <message>
        <source>Only with a good reason (for example an urgent case, or at the request of the head of the centre). The reason is recorded with your name.</source>
        <translation>Chỉ dùng khi có lý do chính đáng (ví dụ trường hợp khẩn cấp, hoặc theo yêu cầu của lãnh đạo trung tâm). Lý do được lưu lại kèm tên cán bộ.</translation>
    </message>
    <message>
        <source>Ticket &amp;number</source>
        <translation>&amp;Số thứ tự</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Lý do</translation>
    </message>
    <message>
        <source>e.g. A012</source>
        <translation>ví dụ A012</translation>
    </message>
    <message>
        <source>Call this number</source>
        <translation>Gọi số này</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Type the ticket number to call.</source>
        <translation>Nhập số thứ tự cần gọi.</translation>
    </message>
    <message>
        <source>Write the reason for calling this number out of turn; it is recorded.</source>
        <translation>Ghi lý do gọi số này không theo thứ tự; lý do được lưu lại.</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message>
        <source>The queue could not be read: %1</source>
        <translation>Không đọc được hàng chờ: %1</translation>
    </message>
    <message>
        <source>Nobody is waiting for the fields this counter serves.</source>
        <translation>Không có ai đang chờ ở các lĩnh vực quầy này phục vụ.</translation>
    </message>
    <message>
        <source>Ticket %1 called to counter %2.</source>
        <translation>Đã gọi số %1 đến quầy %2.</translation>
    </message>
    <message>
        <source>Ticket %1 called again (call %2).</source>
        <translation>Đã gọi lại số %1 (lần %2).</translation>
    </message>
    <message>
        <source>Ticket %1 marked as not present. Press F2 for the next.</source>
        <translation>Số %1 được ghi vắng mặt. Bấm F2 để gọi số tiếp.</translation>
    </message>
    <message>
        <source>Ticket %1 served. Press F2 for the next.</source>
        <translation>Đã phục vụ xong số %1. Bấm F2 để gọi số tiếp.</translation>
    </message>
    <message>
        <source>Ticket %1 sent to the field %2; it keeps its number.</source>
        <translation>Đã chuyển số %1 sang lĩnh vực %2; công dân giữ nguyên số.</translation>
    </message>
    <message>
        <source>Ticket %1 sent to counter %2; it keeps its number.</source>
        <translation>Đã chuyển số %1 đến quầy %2; công dân giữ nguyên số.</translation>
    </message>
    <message>
        <source>You are signed in without a counter: calling tickets is not possible. Sign in again with your counter number to serve the queue.</source>
        <translation>Bạn đăng nhập không gắn với quầy nào nên không gọi số được. Hãy đăng nhập lại và chọn số quầy để phục vụ hàng chờ.</translation>
    </message>
    <message>
        <source>Counter paused: nobody is called here. Press F12 to open it again.</source>
        <translation>Quầy đang tạm dừng: không gọi số đến quầy này. Bấm F12 để mở lại quầy.</translation>
    </message>
    <message>
        <source>Counter closed. Press F12 to open it.</source>
        <translation>Quầy đang đóng. Bấm F12 để mở quầy.</translation>
    </message>
    <message>
        <source>Counter open</source>
        <translation>Quầy đang mở</translation>
    </message>
    <message>
        <source>Waiting for this counter</source>
        <translation>Đang chờ (lĩnh vực của quầy)</translation>
    </message>
    <message>
        <source>Waiting (all fields)</source>
        <translation>Đang chờ (tất cả lĩnh vực)</translation>
    </message>
    <message>
        <source>Total waiting: %1</source>
        <translation>Tổng số người đang chờ: %1</translation>
    </message>
    <message>
        <source>No ticket at this counter</source>
        <translation>Quầy chưa có số nào</translation>
    </message>
    <message>
        <source>Press F2 to call the next citizen.</source>
        <translation>Bấm F2 để gọi công dân tiếp theo.</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>Ưu tiên: %1</translation>
    </message>
    <message>
        <source>Serving for %1 (since %2)</source>
        <translation>Đã phục vụ %1 (từ %2)</translation>
    </message>
    <message>
        <source>Called %1 ago (at %2)</source>
        <translation>Đã gọi được %1 (lúc %2)</translation>
    </message>
    <message>
        <source>Called %1 ago (at %2, call %3)</source>
        <translation>Đã gọi được %1 (lúc %2, lần %3)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>Hàng &amp;chờ</translation>
    </message>
    <message>
        <source>Queue — counter %1</source>
        <translation>Hàng chờ — Quầy %1</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Hàng chờ</translation>
    </message>
    <message>
        <source>&amp;Call next</source>
        <translation>&amp;Gọi số tiếp</translation>
    </message>
    <message>
        <source>&amp;Recall</source>
        <translation>Gọi &amp;lại</translation>
    </message>
    <message>
        <source>&amp;Not present</source>
        <translation>&amp;Vắng mặt</translation>
    </message>
    <message>
        <source>&amp;Start serving</source>
        <translation>&amp;Bắt đầu phục vụ</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Hoàn thành</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>&amp;Chuyển số…</translation>
    </message>
    <message>
        <source>Call a number &amp;out of turn…</source>
        <translation>Gọi số cụ &amp;thể…</translation>
    </message>
    <message>
        <source>Send this ticket to another field or counter; it keeps its number</source>
        <translation>Chuyển số này sang lĩnh vực hoặc quầy khác; công dân giữ nguyên số</translation>
    </message>
    <message>
        <source>Call a waiting number out of turn (a reason is recorded)</source>
        <translation>Gọi một số đang chờ không theo thứ tự (phải ghi lý do)</translation>
    </message>
    <message>
        <source>Reading the queue…</source>
        <translation>Đang đọc hàng chờ…</translation>
    </message>
    <message>
        <source>Open the counter &amp;again</source>
        <translation>Mở lại &amp;quầy</translation>
    </message>
    <message>
        <source>&amp;Pause the counter</source>
        <translation>Tạ&amp;m dừng quầy</translation>
    </message>
    <message>
        <source>Unexpected error (%1). Try again; if it happens again, tell the IT administrator.</source>
        <translation>Lỗi không mong đợi (%1). Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer ticket %1</source>
        <translation>Chuyển số %1</translation>
    </message>
    <message>
        <source>Ticket %1 keeps its number and its place in the queue; it is called at its new destination.</source>
        <translation>Số %1 giữ nguyên số và thứ tự trong hàng chờ; công dân sẽ được gọi ở nơi chuyển đến.</translation>
    </message>
    <message>
        <source>To the &amp;field</source>
        <translation>Sang &amp;lĩnh vực</translation>
    </message>
    <message>
        <source>To &amp;counter</source>
        <translation>Sang &amp;quầy</translation>
    </message>
    <message>
        <source>&amp;Reason (optional)</source>
        <translation>Lý &amp;do (không bắt buộc)</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Chuyển số</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <source>(paused)</source>
        <translation>(đang tạm dừng)</translation>
    </message>
    <message>
        <source>Choose the field to send the ticket to.</source>
        <translation>Chọn lĩnh vực cần chuyển đến.</translation>
    </message>
    <message>
        <source>Choose the counter to send the ticket to.</source>
        <translation>Chọn quầy cần chuyển đến.</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <source>under 1 min</source>
        <translation>dưới 1 phút</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <source>%1 (%2 priority)</source>
        <translation>%1 (%2 ưu tiên)</translation>
    </message>
    <message>
        <source>not issuing tickets now</source>
        <translation>hiện không phát số</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Chờ lâu nhất</translation>
    </message>
</context>
</TS>
