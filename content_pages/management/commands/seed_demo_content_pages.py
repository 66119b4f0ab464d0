"""The demo public site: home page, about and guidance pages, news, legal documents,
site settings and menus.

Idempotent: pages are found by slug, topics by slug, legal documents by number,
images and files by title, and left alone when they exist; menus and footer links
are written only while the settings have none, so an editor's changes survive a
second run. Facts come from DOMAIN.md (§1.1, §2, §3.2); what is not known is
written "(đang cập nhật)", never made up.
"""

import datetime
import io
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from content_pages.models import (
    FooterLink,
    HomePage,
    LegalDocument,
    LegalDocumentIndexPage,
    MainMenuItem,
    NewsIndexPage,
    NewsPage,
    NewsTopic,
    SiteSettings,
    StandardPage,
)
from content_pages.views.pages import site_chrome_clear
from lms.pdf import simple_pdf

UNKNOWN = "(đang cập nhật)"
SITE_NAME = "Bồi dưỡng bình đẳng giới"
ORGANISATION = "Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi"
ORGANISATION_EN = "Quảng Ngãi Provincial Committee for the Advancement of Women"
FOOTER_TEXT_EN = (
    "Online training on gender equality and the advancement of women, "
    "Quảng Ngãi province."
)
ADDRESS_EN = "(being updated)"
# The English label of each Vietnamese label the seed puts in the menu and footer.
LINK_LABELS_EN = {
    "Khóa học": "Courses",
    "Thư viện tài liệu": "Resource library",
    "Tin tức": "News",
    "Văn bản pháp luật": "Legal documents",
    "Giới thiệu": "About",
    "Hướng dẫn sử dụng": "User guide",
    "Tin tức – Sự kiện": "News and events",
}
LEGAL_COLLECTION = "Văn bản pháp luật"
NEWS_COLLECTION = "Tin tức – Sự kiện"
LIBRARY_URL = "/thu-vien/"  # the library seed runs after this one
BANNER_SIZE = (1200, 675)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

HOME_INTRO = (
    "<p>Nền tảng bồi dưỡng trực tuyến về <b>bình đẳng giới và vì sự tiến bộ của phụ nữ</b> "
    "của tỉnh Quảng Ngãi, dành cho cán bộ, công chức, thành viên Ban Vì sự tiến bộ của "
    "phụ nữ các cấp, người soạn thảo văn bản quy phạm pháp luật và giáo viên.</p>"
)


def heading(text):
    return ("heading", text)


def paragraph(html):
    return ("paragraph", RichText(html))


ABOUT = {
    "slug": "gioi-thieu",
    "title": "Giới thiệu Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi",
    "intro": (
        "Ban Vì sự tiến bộ của phụ nữ tỉnh giúp Ủy ban nhân dân tỉnh chỉ đạo, phối hợp "
        "công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trên địa bàn tỉnh."
    ),
    "body": [
        heading("Vai trò"),
        paragraph(
            "<p>Ban tham mưu cho Ủy ban nhân dân tỉnh trong việc triển khai Luật Bình đẳng "
            "giới, Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030 (Nghị quyết "
            "28/NQ-CP) và kế hoạch hành động của tỉnh (Quyết định 254/QĐ-UBND ngày "
            "19/4/2021); theo dõi, đôn đốc các sở, ngành, địa phương; tổng hợp báo cáo "
            "6 tháng và hằng năm.</p>"
            "<p>Ban phối hợp tổ chức các lớp bồi dưỡng kiến thức về bình đẳng giới cho cán "
            "bộ, công chức, thành viên Ban các cấp, người soạn thảo văn bản quy phạm pháp "
            "luật, cán bộ tư pháp cấp xã và giáo viên, và hưởng ứng Tháng hành động vì bình "
            "đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới (15/11–15/12) "
            "hằng năm.</p>"
        ),
        heading("Tổ chức và thành viên"),
        paragraph(
            "<ul><li>Trưởng ban: một Phó Chủ tịch Ủy ban nhân dân tỉnh.</li>"
            "<li>Thành viên: lãnh đạo các sở, ban, ngành và đoàn thể của tỉnh; danh sách "
            f"{UNKNOWN}.</li>"
            "<li>Cơ quan thường trực: Sở Lao động – Thương binh và Xã hội (đến tháng "
            "2/2025); từ tháng 3/2025 nhiệm vụ quản lý nhà nước về bình đẳng giới chuyển "
            f"sang ngành Nội vụ (Sở Nội vụ) — tổ chức của Ban sau sắp xếp {UNKNOWN}.</li>"
            "</ul>"
        ),
        paragraph(
            "<p>Từ ngày 01/7/2025, tỉnh Quảng Ngãi mới (hợp nhất tỉnh Kon Tum và tỉnh "
            "Quảng Ngãi) có 96 đơn vị hành chính cấp xã: 86 xã, 9 phường và đặc khu Lý "
            "Sơn; không còn cấp huyện.</p>"
        ),
        heading("Liên hệ"),
        paragraph(
            f"<p>Địa chỉ: {UNKNOWN}<br>Điện thoại: {UNKNOWN}<br>"
            f"Thư điện tử: {UNKNOWN}</p>"
        ),
    ],
}

