<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>Level</source>
        <translation>Mức</translation>
    </message>
    <message>
        <source>What needs attention</source>
        <translation>Việc cần xử lý</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Khẩn</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <source>Charts of the period</source>
        <translation>Biểu đồ của kỳ báo cáo</translation>
    </message>
    <message>
        <source>Arrivals per weekday and hour</source>
        <translation>Lượt lấy số theo thứ và giờ</translation>
    </message>
    <message>
        <source>&amp;Field:</source>
        <translation>&amp;Lĩnh vực:</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>Tất cả lĩnh vực</translation>
    </message>
    <message>
        <source>Computing the figures of %1…</source>
        <translation>Đang tính số liệu kỳ %1…</translation>
    </message>
    <message>
        <source>Arrivals per hour and counters calling (average per working day)</source>
        <translation>Lượt lấy số theo giờ và số quầy gọi số (trung bình mỗi ngày làm việc)</translation>
    </message>
    <message>
        <source>Tickets issued</source>
        <translation>Số phiếu cấp</translation>
    </message>
    <message>
        <source>Counters calling</source>
        <translation>Quầy có gọi số</translation>
    </message>
    <message>
        <source>Waiting time (minutes): tickets called</source>
        <translation>Thời gian chờ (phút) của các số đã được gọi</translation>
    </message>
    <message>
        <source>Within the %1-minute target</source>
        <translation>Trong chỉ tiêu %1 phút</translation>
    </message>
    <message>
        <source>Past the target</source>
        <translation>Quá chỉ tiêu</translation>
    </message>
    <message>
        <source>On-time rate by week (%)</source>
        <translation>Tỷ lệ giải quyết đúng hạn theo tuần (%)</translation>
    </message>
    <message>
        <source>Resolved early or on time</source>
        <translation>Giải quyết trước hạn và đúng hạn</translation>
    </message>
    <message>
        <source>Week starting</source>
        <translation>Tuần bắt đầu từ</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Thứ 2</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Thứ 3</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Thứ 4</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thứ 5</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Thứ 6</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Thứ 7</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Chủ nhật</translation>
    </message>
    <message>
        <source>%1, %2h: %3 tickets</source>
        <translation>%1, %2 giờ: %3 lượt lấy số</translation>
    </message>
</context>
<context>
    <name>CounterFieldsDialog</name>
    <message>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <source>Fields of a counter</source>
        <translation>Lĩnh vực của quầy</translation>
    </message>
    <message>
        <source>The fields %1 calls tickets of</source>
        <translation>Các lĩnh vực mà %1 gọi số</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>Chọn &amp;tất cả</translation>
    </message>
    <message>
        <source>&amp;Untick all</source>
        <translation>&amp;Bỏ chọn tất cả</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Tick at least one field. To stop the counter calling, pause it at the counter instead.</source>
        <translation>Hãy chọn ít nhất một lĩnh vực. Muốn quầy ngừng gọi số, hãy cho quầy tạm nghỉ tại quầy.</translation>
    </message>
</context>
<context>
    <name>CountersNowModel</name>
    <message>
        <source>Counter</source>
        <translation>Quầy</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Serving for</source>
        <translation>Thời gian phục vụ</translation>
    </message>
    <message>
        <source>Fields served</source>
        <translation>Lĩnh vực phục vụ</translation>
    </message>
    <message>
        <source>Served today</source>
        <translation>Đã phục vụ hôm nay</translation>
    </message>
    <message>
        <source>Serving for %1; target %2 (%3)</source>
        <translation>Đã phục vụ %1; chỉ tiêu %2 (%3)</translation>
    </message>
    <message>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>All fields (%1)</source>
        <translation>Tất cả lĩnh vực (%1)</translation>
    </message>
</context>
<context>
    <name>DefinitionDialog</name>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>What this figure means — %1</source>
        <translation>Cách tính — %1</translation>
    </message>
