"""Officer-facing messages (Vietnamese and English) for error codes and field labels."""

from __future__ import annotations

import re
from collections.abc import Mapping

LANGUAGES = ("vi", "en")

# One entry per stable error code. Templates use str.format placeholders filled from the
# error's params; a missing param is left as "{name}" rather than raising.
MESSAGES: dict[str, dict[str, str]] = {
    # --- generic -------------------------------------------------------------------------
    "required": {
        "vi": "Chưa nhập thông tin bắt buộc này.",
        "en": "This information is required.",
    },
    "too_long": {
        "vi": "Quá dài: tối đa {max} ký tự.",
        "en": "Too long: at most {max} characters.",
    },
    "control_chars": {
        "vi": "Có ký tự điều khiển không hợp lệ; vui lòng xóa và nhập lại.",
        "en": "Contains invalid control characters; please delete and retype it.",
    },
    "hidden_chars": {
        "vi": "Có ký tự ẩn (ví dụ ký tự đảo chiều văn bản); vui lòng xóa và nhập lại.",
        "en": "Contains hidden characters (such as text-direction marks); please delete and retype it.",
    },
    "number_range": {
        "vi": "Phải là số nguyên từ {min} đến {max}.",
        "en": "Must be a whole number from {min} to {max}.",
    },
    "too_many": {
        "vi": "Quá nhiều dòng: tối đa {max} dòng (đang có {count} dòng).",
        "en": "Too many lines: at most {max} (currently {count}).",
    },
    "choice_invalid": {
        "vi": "Lựa chọn không hợp lệ; vui lòng chọn lại trong danh sách.",
        "en": "Invalid choice; please pick a value from the list.",
    },
    "validation_failed": {
        "vi": "Thông tin hồ sơ chưa hợp lệ; vui lòng kiểm tra lại.",
        "en": "The dossier details are not valid; please check them.",
    },
    # --- personal ID (CCCD / CMND / passport) ----------------------------------------------
    "id_not_digits": {
        "vi": "Số định danh cá nhân chỉ được gồm các chữ số từ 0 đến 9.",
        "en": "The personal ID number may contain only the digits 0 to 9.",
    },
    "id_length": {
        "vi": "Số định danh cá nhân phải gồm đúng 12 chữ số (đang có {length} chữ số).",
        "en": "The personal ID number must have exactly 12 digits (currently {length}).",
    },
    "id_cmnd_obsolete": {
        "vi": (
            "Số chứng minh nhân dân 9 chữ số không còn giá trị sử dụng từ ngày 01/01/2025; "
            "vui lòng nhập số định danh cá nhân 12 chữ số (thẻ Căn cước hoặc Căn cước công dân)."
        ),
        "en": (
            "The old 9-digit identity card number (CMND) is no longer valid since 01/01/2025; "
            "please enter the 12-digit personal ID number (Căn cước / CCCD card)."
        ),
    },
    "id_province_unknown": {
        "vi": (
            "Ba chữ số đầu của số định danh ({province}) không phải mã tỉnh nơi đăng ký khai sinh "
            "hợp lệ; vui lòng kiểm tra lại."
        ),
        "en": (
            "The first three digits of the ID number ({province}) are not a valid province code "
            "of birth registration; please check the number."
        ),
    },
    "id_century_mismatch": {
        "vi": (
            "Chữ số thứ tư của số định danh ({digit}) ứng với người sinh trong các năm "
            "{century_start}–{century_end}, không khớp với năm sinh {year}; vui lòng kiểm tra "
            "số định danh hoặc ngày sinh."
        ),
        "en": (
            "The fourth digit of the ID number ({digit}) means a birth year in "
            "{century_start}–{century_end}, which does not match the birth year {year}; "
            "please check the ID number or the date of birth."
        ),
    },
    "id_year_mismatch": {
        "vi": (
            "Chữ số thứ năm và thứ sáu của số định danh ({year_digits}) phải là hai số cuối của "
            "năm sinh {year}; vui lòng kiểm tra số định danh hoặc ngày sinh."
        ),
        "en": (
            "The fifth and sixth digits of the ID number ({year_digits}) must be the last two "
            "digits of the birth year {year}; please check the ID number or the date of birth."
        ),
    },
    "id_year_future": {
        "vi": "Năm sinh ghi trong số định danh ({year}) chưa tới; vui lòng kiểm tra lại số định danh.",
        "en": "The birth year encoded in the ID number ({year}) is in the future; please check the number.",
    },
    "passport_format": {
        "vi": "Số hộ chiếu phải gồm từ 6 đến 20 chữ cái không dấu hoặc chữ số.",
        "en": "A passport number must have 6 to 20 letters (A–Z) or digits.",
    },
    "birth_date_future": {
        "vi": "Ngày sinh không được sau ngày hiện tại; vui lòng kiểm tra lại.",
        "en": "The date of birth cannot be in the future; please check it.",
    },
    "birth_date_too_old": {
        "vi": "Ngày sinh không được trước năm {min_year}; vui lòng kiểm tra lại.",
        "en": "The date of birth cannot be before {min_year}; please check it.",
    },
    # --- contact details -----------------------------------------------------------------
    "phone_chars": {
        "vi": "Số điện thoại chỉ được gồm chữ số, dấu + ở đầu, khoảng trắng, dấu chấm hoặc gạch ngang.",
        "en": "A phone number may contain only digits, a leading +, spaces, dots or dashes.",
    },
    "phone_format": {
        "vi": (
            "Số điện thoại không hợp lệ: số di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08 "
            "hoặc 09 (hoặc +84 và 9 chữ số); số cố định gồm 11 chữ số bắt đầu bằng 02."
        ),
        "en": (
            "Invalid phone number: a mobile number has 10 digits starting with 03, 05, 07, 08 "
            "or 09 (or +84 and 9 digits); a landline has 11 digits starting with 02."
        ),
    },
    "email_too_long": {
        "vi": "Địa chỉ thư điện tử dài tối đa {max} ký tự.",
        "en": "An email address has at most {max} characters.",
    },
    "email_format": {
        "vi": "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.com).",
        "en": "Invalid email address (a valid one looks like name@example.com).",
    },
    "name_no_letter": {
        "vi": "Họ và tên phải có chữ cái, không được chỉ gồm chữ số hoặc ký hiệu.",
        "en": "A name must contain letters, not only digits or symbols.",
    },
    # --- dossier code ----------------------------------------------------------------------
    "agency_code_format": {
        "vi": (
            "Mã định danh cơ quan không đúng định dạng QCVN 102:2016/BTTTT "
            "(dạng 000.00.00.A00, ví dụ 000.00.06.H56)."
        ),
        "en": (
            "The agency code does not follow QCVN 102:2016/BTTTT "
            "(shape 000.00.00.A00, e.g. 000.00.06.H56)."
        ),
    },
    "dossier_code_invalid": {
        "vi": (
            "Mã hồ sơ “{value}” không hợp lệ; mã đúng có dạng <mã cơ quan>-YYMMDD-XXXX, "
            "ví dụ 000.00.06.H56-231027-0361."
        ),
        "en": (
            "Invalid dossier code “{value}”; a valid code looks like <agency code>-YYMMDD-XXXX, "
            "e.g. 000.00.06.H56-231027-0361."
        ),
    },
    # --- intake ----------------------------------------------------------------------------
    "documents_required": {
        "vi": "Cần ghi ít nhất một giấy tờ đã nhận trong hồ sơ.",
        "en": "List at least one document received in the dossier.",
    },
    "address_required_for_post": {
        "vi": "Cần nhập địa chỉ của chủ hồ sơ để gửi kết quả qua dịch vụ bưu chính công ích.",
        "en": "Enter the owner's address so the result can be sent by public postal service.",
    },
    "datetime_naive": {
        "vi": "Thời điểm tiếp nhận thiếu múi giờ (lỗi chương trình); vui lòng báo quản trị hệ thống.",
        "en": "The receipt time has no time zone (a program error); please tell the administrator.",
    },
    # --- codes raised by the catalogue parser and by services/ ----------------------------
    "catalog_invalid": {
        "vi": "Danh mục thủ tục hành chính không hợp lệ ({where}): {detail}",
        "en": "The procedure catalogue is not valid ({where}): {detail_en}",
    },
    "file_unreadable": {
        "vi": "Không đọc được tệp {path}: {detail}",
        "en": "Cannot read the file {path}: {detail}",
    },
    "procedure_unknown": {
        "vi": "Không có thủ tục mã {value} trong danh mục; vui lòng chọn lại thủ tục.",
        "en": "There is no procedure with code {value} in the catalogue; please pick the procedure again.",
    },
    "procedure_retired": {
        "vi": "Thủ tục {value} “{name}” đã bãi bỏ, không tiếp nhận hồ sơ mới.",
        "en": "Procedure {value} “{name}” has been retired; new dossiers are not accepted.",
    },
    "received_at_future": {
        "vi": "Thời điểm tiếp nhận không được sau thời điểm hiện tại.",
        "en": "The time of receipt cannot be in the future.",
    },
    "dossier_not_found": {
        "vi": "Không tìm thấy hồ sơ mã {value}.",
        "en": "No dossier with code {value}.",
    },
    "archive_failed": {
        "vi": "Không lưu được bản PDF vào thư mục lưu trữ {path}: {detail}. Vui lòng báo quản trị hệ thống.",
        "en": "Cannot store the PDF in the archive folder {path}: {detail}. Please tell the administrator.",
    },
    "role_forbidden": {
        "vi": (
            "Tài khoản {who} không có quyền thực hiện thao tác này ({action}); việc này dành cho tài khoản {need}. "
            "Hãy nhờ người có tài khoản đó thực hiện, hoặc đăng nhập bằng tài khoản phù hợp."
        ),
        "en": (
            "This account ({who_en}) may not do this ({action}); it is for {need_en} accounts. "
            "Ask someone with such an account to do it, or sign in with the right account."
        ),
    },
    "site_forbidden": {
        "vi": "Tài khoản này thuộc trung tâm khác; chỉ xem được số liệu của trung tâm mình.",
        "en": "This account belongs to another centre; you can only see your own centre's figures.",
    },
    "report_period_reversed": {
        "vi": "Kỳ báo cáo không hợp lệ: ngày bắt đầu {start} sau ngày kết thúc {end}.",
        "en": "Invalid report period: the start {start} is after the end {end}.",
    },
    "report_period_too_long": {
        "vi": "Kỳ báo cáo quá dài: tối đa {max} ngày; hãy chọn kỳ ngắn hơn.",
        "en": "The report period is too long: at most {max} days; choose a shorter one.",
    },
    "report_measure_unknown": {
        "vi": "Không có chỉ tiêu \"{value}\" trong báo cáo.",
        "en": "There is no figure \"{value}\" in this report.",
    },
    "targets_invalid": {
        "vi": "Chỉ tiêu không hợp lệ: {what} phải từ {min} đến {max}.",
        "en": "Invalid target: {what} must be between {min} and {max}.",
    },
    "site_not_initialized": {
        "vi": "Trung tâm chưa được thiết lập; quản trị hệ thống cần thiết lập trước khi tiếp nhận hồ sơ.",
        "en": "The centre has not been set up yet; an administrator must set it up before dossiers are received.",
    },
    "site_exists": {
        "vi": "Trung tâm đã được thiết lập trong cơ sở dữ liệu này.",
        "en": "The centre is already set up in this database.",
    },
    "hotline_invalid": {
        "vi": "Số đường dây nóng phải có chữ số.",
        "en": "The hotline must contain digits.",
    },
    "login_failed": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "en": "Wrong user name or password.",
    },
    "counter_unknown": {
        "vi": "Quầy số {number} không tồn tại hoặc đã ngừng hoạt động.",
        "en": "Counter {number} does not exist or is not in use.",
    },
    "username_invalid": {
        "vi": "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -",
        "en": "A user name may contain only letters A–Z, digits and . _ -",
    },
    "username_taken": {
        "vi": "Tên đăng nhập này đã có người dùng.",
        "en": "This user name is already taken.",
    },
    "password_too_short": {
        "vi": "Mật khẩu phải có ít nhất {min} ký tự.",
        "en": "The password must have at least {min} characters.",
    },
    "role_invalid": {
        "vi": "Vai trò không hợp lệ; vui lòng chọn trong danh sách.",
        "en": "Invalid role; please pick one from the list.",
    },
    # --- queue tickets (domain/queue.py and services/) --------------------------------------
    "ticket_transition": {
        "vi": (
            "Không thể chuyển số thứ tự từ trạng thái “{from_}” sang “{to}”; "
            "có thể quầy khác vừa xử lý số này, vui lòng xem lại danh sách chờ."
        ),
        "en": (
            "A ticket cannot go from “{from__en}” to “{to_en}”; another counter may "
            "have just handled it, please look at the queue again."
        ),
    },
    "ticket_range_exhausted": {
        "vi": (
            "Đã phát hết số thứ tự trong ngày của lĩnh vực này (dải số từ {start} đến {end}); "
            "vui lòng báo quản trị hệ thống mở rộng dải số."
        ),
        "en": (
            "All of today's ticket numbers for this field have been issued (range {start} to {end}); "
            "please ask the administrator to widen the range."
        ),
    },
    "queue_empty": {
        "vi": "Hiện không có ai đang chờ ở các lĩnh vực quầy này phục vụ.",
        "en": "Nobody is waiting for the fields this counter serves.",
    },
    "counter_busy": {
        "vi": "Quầy {counter} đang phục vụ số {number}; vui lòng kết thúc hoặc chuyển số này trước khi gọi số mới.",
        "en": "Counter {counter} is still serving number {number}; finish or transfer it before calling a new number.",
    },
    "counter_paused": {
        "vi": "Quầy {number} đang tạm dừng phục vụ; vui lòng mở lại quầy trước khi gọi số.",
        "en": "Counter {number} is paused; resume it before calling a number.",
    },
    "ticket_not_found": {
        "vi": "Không tìm thấy số thứ tự {value} trong ngày hôm nay.",
        "en": "There is no ticket {value} today.",
    },
    "field_unknown": {
        "vi": "Không có lĩnh vực mã {value}; vui lòng chọn lại lĩnh vực.",
        "en": "There is no field with code {value}; please pick the field again.",
    },
    "ticket_not_waiting": {
        "vi": "Số {number} không còn chờ gọi (trạng thái: {status}, quầy {counter}).",
        "en": "Number {number} is no longer waiting (status: {status_en}, counter {counter}).",
    },
    "prefix_taken": {
        "vi": "Chữ cái đầu số “{value}” đã dùng cho lĩnh vực {field}; vui lòng chọn chữ khác.",
        "en": "The ticket prefix “{value}” is already used by field {field}; please choose another.",
    },
    "field_closed": {
        "vi": (
            "Lĩnh vực “{name}” hiện không phát số thứ tự; vui lòng chọn lĩnh vực khác "
            "hoặc hỏi cán bộ hướng dẫn."
        ),
        "en": "Field “{name}” is not issuing tickets now; please choose another field or ask the staff.",
    },
    "priority_category_unknown": {
        "vi": "Đối tượng ưu tiên “{value}” không có trong danh sách của trung tâm; vui lòng chọn lại.",
        "en": "Priority category “{value}” is not in the centre's list; please pick one again.",
    },
    "reason_required": {
        "vi": "Cần ghi rõ lý do.",
        "en": "Please give the reason.",
    },
    "counter_idle": {
        "vi": "Quầy {number} chưa có số thứ tự nào đang được gọi hoặc đang phục vụ.",
        "en": "Counter {number} has no ticket called or being served.",
    },
    "counter_required": {
        "vi": "Thao tác này cần quầy làm việc; vui lòng đăng nhập lại và chọn số quầy.",
        "en": "This needs a counter; please sign in again and choose your counter number.",
    },
    "transfer_target_required": {
        "vi": "Cần chọn đúng một nơi chuyển đến: một lĩnh vực hoặc một quầy.",
        "en": "Choose exactly one destination: a field or a counter.",
    },
    "transfer_same_counter": {
        "vi": "Không thể chuyển số thứ tự đến chính quầy đang phục vụ; vui lòng chọn quầy khác.",
        "en": "A ticket cannot be transferred to the counter already serving it; choose another counter.",
    },
    "rating_reason_required": {
        "vi": "Vui lòng cho biết lý do không hài lòng.",
        "en": "Please say why you are not satisfied.",
    },
    # --- dossier lifecycle (domain/lifecycle.py and services/) ---------------------------------
    "transition_illegal": {
        "vi": (
            "Hồ sơ đang ở trạng thái “{current}” nên không thể chuyển sang “{target}”. "
            "Từ trạng thái này chỉ có thể chuyển sang: {allowed}."
        ),
        "en": (
            "The dossier is “{current_en}”, so it cannot move to “{target_en}”. "
            "From this status it can only move to: {allowed_en}."
        ),
    },
    "transition_from_final": {
        "vi": "Hồ sơ đã ở trạng thái kết thúc “{current}”; không thể chuyển sang “{target}”.",
        "en": "The dossier has reached its final status “{current_en}”; it cannot move to “{target_en}”.",
    },
    "transition_reason_required": {
        "vi": "Chuyển hồ sơ sang “{target}” cần ghi rõ lý do (lý do được in trên phiếu gửi công dân).",
        "en": "Moving the dossier to “{target_en}” needs a reason (it is printed on the slip for the citizen).",
    },
    "transition_needs_handover": {
        "vi": "Hồ sơ chỉ chuyển sang “Đã trả kết quả” khi trả kết quả cho công dân tại màn hình Trả kết quả.",
        "en": "A dossier becomes “Returned” only by handing the result over (the Handover screen).",
    },
    "reason_too_long": {
        "vi": "Lý do dài quá {max} ký tự; vui lòng viết ngắn gọn hơn.",
        "en": "The reason is longer than {max} characters; please shorten it.",
    },
    "new_due_not_later": {
        "vi": "Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.",
        "en": "The new return date must be later than the current due date.",
    },
    "new_due_past": {
        "vi": "Ngày hẹn trả mới phải ở tương lai.",
        "en": "The new return date must be in the future.",
    },
    "status_unknown": {
        "vi": "Trạng thái “{value}” không có trong danh mục (các mã từ 1 đến 10).",
        "en": "Status “{value}” is not in the catalogue (codes 1 to 10).",
    },
    "handover_not_ready": {
        "vi": "Hồ sơ {dossier_code} chưa có kết quả (trạng thái: {status}); chưa thể trả kết quả.",
        "en": "Dossier {dossier_code} has no result yet (status: {status_en}); it cannot be handed over.",
    },
    "handover_already_returned": {
        "vi": "Kết quả hồ sơ {dossier_code} đã được trả lúc {at} cho {collector}; không trả lại lần nữa.",
        "en": "The result of dossier {dossier_code} was already handed over at {at} to {collector}; it cannot be handed over again.",
    },
    "handover_withdrawn": {
        "vi": "Hồ sơ {dossier_code} đã được công dân rút ({status}); không có kết quả để trả.",
        "en": "Dossier {dossier_code} was withdrawn ({status_en}); there is no result to hand over.",
    },
    "collector_kind_invalid": {
        "vi": "Vui lòng chọn người nhận kết quả: chủ hồ sơ hoặc người được ủy quyền.",
        "en": "Choose who collects the result: the owner or an authorised person.",
    },
    "authorisation_required": {
        "vi": "Người nhận thay chủ hồ sơ phải có giấy ủy quyền; vui lòng ghi số, ngày của giấy ủy quyền.",
        "en": "A person collecting for the owner needs an authorisation letter; note its number and date.",
    },
    "fees_invalid": {
        "vi": "Số tiền phí, lệ phí phải là số không âm (đồng).",
        "en": "Fees paid must be a non-negative amount (VND).",
    },
    "rating_invalid": {
        "vi": "Mức đánh giá phải từ 1 đến {max}.",
        "en": "The rating must be between 1 and {max}.",
    },
    "search_query_invalid": {
        "vi": "Nội dung tìm kiếm không hợp lệ: nhập mã hồ sơ, số định danh, số điện thoại hoặc họ tên (tối đa {max} ký tự).",
        "en": "Invalid search: type a dossier code, an ID number, a phone number or a name (at most {max} characters).",
    },
    "date_range_invalid": {
        "vi": "Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước hoặc bằng ngày kết thúc.",
        "en": "Invalid period: the start date must not be after the end date.",
    },
    "form_unknown": {
        "vi": "Không có mẫu phiếu “{value}”; các mẫu: {choices}.",
        "en": "There is no form “{value}”; the forms are: {choices}.",
    },
    "form_not_applicable": {
        "vi": "Hồ sơ {dossier_code} chưa có nội dung cho mẫu “{form}” ({why}).",
        "en": "Dossier {dossier_code} has nothing for form “{form}” yet ({why_en}).",
    },
    "forward_not_received": {
        "vi": "Hồ sơ {dossier_code} không ở trạng thái “Được tiếp nhận” ({status}); không chuyển xử lý được.",
        "en": "Dossier {dossier_code} is not “Received” ({status_en}); it cannot be forwarded.",
    },
    "agency_required": {
        "vi": "Cần ghi cơ quan nhận hồ sơ để giải quyết.",
        "en": "Name the agency that receives the dossiers for processing.",
    },
    "not_accepted_kind_invalid": {
        "vi": "Vui lòng chọn: yêu cầu bổ sung (Mẫu 02) hoặc từ chối tiếp nhận (Mẫu 03).",
        "en": "Choose: request to complete (form 02) or refusal (form 03).",
    },
    "missing_items_required": {
        "vi": "Phiếu yêu cầu bổ sung cần ít nhất một giấy tờ phải bổ sung, hoàn thiện.",
        "en": "A request to complete needs at least one document to supply or complete.",
    },
    "register_too_large": {
        "vi": "Khoảng thời gian này có hơn {max} hồ sơ, quá nhiều cho một tệp {fmt}; vui lòng chọn khoảng ngắn hơn.",
        "en": "This period holds more than {max} dossiers, too many for one {fmt} file; please choose a shorter period.",
    },
    "forward_empty": {
        "vi": "Chưa chọn hồ sơ nào để chuyển.",
        "en": "No dossier was chosen to forward.",
    },
    "forward_list_not_found": {
        "vi": "Không tìm thấy danh sách bàn giao {value}.",
        "en": "No forward list {value}.",
    },
    "not_accepted_not_found": {
        "vi": "Không tìm thấy phiếu {value}.",
        "en": "No slip {value}.",
    },
    "not_accepted_already_resumed": {
        "vi": "Phiếu {number} đã được tiếp nhận lại thành hồ sơ {dossier_code}.",
        "en": "Slip {number} has already been taken up again as dossier {dossier_code}.",
    },
    # --- sync: the "action needed" list (services/sync_status.py) -------------------------
    "sync_issue_not_found": {
        "vi": "Không tìm thấy vấn đề đồng bộ {value}; danh sách có thể vừa được người khác xử lý, vui lòng tải lại.",
        "en": "No sync issue {value}; someone may have just dealt with it, please reload the list.",
    },
    "sync_issue_resolved": {
        "vi": "Vấn đề đồng bộ này đã được xử lý ({resolution}) lúc {at} bởi {by}; không cần làm gì thêm.",
        "en": "This sync issue was already resolved ({resolution_en}) at {at} by {by}; nothing more to do.",
    },
    "sync_issue_escalated": {
        "vi": "Vấn đề này đã được {by} chuyển lãnh đạo; cần tài khoản giám sát hoặc quản trị để xử lý tiếp.",
        "en": "This issue was escalated by {by}; a supervisor or administrator account must settle it.",
    },
    "sync_issue_action_invalid": {
        "vi": "Không thể {action} với vấn đề loại “{kind}”; {hint}.",
        "en": "Cannot {action_en} an issue of the kind “{kind_en}”; {hint_en}.",
    },
    "sync_note_required": {
        "vi": "Cần ghi chú lý do chuyển lãnh đạo.",
        "en": "A note saying why the issue is escalated is required.",
    },
    "sync_change_missing": {
        "vi": "Không còn bản ghi thay đổi gốc ({operation}) để gửi lại; vui lòng chuyển lãnh đạo.",
        "en": "The original change ({operation}) is no longer stored, so it cannot be resubmitted; please escalate.",
    },
    # --- the online-dossier inbox (services/inbox.py) -----------------------------------
    "online_dossier_not_waiting": {
        "vi": "Hồ sơ {dossier_code} không còn chờ tiếp nhận: {by} đã chuyển sang “{status}” lúc {at}. Vui lòng tải lại danh sách.",
        "en": "Dossier {dossier_code} is no longer waiting: {by_en} moved it to “{status_en}” at {at}. Please reload the list.",
    },
    # --- fuzzing ---
    "text_invalid_chars": {
        "vi": "Mục “{what}” có ký tự điều khiển hoặc ký tự ẩn (ví dụ ký tự đảo chiều văn bản); vui lòng xóa và nhập lại.",
        "en": "The {what_en} contains control or hidden characters (such as text-direction marks); please delete and retype it.",
    },
    # --- backups ---
    "backup_out_exists": {
        "vi": "Tệp {path} đã có; chọn tên khác hoặc xóa tệp cũ trước (bản sao lưu không bao giờ ghi đè).",
        "en": "The file {path} already exists; choose another name or delete the old file first (a backup never overwrites).",
    },
    "backup_source_missing": {
        "vi": "Không tìm thấy cơ sở dữ liệu {path}; kiểm tra lại đường dẫn (--database).",
        "en": "Database {path} not found; check the path (--database).",
    },
    "backup_source_empty": {
        "vi": "Cơ sở dữ liệu {database} chưa được khởi tạo cho counter_app; không có gì để sao lưu.",
        "en": "Database {database} has not been set up for counter_app; there is nothing to back up.",
    },
    "backup_failed": {
        "vi": "Sao lưu không thành công: {detail}. Chưa có tệp sao lưu nào được tạo.",
        "en": "The backup failed: {detail}. No backup file was created.",
    },
    "backup_integrity_failed": {
        "vi": "Bản sao {path} không toàn vẹn (kiểm tra integrity_check: {detail}); không được dùng bản này.",
        "en": "The copy {path} failed the integrity check ({detail}); it must not be used.",
    },
    "pg_dump_missing": {
        "vi": (
            "Không tìm thấy chương trình {tool} của PostgreSQL phiên bản {major} (hoặc mới hơn) trên máy này "
            "(đã thấy phiên bản: {found}). Cài gói postgresql-client-{major} (Debian/Ubuntu: "
            "apt-get install postgresql-client-{major}; Windows: bộ cài PostgreSQL {major}, mục "
            "“Command Line Tools”), hoặc đặt biến COUNTER_APP_PG_BINDIR trỏ tới thư mục chứa {tool}."
        ),
        "en": (
            "PostgreSQL's {tool}, version {major} (or newer), was not found on this computer "
            "(versions found: {found}). Install postgresql-client-{major} (Debian/Ubuntu: "
            "apt-get install postgresql-client-{major}; Windows: the PostgreSQL {major} installer, "
            "“Command Line Tools”), or set COUNTER_APP_PG_BINDIR to the folder holding {tool}."
        ),
    },
    "backup_file_missing": {
        "vi": "Không tìm thấy tệp sao lưu {path}.",
        "en": "Backup file {path} not found.",
    },
    "backup_manifest_missing": {
        "vi": (
            "Thiếu tệp mô tả {manifest} đi kèm bản sao lưu {path}, nên không kiểm tra được bản sao lưu; "
            "hãy chép cả hai tệp vào cùng một thư mục. Cơ sở dữ liệu hiện tại được giữ nguyên."
        ),
        "en": (
            "The manifest {manifest} that goes with backup {path} is missing, so the backup cannot be checked; "
            "copy both files into the same folder. The current database was not touched."
        ),
    },
    "backup_manifest_invalid": {
        "vi": "Tệp mô tả {manifest} bị hỏng hoặc không phải của counter_app; không khôi phục. Cơ sở dữ liệu hiện tại được giữ nguyên.",
        "en": "The manifest {manifest} is damaged or not a counter_app manifest; nothing was restored. The current database was not touched.",
    },
    "backup_corrupted": {
        "vi": (
            "Tệp sao lưu {path} bị hỏng hoặc không đầy đủ ({size} byte, đúng ra {expected_size} byte, "
            "hoặc mã SHA-256 không khớp); không khôi phục. Cơ sở dữ liệu hiện tại được giữ nguyên."
        ),
        "en": (
            "Backup file {path} is damaged or incomplete ({size} bytes, expected {expected_size}, "
            "or the SHA-256 does not match); nothing was restored. The current database was not touched."
        ),
    },
    "backup_backend_mismatch": {
        "vi": "Bản sao lưu này là của {backup_backend}, không khôi phục được vào cơ sở dữ liệu {target_backend}.",
        "en": "This is a {backup_backend} backup; it cannot be restored into a {target_backend} database.",
    },
    "backup_revision_unknown": {
        "vi": "Bản sao lưu được tạo bởi phiên bản counter_app mới hơn (lược đồ {revision}); hãy cập nhật counter_app rồi khôi phục.",
        "en": "The backup was made by a newer counter_app (schema {revision}); update counter_app, then restore.",
    },
    "restore_target_not_empty": {
        "vi": (
            "Cơ sở dữ liệu {database} đang có dữ liệu; khôi phục sẽ thay thế toàn bộ. "
            "Nếu chắc chắn, chạy lại với --force (nên sao lưu cơ sở dữ liệu hiện tại trước)."
        ),
        "en": (
            "Database {database} holds data; restoring replaces all of it. "
            "If you are sure, run again with --force (back up the current database first)."
        ),
    },
    "restore_db_in_use": {
        "vi": "Cơ sở dữ liệu {path} đang được chương trình khác mở (bàn tiếp nhận, kiosk, màn hình…); đóng tất cả rồi khôi phục lại.",
        "en": "Database {path} is open in another program (desk, kiosk, display…); close them all, then restore again.",
    },
    "restore_failed": {
        "vi": "Khôi phục không thành công: {detail}.",
        "en": "The restore failed: {detail}.",
    },
    "restore_verify_failed": {
        "vi": "Kiểm tra sau khôi phục không khớp: bảng {table} có {actual} dòng, bản sao lưu ghi {expected} dòng.",
        "en": "Verification after the restore failed: table {table} has {actual} rows, the backup recorded {expected}.",
    },
    # --- audit trail (issue 7) ---------------------------------------------------------
    "audit_modified": {
        "vi": "Mục #{seq} đã bị sửa hoặc thay thế sau khi ghi: nội dung không còn khớp với chuỗi băm.",
        "en": "Entry #{seq} was edited or replaced after it was written: its content no longer matches the hash chain.",
    },
    "audit_deleted": {
        "vi": "Mục #{seq} đã bị xóa khỏi nhật ký.",
        "en": "Entry #{seq} was deleted from the trail.",
    },
    "audit_deleted_range": {
        "vi": "Các mục #{seq} đến #{last} đã bị xóa khỏi nhật ký.",
        "en": "Entries #{seq} to #{last} were deleted from the trail.",
    },
    "audit_inserted": {
        "vi": "Mục #{seq} đã được chèn vào nhật ký từ bên ngoài phần mềm (không thuộc chuỗi băm).",
        "en": "Entry #{seq} was inserted into the trail outside the application (it does not belong to the hash chain).",
    },
    "audit_truncated": {
        "vi": "Các mục cuối #{seq} đến #{last} đã bị xóa: đầu chuỗi ghi nhận đến mục #{last}.",
        "en": "The last entries #{seq} to #{last} were deleted: the chain head records entry #{last}.",
    },
    "audit_intact": {
        "vi": "Nhật ký toàn vẹn: đã kiểm tra {count} mục, không có mục nào bị sửa, xóa hay chèn.",
        "en": "The audit trail is intact: {count} entries checked, none edited, deleted or inserted.",
    },
    "audit_broken": {
        "vi": "Nhật ký đã bị can thiệp ngoài phần mềm: {count} vấn đề trên {checked} mục đã kiểm tra.",
        "en": "The audit trail was tampered with outside the application: {count} problems in {checked} entries checked.",
    },
    "audit_period_invalid": {
        "vi": "Khoảng ngày không hợp lệ: ngày bắt đầu ({start}) sau ngày kết thúc ({end}).",
        "en": "Invalid date range: the start ({start}) is after the end ({end}).",
    },
    # --- roles (issue 7) ---------------------------------------------------------
    "cli_sign_in_required": {
        "vi": "Cần đăng nhập: --user TÊN và mật khẩu (biến COUNTER_APP_PASSWORD), hoặc chạy lệnh trong cửa sổ dòng lệnh để nhập mật khẩu. Các lệnh vận hành (init, db, sync, central, audit verify) không cần đăng nhập.",
        "en": "Sign-in needed: --user NAME and the password (variable COUNTER_APP_PASSWORD), or run the command in a terminal to type the password. Operator commands (init, db, sync, central, audit verify) need no sign-in.",
    },
    "cli_password_change_required": {
        "vi": "Tài khoản {username} phải đổi mật khẩu trước khi làm việc: đăng nhập cửa sổ quầy hoặc cửa sổ quản trị để đổi, hoặc chạy: counter-app password --user {username}",
        "en": "Account {username} must change its password first: sign in to the desk or admin window to change it, or run: counter-app password --user {username}",
    },
    "cli_password_needed": {
        "vi": "Cần mật khẩu hiện tại và mật khẩu mới: biến COUNTER_APP_PASSWORD và COUNTER_APP_NEW_PASSWORD, hoặc chạy lệnh trong cửa sổ dòng lệnh để nhập.",
        "en": "The current and the new password are needed: variables COUNTER_APP_PASSWORD and COUNTER_APP_NEW_PASSWORD, or run the command in a terminal to type them.",
    },
    "cli_password_mismatch": {
        "vi": "Hai lần nhập mật khẩu mới không khớp; mật khẩu chưa được đổi.",
        "en": "The two new passwords differ; the password was not changed.",
    },
    # --- sign-in (issue 7) ---------------------------------------------------------
    "password_letters_digits": {
        "vi": "Mật khẩu phải có cả chữ cái và chữ số.",
        "en": "The password must contain both letters and digits.",
    },
    "password_has_username": {
        "vi": "Mật khẩu không được chứa tên đăng nhập.",
        "en": "The password must not contain the user name.",
    },
    "password_common": {
        "vi": "Mật khẩu này quá phổ biến, dễ bị đoán; vui lòng chọn mật khẩu khác.",
        "en": "This password is too common and easy to guess; please choose another one.",
    },
    "password_same_as_old": {
        "vi": "Mật khẩu mới phải khác mật khẩu cũ.",
        "en": "The new password must differ from the old one.",
    },
    "password_old_wrong": {
        "vi": "Mật khẩu hiện tại không đúng; vui lòng nhập lại.",
        "en": "The current password is wrong; please type it again.",
    },
    "login_locked": {
        "vi": (
            "Tài khoản tạm khóa đến {until} do nhập sai mật khẩu nhiều lần; vui lòng thử lại sau thời điểm đó "
            "hoặc nhờ quản trị hệ thống mở khóa."
        ),
        "en": (
            "This account is locked until {until} after too many wrong passwords; try again after that time "
            "or ask an administrator to unlock it."
        ),
    },
    "login_wrong_counter": {
        "vi": (
            "Tài khoản {username} được phân công làm việc tại quầy số {assigned}; không thể đăng nhập tại "
            "quầy số {number}. Vui lòng chọn đúng quầy hoặc nhờ quản trị hệ thống đổi phân công."
        ),
        "en": (
            "The account {username} is assigned to counter {assigned}; it cannot sign in at counter {number}. "
            "Choose the right counter or ask an administrator to change the assignment."
        ),
    },
    "account_not_found": {
        "vi": "Không tìm thấy tài khoản người dùng này; có thể tài khoản đã bị xóa.",
        "en": "This user account was not found; it may have been deleted.",
    },
    "security_setting_range": {
        "vi": "Giá trị “{setting}” phải là số nguyên từ {min} đến {max}.",
        "en": "The value of “{setting}” must be a whole number from {min} to {max}.",
    },
    # --- admin (issue 7) ---------------------------------------------------------
    "admin_last_admin": {
        "vi": "Đây là tài khoản quản trị cuối cùng còn hoạt động; hãy tạo hoặc mở lại một tài khoản quản trị khác trước.",
        "en": "This is the last active administrator account; create or reactivate another administrator first.",
    },
    "admin_self": {
        "vi": "Không thể tự ngừng sử dụng hoặc tự đổi vai trò tài khoản của chính mình; hãy nhờ một quản trị viên khác.",
        "en": "You cannot deactivate your own account or change its role; ask another administrator.",
    },
    "user_not_found": {
        "vi": "Không tìm thấy tài khoản này; có thể người khác vừa xóa hoặc đổi nó. Hãy tải lại danh sách.",
        "en": "This account was not found; someone may have just changed it. Reload the list.",
    },
    "counter_exists": {
        "vi": "Quầy số {number} đã có; hãy chọn số khác.",
        "en": "Counter {number} already exists; choose another number.",
    },
    "counter_not_found": {
        "vi": "Không có quầy số {number}.",
        "en": "There is no counter {number}.",
    },
    "counter_in_service": {
        "vi": "Quầy {number} đang phục vụ số {ticket}; hãy chờ quầy làm xong rồi mới ngừng sử dụng quầy.",
        "en": "Counter {number} is serving number {ticket}; wait until it has finished before taking it out of use.",
    },
    "ticket_range_order": {
        "vi": "Số bắt đầu phải nhỏ hơn số kết thúc (trong khoảng 1 đến 9999).",
        "en": "The first number must be smaller than the last (within 1 to 9999).",
    },
    "prefix_invalid": {
        "vi": "Chữ cái đầu số chỉ gồm 1 đến 3 chữ in hoa không dấu (A–Z).",
        "en": "The ticket prefix is 1 to 3 capital letters A–Z.",
    },
    "agency_code_locked": {
        "vi": "Đã có {count} hồ sơ mang mã cơ quan {code}; không thể đổi mã định danh cơ quan vì mã hồ sơ đã cấp sẽ không còn khớp.",
        "en": "The agency code {code} is already in {count} dossier codes; it cannot change, or the codes already issued would no longer match.",
    },
    "calendar_day_taken": {
        "vi": "Ngày {day} đã có trong danh sách; hãy xóa dòng cũ trước khi thêm lại.",
        "en": "The day {day} is already in the list; remove the old line before adding it again.",
    },
    "calendar_already_working": {
        "vi": "Ngày {day} vốn đã là ngày làm việc; ngày làm bù chỉ dùng cho thứ Bảy, Chủ nhật hoặc ngày lễ.",
        "en": "The day {day} is already a working day; a make-up working day is for a Saturday, Sunday or holiday.",
    },
    "calendar_already_off": {
        "vi": "Ngày {day} vốn đã là ngày nghỉ; không cần thêm.",
        "en": "The day {day} is already a day off; there is no need to add it.",
    },
    "calendar_day_not_found": {
        "vi": "Ngày {day} không có trong danh sách ngày nghỉ, ngày làm bù của trung tâm.",
        "en": "The day {day} is not in the centre's list of days off and make-up days.",
    },
    "config_write_failed": {
        "vi": "Không ghi được tệp cấu hình {path}: {detail}.",
        "en": "Cannot write the configuration file {path}: {detail}.",
    },
    # --- privacy (issue 7) ---------------------------------------------------------
}

