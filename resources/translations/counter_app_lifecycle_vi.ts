<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>ActionForm</name>
    <message>
        <source>Record</source>
        <translation>Ghi nhận</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ApologyForm</name>
    <message>
        <source>Apology and new return date – %1</source>
        <translation>Xin lỗi và hẹn lại ngày trả kết quả – %1</translation>
    </message>
    <message>
        <source>The result will be late. Current due date: %1. The apology (form 04) is printed for the citizen and the new date becomes the due date.</source>
        <translation>Kết quả sẽ bị trễ hạn. Ngày hẹn trả hiện tại: %1. Phiếu xin lỗi (Mẫu 04) được in cho công dân và ngày hẹn mới trở thành ngày hẹn trả.</translation>
    </message>
    <message>
        <source>&amp;Reason for the delay</source>
        <translation>&amp;Lý do chậm trả</translation>
    </message>
    <message>
        <source>New &amp;return date</source>
        <translation>&amp;Ngày hẹn trả mới</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <source>Form 02 – request to complete</source>
        <translation>Mẫu 02 – yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>Form 03 – refusal</source>
        <translation>Mẫu 03 – từ chối</translation>
    </message>
    <message>
        <source>Form 04 – apology</source>
        <translation>Mẫu 04 – xin lỗi</translation>
    </message>
    <message>
        <source>Form 05 – control slip</source>
        <translation>Mẫu 05 – phiếu kiểm soát</translation>
    </message>
    <message>
        <source>Withdrawal slip</source>
        <translation>Phiếu rút hồ sơ</translation>
    </message>
    <message>
        <source>Stop notice</source>
        <translation>Thông báo dừng xử lý</translation>
    </message>
    <message>
        <source>Hand-over receipt</source>
        <translation>Biên nhận trả kết quả</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Chuyển trạng thái</translation>
    </message>
    <message>
        <source>Apology, new date</source>
        <translation>Xin lỗi, hẹn lại</translation>
    </message>
    <message>
        <source>Submitted online</source>
        <translation>Nộp trực tuyến</translation>
    </message>
    <message>
        <source>Handed to another unit</source>
        <translation>Bàn giao giữa các đơn vị</translation>
    </message>
    <message>
        <source>Result handed over</source>
        <translation>Đã trả kết quả</translation>
    </message>
    <message>
        <source>early</source>
        <translation>sớm hạn</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>đúng hạn</translation>
    </message>
    <message>
        <source>late</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <source>Unexpected error (%1). Tell the IT administrator.</source>
        <translation>Lỗi không lường trước (%1). Vui lòng báo cho quản trị viên CNTT.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Sự kiện</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Reason, details</source>
        <translation>Lý do, chi tiết</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <source>Slip no.</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <source>From unit</source>
        <translation>Đơn vị giao</translation>
    </message>
    <message>
        <source>To unit</source>
        <translation>Đơn vị nhận</translation>
    </message>
    <message>
        <source>Handed by</source>
        <translation>Người giao</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Submitter</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Nhận kết quả</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Số bộ</translation>
    </message>
    <message>
        <source>Lead agency</source>
        <translation>Cơ quan chủ trì</translation>
    </message>
    <message>
        <source>Received by</source>
        <comment>the officer who received the dossier</comment>
        <translation>Cán bộ tiếp nhận</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Sổ theo dõi</translation>
    </message>
    <message>
        <source>Original due date</source>
        <translation>Hẹn trả ban đầu</translation>
    </message>
    <message>
        <source>Received</source>
        <comment>date and time of receipt</comment>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <source>Due date in force</source>
        <translation>Hẹn trả hiện hành</translation>
    </message>
    <message>
        <source>Waiting for supplement since</source>
        <translation>Chờ bổ sung từ</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Đã chuyển xử lý</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Có kết quả lúc</translation>
    </message>
    <message>
        <source>Actions:</source>
        <translation>Thao tác:</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Chuyển &amp;trạng thái…</translation>
    </message>
    <message>
        <source>&amp;Apologise, new date…</source>
        <translation>&amp;Xin lỗi, hẹn lại…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Rút hồ sơ…</translation>
    </message>
    <message>
        <source>Record a &amp;hand-over…</source>
        <translation>Ghi nhận &amp;bàn giao…</translation>
    </message>
    <message>
        <source>Print:</source>
        <translation>In phiếu:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Documents (%1)</source>
        <translation>Giấy tờ (%1)</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>Lịch sử (%1)</translation>
    </message>
    <message>
        <source>Control slip (%1)</source>
        <translation>Phiếu kiểm soát (%1)</translation>
    </message>
    <message>
        <source>The dossier could not be opened: %1</source>
        <translation>Không mở được hồ sơ: %1</translation>
    </message>
    <message>
        <source> (counter %1)</source>
        <translation> (quầy %1)</translation>
    </message>
    <message>
        <source>book %1, no. %2</source>
        <translation>quyển %1, số thứ tự %2</translation>
    </message>
    <message>
        <source> (entered late from a paper receipt)</source>
        <translation> (nhập bổ sung từ giấy tiếp nhận)</translation>
    </message>
    <message>
        <source>the owner submitted in person</source>
        <translation>chủ hồ sơ tự nộp</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Cần bổ sung: %1</translation>
    </message>
    <message>
        <source>Collected by: %1</source>
        <translation>Người nhận kết quả: %1</translation>
    </message>
    <message>
        <source>Dossier %1 is now “%2”.</source>
        <translation>Hồ sơ %1 đã chuyển sang “%2”.</translation>
    </message>
    <message>
        <source>Apology recorded; the new return date is %1.</source>
        <translation>Đã ghi nhận xin lỗi; ngày hẹn trả mới là %1.</translation>
    </message>
    <message>
        <source>Dossier %1 is withdrawn.</source>
        <translation>Hồ sơ %1 đã được rút.</translation>
    </message>
    <message>
        <source>Hand-over to %1 recorded on the control slip.</source>
        <translation>Đã ghi việc bàn giao cho %1 vào phiếu kiểm soát.</translation>
    </message>
    <message>
        <source>%1 is ready to print.</source>
        <translation>%1 đã sẵn sàng để in.</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>In lại</translation>
    </message>
    <message>
        <source>%1 could not be printed: %2</source>
        <translation>Không in được %1: %2</translation>
    </message>
    <message>
        <source>unexpected error (%1). Tell the IT administrator.</source>
        <translation>lỗi không lường trước (%1). Vui lòng báo cho quản trị viên CNTT.</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Overdue: the result was due %1</source>
        <translation>Quá hạn: hẹn trả kết quả lúc %1</translation>
    </message>