</context>
<context>
    <name>Definitions</name>
    <message>
        <source>Periods are local business dates (Hà Nội time), both days included.</source>
        <translation>Kỳ báo cáo tính theo ngày giờ Hà Nội, gồm cả ngày đầu và ngày cuối.</translation>
    </message>
    <message>
        <source>A dossier counts once it has been received: it has a receipt time and is neither status 1 (registered online, not yet received) nor status 3 (not accepted).</source>
        <translation>Hồ sơ được tính khi đã tiếp nhận: có thời điểm tiếp nhận và không ở trạng thái 1 (mới đăng ký trực tuyến, chưa tiếp nhận) hay 3 (không tiếp nhận).</translation>
    </message>
    <message>
        <source>Carried over</source>
        <translation>Kỳ trước chuyển qua</translation>
    </message>
    <message>
        <source>Received before the period and, at the start of the period, neither resolved nor withdrawn or stopped.</source>
        <translation>Tiếp nhận trước kỳ và đến đầu kỳ chưa giải quyết xong, chưa rút hay dừng.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Received in the period through the online channel.</source>
        <translation>Tiếp nhận trong kỳ qua kênh trực tuyến.</translation>
    </message>
    <message>
        <source>In person or by post</source>
        <translation>Trực tiếp, bưu chính</translation>
    </message>
    <message>
        <source>Received in the period at the counter or by public post.</source>
        <translation>Tiếp nhận trong kỳ tại quầy hoặc qua dịch vụ bưu chính công ích.</translation>
    </message>
    <message>
        <source>Total received</source>
        <translation>Tổng số tiếp nhận</translation>
    </message>
    <message>
        <source>Carried over + online + in person or by post.</source>
        <translation>Kỳ trước chuyển qua + trực tuyến + trực tiếp, bưu chính.</translation>
    </message>
    <message>
        <source>Resolved early</source>
        <translation>Đã giải quyết trước hạn</translation>
    </message>
    <message>
        <source>Result ready in the period (status 9; for a dossier handed over without that time, the hand-over time) on an earlier date than the due date in force.</source>
        <translation>Có kết quả trong kỳ (trạng thái 9; hồ sơ đã trả mà không ghi thời điểm này thì lấy thời điểm trả) vào ngày trước ngày hẹn trả đang áp dụng.</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>Đã giải quyết đúng hạn</translation>
    </message>
    <message>
        <source>Result ready in the period on the due date, not after its time.</source>
        <translation>Có kết quả trong kỳ đúng ngày hẹn trả, không muộn hơn giờ hẹn.</translation>
    </message>
    <message>
        <source>Resolved late</source>
        <translation>Đã giải quyết quá hạn</translation>
    </message>
    <message>
        <source>Result ready in the period after the due date and time in force.</source>
        <translation>Có kết quả trong kỳ sau ngày giờ hẹn trả đang áp dụng.</translation>
    </message>
    <message>
        <source>In progress, within the deadline</source>
        <translation>Đang giải quyết trong hạn</translation>
    </message>
    <message>
        <source>Received by the end of the period, not resolved, withdrawn or stopped by then, and not past its due date in force at the end of the period — or paused waiting for the citizen&apos;s supplements (status 5: the clock is stopped).</source>
        <translation>Tiếp nhận đến cuối kỳ, đến lúc đó chưa giải quyết xong, chưa rút hay dừng, và chưa quá ngày hẹn trả đang áp dụng vào cuối kỳ — hoặc đang tạm dừng chờ công dân bổ sung (trạng thái 5: thời hạn tạm dừng).</translation>
    </message>
    <message>
        <source>In progress, overdue</source>
        <translation>Đang giải quyết quá hạn</translation>
    </message>
    <message>
        <source>The same, but past its due date in force.</source>
        <translation>Như trên, nhưng đã quá ngày hẹn trả đang áp dụng.</translation>
    </message>
    <message>
        <source>Withdrawn or stopped</source>
        <translation>Rút / dừng</translation>
    </message>
    <message>
        <source>Withdrawn (7) or stopped (8) during the period: neither resolved nor in progress.</source>
        <translation>Rút hồ sơ (7) hoặc dừng xử lý (8) trong kỳ: không tính là đã giải quyết hay đang giải quyết.</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>Tỷ lệ đúng hạn</translation>
    </message>
    <message>
        <source>(Early + on time) / resolved; “—” when nothing was resolved.</source>
        <translation>(Trước hạn + đúng hạn) / đã giải quyết; “—” khi chưa giải quyết hồ sơ nào.</translation>
    </message>
    <message>
        <source>The end of a period that has not finished yet is now. The due date in force is the one after any apology (form 04) and supplement pauses. Always: received = resolved + in progress + withdrawn or stopped.</source>
        <translation>Cuối của một kỳ chưa kết thúc là thời điểm hiện tại. Ngày hẹn trả đang áp dụng là ngày sau mọi lần xin lỗi hẹn lại (Mẫu 04) và tạm dừng bổ sung. Luôn có: tổng tiếp nhận = đã giải quyết + đang giải quyết + rút/dừng.</translation>
    </message>
    <message>
        <source>Double-click a number to list the dossiers behind it.</source>
        <translation>Nhấp đúp vào một số để xem danh sách hồ sơ của số đó.</translation>
    </message>
    <message>
        <source>The province&apos;s administrative reform targets (DOMAIN §8): the actual figure of the period beside the 2025 and 2030 targets. Green: the target is met; red: not yet.</source>
        <translation>Chỉ tiêu cải cách hành chính của tỉnh (DOMAIN §8): số thực tế của kỳ đặt cạnh mục tiêu năm 2025 và 2030. Màu xanh: đã đạt; màu đỏ: chưa đạt.</translation>
    </message>
    <message>
        <source>Online share</source>
        <translation>Tỷ lệ hồ sơ trực tuyến</translation>
    </message>
    <message>
        <source>Dossiers received in the period through the online channel / all received in the period. Targets: at least 50 % (2025), 70 % (2030).</source>
        <translation>Hồ sơ tiếp nhận trong kỳ qua kênh trực tuyến / tổng hồ sơ tiếp nhận trong kỳ. Mục tiêu: tối thiểu 50 % (2025), 70 % (2030).</translation>
    </message>
    <message>
        <source>Digital-signature share</source>
        <translation>Tỷ lệ sử dụng chữ ký số</translation>
    </message>
    <message>
        <source>Procedures of the catalog offering an online service (full or partial) marked as using digital signatures / procedures offering an online service. Targets: 20 % (2025), 50 % (2030).</source>
        <translation>Thủ tục trong danh mục có dịch vụ công trực tuyến (toàn trình hoặc một phần) được đánh dấu sử dụng chữ ký số / thủ tục có dịch vụ công trực tuyến. Mục tiêu: 20 % (2025), 50 % (2030).</translation>
    </message>
    <message>
        <source>Electronic-dossier share</source>
        <translation>Tỷ lệ hồ sơ điện tử</translation>
    </message>
    <message>
        <source>Dossiers received in the period handled as electronic dossiers (received online, or digitised at the counter) / all received. Targets: 70 % (2025), 90 % (2030).</source>
        <translation>Hồ sơ tiếp nhận trong kỳ được xử lý dưới dạng hồ sơ điện tử (nộp trực tuyến hoặc được số hóa tại quầy) / tổng hồ sơ tiếp nhận. Mục tiêu: 70 % (2025), 90 % (2030).</translation>
    </message>
    <message>
        <source>National portal integration</source>
        <translation>Tích hợp Cổng Dịch vụ công quốc gia</translation>
    </message>
    <message>
        <source>Procedures in force marked as integrated with the National Public Service Portal / procedures in force. Targets: 70 % (2025), 100 % (2030).</source>
        <translation>Thủ tục đang có hiệu lực được đánh dấu tích hợp Cổng Dịch vụ công quốc gia / thủ tục đang có hiệu lực. Mục tiêu: 70 % (2025), 100 % (2030).</translation>
    </message>
    <message>
        <source>As in reports 06a and 07a, for the whole centre.</source>
        <translation>Như ở Biểu 06a và 07a, tính cho toàn trung tâm.</translation>
    </message>
    <message>
        <source>Electronic ISO</source>
        <translation>ISO điện tử</translation>
    </message>
    <message>
        <source>Not measurable at the counter; shown as “not measured”.</source>
        <translation>Không đo được tại quầy; ghi “chưa đo”.</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Số phiếu cấp</translation>
    </message>
    <message>
        <source>Tickets issued in the period (by business day).</source>
        <translation>Số phiếu cấp trong kỳ (theo ngày làm việc).</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Đã phục vụ</translation>
    </message>
    <message>
        <source>Tickets finished (status done).</source>
        <translation>Số phiếu đã phục vụ xong.</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <source>Tickets called and marked absent.</source>
        <translation>Số phiếu đã gọi nhưng người dân vắng mặt.</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Hết ngày chưa gọi</translation>
    </message>
    <message>
        <source>Tickets still waiting when their business day ended.</source>
        <translation>Số phiếu vẫn đang chờ khi hết ngày làm việc.</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Thời gian chờ</translation>
    </message>
    <message>
        <source>First call − issue time, over the tickets that were called.</source>
        <translation>Lần gọi đầu − lúc lấy số, tính trên các số đã được gọi.</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>Tỷ lệ chờ trong chỉ tiêu</translation>
    </message>
    <message>
        <source>Share of the called tickets whose wait was at most the field&apos;s wait target.</source>
        <translation>Tỷ lệ số đã gọi có thời gian chờ không vượt chỉ tiêu chờ của lĩnh vực.</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>Thời gian di chuyển</translation>
    </message>
    <message>
        <source>Service start − last call (the citizen walking to the counter).</source>
        <translation>Lúc bắt đầu phục vụ − lần gọi cuối (người dân đi đến quầy).</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Thời gian phục vụ</translation>
    </message>
    <message>
        <source>Finish − service start, over the served tickets.</source>
        <translation>Lúc xong − lúc bắt đầu phục vụ, tính trên các số đã phục vụ.</translation>
    </message>
    <message>
        <source>The queue figures of each officer over the period (see the queue definitions), with the dossiers they received and the ratings citizens gave them.</source>
        <translation>Số liệu xếp hàng của từng cán bộ trong kỳ (xem cách tính số liệu xếp hàng), cùng số hồ sơ cán bộ đã tiếp nhận và đánh giá của người dân.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Thời gian rảnh</translation>
    </message>
    <message>
        <source>The gaps between finishing a ticket and calling the next one, on the same day, each gap under one hour (a longer gap is a break or a closed counter, not idle time at an open counter).</source>
        <translation>Khoảng thời gian từ lúc phục vụ xong một số đến lúc gọi số tiếp theo trong cùng ngày, mỗi khoảng dưới một giờ (khoảng dài hơn là giờ nghỉ hoặc quầy đóng, không phải thời gian rảnh tại quầy đang mở).</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Không hài lòng</translation>
    </message>
    <message>
        <source>Ratings below the satisfied half of the scale.</source>
        <translation>Các lượt đánh giá thuộc nửa dưới của thang (dưới mức hài lòng).</translation>
    </message>
    <message>
        <source>Shares of each level of the centre&apos;s rating scale (best first) among the ratings given in the period.</source>
        <translation>Tỷ lệ từng mức trong thang đánh giá của trung tâm (mức tốt nhất trước) trên tổng lượt đánh giá trong kỳ.</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <source>The upper half of the scale: 2–3 on a 3-level scale, 4–5 on a 5-level scale.</source>
        <translation>Nửa trên của thang: mức 2–3 với thang 3 mức, mức 4–5 với thang 5 mức.</translation>
    </message>
    <message>
        <source>Other scale</source>
        <translation>Thang cũ</translation>
    </message>
    <message>
        <source>Ratings given on a scale the centre no longer uses are counted apart, not mixed in.</source>
        <translation>Lượt đánh giá theo thang trung tâm không còn dùng được đếm riêng, không gộp vào.</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>The reasons citizens gave, newest first.</source>
        <translation>Lý do người dân ghi kèm đánh giá, mới nhất trước.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Tickets of today waiting now.</source>
        <translation>Số phiếu của hôm nay đang chờ lúc này.</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Chờ lâu nhất</translation>
    </message>
    <message>
        <source>Now − queue time of the oldest waiting ticket.</source>
        <translation>Bây giờ − lúc xếp hàng của số đang chờ lâu nhất.</translation>
    </message>
    <message>
        <source>Estimated wait</source>
        <translation>Dự kiến chờ</translation>
    </message>
    <message>
        <source>As shown on the kiosk ticket: the field&apos;s recent average service time × people ahead / open counters serving the field.</source>
        <translation>Như in trên phiếu số: thời gian phục vụ trung bình gần đây của lĩnh vực × số người phía trước / số quầy đang mở phục vụ lĩnh vực.</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>A wait at 80 % of its target is amber, past its target red. Targets: the centre&apos;s settings (15 minutes by default, or the field&apos;s own).</source>
        <translation>Thời gian chờ đạt 80 % chỉ tiêu có màu vàng, vượt chỉ tiêu có màu đỏ. Chỉ tiêu: theo thiết lập của trung tâm (mặc định 15 phút, hoặc chỉ tiêu riêng của lĩnh vực).</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Serving (a ticket called or in service), free (open, nobody in service), paused, closed.</source>
        <translation>Đang phục vụ (đã gọi một số hoặc đang phục vụ), đang trống (mở, không phục vụ ai), tạm nghỉ, đóng.</translation>
    </message>
    <message>
        <source>Serving for</source>
        <translation>Thời gian phục vụ</translation>
    </message>
    <message>
        <source>Since the ticket was called.</source>
        <translation>Tính từ lúc gọi số.</translation>
    </message>
    <message>
        <source>A service time at 80 % of its target is amber, past its target red (20 minutes by default, or the field&apos;s own target).</source>
        <translation>Thời gian phục vụ đạt 80 % chỉ tiêu có màu vàng, vượt chỉ tiêu có màu đỏ (mặc định 20 phút, hoặc chỉ tiêu riêng của lĩnh vực).</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <source>The due date in force is today and the dossier is not returned or closed (a paused dossier due today is listed).</source>
        <translation>Ngày hẹn trả đang áp dụng là hôm nay và hồ sơ chưa trả, chưa kết thúc (hồ sơ đang tạm dừng có hẹn hôm nay cũng được liệt kê).</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Being resolved (status 2, 4 or 6) and past its due date in force. A dossier waiting for supplements (5) is paused, not overdue.</source>
        <translation>Đang giải quyết (trạng thái 2, 4 hoặc 6) và đã quá ngày hẹn trả đang áp dụng. Hồ sơ chờ bổ sung (5) đang tạm dừng, không tính quá hạn.</translation>
    </message>
    <message>
        <source>Waiting for supplements</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <source>Status 5: the citizen was asked to complete the dossier (form 02).</source>
        <translation>Trạng thái 5: đã yêu cầu công dân bổ sung hồ sơ (Mẫu 02).</translation>
    </message>
    <message>
        <source>Results not collected</source>
        <translation>Chưa nhận kết quả</translation>
    </message>
    <message>
        <source>Status 9 (result ready) for more than N calendar days (5 by default).</source>
        <translation>Ở trạng thái 9 (đã có kết quả) quá N ngày (mặc định 5 ngày).</translation>
    </message>
    <message>
        <source>Red first: a field whose longest wait is past its target, a counter serving past its target, dossiers past their due date, results not collected, people waiting with no open counter for their field. Amber: at 80 % of the target.</source>
        <translation>Việc khẩn (màu đỏ) lên trước: lĩnh vực có người chờ quá chỉ tiêu, quầy phục vụ quá chỉ tiêu, hồ sơ quá hạn, kết quả chưa được nhận, có người chờ mà không quầy nào mở cho lĩnh vực đó. Màu vàng: đã đạt 80 % chỉ tiêu.</translation>
    </message>
    <message>
        <source>Arrivals and staffed counters</source>
        <translation>Lượt đến và số quầy làm việc</translation>
    </message>
    <message>
        <source>Bars: tickets issued in each hour, average per working day of the period. Line: distinct counters that called a ticket in that hour, average per working day. Where the bars rise above the line, open more counters at that hour.</source>
        <translation>Cột: số phiếu cấp trong từng giờ, trung bình mỗi ngày làm việc của kỳ. Đường: số quầy có gọi số trong giờ đó, trung bình mỗi ngày làm việc. Giờ nào cột vượt cao hơn đường thì nên mở thêm quầy vào giờ đó.</translation>
    </message>
    <message>
        <source>Waiting time distribution</source>
        <translation>Phân bố thời gian chờ</translation>
    </message>
    <message>
        <source>Called tickets by their wait (first call − issue time), in 5-minute steps.</source>
        <translation>Các số đã gọi theo thời gian chờ (lần gọi đầu − lúc lấy số), chia theo khoảng 5 phút.</translation>
    </message>
    <message>
        <source>On-time rate by week</source>
        <translation>Tỷ lệ đúng hạn theo tuần</translation>
    </message>
    <message>
        <source>(Early + on time) / resolved, per week (Monday to Sunday).</source>
        <translation>(Trước hạn + đúng hạn) / đã giải quyết, theo từng tuần (thứ Hai đến Chủ nhật).</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>Bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Tickets issued per weekday and hour over the period, for one field or all: the darker the cell, the more arrivals.</source>
        <translation>Số phiếu cấp theo thứ trong tuần và giờ trong kỳ, cho một lĩnh vực hoặc tất cả: ô càng đậm, người đến càng đông.</translation>
    </message>
    <message>
        <source>One line per resolving agency recorded on the dossier (its lead agency; none = the centre itself).</source>
        <translation>Mỗi dòng là một cơ quan giải quyết ghi trên hồ sơ (cơ quan chủ trì; không ghi = chính trung tâm).</translation>
    </message>
    <message>
        <source>One line per field (lĩnh vực) of the dossier&apos;s procedure.</source>
        <translation>Mỗi dòng là một lĩnh vực của thủ tục hồ sơ.</translation>
    </message>
    <message>
        <source>Report II.06a — dossiers by resolving unit</source>
        <translation>Biểu II.06a — hồ sơ theo đơn vị giải quyết</translation>
    </message>
    <message>
        <source>Report II.07a — dossiers by field</source>
        <translation>Biểu II.07a — hồ sơ theo lĩnh vực</translation>
    </message>
    <message>
        <source>Reform targets</source>
        <translation>Chỉ tiêu cải cách</translation>
    </message>
    <message>
        <source>Queue figures</source>
        <translation>Số liệu xếp hàng</translation>
    </message>
    <message>
        <source>Figures per officer</source>
        <translation>Số liệu từng cán bộ</translation>
    </message>
    <message>
        <source>Citizen satisfaction</source>
        <translation>Mức độ hài lòng của người dân</translation>
    </message>
    <message>
        <source>Queues now</source>
        <translation>Hàng chờ hiện tại</translation>
    </message>
    <message>
        <source>Counters now</source>
        <translation>Các quầy hiện tại</translation>
    </message>
    <message>
        <source>Dossier lists</source>
        <translation>Danh sách hồ sơ</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Biểu đồ</translation>
    </message>
