<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>KioskText</name>
    <message>
        <source>Nobody waiting</source>
        <translation>Không có người chờ</translation>
    </message>
    <message>
        <source>%1 waiting · about %2 min</source>
        <translation>%1 người chờ · khoảng %2 phút</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Ticket kiosk</source>
        <translation>Máy lấy số thứ tự</translation>
    </message>
    <message>
        <source>TAKE A QUEUE NUMBER</source>
        <translation>LẤY SỐ THỨ TỰ</translation>
    </message>
    <message>
        <source>Please touch the field of your business to get a numbered ticket.</source>
        <translation>Mời ông/bà chạm vào lĩnh vực cần giải quyết để nhận phiếu số thứ tự.</translation>
    </message>
    <message>
        <source>PRIORITY NUMBER</source>
        <translation>LẤY SỐ ƯU TIÊN</translation>
    </message>
    <message>
        <source>Elderly, people with disabilities, pregnant women, people with small children</source>
        <translation>Người cao tuổi, người khuyết tật, phụ nữ mang thai, người đưa con nhỏ</translation>
    </message>
    <message>
        <source>Priority number</source>
        <translation>Lấy số ưu tiên</translation>
    </message>
    <message>
        <source>Please touch the group you belong to. Staff may ask for proof.</source>
        <translation>Mời ông/bà chạm vào đối tượng ưu tiên của mình. Cán bộ có thể đề nghị xuất trình giấy tờ khi cần.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>YOUR NUMBER</source>
        <translation>SỐ THỨ TỰ CỦA ÔNG/BÀ</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>In lại phiếu</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>No field is issuing numbers at the moment. Please ask the staff at the information desk.</source>
        <translation>Hiện chưa có lĩnh vực nào phát số thứ tự. Mời ông/bà hỏi cán bộ tại quầy hướng dẫn.</translation>
    </message>
    <message>
        <source>The system is interrupted for a moment. Please wait or ask the staff.</source>
        <translation>Hệ thống đang tạm gián đoạn. Mời ông/bà chờ trong giây lát hoặc hỏi cán bộ hướng dẫn.</translation>
    </message>
    <message>
        <source>Priority number for: %1. Now touch your field.</source>
        <translation>Số ưu tiên cho: %1. Mời chạm vào lĩnh vực cần giải quyết.</translation>
    </message>
    <message>
        <source>No number could be issued: the system is interrupted. Please ask the staff.</source>
        <translation>Chưa cấp được số thứ tự vì hệ thống đang gián đoạn. Mời ông/bà hỏi cán bộ hướng dẫn.</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>Ưu tiên: %1</translation>
    </message>
    <message>
        <source>%1 people ahead of you · estimated wait about %2 min</source>
        <translation>Trước ông/bà có %1 người · thời gian chờ dự kiến khoảng %2 phút</translation>
    </message>
    <message>
        <source>Nobody is ahead of you: please watch the screen.</source>
        <translation>Không có ai chờ trước ông/bà: mời theo dõi màn hình gọi số.</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Đang in phiếu…</translation>
    </message>
    <message>
        <source>Please take your ticket below and wait until your number is called.</source>
        <translation>Mời ông/bà nhận phiếu bên dưới và chờ đến lượt được gọi số.</translation>
    </message>
    <message>
        <source>The printer could not print your ticket. Your number is kept: please note it down (or take a photo) and wait until it is called, or touch “Print again”.</source>
        <translation>Máy in chưa in được phiếu. Số thứ tự của ông/bà vẫn được giữ: xin ghi lại số (hoặc chụp ảnh màn hình) rồi chờ gọi số, hoặc chạm “In lại phiếu”.</translation>
    </message>
    <message>
        <source>No exit PIN is set for this kiosk. Set the site setting kiosk_pin or the environment variable COUNTER_APP_KIOSK_PIN, then restart the kiosk.</source>
        <translation>Máy lấy số chưa được đặt mã PIN thoát. Hãy đặt mã trong cài đặt kiosk_pin của trung tâm hoặc biến môi trường COUNTER_APP_KIOSK_PIN, rồi khởi động lại máy lấy số.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Please wait a minute.</source>
        <translation>Nhập sai mã PIN quá nhiều lần. Vui lòng chờ một phút.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Mã PIN không đúng.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Administrator: enter the PIN to close the kiosk</source>
        <translation>Quản trị viên: nhập mã PIN để đóng máy lấy số</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Xóa chữ số cuối</translation>
    </message>
</context>
<context>
    <name>RatingWindow</name>
    <message>
        <source>Waited too long</source>
        <translation>Phải chờ đợi lâu</translation>
    </message>
    <message>
        <source>Staff were not courteous</source>
        <translation>Thái độ phục vụ chưa tốt</translation>
    </message>
    <message>
        <source>Unclear guidance</source>
        <translation>Hướng dẫn chưa rõ ràng</translation>
    </message>
    <message>
        <source>Too many papers asked for</source>
        <translation>Yêu cầu quá nhiều giấy tờ</translation>
    </message>
    <message>
        <source>Rating — counter %1</source>
        <translation>Đánh giá — quầy %1</translation>
    </message>
    <message>
        <source>COUNTER %1</source>
        <translation>QUẦY SỐ %1</translation>
    </message>
    <message>
        <source>How satisfied are you with our service?</source>
        <translation>Ông/bà có hài lòng về sự phục vụ của chúng tôi?</translation>
    </message>
    <message>
        <source>What were you not satisfied with?</source>
        <translation>Ông/bà chưa hài lòng về điều gì?</translation>
    </message>
    <message>
        <source>Please touch at least one reason or write a few words, then touch Send.</source>
        <translation>Xin chọn ít nhất một lý do hoặc ghi vài lời, rồi chạm “Gửi đánh giá”.</translation>
    </message>
    <message>
        <source>Other reason (optional)</source>
        <translation>Lý do khác (không bắt buộc)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gửi đánh giá</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Cảm ơn ông/bà!</translation>
    </message>
    <message>
        <source>Your opinion helps us serve you better.</source>
        <translation>Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.</translation>
    </message>
    <message>
        <source>Now serving number %1</source>
        <translation>Đang phục vụ số %1</translation>
    </message>
    <message>
        <source>Just served number %1</source>
        <translation>Vừa phục vụ số %1</translation>
    </message>
    <message>
        <source>Your rating could not be saved. Please touch again in a moment.</source>
        <translation>Chưa lưu được đánh giá. Xin chạm lại sau giây lát.</translation>
    </message>
</context>
</TS>
