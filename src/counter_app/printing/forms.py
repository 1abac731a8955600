"""The official form set of the dossier lifecycle (DOMAIN.md §3), and practice forms.

Form sets are versioned by legal basis and effective date (FORM_SETS, form_set_for): a
dossier prints with the set in force on its receipt date. Every form is A5 portrait with
Liberation Serif embedded, the standard header (issuing body / centre on the left, the
national motto on the right, "Số: …" and "<place>, ngày … tháng … năm …" below), a small
"Mẫu số NN - <legal basis>" line at the top right (forms of the set only), the title in
bold capitals, the dossier code as text + Code 128 + QR when there is one, the fields of
the form and its signature blocks. Long content flows onto continuation pages headed
"<form> - Mã hồ sơ: … (tiếp theo)" and numbered "Trang n/N".

render_form(data) dispatches on the data class:

==========================  =========================================================
SupplementRequestData       02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
RefusalData                 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ
ApologyData                 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả (2018) /
                            Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (2025)
ControlSlipData             05 (2018) / 06 (2025) Phiếu kiểm soát quá trình giải quyết hồ sơ
StopNoticeData              05 (2025) Thông báo dừng giải quyết hồ sơ
WithdrawalSlipData          practice: Phiếu xác nhận rút hồ sơ
HandoverReceiptData         practice: Phiếu trả kết quả giải quyết hồ sơ (biên nhận trả kết quả)
ForwardListData             practice: Danh sách bàn giao hồ sơ (to a resolving agency)
==========================  =========================================================

Form 01 is printing/receipt.py (two copies); the register (form 06/07) is printing/register.py.
This module does not import counter_app.domain: the data classes carry ready-made labels.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from counter_app.printing.common import (
    BLANK,
    FIRST_PAGE_TOP,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NO_PADDING,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Signer,
    Styles,
    balanced_break,
    breakable,
    clean,
    clip,
    code_block,
    continuation_line,
    documents_table,
    esc,
    form_number_line,
    grid_style,
    header_table,
    local_time,
    numbered_canvas,
    or_blank,
    person_lines,
    running_name,
    short_time_and_date,
    signature_table,
    styles,
    submitter_line,
    table_style,
    time_and_date,
)
from counter_app.printing.fonts import SERIF, SERIF_BOLD
from counter_app.printing.receipt import PersonBlock, ReceiptDocumentRow

# --------------------------------------------------------------------------- form sets

RECEIPT = "receipt"
SUPPLEMENT_REQUEST = "supplement_request"
REFUSAL = "refusal"
APOLOGY = "apology"
STOP_NOTICE = "stop_notice"
CONTROL_SLIP = "control_slip"
REGISTER = "register"


@dataclass(frozen=True)
class FormSet:
    """One legal basis' set of forms: kind -> "Mẫu số" number and kind -> title (capitals)."""

    key: str  # "tt01_2018" | "tt03_2025"
    legal_basis: str  # "Thông tư số 01/2018/TT-VPCP"
    effective_from: date
    numbers: Mapping[str, str]  # kind -> "NN" of "Mẫu số NN"
    titles: Mapping[str, str]  # kind -> the form's title in capitals

    def __post_init__(self) -> None:
        # read-only views: a FormSet is shared by every dossier printed with it
        object.__setattr__(self, "numbers", MappingProxyType(dict(self.numbers)))
        object.__setattr__(self, "titles", MappingProxyType(dict(self.titles)))

    def __hash__(self) -> int:
        return hash((self.key, self.legal_basis, self.effective_from))

    def has(self, kind: str) -> bool:
        return kind in self.numbers

    def number(self, kind: str) -> str:
        """The "NN" of "Mẫu số NN" for *kind*; "" when the set has no such form."""
        return self.numbers.get(kind, "")

    def title(self, kind: str, default: str = "") -> str:
        return self.titles.get(kind, default)


_TITLE_RECEIPT = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
_TITLE_SUPPLEMENT = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
_TITLE_REFUSAL = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
_TITLE_CONTROL = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
_TITLE_REGISTER = "SỔ THEO DÕI HỒ SƠ"
_TITLE_STOP = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"