</context>
<context>
    <name>DossierListPanel</name>
    <message>
        <source>Open the dossier (Enter)</source>
        <translation>Mở hồ sơ (Enter)</translation>
    </message>
    <message>
        <source>The list could not be read: %1</source>
        <translation>Không đọc được danh sách: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>No dossier in this list.</source>
        <translation>Không có hồ sơ nào trong danh sách này.</translation>
    </message>
    <message>
        <source>The first %1 dossiers are shown.</source>
        <translation>Đang hiện %1 hồ sơ đầu tiên.</translation>
    </message>
    <message>
        <source>Dossiers: %1</source>
        <translation>Số hồ sơ: %1</translation>
    </message>
</context>
<context>
    <name>DossiersView</name>
    <message>
        <source>Dossiers to follow up</source>
        <translation>Hồ sơ cần theo dõi</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Waiting for supplements</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <source>Results not collected &gt; %1 days</source>
        <translation>Chưa nhận kết quả &gt; %1 ngày</translation>
    </message>
    <message>
        <source>The result is due today: check with the resolving unit that it will be ready.</source>
        <translation>Hồ sơ đến hạn trả hôm nay: hãy kiểm tra với đơn vị giải quyết để kết quả kịp có.</translation>
    </message>
    <message>
        <source>Past the due date in force: an apology (form 04) with a new date is owed to the citizen. Open a dossier to record it.</source>
        <translation>Đã quá ngày hẹn trả: cần gửi công dân phiếu xin lỗi và hẹn lại ngày trả (Mẫu 04). Mở hồ sơ để ghi nhận.</translation>
    </message>
    <message>
        <source>The citizen was asked for more papers (form 02); the deadline is paused until they come back.</source>
        <translation>Đã yêu cầu công dân bổ sung giấy tờ (Mẫu 02); thời hạn giải quyết tạm dừng đến khi công dân bổ sung.</translation>
    </message>
    <message>
        <source>The result is ready but the citizen has not collected it: call or text them.</source>
        <translation>Đã có kết quả nhưng công dân chưa đến nhận: hãy gọi điện hoặc nhắn tin cho công dân.</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>Dossiers behind the figure</source>
        <translation>Hồ sơ của số liệu</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>FieldsNowModel</name>
    <message>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Chờ lâu nhất</translation>
    </message>
    <message>
        <source>Estimated wait</source>
        <translation>Dự kiến chờ</translation>
    </message>
    <message>
        <source>Open counters</source>
        <translation>Quầy đang mở</translation>
    </message>
    <message>
        <source>Served today</source>
        <translation>Đã phục vụ hôm nay</translation>
    </message>
    <message>
        <source>Average wait today</source>
        <translation>Chờ trung bình hôm nay</translation>
    </message>
    <message>
        <source>%1 — longest wait %2; target %3 (%4)</source>
        <translation>%1 — chờ lâu nhất %2; chỉ tiêu %3 (%4)</translation>
    </message>
    <message>
        <source>The kiosk does not issue tickets of this field now.</source>
        <translation>Máy lấy số hiện không cấp số lĩnh vực này.</translation>
    </message>
    <message>
        <source>%1 (kiosk closed)</source>
        <translation>%1 (ngừng cấp số)</translation>
    </message>
    <message>
        <source>no open counter</source>
        <translation>không có quầy mở</translation>
    </message>
