<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>DeclineDialog</name>
        <message>
            <source>Dossier not accepted</source>
            <translation>Không tiếp nhận hồ sơ</translation>
        </message>
        <message>
            <source>What the citizen is given</source>
            <translation>Phiếu giao cho công dân</translation>
        </message>
        <message>
            <source>Request to &amp;complete the dossier (form 02)</source>
            <translation>Yêu cầu &amp;bổ sung, hoàn thiện hồ sơ (Mẫu 02)</translation>
        </message>
        <message>
            <source>&amp;Refuse to receive the dossier (form 03)</source>
            <translation>&amp;Từ chối tiếp nhận hồ sơ (Mẫu 03)</translation>
        </message>
        <message>
            <source>&amp;Documents to supply or complete (prefilled with those not ticked as received)</source>
            <translation>&amp;Giấy tờ cần bổ sung, hoàn thiện (đã điền sẵn các giấy tờ chưa đánh dấu “Đã nhận”)</translation>
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
            <source>Record and &amp;print the slip (Ctrl+Enter)</source>
            <translation>Lập và &amp;in phiếu (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Back to the form</source>
            <translation>Quay lại biểu mẫu</translation>
        </message>
        <message>
            <source>Esc: nothing is lost; open this window again to go on</source>
            <translation>Esc: không mất thông tin đã nhập; mở lại cửa sổ này để làm tiếp</translation>
        </message>
        <message>
            <source>The citizen is told once, in writing, everything to supply or complete. When they come back, the form is reopened without typing it again.</source>
            <translation>Hướng dẫn công dân bằng văn bản, một lần, đầy đủ các nội dung cần bổ sung, hoàn thiện. Khi công dân quay lại, hồ sơ được mở lại, không phải nhập lại.</translation>
        </message>
        <message>
            <source>Reason and &amp;guidance (printed on the slip)</source>
            <translation>Lý do và nội dung &amp;hướng dẫn (in trên phiếu)</translation>
        </message>
        <message>
            <source>e.g. The birth certificate must be a certified copy.</source>
            <translation>ví dụ: Giấy chứng sinh phải là bản sao có chứng thực.</translation>
        </message>
        <message>
            <source>The dossier is not received. The reason is required and printed on the slip given to the citizen.</source>
            <translation>Hồ sơ không được tiếp nhận. Phải ghi rõ lý do; lý do được in trên phiếu giao cho công dân.</translation>
        </message>
        <message>
            <source>&amp;Reason for refusal (required, printed on the slip)</source>
            <translation>&amp;Lý do từ chối (bắt buộc, in trên phiếu)</translation>
        </message>
        <message>
            <source>e.g. The procedure is handled by the district People's Committee.</source>
            <translation>ví dụ: Thủ tục thuộc thẩm quyền giải quyết của UBND cấp huyện.</translation>
        </message>
        <message>
            <source>Dossier owner: %1</source>
            <translation>Chủ hồ sơ: %1</translation>
        </message>
        <message>
            <source>Procedure: %1</source>
            <translation>Thủ tục: %1</translation>
        </message>
        <message>
            <source>Line %1: %2</source>
            <translation>Dòng %1: %2</translation>
        </message>
    </context>
    <context>
        <name>ForwardTableModel</name>
        <message>
            <source>Forward</source>
            <translation>Chuyển</translation>
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
            <source>Dossier owner</source>
            <translation>Chủ hồ sơ</translation>
        </message>
        <message>
            <source>Lead agency</source>
            <translation>Cơ quan giải quyết</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Tiếp nhận</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Hẹn trả</translation>
        </message>
        <message>
            <source>Sets</source>
            <translation>Số bộ</translation>
        </message>
        <message>
            <source>Tick the dossiers handed over in this list (Space)</source>
            <translation>Đánh dấu các hồ sơ bàn giao trong danh sách này (phím cách)</translation>
        </message>
        <message>
            <source>(not recorded)</source>
            <translation>(chưa ghi)</translation>
        </message>
    </context>
    <context>
        <name>ForwardingView</name>
        <message>
            <source>Forward dossiers to the resolving agency</source>
            <translation>Chuyển hồ sơ đến cơ quan giải quyết</translation>
        </message>
        <message>
            <source>&amp;Lead agency</source>
            <translation>&amp;Cơ quan giải quyết</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>&amp;Tìm</translation>
        </message>
        <message>
            <source>code, owner or procedure</source>
            <translation>mã hồ sơ, chủ hồ sơ hoặc thủ tục</translation>
        </message>
        <message>
            <source>Refresh (F5)</source>
            <translation>Làm mới (F5)</translation>
        </message>
        <message>
            <source>Tick &amp;all in view</source>
            <translation>Chọn tất cả hồ sơ đang &amp;hiển thị</translation>
        </message>
        <message>
            <source>Hand-over</source>
            <translation>Bàn giao hồ sơ</translation>
        </message>
        <message>
            <source>Forward &amp;to (agency)</source>
            <translation>Chuyển &amp;đến (cơ quan)</translation>
        </message>
        <message>
            <source>agency receiving the dossiers</source>
            <translation>cơ quan nhận hồ sơ để giải quyết</translation>
        </message>
        <message>
            <source>&amp;Received by</source>
            <translation>&amp;Người nhận hồ sơ</translation>
        </message>
        <message>
            <source>full name of the person receiving the dossiers</source>
            <translation>họ và tên người nhận hồ sơ</translation>
        </message>
        <message>
            <source>Forward and print the list (Ctrl+Enter)</source>
            <translation>Chuyển và in danh sách (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>No received dossier is waiting to be forwarded.</source>
            <translation>Không có hồ sơ đã tiếp nhận nào đang chờ chuyển.</translation>
        </message>
        <message>
            <source>The list could not be read</source>
            <translation>Không đọc được danh sách hồ sơ</translation>
        </message>
        <message>
            <source>(lead agency not recorded)</source>
            <translation>(chưa ghi cơ quan giải quyết)</translation>
        </message>
        <message>
            <source>All agencies (%1)</source>
            <translation>Tất cả cơ quan (%1)</translation>
        </message>
        <message>
            <source>Dossiers ticked: %1 (sets: %2)</source>
            <translation>Đã chọn: %1 hồ sơ (%2 bộ)</translation>
        </message>
        <message>
            <source>Tick the dossiers to forward first (Space on a row, or “Tick all in view”).</source>
            <translation>Hãy chọn hồ sơ cần chuyển trước (phím cách trên một dòng, hoặc “Chọn tất cả hồ sơ đang hiển thị”).</translation>
        </message>
        <message>
            <source>Write the agency that receives the dossiers.</source>
            <translation>Cần ghi cơ quan nhận hồ sơ để giải quyết.</translation>
        </message>
        <message>
            <source>Dossier %1 is handled by “%2”, not by this agency. Untick it or correct the agency.</source>
            <translation>Hồ sơ %1 do “%2” giải quyết, không phải cơ quan này. Bỏ chọn hồ sơ đó hoặc sửa lại cơ quan nhận.</translation>
        </message>
        <message>
            <source>Forwarding the ticked dossiers (%1) to %2…</source>
            <translation>Đang chuyển %1 hồ sơ đến %2…</translation>
        </message>
        <message>
            <source>Printing the hand-over list and the control slips…</source>
            <translation>Đang in danh sách bàn giao và phiếu kiểm soát…</translation>
        </message>
        <message>
            <source>Forwarded to %2 with hand-over list %3 (dossiers: %1).</source>
            <translation>Đã chuyển %1 hồ sơ đến %2 theo danh sách bàn giao số %3.</translation>
        </message>
        <message>
            <source>Nothing was forwarded</source>
            <translation>Chưa chuyển hồ sơ nào</translation>
        </message>
        <message>
            <source>The hand-over list is ready to print (one copy for each side); then print the control slips.</source>
            <translation>Danh sách bàn giao đã sẵn sàng để in (mỗi bên giữ một bản); sau đó in phiếu kiểm soát.</translation>
        </message>
        <message>
            <source>Print control slips</source>
            <translation>In phiếu kiểm soát</translation>
        </message>
        <message>
            <source>The dossiers are forwarded (list %1), but the list could not be printed: %2</source>
            <translation>Hồ sơ đã được chuyển (danh sách %1) nhưng chưa in được danh sách: %2</translation>
        </message>
        <message>
            <source>Print again</source>
            <translation>In lại</translation>
        </message>
        <message>
            <source>Print control slips (%1)</source>
            <translation>In phiếu kiểm soát (%1)</translation>
        </message>
        <message>
            <source>unexpected error (%1). Tell the IT administrator.</source>
            <translation>lỗi không mong đợi (%1). Vui lòng báo cán bộ quản trị hệ thống.</translation>
        </message>
    </context>
    <context>
        <name>NotAcceptedModel</name>
        <message>
            <source>Slip</source>
            <translation>Số phiếu</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Ngày lập</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Loại phiếu</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Dossier owner</source>
            <translation>Chủ hồ sơ</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>Số định danh</translation>
        </message>
        <message>
            <source>Reason / to complete</source>
            <translation>Lý do / giấy tờ cần bổ sung</translation>
        </message>
        <message>
            <source>Request to complete (form 02)</source>
            <translation>Yêu cầu bổ sung (Mẫu 02)</translation>
        </message>
        <message>
            <source>Refusal (form 03)</source>
            <translation>Từ chối tiếp nhận (Mẫu 03)</translation>
        </message>
    </context>
    <context>
        <name>RegisterDialog</name>
        <message>
            <source>Export the register of dossiers (form 06)</source>
            <translation>Xuất Sổ theo dõi hồ sơ (Mẫu 06)</translation>
        </message>
        <message>
            <source>&amp;From</source>
            <translation>&amp;Từ ngày</translation>
        </message>
        <message>
            <source>&amp;To (inclusive)</source>
            <translation>Đế&amp;n ngày (tính cả ngày này)</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <source>&amp;PDF (to print, A4 landscape)</source>
            <translation>&amp;PDF (để in, khổ A4 ngang)</translation>
        </message>
        <message>
            <source>&amp;Excel (XLSX)</source>
            <translation>&amp;Excel (XLSX)</translation>
        </message>
        <message>
            <source>The register holds personal data of citizens (names, ID numbers, addresses, phones). The export is recorded under your name. Keep the file on the centre's computers only.</source>
            <translation>Sổ theo dõi có dữ liệu cá nhân của công dân (họ tên, số định danh, địa chỉ, số điện thoại). Việc xuất sổ được ghi lại kèm tên cán bộ. Chỉ lưu tệp trên máy tính của trung tâm.</translation>
        </message>
        <message>
            <source>E&amp;xport… (Ctrl+Enter)</source>
            <translation>&amp;Xuất ra tệp… (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>PDF document (*.pdf)</source>
            <translation>Tài liệu PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Bảng tính Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Save the register as</source>
            <translation>Lưu Sổ theo dõi hồ sơ thành</translation>
        </message>
        <message>
            <source>Exporting the register…</source>
            <translation>Đang xuất Sổ theo dõi hồ sơ…</translation>
        </message>
        <message>
            <source>The register was saved to:</source>
            <translation>Đã lưu Sổ theo dõi hồ sơ vào tệp:</translation>
        </message>
        <message>
            <source>Open the folder</source>
            <translation>Mở thư mục chứa tệp</translation>
        </message>
        <message>
            <source>The file %1 could not be written (%2). Choose another folder and export again.</source>
            <translation>Không ghi được tệp %1 (%2). Vui lòng chọn thư mục khác rồi xuất lại.</translation>
        </message>
        <message>
            <source>unexpected error (%1). Tell the IT administrator.</source>
            <translation>lỗi không mong đợi (%1). Vui lòng báo cán bộ quản trị hệ thống.</translation>
        </message>
        <message>
            <source>The register was not exported: %1</source>
            <translation>Chưa xuất được Sổ theo dõi hồ sơ: %1</translation>
        </message>
    </context>
    <context>
        <name>ReopenDialog</name>
        <message>
            <source>Reopen a dossier not accepted</source>
            <translation>Mở lại hồ sơ chưa tiếp nhận</translation>
        </message>
        <message>
            <source>&amp;Search</source>
            <translation>&amp;Tìm</translation>
        </message>
        <message>
            <source>ID number or name of the dossier owner (accents optional)</source>
            <translation>số định danh hoặc họ tên chủ hồ sơ (gõ có dấu hoặc không dấu)</translation>
        </message>
        <message>
            <source>&amp;Reopen at the intake form (Enter)</source>
            <translation>&amp;Mở lại để tiếp nhận (Enter)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Slips not yet taken up again: %1</source>
            <translation>Số phiếu chưa được tiếp nhận lại: %1</translation>
        </message>
        <message>
            <source>No slip waiting to be taken up again matches this search.</source>
            <translation>Không có phiếu nào chưa được tiếp nhận lại khớp với nội dung tìm.</translation>
        </message>
        <message>
            <source>The search failed (%1). Try again; if it goes on, tell the IT administrator.</source>
            <translation>Không tìm được (%1). Vui lòng thử lại; nếu vẫn lỗi, báo quản trị hệ thống.</translation>
        </message>
    </context>
    <context>
        <name>SlipItemsModel</name>
        <message>
            <source>Document to supply or complete</source>
            <translation>Giấy tờ cần bổ sung, hoàn thiện</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>Hình thức</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>Số lượng</translation>
        </message>
    </context>
</TS>