# The one table of form sets. Circular 01/2018/TT-VPCP is law (DOMAIN.md §3). The
# Circular 03/2025/TT-VPCP set is marked [unsure] in DOMAIN.md: its seven forms, their
# numbers and titles, and its effective date (1 July 2025, with Decree 118/2025; one
# third-party summary dates the circular's forms from 15 September 2025) are kept here
# as data only, to be corrected in this table once confirmed against the gazette text.
FORM_SETS: tuple[FormSet, ...] = (
    FormSet(
        key="tt01_2018",
        legal_basis="Thông tư số 01/2018/TT-VPCP",
        effective_from=date(2018, 11, 23),
        numbers={
            RECEIPT: "01", SUPPLEMENT_REQUEST: "02", REFUSAL: "03", APOLOGY: "04",
            CONTROL_SLIP: "05", REGISTER: "06",
        },
        titles={
            RECEIPT: _TITLE_RECEIPT,
            SUPPLEMENT_REQUEST: _TITLE_SUPPLEMENT,
            REFUSAL: _TITLE_REFUSAL,
            APOLOGY: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            CONTROL_SLIP: _TITLE_CONTROL,
            REGISTER: _TITLE_REGISTER,
        },
    ),
    FormSet(  # [unsure] — see above
        key="tt03_2025",
        legal_basis="Thông tư số 03/2025/TT-VPCP",
        effective_from=date(2025, 7, 1),
        numbers={
            RECEIPT: "01", SUPPLEMENT_REQUEST: "02", REFUSAL: "03", APOLOGY: "04",
            STOP_NOTICE: "05", CONTROL_SLIP: "06", REGISTER: "07",
        },
        titles={
            RECEIPT: _TITLE_RECEIPT,
            SUPPLEMENT_REQUEST: _TITLE_SUPPLEMENT,
            REFUSAL: _TITLE_REFUSAL,
            APOLOGY: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            STOP_NOTICE: _TITLE_STOP,
            CONTROL_SLIP: _TITLE_CONTROL,
            REGISTER: _TITLE_REGISTER,
        },
    ),
)


def form_set_for(day: date, choice: str = "auto") -> FormSet:
    """The form set to print with.

    ``choice="auto"``: the set in force on *day* (the latest whose effective date is on
    or before it; a day before the first set gets the first set). A set's key as
    *choice* forces that set (a site setting); anything else raises ValueError.
    An aware datetime counts by its date in Vietnam.
    """
    key = (choice or "").strip()
    if key != "auto":
        for fs in FORM_SETS:
            if fs.key == key:
                return fs
        known = ", ".join(["auto", *(fs.key for fs in FORM_SETS)])
        raise ValueError(f"unknown form set {choice!r}; expected one of: {known}")
    if isinstance(day, datetime):
        day = local_time(day).date() if day.tzinfo is not None else day.date()
    in_force = [fs for fs in FORM_SETS if fs.effective_from <= day]
    if not in_force:
        return min(FORM_SETS, key=lambda fs: fs.effective_from)
    return max(in_force, key=lambda fs: fs.effective_from)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class FormHeader:
    """Every form's header block."""

    issuing_body: str  # "UBND TỈNH QUẢNG NAM"
    centre_name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    place_name: str  # "Tam Kỳ"
    centre_address: str
    hotline: str
    issued_at: datetime  # aware: the "<place>, ngày … tháng … năm …" line
    number_text: str = ""  # the "Số: …" line, e.g. "12/PYCBS"; empty -> dots to fill in


@dataclass(frozen=True)
class HandoffRow:
    """One hand-over of the dossier on the control slip."""

    from_unit: str
    to_unit: str
    at: datetime | None  # aware; None -> blanks to write by hand
    giver: str = ""
    receiver: str = ""
    outcome: str = ""  # "Sớm hạn" | "Đúng hạn" | "Quá hạn"
    note: str = ""


@dataclass(frozen=True)
class SupplementRequestData:
    """Form 02: request to supplement / complete the dossier."""

    header: FormHeader
    form_set: FormSet
    owner: PersonBlock
    submitter: PersonBlock | None
    procedure_code: str
    procedure_name: str
    dossier_code: str  # may be "" (at intake, before the dossier has a code)
    items: tuple[ReceiptDocumentRow, ...]  # what to supplement / complete
    reason: str
    officer_name: str
    officer_phone: str
    receiving_unit: str
    qr_payload: str = ""  # default: the dossier code


@dataclass(frozen=True)
class RefusalData:
    """Form 03: refusal to receive and resolve the dossier."""

    header: FormHeader
    form_set: FormSet
    owner: PersonBlock
    submitter: PersonBlock | None
    procedure_code: str
    procedure_name: str
    dossier_code: str  # may be ""
    reason: str
    officer_name: str
    officer_phone: str
    receiving_unit: str
    qr_payload: str = ""