</context>
<context>
    <name>HandoffForm</name>
    <message>
        <source>Record a hand-over – %1</source>
        <translation>Ghi nhận bàn giao – %1</translation>
    </message>
    <message>
        <source>A row of the control slip (form 05): who handed the dossier to whom, now.</source>
        <translation>Một dòng của phiếu kiểm soát (Mẫu 05): ai giao hồ sơ cho ai, vào lúc này.</translation>
    </message>
    <message>
        <source>&amp;From unit</source>
        <translation>Đơn vị &amp;giao</translation>
    </message>
    <message>
        <source>&amp;To unit</source>
        <translation>Đơn vị n&amp;hận</translation>
    </message>
    <message>
        <source>&amp;Handed by</source>
        <translation>Người gia&amp;o</translation>
    </message>
    <message>
        <source>Re&amp;ceived by</source>
        <translation>&amp;Người nhận</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>Ghi &amp;chú</translation>
    </message>
</context>
<context>
    <name>HandoverController</name>
    <message>
        <source>Scan the barcode on the appointment slip or type the dossier code.</source>
        <translation>Hãy quét mã vạch trên giấy hẹn trả kết quả hoặc nhập mã hồ sơ.</translation>
    </message>
    <message>
        <source>Checking dossier %1…</source>
        <translation>Đang kiểm tra hồ sơ %1…</translation>
    </message>
    <message>
        <source>Recording the handover of %1…</source>
        <translation>Đang ghi nhận trả kết quả hồ sơ %1…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>No dossier found for “%1”. Check the code on the appointment slip.</source>
        <translation>Không tìm thấy hồ sơ nào với “%1”. Vui lòng kiểm tra lại mã trên giấy hẹn.</translation>
    </message>
    <message>
        <source>%1 dossiers match “%2”: choose one in the list.</source>
        <translation>Có %1 hồ sơ khớp với “%2”: chọn một hồ sơ trong danh sách.</translation>
    </message>
    <message>
        <source>Printing the hand-over receipt…</source>
        <translation>Đang in biên nhận trả kết quả…</translation>
    </message>
    <message>
        <source>Result of dossier %1 handed over to %2 at %3.</source>
        <translation>Đã trả kết quả hồ sơ %1 cho %2 lúc %3.</translation>
    </message>
    <message>
        <source>Hand-over receipt of dossier %1 printed again.</source>
        <translation>Đã in lại biên nhận trả kết quả hồ sơ %1.</translation>
    </message>
    <message>
        <source>The hand-over receipt is ready to print.</source>
        <translation>Biên nhận trả kết quả đã sẵn sàng để in.</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>In lại</translation>
    </message>
    <message>
        <source>The result of %1 is recorded as handed over, but its receipt could not be printed: %2 Press “Print again”.</source>
        <translation>Đã ghi nhận trả kết quả hồ sơ %1, nhưng chưa in được biên nhận: %2 Bấm “In lại”.</translation>
    </message>
    <message>
        <source> (the result came late)</source>
        <translation> (kết quả trễ hạn)</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không</translation>
    </message>
    <message>
        <source>Ready to hand over: %1 — %2</source>
        <translation>Sẵn sàng trả kết quả: %1 — %2</translation>
    </message>
    <message>
        <source>Scan the barcode on the citizen&apos;s appointment slip.</source>
        <translation>Quét mã vạch trên giấy hẹn trả kết quả của công dân.</translation>
    </message>
    <message>
        <source>Not handed over yet: correct what is shown in red. Nothing typed was lost.</source>
        <translation>Chưa trả kết quả: vui lòng sửa các mục báo đỏ. Không mất nội dung đã nhập.</translation>
    </message>
    <message>
        <source>unexpected error (%1). Tell the IT administrator.</source>
        <translation>lỗi không lường trước (%1). Vui lòng báo cho quản trị viên CNTT.</translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message>
        <source>Hand over results</source>
        <translation>Trả kết quả giải quyết hồ sơ</translation>
    </message>
    <message>
        <source>&amp;Scan the appointment slip, or type a dossier code, ID number, phone or name, then Enter</source>
        <translation>&amp;Quét giấy hẹn, hoặc nhập mã hồ sơ, số định danh, số điện thoại, họ tên rồi nhấn Enter</translation>
    </message>
    <message>
        <source>Dossier code, e.g. 000.00.06.H56-261126-0001</source>
        <translation>Mã hồ sơ, ví dụ 000.00.06.H56-261126-0001</translation>
    </message>
    <message>
        <source>Find (Enter)</source>
        <translation>Tìm (Enter)</translation>
    </message>
    <message>
        <source>Several dossiers match: choose one with the arrow keys and press Enter.</source>
        <translation>Có nhiều hồ sơ khớp: chọn bằng phím mũi tên rồi nhấn Enter.</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Có kết quả lúc</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Nhận kết quả</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Phí, lệ phí</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>Người nhận kết quả</translation>
    </message>
    <message>
        <source>The &amp;owner</source>
        <translation>Chủ &amp;hồ sơ</translation>
    </message>
    <message>
        <source>An &amp;authorised person</source>
        <translation>Người được &amp;ủy quyền</translation>
    </message>
    <message>
        <source>Full &amp;name</source>
        <translation>Họ và &amp;tên</translation>
    </message>
    <message>
        <source>&amp;ID number</source>
        <translation>Số &amp;định danh</translation>
    </message>
    <message>
        <source>Authorisation &amp;letter</source>
        <translation>&amp;Giấy ủy quyền</translation>
    </message>
    <message>
        <source>Number and date of the letter, e.g. 15/UQ of 20/11/2026</source>
        <translation>Số, ngày của giấy ủy quyền, ví dụ 15/UQ ngày 20/11/2026</translation>
    </message>
    <message>
        <source>12-digit ID or passport number</source>
        <translation>Số định danh 12 số hoặc số hộ chiếu</translation>
    </message>
    <message>
        <source>&amp;Fees paid</source>
        <translation>Số tiền đã &amp;thu</translation>
    </message>
    <message>
        <source>VND</source>
        <translation>đồng</translation>
    </message>
    <message>
        <source>none</source>
        <translation>chưa thu</translation>
    </message>
    <message>
        <source>Fee n&amp;ote</source>
        <translation>Ghi &amp;chú về phí</translation>
    </message>
    <message>
        <source>e.g. paid by bank transfer, receipt no.</source>
        <translation>ví dụ: chuyển khoản, số biên lai</translation>
    </message>
    <message>
        <source>Satisfaction (optional: ask the citizen)</source>
        <translation>Mức độ hài lòng (không bắt buộc: hỏi công dân)</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>Không đánh giá</translation>
    </message>
    <message>
        <source>Why not satisfied?</source>
        <translation>Lý do không hài lòng:</translation>
    </message>
    <message>
        <source>Required when the citizen is not satisfied</source>
        <translation>Bắt buộc khi công dân không hài lòng</translation>
    </message>
    <message>
        <source>Hand over the result (Ctrl+Enter)</source>
        <translation>Trả kết quả (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Check the ID card of the person collecting and the authorisation letter.</source>
        <translation>Kiểm tra căn cước của người đến nhận và giấy ủy quyền.</translation>
    </message>
    <message>
        <source>Check the owner&apos;s ID card against the dossier.</source>
        <translation>Đối chiếu căn cước của chủ hồ sơ với hồ sơ.</translation>
    </message>
</context>
<context>
    <name>MissingItemsModel</name>
    <message>
        <source>Missing</source>
        <translation>Cần bổ sung</translation>
    </message>
    <message>
        <source>Tick what the citizen must still supply (Space)</source>
        <translation>Đánh dấu giấy tờ công dân cần bổ sung (phím cách)</translation>
    </message>
    <message>
        <source>Not missing</source>
        <translation>Không cần bổ sung</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Find a dossier</source>
        <translation>Tra cứu hồ sơ</translation>
    </message>
    <message>
        <source>&amp;Dossier code, ID number, phone or owner&apos;s name (accents optional)</source>
        <translation>&amp;Mã hồ sơ, số định danh, số điện thoại hoặc họ tên chủ hồ sơ (có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <source>e.g. nguyen thi an, 001301012345, 0912345678</source>
        <translation>ví dụ: nguyen thi an, 001301012345, 0912345678</translation>
    </message>
    <message>
        <source>Search (Enter)</source>
        <translation>Tìm (Enter)</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>&amp;Trạng thái</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tất cả trạng thái</translation>
    </message>
    <message>
        <source>Being processed (2, 4, 5, 6)</source>
        <translation>Đang giải quyết (2, 4, 5, 6)</translation>
    </message>
    <message>
        <source>Result ready, to hand over (9)</source>
        <translation>Có kết quả, chờ trả (9)</translation>
    </message>
    <message>
        <source>F&amp;ield</source>
        <translation>&amp;Lĩnh vực</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>Tất cả lĩnh vực</translation>
    </message>
    <message>
        <source>Due to&amp;day</source>
        <translation>Hẹn trả &amp;hôm nay</translation>
    </message>
    <message>
        <source>O&amp;verdue</source>
        <translation>&amp;Quá hạn</translation>
    </message>
    <message>
        <source>&amp;Received between</source>
        <translation>Tiếp &amp;nhận từ ngày</translation>
    </message>
    <message>
        <source>Open the dossier (Enter)</source>
        <translation>Mở hồ sơ (Enter)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>No dossier found</source>
        <translation>Không tìm thấy hồ sơ</translation>
    </message>
    <message>
        <source>The first %1 dossiers are shown; narrow the search to see others.</source>
        <translation>Đang hiện %1 hồ sơ đầu tiên; hãy thu hẹp điều kiện tìm để xem các hồ sơ khác.</translation>
    </message>
    <message>
        <source>Dossiers found: %1</source>
        <translation>Tìm thấy %1 hồ sơ</translation>
    </message>
    <message>
        <source>The search failed (%1). Tell the IT administrator.</source>
        <translation>Không tìm được (%1). Vui lòng báo cho quản trị viên CNTT.</translation>
    </message>
</context>
<context>
    <name>TransitionForm</name>
    <message>
        <source>Change the status of %1</source>
        <translation>Chuyển trạng thái hồ sơ %1</translation>
    </message>
    <message>
        <source>Now: %1. Only the statuses the dossier may move to are offered.</source>
        <translation>Hiện tại: %1. Chỉ liệt kê các trạng thái hồ sơ được phép chuyển sang.</translation>
    </message>
    <message>
        <source>&amp;New status</source>
        <translation>Trạng thái &amp;mới</translation>
    </message>
    <message>
        <source>What must the citizen supply? Tick the missing documents (Space), add others (Ctrl+Insert); they are printed on form 02. The processing clock stops until they are brought.</source>
        <translation>Công dân cần bổ sung gì? Đánh dấu giấy tờ còn thiếu (phím cách), thêm giấy tờ khác (Ctrl+Insert); danh sách được in trên Mẫu 02. Thời hạn giải quyết tạm dừng cho đến khi công dân bổ sung.</translation>
    </message>
    <message>
        <source>&amp;Reason (required)</source>
        <translation>&amp;Lý do (bắt buộc)</translation>
    </message>
    <message>
        <source>&amp;Reason (optional)</source>
        <translation>&amp;Lý do (không bắt buộc)</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Dòng %1: %2</translation>
    </message>
</context>
<context>
    <name>WithdrawForm</name>
    <message>
        <source>Withdraw dossier %1</source>
        <translation>Rút hồ sơ %1</translation>
    </message>
    <message>
        <source>The citizen asks to withdraw the dossier. This cannot be undone; a withdrawal slip is printed.</source>
        <translation>Công dân yêu cầu rút hồ sơ. Không thể hoàn tác; phiếu rút hồ sơ sẽ được in.</translation>
    </message>
    <message>
        <source>&amp;Reason given by the citizen</source>
        <translation>&amp;Lý do công dân nêu</translation>
    </message>
</context>
</TS>
