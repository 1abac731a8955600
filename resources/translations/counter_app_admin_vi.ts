<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>AdminCalendarModel</name>
        <message>
            <source>Date</source>
            <translation>Ngày</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Loại</translation>
        </message>
        <message>
            <source>Day off</source>
            <translation>Ngày nghỉ</translation>
        </message>
        <message>
            <source>Make-up working day</source>
            <translation>Ngày làm bù</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Nguồn</translation>
        </message>
        <message>
            <source>the centre</source>
            <translation>trung tâm</translation>
        </message>
        <message>
            <source>national</source>
            <translation>quốc gia</translation>
        </message>
    </context>
    <context>
        <name>AdminCalendarView</name>
        <message>
            <source>&amp;Date</source>
            <translation>&amp;Ngày</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>&amp;Loại</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Tên</translation>
        </message>
        <message>
            <source>&amp;Year</source>
            <translation>&amp;Năm</translation>
        </message>
        <message>
            <source>Day off (the centre is closed)</source>
            <translation>Ngày nghỉ (trung tâm đóng cửa)</translation>
        </message>
        <message>
            <source>Make-up working day (the centre is open)</source>
            <translation>Ngày làm bù (trung tâm làm việc)</translation>
        </message>
        <message>
            <source>Add a day</source>
            <translation>Thêm ngày</translation>
        </message>
        <message>
            <source>&amp;Add the day</source>
            <translation>&amp;Thêm ngày</translation>
        </message>
        <message>
            <source>&amp;Remove the selected day</source>
            <translation>&amp;Xóa ngày đang chọn</translation>
        </message>
        <message>
            <source>The centre works on &amp;Saturdays</source>
            <translation>Trung tâm làm việc vào &amp;thứ Bảy</translation>
        </message>
        <message>
            <source>National holidays come with the program, greyed. Add the days the government or the province announces each year (extra days off, Saturdays worked in exchange): due dates are counted with them from the next receipt on. Dates already printed on receipts do not change.</source>
            <translation>Ngày lễ quốc gia có sẵn trong chương trình (chữ xám). Hãy thêm các ngày Chính phủ hoặc tỉnh công bố hằng năm (nghỉ thêm, thứ Bảy làm bù): ngày hẹn trả được tính theo các ngày này kể từ lần tiếp nhận kế tiếp. Ngày hẹn đã in trên giấy tiếp nhận không thay đổi.</translation>
        </message>
        <message>
            <source>a day off</source>
            <translation>ngày nghỉ</translation>
        </message>
        <message>
            <source>a make-up working day</source>
            <translation>ngày làm bù</translation>
        </message>
        <message>
            <source>%1 is now %2.</source>
            <translation>Ngày %1 nay là %2.</translation>
        </message>
        <message>
            <source>%1 was removed from the list.</source>
            <translation>Đã xóa ngày %1 khỏi danh sách.</translation>
        </message>
        <message>
            <source>Saturdays now count as working days.</source>
            <translation>Thứ Bảy nay được tính là ngày làm việc.</translation>
        </message>
        <message>
            <source>Saturdays no longer count as working days.</source>
            <translation>Thứ Bảy không còn được tính là ngày làm việc.</translation>
        </message>
    </context>
    <context>
        <name>AdminCatalogView</name>
        <message>
            <source>&amp;Find:</source>
            <translation>&amp;Tìm:</translation>
        </message>
        <message>
            <source>code, name or field</source>
            <translation>mã, tên hoặc lĩnh vực</translation>
        </message>
        <message>
            <source>Import a catalog file</source>
            <translation>Nhập tệp danh mục</translation>
        </message>
        <message>
            <source>C&amp;hoose a file…</source>
            <translation>C&amp;họn tệp…</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>&amp;Nhập danh mục</translation>
        </message>
        <message>
            <source>Choose a catalog file (JSON, or CSV exported from a spreadsheet). You will see what it would add, change and retire before anything is saved. Procedures are never deleted.</source>
            <translation>Chọn tệp danh mục (JSON, hoặc CSV xuất từ bảng tính). Chương trình cho xem trước những thủ tục sẽ được thêm, sửa đổi, ngừng áp dụng rồi mới lưu. Không thủ tục nào bị xóa.</translation>
        </message>
        <message>
            <source>%1 procedures, %2 in force</source>
            <translation>%1 thủ tục, %2 đang áp dụng</translation>
        </message>
        <message>
            <source>Choose a catalog file</source>
            <translation>Chọn tệp danh mục</translation>
        </message>
        <message>
            <source>Catalog files (*.json *.csv);;All files (*)</source>
            <translation>Tệp danh mục (*.json *.csv);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>Đang đọc %1…</translation>
        </message>
        <message>
            <source>This file cannot be imported.</source>
            <translation>Không nhập được tệp này.</translation>
        </message>
        <message>
            <source>Correct the file and choose it again; nothing was saved.</source>
            <translation>Hãy sửa tệp rồi chọn lại; chưa có gì được lưu.</translation>
        </message>
        <message>
            <source>The file %1 cannot be imported: %2</source>
            <translation>Không nhập được tệp %1: %2</translation>
        </message>
        <message>
            <source>File %1, catalog version %2</source>
            <translation>Tệp %1, danh mục phiên bản %2</translation>
        </message>
        <message>
            <source>%1 new procedures</source>
            <translation>%1 thủ tục mới</translation>
        </message>
        <message>
            <source>%1 changed</source>
            <translation>%1 thủ tục sửa đổi</translation>
        </message>
        <message>
            <source>%1 retired</source>
            <translation>%1 thủ tục ngừng áp dụng</translation>
        </message>
        <message>
            <source>%1 unchanged</source>
            <translation>%1 thủ tục không đổi</translation>
        </message>
        <message>
            <source>%1 procedures of the centre are not in the file: they stay as they are</source>
            <translation>%1 thủ tục của trung tâm không có trong tệp: giữ nguyên như cũ</translation>
        </message>
        <message>
            <source>new fields: %1</source>
            <translation>lĩnh vực mới: %1</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Thêm mới</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Sửa đổi</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation>Ngừng áp dụng</translation>
        </message>
        <message>
            <source>… and %1 more</source>
            <translation>… và %1 thủ tục khác</translation>
        </message>
        <message>
            <source>The file brings nothing new.</source>
            <translation>Tệp không có gì mới so với danh mục hiện tại.</translation>
        </message>
        <message>
            <source>Catalog %1 imported: %2 added, %3 changed, %4 retired.</source>
            <translation>Đã nhập danh mục %1: thêm %2, sửa đổi %3, ngừng áp dụng %4 thủ tục.</translation>
        </message>
    </context>
    <context>
        <name>AdminCountersModel</name>
        <message>
            <source>No.</source>
            <translation>Số</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>In use</source>
            <translation>Đang dùng</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>có</translation>
        </message>
        <message>
            <source>no</source>
            <translation>không</translation>
        </message>
        <message>
            <source>Fields served</source>
            <translation>Lĩnh vực phục vụ</translation>
        </message>
        <message>
            <source>Serving now</source>
            <translation>Đang phục vụ</translation>
        </message>
        <message>
            <source>every field</source>
            <translation>mọi lĩnh vực</translation>
        </message>
    </context>
    <context>
        <name>AdminCountersView</name>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Tên</translation>
        </message>
        <message>
            <source>&amp;Fields served</source>
            <translation>&amp;Lĩnh vực phục vụ</translation>
        </message>
        <message>
            <source>N&amp;umber</source>
            <translation>&amp;Số quầy</translation>
        </message>
        <message>
            <source>Na&amp;me (optional)</source>
            <translation>Tê&amp;n (không bắt buộc)</translation>
        </message>
        <message>
            <source>Add a counter</source>
            <translation>Thêm quầy</translation>
        </message>
        <message>
            <source>&amp;Add the counter</source>
            <translation>&amp;Thêm quầy</translation>
        </message>
        <message>
            <source>Save the &amp;name</source>
            <translation>Lưu &amp;tên</translation>
        </message>
        <message>
            <source>Save the fi&amp;elds</source>
            <translation>Lưu lĩnh &amp;vực</translation>
        </message>
        <message>
            <source>Tick the fields whose tickets this counter calls. None ticked: it calls every field.</source>
            <translation>Đánh dấu các lĩnh vực mà quầy này gọi số. Không đánh dấu lĩnh vực nào: quầy gọi mọi lĩnh vực.</translation>
        </message>
        <message>
            <source>Counter %1</source>
            <translation>Quầy %1</translation>
        </message>
        <message>
            <source>Pick a counter</source>
            <translation>Chọn một quầy trong bảng</translation>
        </message>
        <message>
            <source>Take out of &amp;use</source>
            <translation>Ngừng &amp;sử dụng</translation>
        </message>
        <message>
            <source>Put back in &amp;use</source>
            <translation>&amp;Sử dụng lại</translation>
        </message>
        <message>
            <source>Counter %1 is now called “%2”.</source>
            <translation>Quầy %1 nay có tên “%2”.</translation>
        </message>
        <message>
            <source>The fields of counter %1 were saved.</source>
            <translation>Đã lưu lĩnh vực phục vụ của quầy %1.</translation>
        </message>
        <message>
            <source>Counter %1 is in use again.</source>
            <translation>Quầy %1 đã được sử dụng lại.</translation>
        </message>
        <message>
            <source>Counter %1 is out of use: nobody can sign in there.</source>
            <translation>Quầy %1 đã ngừng sử dụng: không ai đăng nhập được tại quầy này.</translation>
        </message>
        <message>
            <source>Counter %1 was added.</source>
            <translation>Đã thêm quầy %1.</translation>
        </message>
    </context>
    <context>
        <name>AdminFieldsModel</name>
        <message>
            <source>Field</source>
            <translation>Lĩnh vực</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Prefix</source>
            <translation>Chữ đầu số</translation>
        </message>
        <message>
            <source>Numbers</source>
            <translation>Dãy số</translation>
        </message>
        <message>
            <source>At the kiosk</source>
            <translation>Máy lấy số</translation>
        </message>
        <message>
            <source>offered</source>
            <translation>có phát số</translation>
        </message>
        <message>
            <source>not offered</source>
            <translation>không phát số</translation>
        </message>
        <message>
            <source>Counters that chose it</source>
            <translation>Quầy đã chọn</translation>
        </message>
    </context>
    <context>
        <name>AdminFieldsView</name>
        <message>
            <source>Ticket &amp;prefix</source>
            <translation>&amp;Chữ cái đầu số</translation>
        </message>
        <message>
            <source>&amp;First number</source>
            <translation>Số &amp;bắt đầu</translation>
        </message>
        <message>
            <source>&amp;Last number</source>
            <translation>Số &amp;kết thúc</translation>
        </message>
        <message>
            <source>&amp;Kiosk</source>
            <translation>&amp;Máy lấy số</translation>
        </message>
        <message>
            <source>offered at the ticket kiosk</source>
            <translation>phát số tại máy lấy số</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>Tickets are numbered from the first to the last number each day, after the prefix: A001, A002… A field that is not offered keeps its waiting tickets.</source>
            <translation>Mỗi ngày số thứ tự chạy từ số bắt đầu đến số kết thúc, sau chữ cái đầu số: A001, A002… Lĩnh vực ngừng phát số vẫn giữ các số đang chờ.</translation>
        </message>
        <message>
            <source>Field “%1”</source>
            <translation>Lĩnh vực “%1”</translation>
        </message>
        <message>
            <source>Pick a field</source>
            <translation>Chọn một lĩnh vực trong bảng</translation>
        </message>
        <message>
            <source>The numbering of “%1” was saved.</source>
            <translation>Đã lưu cách đánh số của lĩnh vực “%1”.</translation>
        </message>
    </context>
    <context>
        <name>AdminLauncher</name>
        <message>
            <source>Administration</source>
            <translation>Quản trị hệ thống</translation>
        </message>
        <message>
            <source>The administration window cannot open the database: %1</source>
            <translation>Cửa sổ quản trị không mở được cơ sở dữ liệu: %1</translation>
        </message>
    </context>
    <context>
        <name>AdminLoginDialog</name>
        <message>
            <source>Sign in — administration</source>
            <translation>Đăng nhập — quản trị hệ thống</translation>
        </message>
        <message>
            <source>Sign in to the administration window</source>
            <translation>Đăng nhập cửa sổ quản trị hệ thống</translation>
        </message>
        <message>
            <source>The account “%1” (%2) cannot open the administration window: it is for administrators. Sign in with an administrator account.</source>
            <translation>Tài khoản “%1” (%2) không mở được cửa sổ quản trị: cửa sổ này chỉ dành cho quản trị hệ thống. Hãy đăng nhập bằng tài khoản quản trị.</translation>
        </message>
    </context>
    <context>
        <name>AdminPasswordDialog</name>
        <message>
            <source>Temporary password</source>
            <translation>Mật khẩu tạm thời</translation>
        </message>
        <message>
            <source>Temporary password of “%1”</source>
            <translation>Mật khẩu tạm thời của “%1”</translation>
        </message>
        <message>
            <source>Give it to the user in person. It is shown only now: it is not stored anywhere readable. At the next sign-in the user must choose a new password.</source>
            <translation>Hãy trao trực tiếp cho người dùng. Mật khẩu chỉ hiện lúc này, không được lưu ở đâu để xem lại. Lần đăng nhập tới người dùng phải đặt mật khẩu mới.</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Sao chép</translation>
        </message>
    </context>
    <context>
        <name>AdminPrintersView</name>
        <message>
            <source>&amp;Forms printer (A5, A4)</source>
            <translation>Máy in &amp;giấy tờ (A5, A4)</translation>
        </message>
        <message>
            <source>&amp;Ticket printer</source>
            <translation>Máy in &amp;phiếu số</translation>
        </message>
        <message>
            <source>Ticket &amp;roll</source>
            <translation>&amp;Khổ giấy phiếu</translation>
        </message>
        <message>
            <source>Printers of this computer</source>
            <translation>Máy in của máy tính này</translation>
        </message>
        <message>
            <source>80 mm</source>
            <translation>80 mm</translation>
        </message>
        <message>
            <source>58 mm</source>
            <translation>58 mm</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>Test page on the f&amp;orms printer</source>
            <translation>In thử &amp;giấy tờ</translation>
        </message>
        <message>
            <source>Test &amp;ticket</source>
            <translation>In thử &amp;phiếu số</translation>
        </message>
        <message>
            <source>&amp;Look for printers again</source>
            <translation>&amp;Tìm lại máy in</translation>
        </message>
        <message>
            <source>Saved in this computer's settings file (%1); each computer chooses its own printers. The desk and the kiosk use them from their next start.</source>
            <translation>Lưu trong tệp cấu hình của máy tính này (%1); mỗi máy tính chọn máy in riêng. Quầy và máy lấy số dùng lựa chọn này từ lần khởi động sau.</translation>
        </message>
        <message>
            <source>The system's default printer (%1)</source>
            <translation>Máy in mặc định của hệ thống (%1)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>chưa có</translation>
        </message>
        <message>
            <source>The system's default printer</source>
            <translation>Máy in mặc định của hệ thống</translation>
        </message>
        <message>
            <source>%1 (not found on this computer)</source>
            <translation>%1 (không thấy trên máy này)</translation>
        </message>
        <message>
            <source>Saved in %1.</source>
            <translation>Đã lưu vào %1.</translation>
        </message>
        <message>
            <source>the system's default printer</source>
            <translation>máy in mặc định của hệ thống</translation>
        </message>
        <message>
            <source>The test page could not be printed on %1: %2. Check that the printer is on, has paper and is connected, then try again.</source>
            <translation>Không in thử được trên %1: %2. Hãy kiểm tra máy in đã bật, còn giấy và đã kết nối, rồi thử lại.</translation>
        </message>
        <message>
            <source>The test page was sent to %1.</source>
            <translation>Đã gửi trang in thử tới %1.</translation>
        </message>
    </context>
    <context>
        <name>AdminProceduresModel</name>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
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
            <source>Time limit</source>
            <translation>Thời hạn giải quyết</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>retired</source>
            <translation>ngừng áp dụng</translation>
        </message>
        <message>
            <source>in force</source>
            <translation>đang áp dụng</translation>
        </message>
        <message>
            <source>Catalog version</source>
            <translation>Phiên bản danh mục</translation>
        </message>
    </context>
    <context>
        <name>AdminRoles</name>
        <message>
            <source>Reception officer</source>
            <translation>Cán bộ tiếp nhận</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>Giám sát</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>Quản trị</translation>
        </message>
    </context>
    <context>
        <name>AdminSiteView</name>
        <message>
            <source>Centre &amp;name</source>
            <translation>&amp;Tên trung tâm</translation>
        </message>
        <message>
            <source>&amp;Issuing body</source>
            <translation>&amp;Cơ quan chủ quản</translation>
        </message>
        <message>
            <source>&amp;Agency code</source>
            <translation>&amp;Mã định danh cơ quan</translation>
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
            <translation>Địa &amp;danh ghi trên giấy tờ</translation>
        </message>
        <message>
            <source>Lock an idle desk after (&amp;minutes)</source>
            <translation>Khóa máy quầy khi không dùng sau (&amp;phút)</translation>
        </message>
        <message>
            <source>&amp;Wrong passwords before lock-out</source>
            <translation>Số lần nhập &amp;sai mật khẩu trước khi khóa</translation>
        </message>
        <message>
            <source>Lock-out &amp;duration (minutes)</source>
            <translation>&amp;Thời gian khóa tài khoản (phút)</translation>
        </message>
        <message>
            <source>Identity of the centre (printed on every form)</source>
            <translation>Thông tin trung tâm (in trên mọi giấy tờ)</translation>
        </message>
        <message>
            <source>Sign-in security</source>
            <translation>An toàn đăng nhập</translation>
        </message>
        <message>
            <source>&amp;Save the identity</source>
            <translation>&amp;Lưu thông tin trung tâm</translation>
        </message>
        <message>
            <source>Sa&amp;ve the security settings</source>
            <translation>Lưu &amp;cài đặt an toàn</translation>
        </message>
        <message>
            <source>The agency code cannot change any more: %1 dossiers already carry it in their codes.</source>
            <translation>Không thể đổi mã định danh cơ quan nữa: đã có %1 hồ sơ mang mã này trong mã hồ sơ.</translation>
        </message>
        <message>
            <source>The agency code (QCVN 102) starts every dossier code. Check it before the first dossier: it cannot change afterwards.</source>
            <translation>Mã định danh cơ quan (QCVN 102) đứng đầu mọi mã hồ sơ. Hãy kiểm tra kỹ trước khi tiếp nhận hồ sơ đầu tiên: sau đó không đổi được nữa.</translation>
        </message>
        <message>
            <source>The identity of the centre was saved; the next printed forms carry it.</source>
            <translation>Đã lưu thông tin trung tâm; các giấy tờ in từ nay sẽ dùng thông tin mới.</translation>
        </message>
        <message>
            <source>The security settings were saved.</source>
            <translation>Đã lưu cài đặt an toàn đăng nhập.</translation>
        </message>
    </context>
    <context>
        <name>AdminTab</name>
        <message>
            <source>Nothing was saved: correct the fields marked in red.</source>
            <translation>Chưa lưu: hãy sửa các ô có dòng báo lỗi màu đỏ.</translation>
        </message>
        <message>
            <source>Nothing was saved: %1</source>
            <translation>Chưa lưu: %1</translation>
        </message>
    </context>
    <context>
        <name>AdminUsersModel</name>
        <message>
            <source>User name</source>
            <translation>Tên đăng nhập</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>Họ và tên</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Vai trò</translation>
        </message>
        <message>
            <source>Counter</source>
            <translation>Quầy</translation>
        </message>
        <message>
            <source>any</source>
            <translation>bất kỳ</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Deactivated</source>
            <translation>Ngừng sử dụng</translation>
        </message>
        <message>
            <source>Locked until %1</source>
            <translation>Tạm khóa đến %1</translation>
        </message>
        <message>
            <source>Active — must change the password</source>
            <translation>Đang dùng — phải đổi mật khẩu</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Đang dùng</translation>
        </message>
    </context>
    <context>
        <name>AdminUsersView</name>
        <message>
            <source>&amp;User name</source>
            <translation>Tên đă&amp;ng nhập</translation>
        </message>
        <message>
            <source>&amp;Full name</source>
            <translation>&amp;Họ và tên</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>&amp;Vai trò</translation>
        </message>
        <message>
            <source>Assigned &amp;counter</source>
            <translation>&amp;Quầy làm việc</translation>
        </message>
        <message>
            <source>&amp;New account</source>
            <translation>Tài khoản &amp;mới</translation>
        </message>
        <message>
            <source>Reset &amp;password…</source>
            <translation>Cấp lại &amp;mật khẩu…</translation>
        </message>
        <message>
            <source>Un&amp;lock</source>
            <translation>Mở &amp;khóa</translation>
        </message>
        <message>
            <source>None (any counter)</source>
            <translation>Không (quầy nào cũng được)</translation>
        </message>
        <message>
            <source>Counter %1</source>
            <translation>Quầy %1</translation>
        </message>
        <message>
            <source>New account</source>
            <translation>Tài khoản mới</translation>
        </message>
        <message>
            <source>Account “%1”</source>
            <translation>Tài khoản “%1”</translation>
        </message>
        <message>
            <source>&amp;Add the account</source>
            <translation>&amp;Thêm tài khoản</translation>
        </message>
        <message>
            <source>&amp;Save changes</source>
            <translation>&amp;Lưu thay đổi</translation>
        </message>
        <message>
            <source>&amp;Deactivate</source>
            <translation>&amp;Ngừng sử dụng</translation>
        </message>
        <message>
            <source>A temporary password is made for the new account and shown once; the user changes it at the first sign-in.</source>
            <translation>Tài khoản mới được cấp mật khẩu tạm thời, chỉ hiện một lần; người dùng đổi mật khẩu ở lần đăng nhập đầu tiên.</translation>
        </message>
        <message>
            <source>Re&amp;activate</source>
            <translation>&amp;Dùng lại</translation>
        </message>
        <message>
            <source>The account “%1” was added.</source>
            <translation>Đã thêm tài khoản “%1”.</translation>
        </message>
        <message>
            <source>The changes to “%1” were saved.</source>
            <translation>Đã lưu thay đổi của tài khoản “%1”.</translation>
        </message>
        <message>
            <source>A new temporary password was given to “%1”.</source>
            <translation>Đã cấp mật khẩu tạm thời mới cho “%1”.</translation>
        </message>
        <message>
            <source>“%1” can sign in again.</source>
            <translation>“%1” đã đăng nhập lại được.</translation>
        </message>
        <message>
            <source>“%1” can no longer sign in; the history of the account is kept.</source>
            <translation>“%1” không còn đăng nhập được; lịch sử của tài khoản vẫn được giữ.</translation>
        </message>
    </context>
    <context>
        <name>AdminWindow</name>
        <message>
            <source>Administration</source>
            <translation>Quản trị hệ thống</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>Người dùng</translation>
        </message>
        <message>
            <source>Counters</source>
            <translation>Quầy</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>Lĩnh vực</translation>
        </message>
        <message>
            <source>Procedures catalog</source>
            <translation>Danh mục thủ tục</translation>
        </message>
        <message>
            <source>Holidays</source>
            <translation>Ngày nghỉ</translation>
        </message>
        <message>
            <source>Centre identity</source>
            <translation>Thông tin trung tâm</translation>
        </message>
        <message>
            <source>Printers</source>
            <translation>Máy in</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
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
            <source>&amp;Quit</source>
            <translation>T&amp;hoát</translation>
        </message>
        <message>
            <source>&amp;Reload this tab</source>
            <translation>&amp;Tải lại thẻ này</translation>
        </message>
        <message>
            <source>Signed in: %1 (%2)</source>
            <translation>Đang đăng nhập: %1 (%2)</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>Đang xử lý…</translation>
        </message>
    </context>
</TS>