@dataclass(frozen=True)
class ApologyData:
    """Form 04: apology and new return date (2018) / apology and extension request (2025)."""

    header: FormHeader
    form_set: FormSet
    agency_name: str  # the agency that apologises (the resolving agency)
    owner_name: str
    dossier_code: str
    procedure_name: str
    received_at: datetime
    original_due_at: datetime
    reason: str
    new_due_at: datetime
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""
    qr_payload: str = ""


@dataclass(frozen=True)
class ControlSlipData:
    """Form 05 (2018) / 06 (2025): control slip travelling with the dossier."""

    header: FormHeader
    form_set: FormSet
    dossier_code: str
    procedure_name: str
    owner_name: str
    received_at: datetime
    due_at: datetime
    lead_agency: str
    co_agencies: tuple[str, ...] | str
    rows: tuple[HandoffRow, ...]
    blank_rows: int = 4  # empty rows after the given ones, to fill in by hand
    qr_payload: str = ""


@dataclass(frozen=True)
class StopNoticeData:
    """Form 05 of the 2025 set: notice that the dossier's processing stops."""

    header: FormHeader
    form_set: FormSet
    owner_name: str
    dossier_code: str
    procedure_name: str
    received_at: datetime
    reason: str
    officer_name: str
    agency_name: str = ""  # default: the centre
    signer_title: str = "NGƯỜI TIẾP NHẬN HỒ SƠ"
    qr_payload: str = ""


@dataclass(frozen=True)
class WithdrawalSlipData:
    """Practice form: confirmation that the applicant withdrew the dossier."""

    header: FormHeader
    dossier_code: str
    owner: PersonBlock
    procedure_name: str
    received_at: datetime
    reason: str
    officer_name: str
    qr_payload: str = ""


@dataclass(frozen=True)
class HandoverReceiptData:
    """Practice form: the result was handed over (biên nhận trả kết quả)."""

    header: FormHeader
    dossier_code: str
    procedure_name: str
    owner_name: str
    result_text: str
    handed_at: datetime
    collector_name: str
    collector_id_number: str
    authorisation_note: str  # "" = the owner collected in person
    fees_text: str
    officer_name: str
    rating_label: str = ""
    qr_payload: str = ""


@dataclass(frozen=True)
class ForwardListRow:
    dossier_code: str
    procedure_name: str
    owner_name: str
    received_at: datetime
    due_at: datetime
    sets: int


@dataclass(frozen=True)
class ForwardListData:
    """Practice form: list of dossiers handed over to a resolving agency."""

    header: FormHeader
    agency: str
    rows: tuple[ForwardListRow, ...]
    giver: str
    receiver: str


FormData = (
    SupplementRequestData | RefusalData | ApologyData | ControlSlipData | StopNoticeData
    | WithdrawalSlipData | HandoverReceiptData | ForwardListData
)

# practice forms (not in the circular): titles
TITLE_WITHDRAWAL = "PHIẾU XÁC NHẬN RÚT HỒ SƠ"
TITLE_HANDOVER = "PHIẾU TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ"
SUBTITLE_HANDOVER = "(Biên nhận trả kết quả)"
TITLE_FORWARD = "DANH SÁCH BÀN GIAO HỒ SƠ"

CELL_LIMIT = 300  # characters in a table cell of the control slip / forward list


# --------------------------------------------------------------------------- document


class _FormDoc(BaseDocTemplate):
    """A5 portrait; the first page starts higher when it carries the "Mẫu số" line;
    continuation pages are headed by ``continued`` and every page is numbered when
    there are several (common.NumberedCanvas)."""

    def __init__(self, buf: io.BytesIO, *, meta_title: str, author: str, subject: str,
                 keywords: list[str], continued: str, form_line: bool) -> None:
        self.continued = continued
        super().__init__(
            buf,
            pagesize=A5,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta_title,
            author=author,
            subject=subject,
            creator="counter_app",
            producer="counter_app (ReportLab)",
            keywords=keywords,
            invariant=1,
            pageCompression=1,
            lang="vi-VN",
            initialFontName=SERIF,
            initialFontSize=10,
            initialLeading=11.8,
            allowSplitting=1,
        )
        top = FIRST_PAGE_TOP if form_line else MARGIN_TOP
        first = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - top - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="first")
        later = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 5 * mm,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="later")
        self.addPageTemplates([
            PageTemplate(id="first", frames=[first], pagesize=A5),
            PageTemplate(id="later", frames=[later], pagesize=A5, onPage=self._continuation),
        ])

    def _continuation(self, canv, doc) -> None:  # noqa: ANN001 - reportlab callback
        continuation_line(canv, self.continued, page_width=PAGE_WIDTH, top=PAGE_HEIGHT - MARGIN_TOP,
                          margin_x=MARGIN_X)


