<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>DeskLauncher</name>
        <message>
            <source>Reception desk</source>
            <translation>Quầy tiếp nhận</translation>
        </message>
        <message>
            <source>The desk cannot open the database: %1</source>
            <translation>Không mở được cơ sở dữ liệu của quầy: %1</translation>
        </message>
    </context>
    <context>
        <name>DeskWindow</name>
        <message>
            <source>Reception desk — counter %1</source>
            <translation>Tiếp nhận hồ sơ — Quầy %1</translation>
        </message>
        <message>
            <source>&amp;Dossier</source>
            <translation>&amp;Hồ sơ</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Ngôn ngữ</translation>
        </message>
        <message>
            <source>&amp;Save and print receipt</source>
            <translation>&amp;Lưu và in giấy tiếp nhận</translation>
        </message>
        <message>
            <source>&amp;New intake</source>
            <translation>Tiếp nhận &amp;mới</translation>
        </message>
        <message>
            <source>&amp;Find procedure</source>
            <translation>&amp;Tìm thủ tục</translation>
        </message>
        <message>
            <source>&amp;Print the last document again</source>
            <translation>&amp;In lại phiếu vừa in</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>T&amp;hoát</translation>
        </message>
        <message>
            <source>Counter %1</source>
            <translation>Quầy %1</translation>
        </message>
        <message>
            <source>Officer: %1</source>
            <translation>Cán bộ: %1</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>Đang xử lý…</translation>
        </message>
            <message>
            <source>&amp;Intake</source>
            <translation>&amp;Tiếp nhận hồ sơ</translation>
        </message>
        <message>
            <source>&amp;Hand over a result</source>
            <translation>T&amp;rả kết quả</translation>
        </message>
        <message>
            <source>&amp;Search dossiers</source>
            <translation>Tra &amp;cứu hồ sơ</translation>
        </message>
        <message>
            <source>&amp;Forward to agencies</source>
            <translation>C&amp;huyển cơ quan giải quyết</translation>
        </message>
        <message>
            <source>&amp;Register (form 06)…</source>
            <translation>&amp;Sổ theo dõi hồ sơ (Mẫu 06)…</translation>
        </message>
        <message>
            <source>Intake</source>
            <translation>Tiếp nhận</translation>
        </message>
        <message>
            <source>Hand over results</source>
            <translation>Trả kết quả</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Tra cứu</translation>
        </message>
        <message>
            <source>Forwarding</source>
            <translation>Chuyển xử lý</translation>
        </message>
        <message>
            <source>S&amp;ync</source>
            <translation>Đồng &amp;bộ</translation>
        </message>
        <message>
            <source>&amp;Online dossiers</source>
            <translation>Hồ sơ &amp;trực tuyến</translation>
        </message>
        <message>
            <source>Sync: &amp;action needed…</source>
            <translation>Đồng bộ: &amp;cần xử lý…</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation>Đồng bộ &amp;ngay</translation>
        </message>
        <message>
            <source>Online dossiers</source>
            <translation>Hồ sơ trực tuyến</translation>
        </message>
    </context>
    <context>
        <name>DocumentsTable</name>
        <message>
            <source>&amp;Add document</source>
            <translation>Thêm &amp;giấy tờ</translation>
        </message>
        <message>
            <source>Remove row</source>
            <translation>Xóa dòng</translation>
        </message>
        <message>
            <source>Add a document the checklist does not list (Ctrl+Insert)</source>
            <translation>Thêm giấy tờ không có trong danh mục (Ctrl+Insert)</translation>
        </message>
        <message>
            <source>Remove the selected row (Ctrl+Delete)</source>
            <translation>Xóa dòng đang chọn (Ctrl+Delete)</translation>
        </message>
    </context>
    <context>
        <name>DocumentsTableModel</name>
        <message>
            <source>Received</source>
            <translation>Đã nhận</translation>
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
            <source>Tick the documents the citizen handed in (Space)</source>
            <translation>Đánh dấu các giấy tờ công dân đã nộp (phím cách)</translation>
        </message>
        <message>
            <source>Not received</source>
            <translation>Chưa nhận</translation>
        </message>
    </context>
    <context>
        <name>Formatting</name>
        <message>
            <source>%1 %2 %3</source>
            <translation>%1 %2 %3</translation>
        </message>
        <message>
            <source>same day</source>
            <translation>trong ngày</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n ngày</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n working day(s)</source>
            <translation>
                <numerusform>%n ngày làm việc</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IntakeController</name>
        <message>
            <source>New intake</source>
            <translation>Tiếp nhận mới</translation>
        </message>
        <message>
            <source>Clear the form? What you typed for this citizen will be lost.</source>
            <translation>Xóa trắng biểu mẫu? Thông tin đã nhập cho công dân này sẽ bị mất.</translation>
        </message>
        <message>
            <source>Clear the form</source>
            <translation>Xóa trắng</translation>
        </message>
        <message>
            <source>Keep typing</source>
            <translation>Tiếp tục nhập</translation>
        </message>
        <message>
            <source>Saving the dossier…</source>
            <translation>Đang lưu hồ sơ…</translation>
        </message>
        <message>
            <source>The procedure search failed</source>
            <translation>Không tìm được thủ tục</translation>
        </message>
        <message>
            <source>Processing time: %1</source>
            <translation>Thời hạn giải quyết: %1</translation>
        </message>
        <message>
            <source>Fee: %1</source>
            <translation>Phí, lệ phí: %1</translation>
        </message>
        <message>
            <source>Result due: %1 (%2)</source>
            <translation>Hẹn trả: %1 (%2)</translation>
        </message>
        <message>
            <source>The due date could not be computed: %1</source>
            <translation>Chưa tính được ngày hẹn trả: %1</translation>
        </message>
        <message>
            <source>Choose a procedure to see the due date.</source>
            <translation>Chọn thủ tục để xem ngày hẹn trả kết quả.</translation>
        </message>
        <message>
            <source>Printing the receipt…</source>
            <translation>Đang in giấy tiếp nhận…</translation>
        </message>
        <message>
            <source>Dossier received:</source>
            <translation>Đã tiếp nhận hồ sơ:</translation>
        </message>
        <message>
            <source>%1, result due %2.</source>
            <translation>%1, hẹn trả %2.</translation>
        </message>
        <message>
            <source>The dossier was not saved</source>
            <translation>Chưa lưu được hồ sơ</translation>
        </message>
        <message>
            <source>Receipt of dossier %1 printed again.</source>
            <translation>Đã in lại giấy tiếp nhận của hồ sơ %1.</translation>
        </message>
        <message>
            <source>The receipt is ready to print (2 copies).</source>
            <translation>Giấy tiếp nhận đã sẵn sàng để in (2 liên).</translation>
        </message>
        <message>
            <source>Print again</source>
            <translation>In lại</translation>
        </message>
        <message>
            <source>Dossier %1 is saved, but its receipt could not be printed: %2 Press “Print again”.</source>
            <translation>Hồ sơ %1 đã được lưu nhưng chưa in được giấy tiếp nhận: %2 Bấm “In lại”.</translation>
        </message>
        <message>
            <source>Row %1: %2</source>
            <translation>Dòng %1: %2</translation>
        </message>
        <message numerus="yes">
            <source>Not saved: %n mistake(s) to correct, shown in red next to the fields. Nothing typed was lost.</source>
            <translation>
                <numerusform>Chưa lưu: có %n chỗ cần sửa, ghi màu đỏ cạnh từng ô. Thông tin đã nhập vẫn được giữ nguyên.</numerusform>
            </translation>
        </message>
        <message>
            <source>unexpected error (%1). Tell the IT administrator.</source>
            <translation>lỗi không mong đợi (%1). Vui lòng báo cán bộ quản trị hệ thống.</translation>
        </message>
        <message>
            <source>What you typed is still in the form; try again.</source>
            <translation>Thông tin đã nhập vẫn còn trên biểu mẫu; vui lòng thử lại.</translation>
        </message>
        <message>
            <source>Not &amp;accepted (form 02 / 03)…</source>
            <translation>&amp;Không tiếp nhận (Mẫu 02 / 03)…</translation>
        </message>
        <message>
            <source>&amp;Reopen a dossier not accepted…</source>
            <translation>Mở lại hồ sơ &amp;chưa tiếp nhận…</translation>
        </message>
        <message>
            <source>Choose the procedure first: the slip names the procedure the citizen asked for.</source>
            <translation>Hãy chọn thủ tục trước: phiếu phải ghi rõ thủ tục công dân yêu cầu.</translation>
        </message>
        <message>
            <source>Reopening slip %1…</source>
            <translation>Đang mở lại phiếu %1…</translation>
        </message>
        <message>
            <source>Recording the slip…</source>
            <translation>Đang lập phiếu…</translation>
        </message>
        <message>
            <source>No slip was recorded: correct the fields shown in red, then press “Not accepted…” again (Ctrl+Shift+R). Nothing typed was lost.</source>
            <translation>Chưa lập phiếu: vui lòng sửa các ô báo đỏ rồi bấm lại “Không tiếp nhận…” (Ctrl+Shift+R). Thông tin đã nhập vẫn được giữ nguyên.</translation>
        </message>
        <message>
            <source>Printing the slip…</source>
            <translation>Đang in phiếu…</translation>
        </message>
        <message>
            <source>Refusal slip %1 recorded for %2: the dossier is not received.</source>
            <translation>Đã lập phiếu từ chối tiếp nhận số %1 cho %2: hồ sơ không được tiếp nhận.</translation>
        </message>
        <message>
            <source>Request to complete %1 recorded for %2. When the citizen comes back, type their ID number to reopen the form without typing it again.</source>
            <translation>Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ số %1 cho %2. Khi công dân quay lại, nhập số định danh để mở lại hồ sơ, không phải nhập lại.</translation>
        </message>
        <message>
            <source>Nothing was recorded; try again.</source>
            <translation>Chưa có gì được ghi nhận; vui lòng thử lại.</translation>
        </message>
        <message>
            <source>No slip was recorded</source>
            <translation>Chưa lập được phiếu</translation>
        </message>
        <message>
            <source>Slip %1 printed again.</source>
            <translation>Đã in lại phiếu %1.</translation>
        </message>
        <message>
            <source>The slip is ready to print; give it to the citizen.</source>
            <translation>Phiếu đã sẵn sàng để in; giao phiếu cho công dân.</translation>
        </message>
        <message>
            <source>Slip %1 is recorded, but it could not be printed: %2 Press “Print again”.</source>
            <translation>Phiếu %1 đã được lập nhưng chưa in được: %2 Bấm “In lại”.</translation>
        </message>
        <message>
            <source>refusal slip</source>
            <translation>phiếu từ chối tiếp nhận</translation>
        </message>
        <message>
            <source>request to complete</source>
            <translation>phiếu yêu cầu bổ sung</translation>
        </message>
        <message>
            <source>Reopened from the %1 no. %2 of %3.</source>
            <translation>Mở lại từ %1 số %2 ngày %3.</translation>
        </message>
        <message>
            <source>To supply: %1.</source>
            <translation>Giấy tờ cần bổ sung: %1.</translation>
        </message>
        <message>
            <source>Tick what the citizen brought, then press Ctrl+Enter to receive the dossier.</source>
            <translation>Đánh dấu các giấy tờ công dân đã mang đến rồi bấm Ctrl+Enter để tiếp nhận hồ sơ.</translation>
        </message>
        <message>
            <source>This citizen has a %1 no. %2 of %3 (%4), not taken up again yet.</source>
            <translation>Công dân này có %1 số %2 ngày %3 (%4), chưa được tiếp nhận lại.</translation>
        </message>
        <message>
            <source>Slips still open: %1.</source>
            <translation>Số phiếu chưa được tiếp nhận lại: %1.</translation>
        </message>
        <message>
            <source>Show them…</source>
            <translation>Xem và mở lại…</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Mở lại</translation>
        </message>
        <message>
            <source>The dossier could not be reopened</source>
            <translation>Không mở lại được hồ sơ</translation>
        </message>
    </context>
    <context>
        <name>IntakeView</name>
        <message>
            <source>Receive a dossier</source>
            <translation>Tiếp nhận hồ sơ</translation>
        </message>
        <message>
            <source>1. Procedure</source>
            <translation>1. Thủ tục hành chính</translation>
        </message>
        <message>
            <source>2. Dossier owner</source>
            <translation>2. Chủ hồ sơ</translation>
        </message>
        <message>
            <source>The &amp;submitter is not the owner (submits on their behalf)</source>
            <translation>Người &amp;nộp hồ sơ không phải chủ hồ sơ (nộp thay, theo ủy quyền)</translation>
        </message>
        <message>
            <source>Submitter</source>
            <translation>Người nộp hồ sơ</translation>
        </message>
        <message>
            <source>3. Documents received</source>
            <translation>3. Giấy tờ đã nhận</translation>
        </message>
        <message>
            <source>4. Sets and result</source>
            <translation>4. Số bộ hồ sơ và nhận kết quả</translation>
        </message>
        <message>
            <source>Number of s&amp;ets</source>
            <translation>Số &amp;bộ hồ sơ</translation>
        </message>
        <message>
            <source>&amp;Result returned</source>
            <translation>Nhận &amp;kết quả</translation>
        </message>
        <message>
            <source>At the counter</source>
            <translation>Tại quầy</translation>
        </message>
        <message>
            <source>By public post</source>
            <translation>Qua bưu chính công ích</translation>
        </message>
        <message>
            <source>Online (electronic result)</source>
            <translation>Trực tuyến (kết quả điện tử)</translation>
        </message>
        <message>
            <source>Papers &amp;digitised (scanned): handled as an electronic dossier</source>
            <translation>Đã số &amp;hóa giấy tờ (quét): xử lý như hồ sơ điện tử</translation>
        </message>
        <message>
            <source>New intake (Ctrl+N)</source>
            <translation>Tiếp nhận mới (Ctrl+N)</translation>
        </message>
        <message>
            <source>Save and print receipt (Ctrl+Enter)</source>
            <translation>Lưu và in giấy tiếp nhận (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Not accepted… (Ctrl+Shift+R)</source>
            <translation>Không tiếp nhận… (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <source>The dossier is incomplete (form 02: what to supply, once) or cannot be received (form 03: refusal with reason)</source>
            <translation>Hồ sơ chưa đầy đủ (Mẫu 02: hướng dẫn bổ sung, hoàn thiện một lần) hoặc không đủ điều kiện tiếp nhận (Mẫu 03: từ chối, nêu rõ lý do)</translation>
        </message>
        <message>
            <source>Reopen… (Ctrl+Shift+O)</source>
            <translation>Mở lại hồ sơ… (Ctrl+Shift+O)</translation>
        </message>
        <message>
            <source>Take up again a dossier not accepted earlier (form 02 / 03), without typing it again</source>
            <translation>Tiếp nhận lại hồ sơ đã được hướng dẫn bổ sung hoặc bị từ chối trước đây (Mẫu 02 / 03), không phải nhập lại</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Sign in — reception desk</source>
            <translation>Đăng nhập — Quầy tiếp nhận</translation>
        </message>
        <message>
            <source>Sign in to the reception desk</source>
            <translation>Đăng nhập quầy tiếp nhận hồ sơ</translation>
        </message>
        <message>
            <source>&amp;Username</source>
            <translation>&amp;Tên đăng nhập</translation>
        </message>
        <message>
            <source>&amp;Password</source>
            <translation>&amp;Mật khẩu</translation>
        </message>
        <message>
            <source>&amp;Counter number</source>
            <translation>&amp;Quầy số</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Đăng nhập</translation>
        </message>
        <message>
            <source>Type your username.</source>
            <translation>Vui lòng nhập tên đăng nhập.</translation>
        </message>
        <message>
            <source>Type your password.</source>
            <translation>Vui lòng nhập mật khẩu.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Đang kiểm tra…</translation>
        </message>
        <message>
            <source>Type the password again (check Caps Lock, and switch off Vietnamese typing such as Unikey).</source>
            <translation>Vui lòng nhập lại mật khẩu (kiểm tra phím Caps Lock và tắt bộ gõ tiếng Việt như Unikey).</translation>
        </message>
        <message>
            <source>Cannot sign in now (%1). Check the connection to the database, then try again.</source>
            <translation>Chưa đăng nhập được (%1). Vui lòng kiểm tra kết nối tới cơ sở dữ liệu rồi thử lại.</translation>
        </message>
        <message>
            <source>The password was not changed, so you are not signed in. Sign in again and choose a new password.</source>
            <translation>Chưa đổi mật khẩu nên chưa đăng nhập. Vui lòng đăng nhập lại và đặt mật khẩu mới.</translation>
        </message>
    </context>
    <context>
        <name>MessageBanner</name>
        <message>
            <source>Hide this message</source>
            <translation>Ẩn thông báo này</translation>
        </message>
    </context>
    <context>
        <name>PdfPreview</name>
        <message>
            <source>Print preview — %1</source>
            <translation>Xem trước khi in — %1</translation>
        </message>
    </context>
    <context>
        <name>PersonFields</name>
        <message>
            <source>Full &amp;name</source>
            <translation>Họ và &amp;tên</translation>
        </message>
        <message>
            <source>&amp;ID number</source>
            <translation>Số định &amp;danh</translation>
        </message>
        <message>
            <source>&amp;Date of birth</source>
            <translation>Ngày &amp;sinh</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>Điện t&amp;hoại</translation>
        </message>
        <message>
            <source>E&amp;mail</source>
            <translation>&amp;Email</translation>
        </message>
        <message>
            <source>&amp;Address</source>
            <translation>Đị&amp;a chỉ</translation>
        </message>
        <message>
            <source>Citizen ID (CCCD)</source>
            <translation>Căn cước / CCCD</translation>
        </message>
        <message>
            <source>Passport</source>
            <translation>Hộ chiếu</translation>
        </message>
        <message>
            <source>Old ID card (CMND)</source>
            <translation>CMND cũ (9 số)</translation>
        </message>
        <message>
            <source>dd/mm/yyyy</source>
            <translation>dd/mm/yyyy</translation>
        </message>
        <message>
            <source>12 digits</source>
            <translation>12 chữ số</translation>
        </message>
        <message>
            <source>e.g. 0912345678</source>
            <translation>vd. 0912345678</translation>
        </message>
        <message>
            <source>as on the ID card</source>
            <translation>như trên giấy tờ tùy thân</translation>
        </message>
        <message>
            <source>Date of birth is not a date: type it as day/month/year, e.g. 05/09/1990.</source>
            <translation>Ngày sinh không hợp lệ: vui lòng nhập theo ngày/tháng/năm, ví dụ 05/09/1990.</translation>
        </message>
    </context>
    <context>
        <name>ProcedureListModel</name>
        <message>
            <source>(retired)</source>
            <translation>(đã bãi bỏ)</translation>
        </message>
    </context>
    <context>
        <name>ProcedurePicker</name>
        <message>
            <source>Type part of the procedure name or its code, then Enter (F6)</source>
            <translation>Gõ một phần tên thủ tục (có dấu hay không dấu đều được) hoặc mã thủ tục, rồi nhấn Enter (F6)</translation>
        </message>
        <message>
            <source>No procedure matches “%1”. Try fewer words or the code.</source>
            <translation>Không có thủ tục nào khớp với “%1”. Hãy gõ ít từ hơn hoặc gõ mã thủ tục.</translation>
        </message>
    </context>
    <context>
        <name>SetupDialog</name>
        <message>
            <source>First start — set up the centre</source>
            <translation>Khởi động lần đầu — thiết lập trung tâm</translation>
        </message>
        <message>
            <source>Set up the centre</source>
            <translation>Thiết lập trung tâm</translation>
        </message>
        <message>
            <source>This database is new. Enter the centre's identity as it must appear on receipts, and the first administrator account. Everything can be changed later by an administrator.</source>
            <translation>Cơ sở dữ liệu này còn trống. Vui lòng nhập thông tin của trung tâm đúng như cần in trên giấy tiếp nhận, và tài khoản quản trị đầu tiên. Quản trị viên có thể sửa lại các thông tin này sau.</translation>
        </message>
        <message>
            <source>Centre</source>
            <translation>Trung tâm</translation>
        </message>
        <message>
            <source>First administrator</source>
            <translation>Quản trị viên đầu tiên</translation>
        </message>
        <message>
            <source>Centre &amp;name</source>
            <translation>&amp;Tên trung tâm</translation>
        </message>
        <message>
            <source>&amp;Issuing body</source>
            <translation>&amp;Cơ quan chủ quản</translation>
        </message>
        <message>
            <source>A&amp;gency code (QCVN 102)</source>
            <translation>&amp;Mã định danh cơ quan (QCVN 102)</translation>
        </message>
        <message>
            <source>A&amp;ddress</source>
            <translation>Đị&amp;a chỉ</translation>
        </message>
        <message>
            <source>&amp;Hotline</source>
            <translation>Đường dây &amp;nóng</translation>
        </message>
        <message>
            <source>&amp;Place name on forms</source>
            <translation>Địa danh ghi trên &amp;văn bản</translation>
        </message>
        <message>
            <source>&amp;Username</source>
            <translation>Tên đăng nhậ&amp;p</translation>
        </message>
        <message>
            <source>&amp;Full name</source>
            <translation>&amp;Họ và tên</translation>
        </message>
        <message>
            <source>Pass&amp;word</source>
            <translation>Mật &amp;khẩu</translation>
        </message>
        <message>
            <source>Password &amp;again</source>
            <translation>Nhập &amp;lại mật khẩu</translation>
        </message>
        <message>
            <source>Number of &amp;counters</source>
            <translation>Số &amp;quầy</translation>
        </message>
        <message>
            <source>e.g. Trung tâm Phục vụ hành chính công tỉnh Quảng Nam</source>
            <translation>vd. Trung tâm Phục vụ hành chính công tỉnh Quảng Nam</translation>
        </message>
        <message>
            <source>e.g. UBND TỈNH QUẢNG NAM</source>
            <translation>vd. UBND TỈNH QUẢNG NAM</translation>
        </message>
        <message>
            <source>e.g. 000.00.06.H56</source>
            <translation>vd. 000.00.06.H56</translation>
        </message>
        <message>
            <source>e.g. Tam Kỳ (printed as “Tam Kỳ, ngày … tháng … năm …”)</source>
            <translation>vd. Tam Kỳ (in thành “Tam Kỳ, ngày … tháng … năm …”)</translation>
        </message>
        <message>
            <source>e.g. 0235 3812 345</source>
            <translation>vd. 0235 3812 345</translation>
        </message>
        <message>
            <source>at least 10 characters, letters and digits</source>
            <translation>ít nhất 10 ký tự, gồm chữ cái và chữ số</translation>
        </message>
        <message>
            <source>Create the centre</source>
            <translation>Tạo trung tâm</translation>
        </message>
        <message>
            <source>The two passwords differ; type the same password twice.</source>
            <translation>Hai lần nhập mật khẩu không giống nhau; vui lòng nhập lại cho khớp.</translation>
        </message>
        <message>
            <source>Type the password a second time.</source>
            <translation>Vui lòng nhập lại mật khẩu lần thứ hai.</translation>
        </message>
        <message>
            <source>Creating…</source>
            <translation>Đang tạo…</translation>
        </message>
        <message>
            <source>The centre could not be created (%1). Check the database, then try again.</source>
            <translation>Chưa tạo được trung tâm (%1). Vui lòng kiểm tra cơ sở dữ liệu rồi thử lại.</translation>
        </message>
    </context>
    <context>
        <name>Weekday</name>
        <message>
            <source>Monday</source>
            <translation>thứ Hai</translation>
        </message>
        <message>
            <source>Tuesday</source>
            <translation>thứ Ba</translation>
        </message>
        <message>
            <source>Wednesday</source>
            <translation>thứ Tư</translation>
        </message>
        <message>
            <source>Thursday</source>
            <translation>thứ Năm</translation>
        </message>
        <message>
            <source>Friday</source>
            <translation>thứ Sáu</translation>
        </message>
        <message>
            <source>Saturday</source>
            <translation>thứ Bảy</translation>
        </message>
        <message>
            <source>Sunday</source>
            <translation>Chủ nhật</translation>
        </message>
    </context>
</TS>