_PERSON_FIELDS: dict[str, tuple[str, str]] = {
    "full_name": ("Họ và tên", "Full name"),
    "id_number": ("Số định danh cá nhân", "Personal ID number"),
    "id_kind": ("Loại giấy tờ tùy thân", "Identity document type"),
    "birth_date": ("Ngày sinh", "Date of birth"),
    "phone": ("Số điện thoại", "Phone number"),
    "email": ("Thư điện tử", "Email"),
    "address": ("Địa chỉ", "Address"),
}
_ROLES: dict[str, tuple[str, str]] = {
    "owner": ("của chủ hồ sơ", "of the owner"),
    "submitter": ("của người nộp hồ sơ", "of the submitter"),
}


def _build_field_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for key, (vi, en) in _PERSON_FIELDS.items():
        labels[key] = {"vi": vi, "en": en}
        for role, (role_vi, role_en) in _ROLES.items():
            labels[f"{role}.{key}"] = {"vi": f"{vi} {role_vi}", "en": f"{en} {role_en}"}
    labels.update(
        {
            "procedure": {"vi": "Thủ tục hành chính", "en": "Procedure"},
            "documents": {"vi": "Danh mục giấy tờ", "en": "Documents"},
            # "[]" entries are templates for indexed paths; {n} is the 1-based line number.
            "documents[].name": {"vi": "Tên giấy tờ dòng {n}", "en": "Name of document line {n}"},
            "documents[].form": {"vi": "Hình thức giấy tờ dòng {n}", "en": "Form of document line {n}"},
            "documents[].count": {"vi": "Số lượng giấy tờ dòng {n}", "en": "Count of document line {n}"},
            "sets": {"vi": "Số bộ hồ sơ", "en": "Number of sets"},
            "note": {"vi": "Ghi chú", "en": "Note"},
            "channel": {"vi": "Kênh nộp hồ sơ", "en": "Submission channel"},
            "return_method": {"vi": "Hình thức nhận kết quả", "en": "Return method"},
            "received_at": {"vi": "Thời điểm tiếp nhận", "en": "Time of receipt"},
            "agency_code": {"vi": "Mã định danh cơ quan", "en": "Agency code"},
            "dossier_code": {"vi": "Mã hồ sơ", "en": "Dossier code"},
            # site set-up and accounts (services/)
            "name": {"vi": "Tên trung tâm", "en": "Centre name"},
            "issuing_body": {"vi": "Cơ quan chủ quản", "en": "Issuing body"},
            "place_name": {"vi": "Địa danh ghi trên giấy tờ", "en": "Place name on documents"},
            "hotline": {"vi": "Đường dây nóng", "en": "Hotline"},
            "counters": {"vi": "Số quầy", "en": "Number of counters"},
            "username": {"vi": "Tên đăng nhập", "en": "User name"},
            "password": {"vi": "Mật khẩu", "en": "Password"},
            "role": {"vi": "Vai trò", "en": "Role"},
        }
    )
    return labels