@dataclass(frozen=True)
class _Form:
    """What every form has in common, resolved from the data."""

    header: FormHeader
    title: str
    number: str  # "Mẫu số" number; "" for practice forms / kinds missing from the set
    legal_basis: str
    dossier_code: str
    qr_payload: str = ""
    subtitle: str = ""
    default_number: str = ""  # printed on the "Số:" line when header.number_text is empty


def _top(form: _Form, st: Styles) -> list[Flowable]:
    """Mẫu số line, header, title (and subtitle), the dossier code block."""
    story: list[Flowable] = []
    if form.number:
        story.append(form_number_line(st, form.number, form.legal_basis))
    number = clean(form.header.number_text) or form.default_number or "……"
    story += [
        header_table(
            st,
            issuing_body=form.header.issuing_body,
            centre_name=form.header.centre_name,
            place_name=form.header.place_name,
            day=form.header.issued_at,
            number_text=number,
        ),
        Spacer(0, 3 * mm),
        Paragraph(balanced_break(esc(form.title), st.title.fontName, st.title.fontSize, FRAME_WIDTH), st.title),
    ]
    if form.subtitle:
        story.append(Paragraph(esc(form.subtitle), st.subtitle))
    code = clean(form.dossier_code)
    if code:
        story.append(Spacer(0, 1.5 * mm))
        try:
            story.append(code_block(code, clean(form.qr_payload)))
        except ValueError:  # not encodable as Code 128: the code as text only
            story.append(Paragraph(f"Mã hồ sơ: <b>{esc(code)}</b>", st.body_center))
    story.append(Spacer(0, 2.5 * mm))
    return story


def _contact(header: FormHeader) -> str:
    parts = []
    if clean(header.hotline):
        parts.append(f"Đường dây nóng: {esc(header.hotline)}.")
    if clean(header.centre_address):
        parts.append(f"Địa chỉ: {esc(header.centre_address)}.")
    return " ".join(parts)


def _signatures(st: Styles, *signers: Signer | None) -> KeepTogether:
    return KeepTogether([Spacer(0, 3 * mm), signature_table(st, list(signers))])


def _build(form: _Form, body: list[Flowable], st: Styles) -> bytes:
    local_time(form.header.issued_at)
    code = clean(form.dossier_code)
    short = form.title.capitalize()
    meta_title = f"{short} - {code}" if code else short
    continued = f"{short} - Mã hồ sơ: {code} (tiếp theo)" if code else f"{short} (tiếp theo)"
    subject = f"Mẫu số {form.number} - {form.legal_basis}" if form.number else short
    buf = io.BytesIO()
    doc = _FormDoc(
        buf, meta_title=meta_title, author=clean(form.header.centre_name), subject=subject,
        keywords=[code] if code else [], continued=continued, form_line=bool(form.number),
    )
    doc.build([NextPageTemplate("later"), *_top(form, st), *body], canvasmaker=numbered_canvas())
    return buf.getvalue()


def _set_form(header: FormHeader, form_set: FormSet, kind: str, fallback_title: str, dossier_code: str,
              qr_payload: str, **kw: str) -> _Form:
    return _Form(
        header=header,
        title=form_set.title(kind, fallback_title),
        number=form_set.number(kind),
        legal_basis=form_set.legal_basis if form_set.has(kind) else "",
        dossier_code=dossier_code,
        qr_payload=qr_payload,
        **kw,
    )


# --------------------------------------------------------------------------- applicant


def _applicant(st: Styles, intro: str, owner: PersonBlock, submitter: PersonBlock | None,
               procedure_code: str, procedure_name: str) -> list[Flowable]:
    P, body = Paragraph, st.body
    story: list[Flowable] = [P(f"{intro} <b>Ông/Bà {esc(owner.full_name)}</b>", body)]
    story += [P(line, body) for line in person_lines(owner)]
    if submitter is not None:
        story.append(P(submitter_line(submitter), body))
    code = f" (mã&nbsp;{esc(procedure_code)})" if clean(procedure_code) else ""
    story.append(P(f"Nội dung yêu cầu giải quyết: <b>{or_blank(procedure_name)}</b>{code}", body))
    return story


# --------------------------------------------------------------------------- 02