GUIDE = {
    "slug": "huong-dan-su-dung",
    "title": "Hướng dẫn sử dụng",
    "intro": "Các bước để học trực tuyến, làm bài kiểm tra và tìm tài liệu trên nền tảng.",
    "body": [
        heading("Đăng nhập"),
        paragraph(
            "<p>Chọn <b>Đăng nhập</b> ở đầu trang, nhập tên đăng nhập (hoặc thư điện tử) "
            "và mật khẩu do đơn vị cấp. Quên mật khẩu: chọn <b>Quên mật khẩu</b> để nhận "
            "thư đặt lại.</p>"
        ),
        heading("Học một khóa học"),
        paragraph(
            "<ol><li>Mở <b>Khóa học</b> trên trình đơn và chọn một khóa.</li>"
            "<li>Chọn <b>Đăng ký</b>; một số khóa cần đơn vị duyệt.</li>"
            "<li>Học lần lượt các bài; tiến độ được lưu tự động, có thể học tiếp trên "
            "điện thoại.</li>"
            "<li>Làm bài kiểm tra cuối khóa để hoàn thành khóa học.</li></ol>"
        ),
        heading("Tìm tài liệu"),
        paragraph(
            "<p>Ô <b>Tìm kiếm</b> ở đầu trang tìm trong khóa học, tin tức, văn bản pháp "
            "luật và thư viện tài liệu. Có thể gõ không dấu: “binh dang gioi” tìm thấy "
            "“bình đẳng giới”.</p>"
        ),
        heading("Cần hỗ trợ"),
        paragraph(f"<p>Liên hệ Ban Vì sự tiến bộ của phụ nữ tỉnh: {UNKNOWN}.</p>"),
    ],
}

TOPICS = {
    "thang-hanh-dong": "Tháng hành động",
    "ngay-ky-niem": "Ngày kỷ niệm",
    "dao-tao-boi-duong": "Đào tạo, bồi dưỡng",
}


@dataclass(frozen=True)
class NewsItem:
    slug: str
    title: str
    # `datetime.date`: the field's name hides the type in the class body.
    date: datetime.date
    topic: str
    summary: str
    paragraphs: tuple[str, ...]
    colour: str
    event_start: datetime.date | None = None
    event_end: datetime.date | None = None