</context>
<context>
    <name>HelpButton</name>
    <message>
        <source>What does this mean? (%1)</source>
        <translation>Chỉ số này tính thế nào? (%1)</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <source>06a – by unit</source>
        <translation>06a – theo đơn vị</translation>
    </message>
    <message>
        <source>07a – by field</source>
        <translation>07a – theo lĩnh vực</translation>
    </message>
    <message>
        <source>Reform targets</source>
        <translation>Chỉ tiêu cải cách</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Xếp hàng</translation>
    </message>
    <message>
        <source>Computing the figures of %1…</source>
        <translation>Đang tính số liệu kỳ %1…</translation>
    </message>
    <message>
        <source>Double-click a number to see its dossiers</source>
        <translation>Nhấp đúp vào một số để xem danh sách hồ sơ</translation>
    </message>
    <message>
        <source>%1 — %2 — %3: %4 dossier(s), period %5</source>
        <translation>%1 — %2 — %3: %4 hồ sơ, kỳ %5</translation>
    </message>
</context>
<context>
    <name>MoveTicketDialog</name>
    <message>
        <source>Move a waiting ticket</source>
        <translation>Chuyển lĩnh vực cho số đang chờ</translation>
    </message>
    <message>
        <source>Move ticket %1 (%2) to another field</source>
        <translation>Chuyển số %1 (%2) sang lĩnh vực khác</translation>
    </message>
    <message>
        <source>&amp;To the field</source>
        <translation>&amp;Sang lĩnh vực</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Lý do</translation>
    </message>
    <message>
        <source>e.g. the citizen took a ticket of the wrong field</source>
        <translation>ví dụ: công dân lấy nhầm số của lĩnh vực khác</translation>
    </message>
    <message>
        <source>The ticket keeps its number and its place in the queue (the time it was taken).</source>
        <translation>Số giữ nguyên số thứ tự và vị trí trong hàng chờ (theo giờ lấy số).</translation>
    </message>
    <message>
        <source>&amp;Move the ticket</source>
        <translation>&amp;Chuyển số</translation>
    </message>
    <message>
        <source>Choose the field the ticket goes to.</source>
        <translation>Hãy chọn lĩnh vực cần chuyển số sang.</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Notice on the display board</source>
        <translation>Thông báo trên bảng hiển thị</translation>
    </message>
    <message>
        <source>The notice that scrolls on the hall display board</source>
        <translation>Dòng thông báo chạy trên bảng hiển thị ở sảnh</translation>
    </message>
    <message>
        <source>e.g. From 14:00 today counter 3 no longer takes land (Đất đai) dossiers.</source>
        <translation>ví dụ: Từ 14:00 hôm nay, quầy số 3 tạm dừng tiếp nhận hồ sơ lĩnh vực Đất đai.</translation>
    </message>
    <message>
        <source>Empty: the board shows its usual line (the opening hours). Ctrl+Enter sends.</source>
        <translation>Để trống: bảng hiển thị dòng mặc định (giờ làm việc). Nhấn Ctrl+Enter để gửi.</translation>
    </message>
    <message>
        <source>Use the &amp;usual line</source>
        <translation>Dùng dòng &amp;mặc định</translation>
    </message>
    <message>
        <source>&amp;Send to the board</source>
        <translation>&amp;Gửi lên bảng hiển thị</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 ký tự</translation>
    </message>
    <message>
        <source>The notice is too long: at most %1 characters; shorten it.</source>
        <translation>Thông báo quá dài: tối đa %1 ký tự; hãy rút gọn.</translation>
    </message>