def _supplement_request(data: SupplementRequestData, st: Styles) -> bytes:
    form = _set_form(data.header, data.form_set, SUPPLEMENT_REQUEST, _TITLE_SUPPLEMENT,
                     data.dossier_code, data.qr_payload)
    P, body = Paragraph, st.body
    unit = esc(data.receiving_unit) or "Bộ phận tiếp nhận và trả kết quả"
    story = _applicant(st, f"{unit} hướng dẫn hoàn thiện hồ sơ của:", data.owner, data.submitter,
                       data.procedure_code, data.procedure_name)
    story += [
        P("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", body),
        Spacer(0, 1),
        documents_table(st, data.items, name_head="Nội dung cần bổ sung, hoàn thiện"),
        Spacer(0, 1.5),
        P(f"Lý do: {or_blank(data.reason)}", body),
        P(
            "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với "
            f"{or_blank(data.officer_name)}, số điện thoại {or_blank(data.officer_phone)} để được hướng dẫn./.",
            body,
        ),
    ]
    contact = _contact(data.header)
    if contact:
        story.append(P(contact, st.note))
    story.append(_signatures(st, None, Signer("NGƯỜI HƯỚNG DẪN", data.officer_name)))
    return _build(form, story, st)


# --------------------------------------------------------------------------- 03


def _refusal(data: RefusalData, st: Styles) -> bytes:
    form = _set_form(data.header, data.form_set, REFUSAL, _TITLE_REFUSAL, data.dossier_code, data.qr_payload)
    P, body = Paragraph, st.body
    unit = esc(data.receiving_unit) or "Bộ phận tiếp nhận và trả kết quả"
    story = _applicant(st, f"{unit} tiếp nhận hồ sơ của:", data.owner, data.submitter,
                       data.procedure_code, data.procedure_name)
    story += [
        P(
            f"Sau khi xem xét, {unit} thông báo không tiếp nhận, giải quyết hồ sơ này "
            "với lý do cụ thể như sau:",
            body,
        ),
        P(f"<b>{or_blank(data.reason)}</b>", body),
        P(
            "Mọi vướng mắc, đề nghị Ông/Bà liên hệ với "
            f"{or_blank(data.officer_name)}, số điện thoại {or_blank(data.officer_phone)} để được hướng dẫn.",
            body,
        ),
        P("Xin thông báo để Ông/Bà được biết và thực hiện./.", body),
    ]
    contact = _contact(data.header)
    if contact:
        story.append(P(contact, st.note))
    applicant = data.submitter.full_name if data.submitter is not None else data.owner.full_name
    story.append(_signatures(st, Signer("NGƯỜI NỘP HỒ SƠ", applicant),
                             Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name)))
    return _build(form, story, st)


# --------------------------------------------------------------------------- 04


def _recipients(st: Styles) -> list[Flowable]:
    return [
        Paragraph(f'<font name="{SERIF_BOLD}">Nơi nhận:</font>', st.small),
        Paragraph("- Như trên;", st.small),
        Paragraph("- Lưu: VT, hồ sơ.", st.small),
    ]


def _letter_signature(st: Styles, signer: Signer) -> KeepTogether:
    """An official letter's foot: "Nơi nhận" on the left, the signer on the right."""
    sig = signature_table(st, [signer], width=FRAME_WIDTH / 2, space=14 * mm)
    table = Table([[_recipients(st), sig]], colWidths=[FRAME_WIDTH / 2, FRAME_WIDTH / 2])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), *NO_PADDING]))
    return KeepTogether([Spacer(0, 3 * mm), table])


def _apology(data: ApologyData, st: Styles) -> bytes:
    fs = data.form_set
    form = _set_form(data.header, fs, APOLOGY, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
                     data.dossier_code, data.qr_payload, default_number="……/PXL")
    for dt in (data.received_at, data.original_due_at, data.new_due_at):
        local_time(dt)
    P, body = Paragraph, st.body
    agency = esc(running_name(data.agency_name or data.header.centre_name)) or "Cơ quan"
    owner = or_blank(data.owner_name)
    code = esc(data.dossier_code)
    story: list[Flowable] = [
        P(f"Kính gửi: <b>Ông/Bà {owner}</b>", st.body_center),
        Spacer(0, 2 * mm),
        P(
            f"Vào lúc {time_and_date(data.received_at)}, {agency} đã tiếp nhận hồ sơ của Ông/Bà"
            f" (mã hồ sơ: <b>{code or BLANK}</b>), nội dung yêu cầu giải quyết: {or_blank(data.procedure_name)}.",
            body,
        ),
        P(f"Thời hạn trả kết quả theo giấy tiếp nhận: {time_and_date(data.original_due_at)}.", body),
        P(f"Tuy nhiên, {agency} không thể trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn trên.", body),
        P(f"Lý do: {or_blank(data.reason)}", body),
    ]
    new_due = time_and_date(data.new_due_at)
    if fs.key == "tt01_2018":
        story.append(P(
            f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency} xin lỗi Ông/Bà và hẹn lại"
            f" thời gian trả kết quả giải quyết hồ sơ vào: <b>{new_due}</b>.",
            body,
        ))
    else:
        story.append(P(
            f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency} xin lỗi Ông/Bà và đề nghị gia hạn"
            f" thời gian giải quyết hồ sơ; thời gian trả kết quả mới: <b>{new_due}</b>.",
            body,
        ))
    story.append(P("Kính mong Ông/Bà thông cảm. Xin trân trọng cảm ơn./.", body))
    story.append(_letter_signature(st, Signer(
        clean(data.signer_title).upper() or "THỦ TRƯỞNG CƠ QUAN", data.signer_name,
        hint="(Ký, ghi rõ họ tên và đóng dấu)",
    )))
    return _build(form, story, st)