NEWS = [
    NewsItem(
        slug="phat-dong-thang-hanh-dong-2026",
        title=(
            "Phát động Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với "
            "bạo lực trên cơ sở giới năm 2026"
        ),
        date=date(2026, 11, 13),
        event_start=date(2026, 11, 15),
        event_end=date(2026, 12, 15),
        topic="thang-hanh-dong",
        summary=(
            "Từ 15/11 đến 15/12/2026, các sở, ngành, địa phương và trường học trong tỉnh "
            "hưởng ứng Tháng hành động với nhiều hoạt động truyền thông và bồi dưỡng."
        ),
        paragraphs=(
            "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ "
            "sở giới được tổ chức hằng năm từ ngày 15/11 đến ngày 15/12.",
            "Trong tháng, các cơ quan, đơn vị treo băng rôn, tổ chức nói chuyện chuyên đề, "
            "sinh hoạt câu lạc bộ trong trường học và mở các lớp bồi dưỡng trực tuyến trên "
            "nền tảng này.",
            "Cán bộ, giáo viên có thể đăng ký khóa học “Kiến thức chung về bình đẳng giới” "
            "và tải tài liệu truyền thông trong thư viện tài liệu.",
        ),
        colour="#c2410c",
    ),
    NewsItem(
        slug="ky-niem-ngay-quoc-te-phu-nu-2026",
        title="Kỷ niệm Ngày Quốc tế Phụ nữ 8/3/2026",
        date=date(2026, 3, 6),
        event_start=date(2026, 3, 8),
        topic="ngay-ky-niem",
        summary=(
            "Các cơ quan, đơn vị tổ chức gặp mặt, tôn vinh phụ nữ và tuyên truyền về bình "
            "đẳng giới nhân Ngày Quốc tế Phụ nữ."
        ),
        paragraphs=(
            "Nhân Ngày Quốc tế Phụ nữ 8/3, các cơ quan, đơn vị trong tỉnh tổ chức gặp mặt, "
            "tôn vinh phụ nữ tiêu biểu và tuyên truyền các quy định của Luật Bình đẳng giới.",
            "Nền tảng giới thiệu bộ câu hỏi tìm hiểu về bình đẳng giới trong lĩnh vực lao "
            "động và gia đình.",
        ),
        colour="#8a1c5c",
    ),
    NewsItem(
        slug="ngay-gia-dinh-viet-nam-2026",
        title="Hưởng ứng Ngày Gia đình Việt Nam 28/6/2026",
        date=date(2026, 6, 26),
        event_start=date(2026, 6, 28),
        topic="ngay-ky-niem",
        summary=(
            "Chia sẻ việc nhà, đối xử công bằng giữa con trai và con gái: những thông điệp "
            "của Ngày Gia đình Việt Nam năm nay."
        ),
        paragraphs=(
            "Luật Bình đẳng giới (Điều 18) quy định vợ, chồng bình đẳng trong quan hệ dân "
            "sự, cùng quyết định biện pháp kế hoạch hóa gia đình; con trai, con gái được "
            "đối xử bình đẳng; các thành viên nam, nữ cùng chia sẻ công việc gia đình.",
            "Các trường học tổ chức hoạt động trải nghiệm về chia sẻ việc nhà với học sinh "
            "và cha mẹ học sinh.",
        ),
        colour="#15803d",
    ),
    NewsItem(
        slug="ngay-phu-nu-viet-nam-2026",
        title="Kỷ niệm Ngày Phụ nữ Việt Nam 20/10/2026",
        date=date(2026, 10, 19),
        event_start=date(2026, 10, 20),
        topic="ngay-ky-niem",
        summary=(
            "Tôn vinh những đóng góp của phụ nữ trong tỉnh và nhìn lại kết quả thực hiện "
            "mục tiêu bình đẳng giới trong lĩnh vực chính trị."
        ),
        paragraphs=(
            "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030 đặt mục tiêu 60% "
            "(năm 2025) và 75% (năm 2030) cơ quan quản lý nhà nước, chính quyền địa phương "
            "các cấp có lãnh đạo chủ chốt là nữ.",
            "Nhân dịp 20/10, Ban Vì sự tiến bộ của phụ nữ tỉnh giới thiệu các khóa học về "
            "lồng ghép giới trong xây dựng văn bản quy phạm pháp luật.",
        ),
        colour="#1d4ed8",
    ),
    NewsItem(
        slug="thong-bao-lop-boi-duong-binh-dang-gioi-2026",
        title="Thông báo mở lớp bồi dưỡng kiến thức về bình đẳng giới năm 2026",
        date=date(2026, 11, 2),
        event_start=date(2026, 11, 23),
        event_end=date(2026, 11, 27),
        topic="dao-tao-boi-duong",
        summary=(
            "Lớp bồi dưỡng kết hợp trực tuyến và trực tiếp dành cho thành viên Ban Vì sự "
            "tiến bộ của phụ nữ cấp xã; đăng ký trên nền tảng."
        ),
        paragraphs=(
            "Lớp bồi dưỡng gồm bốn chuyên đề: kiến thức chung về bình đẳng giới; kỹ năng "
            "truyền thông về bình đẳng giới; lồng ghép vấn đề bình đẳng giới trong xây "
            "dựng văn bản quy phạm pháp luật; Chiến lược quốc gia về bình đẳng giới.",
            "Học viên học phần lý thuyết trên nền tảng, làm bài kiểm tra cuối khóa và nhận "
            "giấy chứng nhận hoàn thành. Địa điểm học trực tiếp: "
            f"{UNKNOWN}.",
        ),
        colour="#7c3aed",
    ),
]