</context>
<context>
    <name>NowView</name>
    <message>
        <source>Amber</source>
        <translation>Vàng</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Đỏ</translation>
    </message>
    <message>
        <source>at 80 % of the target</source>
        <translation>đã đạt 80 % chỉ tiêu</translation>
    </message>
    <message>
        <source>past the target</source>
        <translation>vượt chỉ tiêu</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Làm mới (F5)</translation>
    </message>
    <message>
        <source>Queues by field</source>
        <translation>Hàng chờ theo lĩnh vực</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>Các quầy</translation>
    </message>
    <message>
        <source>Fields of the counter…</source>
        <translation>Lĩnh vực của quầy…</translation>
    </message>
    <message>
        <source>Choose the fields the selected counter calls tickets of</source>
        <translation>Chọn các lĩnh vực mà quầy đang chọn sẽ gọi số</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Nothing needs your attention now.</source>
        <translation>Hiện không có việc gì cần xử lý.</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Display board notice</source>
        <translation>Thông báo trên bảng hiển thị</translation>
    </message>
    <message>
        <source>Notice on the display board…</source>
        <translation>Thông báo bảng hiển thị…</translation>
    </message>
    <message>
        <source>Tickets waiting</source>
        <translation>Số đang chờ</translation>
    </message>
    <message>
        <source>Move to another field…</source>
        <translation>Chuyển lĩnh vực…</translation>
    </message>
    <message>
        <source>Move the selected waiting ticket to another field&apos;s queue</source>
        <translation>Chọn một số trong danh sách rồi bấm để chuyển sang hàng chờ của lĩnh vực khác</translation>
    </message>
    <message>
        <source>The live view could not be read: %1 It is read again in a few seconds.</source>
        <translation>Không đọc được số liệu hiện tại: %1 Hệ thống sẽ tự đọc lại sau vài giây.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Đang đọc…</translation>
    </message>
    <message>
        <source>Updated at %1</source>
        <translation>Cập nhật lúc %1</translation>
    </message>
    <message>
        <source>Open this list in the Dossiers tab</source>
        <translation>Mở danh sách này ở thẻ Hồ sơ</translation>
    </message>
    <message>
        <source>(none — the board shows its usual line)</source>
        <translation>(không có — bảng hiển thị dòng mặc định)</translation>
    </message>
    <message>
        <source>Tickets waiting (%1)</source>
        <translation>Số đang chờ (%1)</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Waiting for supplements</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <source>Results not collected &gt; %1 days</source>
        <translation>Chưa nhận kết quả &gt; %1 ngày</translation>
    </message>
    <message>
        <source>Ticket %1 moved to %2.</source>
        <translation>Đã chuyển số %1 sang lĩnh vực %2.</translation>
    </message>
    <message>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <source>The fields of %1 were saved.</source>
        <translation>Đã lưu lĩnh vực của %1.</translation>
    </message>
    <message>
        <source>The display board now shows: %1</source>
        <translation>Bảng hiển thị đang chạy: %1</translation>
    </message>
    <message>
        <source>The display board shows its usual line again.</source>
        <translation>Bảng hiển thị đã trở lại dòng mặc định.</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <source>Computing the figures of %1…</source>
        <translation>Đang tính số liệu kỳ %1…</translation>
    </message>
    <message>
        <source>No rating was given in this period.</source>
        <translation>Không có lượt đánh giá nào trong kỳ.</translation>
    </message>
    <message>
        <source>Satisfied: %1 of %2 ratings</source>
        <translation>Hài lòng: %1 trên %2 lượt đánh giá</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>Report &amp;period:</source>
        <translation>&amp;Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Quý này</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Năm nay</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Xuất Excel</translation>
    </message>
    <message>
        <source>Save the table(s) of this tab as an Excel workbook</source>
        <translation>Lưu (các) bảng của thẻ này thành tệp Excel</translation>
    </message>
    <message>
        <source>Export the PDF report</source>
        <translation>Xuất báo cáo PDF</translation>
    </message>
    <message>
        <source>Save the whole report of the period (every table and chart) as PDF</source>
        <translation>Lưu toàn bộ báo cáo của kỳ (mọi bảng và biểu đồ) thành tệp PDF</translation>
    </message>