# --------------------------------------------------------------------------- 05 (2018) / 06 (2025)


def _agencies(value: tuple[str, ...] | str) -> str:
    items = [value] if isinstance(value, str) else list(value)
    items = [esc(x) for x in items if clean(x)]
    return "; ".join(items)


def _handoff_table(data: ControlSlipData, st: Styles) -> Table:
    widths_mm = (31, 19, 20, 20, 18, 16)
    widths = [w * mm for w in widths_mm]
    widths[-1] += FRAME_WIDTH - sum(widths)
    head = [
        Paragraph("Giao, nhận hồ sơ<br/>(từ đơn vị → đến đơn vị)", st.small_head),
        Paragraph("Thời gian<br/>giao, nhận<br/>(giờ, ngày)", st.small_head),
        Paragraph("Người giao<br/>(ký, ghi rõ<br/>họ tên)", st.small_head),
        Paragraph("Người nhận<br/>(ký, ghi rõ<br/>họ tên)", st.small_head),
        Paragraph("Kết quả<br/>(sớm hạn/<br/>đúng hạn/<br/>quá hạn)", st.small_head),
        Paragraph("Ghi chú", st.small_head),
    ]
    sign_room = 8 * mm

    def signed(name: str) -> list[Flowable]:
        return [Spacer(0, sign_room), Paragraph(esc(clip(name, CELL_LIMIT)), st.small_center)]

    rows: list[list[object]] = [head]
    n = 0
    for n, r in enumerate(data.rows, start=1):
        units = f"{n}. {esc(clip(r.from_unit, CELL_LIMIT)) or BLANK} → {esc(clip(r.to_unit, CELL_LIMIT)) or BLANK}"
        when = short_time_and_date(r.at, "<br/>") if r.at is not None else "…giờ…phút<br/>…/…/……"
        rows.append([
            Paragraph(units, st.small),
            Paragraph(when, st.small_center),
            signed(r.giver),
            signed(r.receiver),
            Paragraph(esc(clip(r.outcome, CELL_LIMIT)), st.small_center),
            Paragraph(esc(clip(r.note, CELL_LIMIT)), st.small),
        ])
    for k in range(n + 1, n + 1 + max(0, data.blank_rows)):
        rows.append([
            Paragraph(f"{k}. …… → ……", st.small),
            Paragraph("…giờ…phút<br/>…/…/……", st.small_center),
            [Spacer(0, sign_room)], "", "", "",
        ])
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
    # names sit at the foot of the signature cells, under the room to sign
    table.setStyle(grid_style([("VALIGN", (2, 1), (3, -1), "BOTTOM")], padding=2))
    return table


def _control_slip(data: ControlSlipData, st: Styles) -> bytes:
    form = _set_form(data.header, data.form_set, CONTROL_SLIP, _TITLE_CONTROL, data.dossier_code, data.qr_payload)
    local_time(data.received_at)
    local_time(data.due_at)
    P, body = Paragraph, st.body
    co = _agencies(data.co_agencies)
    story: list[Flowable] = [
        P(f"Kèm theo hồ sơ của: <b>Ông/Bà {or_blank(data.owner_name)}</b>", body),
        P(f"Nội dung yêu cầu giải quyết: {or_blank(data.procedure_name)}", body),
        P(f"Thời gian nhận hồ sơ: {time_and_date(data.received_at)}", body),
        P(f"Thời gian hẹn trả kết quả: <b>{time_and_date(data.due_at)}</b>", body),
        P(f"Cơ quan (bộ phận) chủ trì giải quyết: {or_blank(data.lead_agency)}", body),
        P(f"Cơ quan phối hợp giải quyết: {co or 'Không'}", body),
        Spacer(0, 1.5 * mm),
        _handoff_table(data, st),
        Spacer(0, 1.5 * mm),
        P("Ghi chú: hồ sơ giao, nhận lần đầu và lần cuối tại Bộ phận tiếp nhận và trả kết quả;"
          " mỗi lần giao, nhận ghi thời gian và ký xác nhận.", st.note),
    ]
    return _build(form, story, st)