@dataclass(frozen=True)
class LegalItem:
    number: str
    title: str
    kind: str
    issuer: str
    issued_on: date
    summary: str
    effective_from: date | None = None
    status: str = LegalDocument.Status.IN_FORCE
    replaced_by: str = ""


# DOMAIN.md §3.2 (and §1.2 for the Strategy, the 2022 plan for the province's acts).
# Dates marked [U] in the report were not in DOMAIN.md and need checking before use.
LEGAL_DOCUMENTS = [
    LegalItem(
        number="73/2006/QH11",
        title="Luật Bình đẳng giới",
        kind=LegalDocument.Kind.LAW,
        issuer="Quốc hội",
        issued_on=date(2006, 11, 29),
        effective_from=date(2007, 7, 1),
        summary=(
            "Quy định nguyên tắc bình đẳng giới trong mọi lĩnh vực của đời sống xã hội và "
            "gia đình, biện pháp bảo đảm bình đẳng giới, trách nhiệm của cơ quan, tổ chức, "
            "gia đình, cá nhân. Tám lĩnh vực: chính trị, kinh tế, lao động, giáo dục và đào "
            "tạo, khoa học và công nghệ, văn hóa – thông tin – thể dục thể thao, y tế, gia "
            "đình."
        ),
    ),
    LegalItem(
        number="70/2008/NĐ-CP",
        title="Nghị định quy định chi tiết thi hành một số điều của Luật Bình đẳng giới",
        kind=LegalDocument.Kind.DECREE,
        issuer="Chính phủ",
        issued_on=date(2008, 6, 4),
        effective_from=date(2008, 7, 3),
        summary=(
            "Quy định trách nhiệm quản lý nhà nước về bình đẳng giới: Chính phủ thống nhất "
            "quản lý; Bộ chủ quản chịu trách nhiệm trước Chính phủ; Ủy ban nhân dân các cấp "
            "quản lý nhà nước về bình đẳng giới tại địa phương."
        ),
    ),
    LegalItem(
        number="48/2009/NĐ-CP",
        title="Nghị định quy định về các biện pháp bảo đảm bình đẳng giới",
        kind=LegalDocument.Kind.DECREE,
        issuer="Chính phủ",
        issued_on=date(2009, 5, 19),
        summary=(
            "Quy định nội dung lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy "
            "phạm pháp luật: xác định vấn đề giới, dự báo tác động đối với nam và nữ, xác "
            "định nguồn nhân lực và tài chính cần thiết."
        ),
    ),
    LegalItem(
        number="55/2009/NĐ-CP",
        title="Nghị định quy định xử phạt vi phạm hành chính về bình đẳng giới",
        kind=LegalDocument.Kind.DECREE,
        issuer="Chính phủ",
        issued_on=date(2009, 6, 10),
        status=LegalDocument.Status.REPLACED,
        replaced_by="125/2021/NĐ-CP",
        summary=(
            "Quy định các hành vi vi phạm hành chính về bình đẳng giới, hình thức và mức "
            "xử phạt. Được thay thế bởi Nghị định 125/2021/NĐ-CP từ ngày 01/01/2022."
        ),
    ),
    LegalItem(
        number="125/2021/NĐ-CP",
        title="Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực bình đẳng giới",
        kind=LegalDocument.Kind.DECREE,
        issuer="Chính phủ",
        issued_on=date(2021, 12, 28),
        effective_from=date(2022, 1, 1),
        summary=(
            "Gồm 4 chương, 23 điều; mức phạt tiền tối đa đối với cá nhân là 30.000.000 "
            "đồng. Quy định hành vi vi phạm trong các lĩnh vực chính trị, lao động, giáo "
            "dục, gia đình và biện pháp khắc phục hậu quả như xin lỗi công khai."
        ),
    ),
    LegalItem(
        number="17/2014/TT-BTP",
        title=(
            "Thông tư quy định về lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản "
            "quy phạm pháp luật"
        ),
        kind=LegalDocument.Kind.CIRCULAR,
        issuer="Bộ Tư pháp",
        issued_on=date(2014, 8, 13),
        summary=(
            "Hướng dẫn các bước lồng ghép: xác định, phân tích vấn đề giới và dự báo tác "
            "động giới khi đề nghị xây dựng văn bản; đánh giá tác động giới và lấy ý kiến "
            "khi soạn thảo."
        ),
    ),
    LegalItem(
        number="80/2015/QH13",
        title="Luật Ban hành văn bản quy phạm pháp luật năm 2015",
        kind=LegalDocument.Kind.LAW,
        issuer="Quốc hội",
        issued_on=date(2015, 6, 22),
        effective_from=date(2016, 7, 1),
        status=LegalDocument.Status.REPLACED,
        replaced_by="64/2025/QH15",
        summary=(
            "Quy định trình tự, thủ tục xây dựng, ban hành văn bản quy phạm pháp luật, "
            "trong đó có nguyên tắc bảo đảm lồng ghép vấn đề bình đẳng giới. Được thay "
            "thế bởi Luật 64/2025/QH15 từ ngày 01/4/2025."
        ),
    ),
    LegalItem(
        number="64/2025/QH15",
        title="Luật Ban hành văn bản quy phạm pháp luật năm 2025",
        kind=LegalDocument.Kind.LAW,
        issuer="Quốc hội",
        issued_on=date(2025, 2, 19),
        effective_from=date(2025, 4, 1),
        summary=(
            "Gồm 9 chương, 72 điều, có hiệu lực từ ngày 01/4/2025; chính quyền cấp xã "
            "không còn thẩm quyền ban hành văn bản quy phạm pháp luật."
        ),
    ),
    LegalItem(
        number="28/NQ-CP",
        title="Nghị quyết ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030",
        kind=LegalDocument.Kind.RESOLUTION,
        issuer="Chính phủ",
        issued_on=date(2021, 3, 3),
        effective_from=date(2021, 3, 3),
        summary=(
            "Sáu mục tiêu: chính trị; kinh tế, lao động; đời sống gia đình và phòng ngừa "
            "bạo lực trên cơ sở giới; y tế; giáo dục và đào tạo; thông tin, truyền thông. "
            "Mục tiêu 60% (2025) và 75% (2030) cơ quan, chính quyền các cấp có lãnh đạo "
            "chủ chốt là nữ."
        ),
    ),
    LegalItem(
        number="254/QĐ-UBND",
        title=(
            "Quyết định ban hành Kế hoạch hành động thực hiện Chiến lược quốc gia về bình "
            "đẳng giới giai đoạn 2021–2030 trên địa bàn tỉnh Quảng Ngãi"
        ),
        kind=LegalDocument.Kind.DECISION,
        issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
        issued_on=date(2021, 4, 19),
        summary=(
            "Cụ thể hóa các mục tiêu của Chiến lược quốc gia cho tỉnh, trong đó tỷ lệ nạn "
            "nhân bạo lực gia đình, bạo lực trên cơ sở giới được tiếp cận ít nhất một dịch "
            "vụ hỗ trợ cơ bản đạt 70% (2025) và 80% (2030)."
        ),
    ),
    LegalItem(
        number="72/KH-UBND",
        title=(
            "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ tỉnh "
            "Quảng Ngãi năm 2024"
        ),
        kind=LegalDocument.Kind.PLAN,
        issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
        issued_on=date(2024, 3, 25),
        summary=(
            "Nhiệm vụ năm 2024 của các sở, ngành, địa phương về bình đẳng giới và vì sự "
            "tiến bộ của phụ nữ, gồm truyền thông, bồi dưỡng và hưởng ứng Tháng hành động."
        ),
    ),
]