</context>
<context>
    <name>PeriodTab</name>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation>Không tính được số liệu: %1</translation>
    </message>
</context>
<context>
    <name>SupervisorErrors</name>
    <message>
        <source>The file could not be written (%1). Choose another folder or close the file if it is open in another program, then try again.</source>
        <translation>Không ghi được tệp (%1). Hãy chọn thư mục khác hoặc đóng tệp nếu đang mở trong chương trình khác, rồi thử lại.</translation>
    </message>
    <message>
        <source>Something went wrong (%1). Try again; if it happens again, tell the IT administrator.</source>
        <translation>Đã có lỗi (%1). Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ quản trị hệ thống.</translation>
    </message>
</context>
<context>
    <name>SupervisorFormat</name>
    <message>
        <source>Near the target</source>
        <translation>sắp vượt chỉ tiêu</translation>
    </message>
    <message>
        <source>Past the target</source>
        <translation>Quá chỉ tiêu</translation>
    </message>
    <message>
        <source>Within the target</source>
        <translation>trong chỉ tiêu</translation>
    </message>
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
        <source>Serving</source>
        <translation>Đang phục vụ</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Đang trống</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Tạm nghỉ</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>SupervisorLauncher</name>
    <message>
        <source>Supervisor console</source>
        <translation>Bảng điều hành giám sát</translation>
    </message>
    <message>
        <source>The console cannot open the database: %1</source>
        <translation>Bảng điều hành không mở được cơ sở dữ liệu: %1</translation>
    </message>