# --------------------------------------------------------------------------- 05 (2025) stop notice


def _stop_notice(data: StopNoticeData, st: Styles) -> bytes:
    form = _set_form(data.header, data.form_set, STOP_NOTICE, _TITLE_STOP, data.dossier_code, data.qr_payload)
    P, body = Paragraph, st.body
    agency = esc(running_name(data.agency_name or data.header.centre_name)) or "Bộ phận Một cửa"
    story: list[Flowable] = [
        P(f"Kính gửi: <b>Ông/Bà {or_blank(data.owner_name)}</b>", st.body_center),
        Spacer(0, 2 * mm),
        P(
            f"Vào lúc {time_and_date(data.received_at)}, {agency} đã tiếp nhận hồ sơ của Ông/Bà"
            f" (mã hồ sơ: <b>{esc(data.dossier_code) or BLANK}</b>),"
            f" nội dung yêu cầu giải quyết: {or_blank(data.procedure_name)}.",
            body,
        ),
        P(f"{agency} thông báo <b>dừng giải quyết hồ sơ</b> nêu trên.", body),
        P(f"Lý do: {or_blank(data.reason)}", body),
        P("Xin thông báo để Ông/Bà được biết./.", body),
    ]
    contact = _contact(data.header)
    if contact:
        story.append(P(contact, st.note))
    story.append(_signatures(st, None, Signer(clean(data.signer_title).upper() or "NGƯỜI TIẾP NHẬN HỒ SƠ",
                                                data.officer_name)))
    return _build(form, story, st)


# --------------------------------------------------------------------------- practice forms


def _withdrawal(data: WithdrawalSlipData, st: Styles) -> bytes:
    form = _Form(header=data.header, title=TITLE_WITHDRAWAL, number="", legal_basis="",
                 dossier_code=data.dossier_code, qr_payload=data.qr_payload)
    local_time(data.received_at)
    P, body = Paragraph, st.body
    centre = esc(running_name(data.header.centre_name)) or "Bộ phận tiếp nhận và trả kết quả"
    story: list[Flowable] = [
        P(f"{centre} xác nhận <b>Ông/Bà {esc(data.owner.full_name) or BLANK}</b> đã rút hồ sơ sau đây:", body),
    ]
    story += [P(line, body) for line in person_lines(data.owner)]
    story += [
        P(f"Nội dung yêu cầu giải quyết: <b>{or_blank(data.procedure_name)}</b>", body),
        P(f"Thời gian nhận hồ sơ: {time_and_date(data.received_at)}", body),
        P(f"Thời gian rút hồ sơ: {time_and_date(data.header.issued_at)}", body),
        P(f"Lý do rút hồ sơ: {or_blank(data.reason)}", body),
        P("Hồ sơ đã được trả lại cho Ông/Bà; việc giải quyết hồ sơ chấm dứt kể từ thời điểm rút hồ sơ./.", body),
    ]
    story.append(_signatures(st, Signer("NGƯỜI RÚT HỒ SƠ", data.owner.full_name),
                             Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name)))
    return _build(form, story, st)