FIELD_LABELS: dict[str, dict[str, str]] = _build_field_labels()

_INDEX_RE = re.compile(r"\[(\d+)\]")


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        # "{detail_en}" falls back to "detail" when only one language was given.
        base, _, suffix = key.rpartition("_")
        if suffix in LANGUAGES and base in self:
            return self[base]
        return "{" + key + "}"


def normalize_lang(lang: str | None) -> str:
    """'vi', 'vi_VN', 'en-US' -> 'vi' / 'en'; anything else -> 'vi'."""
    base = re.split(r"[_\-]", (lang or "").strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else "vi"


def _safe_format(template: str, params: Mapping[str, object]) -> str:
    try:
        return template.format_map(_KeepMissing(params))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        # A malformed template or a weird param must never hide the message itself.
        return template


def has_message(code: str) -> bool:
    return code in MESSAGES


def render(code: str, params: Mapping[str, object] | None = None, lang: str = "vi") -> str:
    """The message for an error code; an unknown code renders as the code itself."""
    entry = MESSAGES.get(code)
    if entry is None:
        return code
    return _safe_format(entry[normalize_lang(lang)], params or {})


def field_label(field: str, lang: str = "vi") -> str:
    """Human label of a dotted field path; unknown paths render as the path itself."""
    lang = normalize_lang(lang)
    entry = FIELD_LABELS.get(field)
    if entry is not None:
        return entry[lang]
    match = _INDEX_RE.search(field)
    if match is not None:
        template = FIELD_LABELS.get(_INDEX_RE.sub("[]", field))
        if template is not None:
            return _safe_format(template[lang], {"n": int(match.group(1)) + 1})
    return field