</context>
<context>
    <name>SupervisorLoginDialog</name>
    <message>
        <source>Sign in — supervisor console</source>
        <translation>Đăng nhập — bảng điều hành giám sát</translation>
    </message>
    <message>
        <source>Sign in to the supervisor console</source>
        <translation>Đăng nhập bảng điều hành giám sát</translation>
    </message>
    <message>
        <source>Type your username.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>The account “%1” (%2) is a reception officer&apos;s account: it cannot open the supervisor console. Sign in with a supervisor or administrator account.</source>
        <translation>Tài khoản “%1” (%2) là tài khoản cán bộ tiếp nhận, không mở được bảng điều hành giám sát. Hãy đăng nhập bằng tài khoản lãnh đạo, giám sát hoặc quản trị.</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>Supervisor console</source>
        <translation>Bảng điều hành giám sát</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Hiện tại</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Chỉ số</translation>
    </message>
    <message>
        <source>Satisfaction &amp;&amp; officers</source>
        <translation>Hài lòng &amp;&amp; cán bộ</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Biểu đồ</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Báo cáo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>Export the tables to &amp;Excel…</source>
        <translation>Xuất bảng ra &amp;Excel…</translation>
    </message>
    <message>
        <source>Export the &amp;PDF report of the period…</source>
        <translation>Xuất báo cáo &amp;PDF của kỳ…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Refresh the live view</source>
        <translation>&amp;Làm mới số liệu hiện tại</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Giám sát</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
    <message>
        <source>Save the table(s) of this tab as an Excel workbook</source>
        <translation>Lưu (các) bảng của thẻ này thành tệp Excel</translation>
    </message>
    <message>
        <source>The charts are in the PDF report; Excel holds the tables of the other tabs.</source>
        <translation>Biểu đồ có trong báo cáo PDF; tệp Excel chứa các bảng của những thẻ khác.</translation>
    </message>
    <message>
        <source>Save the tables as</source>
        <translation>Lưu các bảng thành</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the Excel workbook…</source>
        <translation>Đang ghi tệp Excel…</translation>
    </message>
    <message>
        <source>Save the period report as</source>
        <translation>Lưu báo cáo của kỳ thành</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF report…</source>
        <translation>Đang ghi báo cáo PDF…</translation>
    </message>
    <message>
        <source>Saved to:</source>
        <translation>Đã lưu vào:</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Xuất báo cáo không thành công: %1</translation>
    </message>
</context>
<context>
    <name>WaitingNowModel</name>
    <message>
        <source>Ticket</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
    <message>
        <source>In the queue since</source>
        <translation>Xếp hàng từ</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Đã chờ</translation>
    </message>
</context>
</TS>