def _handover(data: HandoverReceiptData, st: Styles) -> bytes:
    form = _Form(header=data.header, title=TITLE_HANDOVER, number="", legal_basis="",
                 dossier_code=data.dossier_code, qr_payload=data.qr_payload, subtitle=SUBTITLE_HANDOVER)
    P, body = Paragraph, st.body
    collector = f"Người nhận kết quả: <b>Ông/Bà {or_blank(data.collector_name)}</b>"
    if clean(data.collector_id_number):
        collector += f"; Số định danh cá nhân: {esc(data.collector_id_number)}"
    story: list[Flowable] = [
        P(f"Hồ sơ của: <b>Ông/Bà {or_blank(data.owner_name)}</b>", body),
        P(f"Nội dung yêu cầu giải quyết: {or_blank(data.procedure_name)}", body),
        P(f"Kết quả giải quyết: <b>{or_blank(data.result_text)}</b>", body),
        P(f"Thời gian trả kết quả: {time_and_date(data.handed_at)}", body),
        P(collector, body),
    ]
    if clean(data.authorisation_note):
        story.append(P(f"Nhận thay chủ hồ sơ theo: {esc(data.authorisation_note)}", body))
    else:
        story.append(P("(Chủ hồ sơ trực tiếp nhận kết quả)", body))
    if clean(data.fees_text):
        story.append(P(f"Phí, lệ phí: {esc(data.fees_text)}", body))
    if clean(data.rating_label):
        story.append(P(f"Đánh giá mức độ hài lòng: {esc(data.rating_label)}", body))
    story.append(P("Người nhận kết quả đã kiểm tra và nhận đủ kết quả giải quyết hồ sơ nêu trên./.", body))
    story.append(_signatures(st, Signer("NGƯỜI NHẬN KẾT QUẢ", data.collector_name),
                             Signer("NGƯỜI TRẢ KẾT QUẢ", data.officer_name)))
    return _build(form, story, st)


def _forward_table(data: ForwardListData, st: Styles) -> Table:
    widths_mm = (7, 26, 30, 21, 15, 15, 8)
    widths = [w * mm for w in widths_mm]
    widths[2] += FRAME_WIDTH - sum(widths)
    pad = 2
    rows: list[list[object]] = [[
        Paragraph(h, st.small_head) for h in
        ("STT", "Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày nhận", "Hẹn trả", "Số bộ")
    ]]
    for i, r in enumerate(data.rows, start=1):
        rows.append([
            Paragraph(str(i), st.small_center),
            Paragraph(breakable(esc(r.dossier_code), SERIF, 8, widths[1] - 2 * pad), st.small),
            Paragraph(esc(clip(r.procedure_name, CELL_LIMIT)), st.small),
            Paragraph(esc(clip(r.owner_name, CELL_LIMIT)), st.small),
            Paragraph(short_time_and_date(r.received_at, "<br/>"), st.small_center),
            Paragraph(short_time_and_date(r.due_at, "<br/>"), st.small_center),
            Paragraph(str(r.sets), st.small_center),
        ])
    if not data.rows:
        rows.append(["", Paragraph("(không có)", st.small), "", "", "", "", ""])
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
    table.setStyle(grid_style(padding=pad))
    return table


def _forward_list(data: ForwardListData, st: Styles) -> bytes:
    form = _Form(header=data.header, title=TITLE_FORWARD, number="", legal_basis="", dossier_code="")
    P, body = Paragraph, st.body
    sets = sum(max(0, r.sets) for r in data.rows)
    story: list[Flowable] = [
        P(f"Bên giao: {or_blank(running_name(data.header.centre_name))}", body),
        P(f"Bên nhận: <b>{or_blank(data.agency)}</b>", body),
        P(f"Thời gian bàn giao: {time_and_date(data.header.issued_at)}", body),
        Spacer(0, 1.5 * mm),
        _forward_table(data, st),
        Spacer(0, 1.5 * mm),
        P(f"Tổng số: <b>{len(data.rows)}</b> hồ sơ ({sets} bộ).", body),
    ]
    story.append(_signatures(st, Signer("NGƯỜI GIAO", data.giver), Signer("NGƯỜI NHẬN", data.receiver)))
    return _build(form, story, st)


# --------------------------------------------------------------------------- dispatch

_RENDERERS: dict[type, Callable[[object, Styles], bytes]] = {
    SupplementRequestData: _supplement_request,  # type: ignore[dict-item]
    RefusalData: _refusal,  # type: ignore[dict-item]
    ApologyData: _apology,  # type: ignore[dict-item]
    ControlSlipData: _control_slip,  # type: ignore[dict-item]
    StopNoticeData: _stop_notice,  # type: ignore[dict-item]
    WithdrawalSlipData: _withdrawal,  # type: ignore[dict-item]
    HandoverReceiptData: _handover,  # type: ignore[dict-item]
    ForwardListData: _forward_list,  # type: ignore[dict-item]
}


def render_form(data: FormData) -> bytes:
    """Render one form as a PDF (A5 portrait, fonts embedded, one copy).

    Raises TypeError for an unknown data type and ValueError for naive date-times.
    A kind the data's form set lacks (a stop notice with the 2018 set) prints without
    the "Mẫu số" line.
    """
    renderer = _RENDERERS.get(type(data))
    if renderer is None:
        raise TypeError(f"no form for {type(data).__name__}")
    return renderer(data, styles())