def _collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _child(parent: Page, model, slug: str, **fields):
    """The child page with this slug, created (live) when missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    return parent.add_child(instance=model(slug=slug, **fields)), True


def _banner_png(text: str, colour: str) -> bytes:
    """A 1200×675 banner with the item's title, as a stand-in for a photograph."""
    banner = PillowImage.new("RGB", BANNER_SIZE, colour)
    draw = ImageDraw.Draw(banner)
    font = ImageFont.truetype(FONT, 56)
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > 1040 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    y = (BANNER_SIZE[1] - 72 * len(lines)) // 2
    for text_line in lines:
        draw.text((80, y), text_line, font=font, fill="#ffffff")
        y += 72
    buffer = io.BytesIO()
    banner.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


class Command(BaseCommand):
    help = (
        "Create the demo public site: home, about, guide, news, legal documents, "
        "menus (idempotent)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        home = self.home_page()
        about, _ = _child(home, StandardPage, ABOUT["slug"], **self.standard(ABOUT))
        guide, _ = _child(home, StandardPage, GUIDE["slug"], **self.standard(GUIDE))
        news_index = self.news(home)
        legal_index = self.legal_documents(home)
        self.site_settings(about=about, guide=guide, news=news_index, legal=legal_index)
        site_chrome_clear()

    def home_page(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            home = Page.get_first_root_node().add_child(
                instance=HomePage(
                    title="Bồi dưỡng bình đẳng giới Quảng Ngãi",
                    slug="trang-chu",
                    intro=HOME_INTRO,
                    search_description=(
                        "Bồi dưỡng trực tuyến về bình đẳng giới cho cán bộ, thành viên "
                        "Ban Vì sự tiến bộ của phụ nữ và giáo viên tỉnh Quảng Ngãi."
                    ),
                )
            )
        elif not home.intro:
            home.intro = HOME_INTRO
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=SITE_NAME,
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = SITE_NAME
            site.save()
            # Wagtail's placeholder "Welcome" page has no use once the home page exists.
            if old_root.specific_class is Page and old_root.depth == 2:
                old_root.delete()
        return home

    @staticmethod
    def standard(spec: dict) -> dict:
        return {
            "title": spec["title"],
            "intro": spec["intro"],
            "search_description": spec["intro"],
            "body": spec["body"],
        }

    def news(self, home: HomePage) -> NewsIndexPage:
        index, _ = _child(
            home,
            NewsIndexPage,
            "tin-tuc",
            title="Tin tức – Sự kiện",
            intro=(
                "<p>Tin hoạt động về bình đẳng giới và vì sự tiến bộ của phụ nữ trong "
                "tỉnh; các ngày kỷ niệm và Tháng hành động 15/11–15/12.</p>"
            ),
        )
        topics = {
            slug: NewsTopic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in TOPICS.items()
        }
        collection = _collection(NEWS_COLLECTION)
        for item in NEWS:
            if NewsPage.objects.filter(slug=item.slug).exists():
                continue
            _child(
                index,
                NewsPage,
                item.slug,
                title=item.title,
                date=item.date,
                event_start=item.event_start,
                event_end=item.event_end,
                topic=topics[item.topic],
                summary=item.summary,
                image=self.banner(item, collection),
                body=[paragraph(f"<p>{text}</p>") for text in item.paragraphs],
            )
        return index

    @staticmethod
    def banner(item: NewsItem, collection: Collection):
        image_model = get_image_model()
        title = f"Ảnh minh họa: {item.title}"[:255]
        image = image_model.objects.filter(title=title).first()
        if image is None:
            png = _banner_png(item.title, item.colour)
            image = image_model(
                title=title,
                collection=collection,
                description=item.title[:255],
                file=ImageFile(io.BytesIO(png), name=f"{item.slug}.png"),
            )
            image._set_image_file_metadata()
            image.save()
        return image

    def legal_documents(self, home: HomePage) -> LegalDocumentIndexPage:
        index, _ = _child(
            home,
            LegalDocumentIndexPage,
            "van-ban-phap-luat",
            title="Văn bản pháp luật",
            intro=(
                "<p>Luật, nghị định, thông tư, quyết định và kế hoạch về bình đẳng giới "
                "và vì sự tiến bộ của phụ nữ, với số hiệu, ngày ban hành, tình trạng hiệu "
                "lực và tệp văn bản tóm tắt.</p>"
            ),
        )
        collection = _collection(LEGAL_COLLECTION)
        records = {}
        for item in LEGAL_DOCUMENTS:
            record, _ = LegalDocument.objects.get_or_create(
                number=item.number,
                defaults={
                    "title": item.title,
                    "kind": item.kind,
                    "issuer": item.issuer,
                    "issued_on": item.issued_on,
                    "effective_from": item.effective_from,
                    "status": item.status,
                    "summary": item.summary,
                },
            )
            if record.document_id is None:
                record.document = self.summary_pdf(record, collection)
                record.save(update_fields=["document"])
            records[item.number] = record
        for item in LEGAL_DOCUMENTS:
            record = records[item.number]
            if item.replaced_by and record.replaced_by_id is None:
                record.replaced_by = records[item.replaced_by]
                record.save(update_fields=["replaced_by"])
        return index

    @staticmethod
    def summary_pdf(record: LegalDocument, collection: Collection):
        document_model = get_document_model()
        title = f"{record.number} — {record.title}"[:255]
        document = document_model.objects.filter(title=title).first()
        if document is not None:
            return document
        pdf = simple_pdf(
            f"{record.get_kind_display()} {record.number}",
            [
                record.title,
                record.summary,
                "Bản tóm tắt phục vụ bồi dưỡng; khi áp dụng, xem toàn văn chính thức.",
            ],
            subtitle=f"{record.issuer}, ngày {record.issued_on:%d/%m/%Y}",
        )
        filename = record.number.replace("/", "-") + ".pdf"
        document = document_model(title=title, collection=collection)
        document.file.save(filename, ContentFile(pdf), save=False)
        document._set_document_file_metadata()
        document.file.close()
        document.save()
        return document

    def site_settings(self, *, about, guide, news, legal) -> None:
        site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.for_site(site)
        settings.organisation_name = ORGANISATION
        if not settings.address:
            settings.address = UNKNOWN
        if not settings.footer_text:
            settings.footer_text = (
                "Nền tảng bồi dưỡng trực tuyến về bình đẳng giới và vì sự tiến bộ của "
                "phụ nữ tỉnh Quảng Ngãi."
            )
        settings.organisation_name_en = settings.organisation_name_en or ORGANISATION_EN
        settings.footer_text_en = settings.footer_text_en or FOOTER_TEXT_EN
        if settings.address == UNKNOWN and not settings.address_en:
            settings.address_en = ADDRESS_EN
        settings.save()
        if not MainMenuItem.objects.filter(settings=settings).exists():
            menu = [
                ("Khóa học", None, reverse("courses:catalogue")),
                ("Thư viện tài liệu", None, LIBRARY_URL),
                ("Tin tức", news, ""),
                ("Văn bản pháp luật", legal, ""),
                ("Giới thiệu", about, ""),
            ]
            for order, (label, page, url) in enumerate(menu):
                MainMenuItem.objects.create(
                    settings=settings,
                    sort_order=order,
                    label=label,
                    label_en=LINK_LABELS_EN[label],
                    link_page=page,
                    link_url=url,
                )
        if not FooterLink.objects.filter(settings=settings).exists():
            footer = [
                ("Giới thiệu", about),
                ("Hướng dẫn sử dụng", guide),
                ("Văn bản pháp luật", legal),
                ("Tin tức – Sự kiện", news),
            ]
            for order, (label, page) in enumerate(footer):
                FooterLink.objects.create(
                    settings=settings,
                    sort_order=order,
                    label=label,
                    label_en=LINK_LABELS_EN[label],
                    link_page=page,
                )
        # A site seeded before the English labels existed gets them too.
        for model in (MainMenuItem, FooterLink):
            for item in model.objects.filter(settings=settings, label_en=""):
                if item.label in LINK_LABELS_EN:
                    item.label_en = LINK_LABELS_EN[item.label]
                    item.save(update_fields=["label_en"])
