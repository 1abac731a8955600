<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>CheckedDocumentsModel</name>
        <message>
            <source>Checked</source>
            <translation>Đã kiểm tra</translation>
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
            <source>Tick each document you have checked and found right (Space)</source>
            <translation>Đánh dấu từng giấy tờ đã kiểm tra và thấy hợp lệ (phím cách)</translation>
        </message>
    </context>
    <context>
        <name>InboxModel</name>
        <message>
            <source>Waiting</source>
            <translation>Đã chờ</translation>
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
            <source>ID number</source>
            <translation>Số định danh</translation>
        </message>
        <message>
            <source>Submitted online</source>
            <translation>Nộp trực tuyến lúc</translation>
        </message>
        <message>
            <source>Waiting for more than a day: answer this citizen first</source>
            <translation>Đã chờ quá một ngày: hãy trả lời công dân này trước</translation>
        </message>
    </context>
    <context>
        <name>InboxView</name>
        <message>
            <source>unexpected error (%1). Tell the IT administrator.</source>
            <translation>lỗi không mong muốn (%1). Hãy báo quản trị viên hệ thống.</translation>
        </message>
        <message>
            <source>Dossiers submitted online</source>
            <translation>Hồ sơ nộp trực tuyến chờ tiếp nhận</translation>
        </message>
        <message>
            <source>Oldest first. Check each document the citizen sent and tick it, then accept the dossier (the receipt is printed), ask for what is missing (form 02) or refuse it (form 03).</source>
            <translation>Hồ sơ nộp sớm nhất ở trên cùng. Kiểm tra từng giấy tờ công dân gửi và đánh dấu, rồi tiếp nhận hồ sơ (in giấy tiếp nhận), yêu cầu bổ sung (mẫu 02) hoặc từ chối (mẫu 03).</translation>
        </message>
        <message>
            <source>No online dossier is waiting.</source>
            <translation>Không có hồ sơ trực tuyến nào đang chờ.</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Chủ hồ sơ</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>Nộp lúc</translation>
        </message>
        <message>
            <source>Citizen's note</source>
            <translation>Ghi chú của công dân</translation>
        </message>
        <message>
            <source>D&amp;ocuments sent (tick those you checked: Space)</source>
            <translation>&amp;Giấy tờ đã nộp (đánh dấu giấy tờ đã kiểm tra: phím cách)</translation>
        </message>
        <message>
            <source>Tick &amp;all</source>
            <translation>Đánh &amp;dấu tất cả</translation>
        </message>
        <message>
            <source>A&amp;ccept and print the receipt (Ctrl+Enter)</source>
            <translation>&amp;Tiếp nhận và in giấy tiếp nhận (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Ask to co&amp;mplete (form 02)…</source>
            <translation>&amp;Yêu cầu bổ sung (mẫu 02)…</translation>
        </message>
        <message>
            <source>&amp;Refuse (form 03)…</source>
            <translation>Từ chố&amp;i (mẫu 03)…</translation>
        </message>
        <message>
            <source>See the &amp;full dossier</source>
            <translation>&amp;Xem hồ sơ đầy đủ</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <source>Accept anyway</source>
            <translation>Vẫn tiếp nhận</translation>
        </message>
        <message>
            <source>The list of online dossiers could not be read: %1</source>
            <translation>Không đọc được danh sách hồ sơ trực tuyến: %1</translation>
        </message>
        <message>
            <source>Choose a dossier in the list</source>
            <translation>Chọn một hồ sơ trong danh sách</translation>
        </message>
        <message>
            <source>%1 — waiting %2</source>
            <translation>%1 — đã chờ %2</translation>
        </message>
        <message>
            <source>Checked: %1 of %2</source>
            <translation>Đã kiểm tra: %1/%2</translation>
        </message>
        <message>
            <source>Tick the documents you checked (Space, or “Tick all”), then accept. If papers are missing, ask to complete (form 02).</source>
            <translation>Hãy đánh dấu các giấy tờ đã kiểm tra (phím cách, hoặc “Đánh dấu tất cả”), rồi bấm tiếp nhận. Nếu thiếu giấy tờ, hãy yêu cầu bổ sung (mẫu 02).</translation>
        </message>
        <message>
            <source>Accepting dossier %1…</source>
            <translation>Đang tiếp nhận hồ sơ %1…</translation>
        </message>
        <message>
            <source>%1 of %2 documents are not ticked. Accepting records only the ticked ones; if papers are missing, ask to complete instead (form 02).</source>
            <translation>Còn %1/%2 giấy tờ chưa đánh dấu. Nếu tiếp nhận, hồ sơ chỉ ghi các giấy tờ đã đánh dấu; nếu thiếu giấy tờ, hãy yêu cầu bổ sung (mẫu 02).</translation>
        </message>
        <message>
            <source>Printing the receipt…</source>
            <translation>Đang in giấy tiếp nhận…</translation>
        </message>
        <message>
            <source>Dossier %1 accepted for %2; result due %3.</source>
            <translation>Đã tiếp nhận hồ sơ %1 của %2; hẹn trả kết quả %3.</translation>
        </message>
        <message>
            <source>Dossier %1: request to complete recorded (form 02); the processing clock is stopped.</source>
            <translation>Hồ sơ %1: đã ghi nhận yêu cầu bổ sung (mẫu 02); thời hạn giải quyết tạm dừng.</translation>
        </message>
        <message>
            <source>Dossier %1 refused (form 03).</source>
            <translation>Đã từ chối hồ sơ %1 (mẫu 03).</translation>
        </message>
        <message>
            <source>Printing the form…</source>
            <translation>Đang in phiếu…</translation>
        </message>
        <message>
            <source>Dossier %1: nothing was recorded. %2</source>
            <translation>Hồ sơ %1: chưa ghi nhận gì. %2</translation>
        </message>
        <message>
            <source>The receipt</source>
            <translation>Giấy tiếp nhận</translation>
        </message>
        <message>
            <source>Form 02</source>
            <translation>Mẫu 02</translation>
        </message>
        <message>
            <source>Form 03</source>
            <translation>Mẫu 03</translation>
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
            <source>%1 of dossier %2 is recorded, but could not be printed: %3 Press “Print again”.</source>
            <translation>%1 của hồ sơ %2 đã được ghi nhận nhưng chưa in được: %3 Bấm “In lại”.</translation>
        </message>
    </context>
    <context>
        <name>IssuesModel</name>
        <message>
            <source>Waiting</source>
            <translation>Đã chờ</translation>
        </message>
        <message>
            <source>Dossier</source>
            <translation>Hồ sơ</translation>
        </message>
        <message>
            <source>What was sent</source>
            <translation>Thay đổi đã gửi</translation>
        </message>
        <message>
            <source>Reason given by the central system</source>
            <translation>Lý do hệ thống trung tâm đưa ra</translation>
        </message>
        <message>
            <source>State on the central system</source>
            <translation>Trạng thái trên hệ thống trung tâm</translation>
        </message>
        <message>
            <source>Handling</source>
            <translation>Xử lý</translation>
        </message>
        <message>
            <source>Since %1</source>
            <translation>Từ %1</translation>
        </message>
    </context>
    <context>
        <name>OnlineSlipDialog</name>
        <message>
            <source>Request to complete – %1</source>
            <translation>Yêu cầu bổ sung – %1</translation>
        </message>
        <message>
            <source>Online dossier %1 of %2: tell the citizen, once, everything to supply or complete (form 02).</source>
            <translation>Hồ sơ trực tuyến %1 của %2: thông báo một lần, đầy đủ những gì công dân cần bổ sung, hoàn thiện (mẫu 02).</translation>
        </message>
        <message>
            <source>Reason and &amp;guidance (required, printed on form 02)</source>
            <translation>Lý do và &amp;hướng dẫn (bắt buộc, in trên mẫu 02)</translation>
        </message>
        <message>
            <source>e.g. The scanned birth certificate cannot be read; send a clear copy.</source>
            <translation>VD: Bản quét giấy khai sinh không đọc được; đề nghị gửi lại bản rõ nét.</translation>
        </message>
        <message>
            <source>Record and &amp;print form 02 (Ctrl+Enter)</source>
            <translation>Ghi nhận và &amp;in mẫu 02 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Refuse – %1</source>
            <translation>Từ chối – %1</translation>
        </message>
        <message>
            <source>Online dossier %1 of %2 is refused (form 03). The reason is required and printed on the form.</source>
            <translation>Từ chối hồ sơ trực tuyến %1 của %2 (mẫu 03). Bắt buộc ghi lý do; lý do được in trên phiếu.</translation>
        </message>
        <message>
            <source>&amp;Reason for refusal (required, printed on form 03)</source>
            <translation>&amp;Lý do từ chối (bắt buộc, in trên mẫu 03)</translation>
        </message>
        <message>
            <source>e.g. The procedure is handled by the district People's Committee.</source>
            <translation>VD: Thủ tục này thuộc thẩm quyền của UBND cấp huyện.</translation>
        </message>
        <message>
            <source>Record and &amp;print form 03 (Ctrl+Enter)</source>
            <translation>Ghi nhận và &amp;in mẫu 03 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>&amp;Documents to supply or complete (prefilled with those not ticked as checked)</source>
            <translation>&amp;Giấy tờ cần bổ sung, hoàn thiện (điền sẵn các giấy tờ chưa đánh dấu đã kiểm tra)</translation>
        </message>
        <message>
            <source>Add &amp;line</source>
            <translation>Thê&amp;m dòng</translation>
        </message>
        <message>
            <source>Remove line</source>
            <translation>Xóa dòng</translation>
        </message>
        <message>
            <source>Add a line (Ctrl+Insert)</source>
            <translation>Thêm một dòng (Ctrl+Insert)</translation>
        </message>
        <message>
            <source>Remove the selected line (Ctrl+Delete)</source>
            <translation>Xóa dòng đang chọn (Ctrl+Delete)</translation>
        </message>
        <message>
            <source>Back to the inbox</source>
            <translation>Quay lại danh sách</translation>
        </message>
        <message>
            <source>Esc: nothing is lost; open this window again to go on</source>
            <translation>Esc: không mất gì; mở lại cửa sổ này để làm tiếp</translation>
        </message>
        <message>
            <source>Line %1: %2</source>
            <translation>Dòng %1: %2</translation>
        </message>
        <message>
            <source>Nothing was recorded: %1</source>
            <translation>Chưa ghi nhận gì: %1</translation>
        </message>
    </context>
    <context>
        <name>SyncBadge</name>
        <message>
            <source>Sent to the central system</source>
            <translation>Đã gửi lên hệ thống trung tâm</translation>
        </message>
        <message>
            <source>Waiting to be sent to the central system</source>
            <translation>Đang chờ gửi lên hệ thống trung tâm</translation>
        </message>
        <message>
            <source>Refused by the central system: see “Action needed”</source>
            <translation>Hệ thống trung tâm không chấp nhận: xem “Cần xử lý”</translation>
        </message>
    </context>
    <context>
        <name>SyncBar</name>
        <message>
            <source>Sync now (%1)</source>
            <translation>Đồng bộ ngay (%1)</translation>
        </message>
        <message>
            <source>Changes the central system refused: open the list to handle them</source>
            <translation>Các thay đổi hệ thống trung tâm không chấp nhận: mở danh sách để xử lý</translation>
        </message>
        <message>
            <source>Sync status unknown: the database did not answer</source>
            <translation>Chưa rõ tình trạng đồng bộ: cơ sở dữ liệu không phản hồi</translation>
        </message>
        <message>
            <source>Reading the sync status…</source>
            <translation>Đang đọc tình trạng đồng bộ…</translation>
        </message>
        <message>
            <source>Action needed (%1)</source>
            <translation>Cần xử lý (%1)</translation>
        </message>
        <message>
            <source>Changes waiting to be sent: %1</source>
            <translation>Thay đổi chờ gửi: %1</translation>
        </message>
        <message>
            <source>Send this desk's changes to the central system and fetch its news now</source>
            <translation>Gửi ngay các thay đổi của quầy lên hệ thống trung tâm và nhận thông tin mới</translation>
        </message>
        <message>
            <source>Last successful sync: %1</source>
            <translation>Đồng bộ thành công gần nhất: %1</translation>
        </message>
        <message>
            <source>Last attempt: %1</source>
            <translation>Lần thử gần nhất: %1</translation>
        </message>
        <message>
            <source>Next attempt: %1</source>
            <translation>Lần thử tiếp theo: %1</translation>
        </message>
        <message>
            <source>Last error: %1</source>
            <translation>Lỗi gần nhất: %1</translation>
        </message>
        <message>
            <source>Oldest change waiting since %1</source>
            <translation>Thay đổi cũ nhất chờ gửi từ %1</translation>
        </message>
        <message>
            <source>Syncing computer: %1</source>
            <translation>Máy đang đồng bộ: %1</translation>
        </message>
        <message>
            <source>Syncing now…</source>
            <translation>Đang đồng bộ…</translation>
        </message>
        <message>
            <source>Another computer is syncing this centre (%1); it sends the changes.</source>
            <translation>Máy khác đang đồng bộ cho bộ phận một cửa (%1); máy đó sẽ gửi các thay đổi.</translation>
        </message>
        <message>
            <source>Another computer is syncing this centre; it sends the changes.</source>
            <translation>Máy khác đang đồng bộ cho bộ phận một cửa; máy đó sẽ gửi các thay đổi.</translation>
        </message>
        <message>
            <source>Sync is not set up on this computer: ask the IT administrator.</source>
            <translation>Máy này chưa được cấu hình đồng bộ: hãy liên hệ quản trị viên hệ thống.</translation>
        </message>
    </context>
    <context>
        <name>SyncIssuesDialog</name>
        <message>
            <source>Sync — action needed</source>
            <translation>Đồng bộ — cần xử lý</translation>
        </message>
        <message>
            <source>Changes the central system did not accept</source>
            <translation>Thay đổi hệ thống trung tâm không chấp nhận</translation>
        </message>
        <message>
            <source>These changes are kept here, nothing is lost. Choose a line, read the central system's reason, then choose what to do. Double-click a line to open the dossier.</source>
            <translation>Các thay đổi này vẫn được giữ nguyên, không mất gì. Chọn một dòng, đọc lý do của hệ thống trung tâm, rồi chọn cách xử lý. Nhấp đúp vào dòng để mở hồ sơ.</translation>
        </message>
        <message>
            <source>Nothing to handle: every change was accepted by the central system.</source>
            <translation>Không có gì cần xử lý: hệ thống trung tâm đã chấp nhận mọi thay đổi.</translation>
        </message>
        <message>
            <source>&amp;Open the dossier</source>
            <translation>&amp;Mở hồ sơ</translation>
        </message>
        <message>
            <source>&amp;Send again after correcting</source>
            <translation>&amp;Gửi lại sau khi sửa</translation>
        </message>
        <message>
            <source>&amp;Take the central system's state</source>
            <translation>&amp;Nhận trạng thái của hệ thống trung tâm</translation>
        </message>
        <message>
            <source>&amp;Escalate to a supervisor…</source>
            <translation>&amp;Chuyển lãnh đạo…</translation>
        </message>
        <message>
            <source>&amp;Acknowledge</source>
            <translation>Đã &amp;biết</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>The list could not be read: %1</source>
            <translation>Không đọc được danh sách: %1</translation>
        </message>
        <message>
            <source>Only a supervisor account can acknowledge a restore</source>
            <translation>Chỉ tài khoản giám sát mới xác nhận được việc khôi phục</translation>
        </message>
        <message>
            <source>Choose a line to see what to do.</source>
            <translation>Chọn một dòng để xem cần làm gì.</translation>
        </message>
        <message>
            <source>Escalated by %1. It stays in this list until a supervisor settles it.</source>
            <translation>%1 đã chuyển lãnh đạo. Việc này vẫn nằm trong danh sách cho đến khi lãnh đạo xử lý xong.</translation>
        </message>
        <message>
            <source>Note: %1</source>
            <translation>Ghi chú: %1</translation>
        </message>
        <message>
            <source>Changes made around that time may be missing on one side. A supervisor checks the dossiers received then, and presses “Acknowledge”; or escalate it.</source>
            <translation>Các thay đổi quanh thời điểm đó có thể bị thiếu ở một bên. Lãnh đạo kiểm tra các hồ sơ tiếp nhận trong khoảng thời gian đó rồi bấm “Đã biết”; hoặc chuyển lãnh đạo.</translation>
        </message>
        <message>
            <source>The central system did not accept “%1” of dossier %2:</source>
            <translation>Hệ thống trung tâm không chấp nhận “%1” của hồ sơ %2:</translation>
        </message>
        <message>
            <source>If the dossier here is wrong: open it, correct it, then press “Send again after correcting”. If the central system is right: press “Take the central system's state”. If you are not sure: escalate it to a supervisor.</source>
            <translation>Nếu hồ sơ tại quầy sai: mở hồ sơ, sửa lại, rồi bấm “Gửi lại sau khi sửa”. Nếu hệ thống trung tâm đúng: bấm “Nhận trạng thái của hệ thống trung tâm”. Nếu chưa chắc chắn: chuyển lãnh đạo.</translation>
        </message>
        <message>
            <source>Send “%1” of dossier %2 again, as the dossier is now? Correct the dossier first if the central system pointed out a mistake.</source>
            <translation>Gửi lại “%1” của hồ sơ %2 theo hồ sơ hiện tại? Nếu hệ thống trung tâm đã chỉ ra sai sót, hãy sửa hồ sơ trước.</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>Gửi lại</translation>
        </message>
        <message>
            <source>Take the central system's state for dossier %1 (%2)? The change made here is dropped and the dossier here is updated to match.</source>
            <translation>Nhận trạng thái của hệ thống trung tâm cho hồ sơ %1 (%2)? Thay đổi tại quầy bị bỏ và hồ sơ tại quầy được cập nhật theo hệ thống trung tâm.</translation>
        </message>
        <message>
            <source>Take the central system's state</source>
            <translation>Nhận trạng thái của hệ thống trung tâm</translation>
        </message>
        <message>
            <source>Hand this to a supervisor? Say what they need to know; it stays in the list until it is settled.</source>
            <translation>Chuyển việc này cho lãnh đạo? Ghi rõ điều lãnh đạo cần biết; việc vẫn nằm trong danh sách cho đến khi được xử lý xong.</translation>
        </message>
        <message>
            <source>Escalate</source>
            <translation>Chuyển lãnh đạo</translation>
        </message>
        <message>
            <source>Acknowledge “%1”: the dossiers concerned were checked?</source>
            <translation>Xác nhận đã biết “%1”: các hồ sơ liên quan đã được kiểm tra?</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>Xác nhận đã biết</translation>
        </message>
        <message>
            <source>&amp;Note for the supervisor (required)</source>
            <translation>Ghi c&amp;hú cho lãnh đạo (bắt buộc)</translation>
        </message>
        <message>
            <source>&amp;Note (optional)</source>
            <translation>Ghi c&amp;hú (không bắt buộc)</translation>
        </message>
        <message>
            <source>Write a note for the supervisor: what is wrong, what you checked.</source>
            <translation>Hãy ghi chú cho lãnh đạo: sai ở đâu, bạn đã kiểm tra những gì.</translation>
        </message>
        <message>
            <source>Dossier %1: the change will be sent again at the next sync.</source>
            <translation>Hồ sơ %1: thay đổi sẽ được gửi lại ở lần đồng bộ tới.</translation>
        </message>
        <message>
            <source>Dossier %1 now matches the central system.</source>
            <translation>Hồ sơ %1 đã được cập nhật theo hệ thống trung tâm.</translation>
        </message>
        <message>
            <source>Escalated to a supervisor; dossier %1 stays in the list until it is settled.</source>
            <translation>Đã chuyển lãnh đạo; hồ sơ %1 vẫn nằm trong danh sách cho đến khi được xử lý xong.</translation>
        </message>
        <message>
            <source>Acknowledged.</source>
            <translation>Đã xác nhận.</translation>
        </message>
        <message>
            <source>Nothing was recorded: %1</source>
            <translation>Chưa ghi nhận gì: %1</translation>
        </message>
        <message>
            <source>unexpected error (%1). Tell the IT administrator.</source>
            <translation>lỗi không mong muốn (%1). Hãy báo quản trị viên hệ thống.</translation>
        </message>
    </context>
    <context>
        <name>SyncText</name>
        <message>
            <source>under a minute</source>
            <translation>dưới 1 phút</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 phút</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 giờ</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 giờ %2 phút</translation>
        </message>
        <message>
            <source>%1 d</source>
            <translation>%1 ngày</translation>
        </message>
        <message>
            <source>%1 d %2 h</source>
            <translation>%1 ngày %2 giờ</translation>
        </message>
        <message>
            <source>This desk's database was restored from a backup</source>
            <translation>Cơ sở dữ liệu tại quầy đã được khôi phục từ bản sao lưu</translation>
        </message>
        <message>
            <source>The central system was restored from a backup</source>
            <translation>Hệ thống trung tâm đã được khôi phục từ bản sao lưu</translation>
        </message>
        <message>
            <source>Dossier received</source>
            <translation>Tiếp nhận hồ sơ</translation>
        </message>
        <message>
            <source>Status change</source>
            <translation>Chuyển trạng thái</translation>
        </message>
        <message>
            <source>Apology and new return date</source>
            <translation>Xin lỗi, hẹn lại ngày trả</translation>
        </message>
        <message>
            <source>Hand-over between units</source>
            <translation>Bàn giao giữa các đơn vị</translation>
        </message>
        <message>
            <source>Dossier not accepted (form 02 / 03)</source>
            <translation>Không tiếp nhận hồ sơ (mẫu 02 / 03)</translation>
        </message>
        <message>
            <source>due %1</source>
            <translation>hẹn trả %1</translation>
        </message>
        <message>
            <source>result ready %1</source>
            <translation>có kết quả %1</translation>
        </message>
        <message>
            <source>has this desk's changes up to no. %1</source>
            <translation>đã nhận các thay đổi của quầy đến số %1</translation>
        </message>
        <message>
            <source>Sent again</source>
            <translation>Đã gửi lại</translation>
        </message>
        <message>
            <source>Central state taken</source>
            <translation>Đã nhận trạng thái của hệ thống trung tâm</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>Đã xác nhận</translation>
        </message>
        <message>
            <source>Escalated by %1, waiting for a supervisor</source>
            <translation>%1 đã chuyển lãnh đạo, chờ lãnh đạo xử lý</translation>
        </message>
        <message>
            <source>To handle</source>
            <translation>Cần xử lý</translation>
        </message>
    </context>
</TS>
