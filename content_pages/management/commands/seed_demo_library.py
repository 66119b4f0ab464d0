"""The demo school resource library: a library page and 23 resources with PDF files.

Content follows DOMAIN.md §3.4 (gender education in schools: the MOET–UNESCO
2016 guide, grade-11 "Bình đẳng giới", the school clubs of the 2022 plan) and
the province's plan in /work/shared/source/. Files are generated PDFs (lesson
plans with objectives, materials, timed activities and assessment; worksheets
with questions) stored as Wagtail documents.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection

from content_pages.models import (
    Audience,
    HomePage,
    ResourceBookmark,
    ResourceDownload,
    ResourceFile,
    ResourceFormat,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
    SchoolLevel,
)
from content_pages.services import resource_download_record
from lms.pdf import simple_pdf
from people.models import User

COLLECTION_NAME = "Thư viện giáo dục giới"
LIBRARY_TITLE = "Thư viện tài liệu giáo dục giới"
LIBRARY_SLUG = "thu-vien"
LIBRARY_INTRO = (
    "<p>Giáo án, phiếu bài tập, bài trình chiếu, áp phích và sổ tay để giáo viên "
    "dạy về <b>giới và bình đẳng giới</b>, phòng, chống bạo lực trên cơ sở giới và "
    "tảo hôn, an toàn trên mạng, và bộ tài liệu cho <b>câu lạc bộ trường học</b> "
    "(Kế hoạch bình đẳng giới của tỉnh giao Sở Giáo dục và Đào tạo tập huấn giáo "
    "viên và xây dựng mô hình câu lạc bộ trong trường học).</p>"
)
MATERIALS = [
    "Máy chiếu hoặc bảng phụ; giấy A0, bút dạ, giấy nhớ.",
    "Phiếu bài tập in sẵn cho mỗi nhóm (kèm theo tài liệu này).",
]


@dataclass(frozen=True)
class TopicContent:
    """What a lesson plan, a worksheet or a handbook on a topic says."""

    objectives: list[str]
    activities: list[tuple[int, str]]
    assessment: list[str]
    questions: list[str]
    points: list[str]


TOPICS = {
    "gioi-va-gioi-tinh": TopicContent(
        objectives=[
            "Phân biệt được giới và giới tính theo Điều 5 Luật Bình đẳng giới 2006.",
            "Nêu được ví dụ về vai trò giới do xã hội tạo nên và có thể thay đổi.",
            "Tôn trọng sự khác biệt, không phân biệt đối xử vì giới.",
        ],
        activities=[
            (
                5,
                "Khởi động: trò chơi “Ai làm việc này?” – chia các thẻ công việc "
                "vào cột Nam, Nữ, Cả hai.",
            ),
            (
                15,
                "Hình thành kiến thức: đọc Điều 5 khoản 1, 2 Luật Bình đẳng giới; "
                "nhóm lập bảng so sánh đặc điểm sinh học và đặc điểm xã hội.",
            ),
            (
                15,
                "Luyện tập: làm phiếu bài tập, xếp các câu nói vào “giới” hay "
                "“giới tính”; các nhóm trình bày, giáo viên kết luận.",
            ),
            (
                10,
                "Vận dụng: mỗi học sinh viết một việc trong gia đình mình có thể "
                "chia sẻ công bằng hơn giữa nam và nữ.",
            ),
        ],
        assessment=[
            "Quan sát mức độ tham gia thảo luận nhóm.",
            "Chấm phiếu bài tập: đạt khi phân loại đúng từ 6/8 câu trở lên.",
        ],
        questions=[
            "Giới tính là gì? Giới là gì? Cho mỗi khái niệm một ví dụ.",
            "“Phụ nữ sinh con” là đặc điểm giới hay giới tính? Vì sao?",
            "“Con trai không được khóc” là đặc điểm giới hay giới tính? Vì sao?",
            "Kể hai công việc trong gia đình em mà cả nam và nữ đều làm được.",
            "Theo Luật Bình đẳng giới 2006, bình đẳng giới là gì?",
        ],
        points=[
            "Giới tính chỉ các đặc điểm sinh học của nam, nữ (Luật Bình đẳng giới, "
            "Điều 5 khoản 2).",
            "Giới chỉ đặc điểm, vị trí, vai trò của nam và nữ trong tất cả các mối "
            "quan hệ xã hội (Điều 5 khoản 1); giới do học mà có và thay đổi được.",
            "Bình đẳng giới là việc nam, nữ có vị trí, vai trò ngang nhau, được tạo "
            "điều kiện và cơ hội phát huy năng lực và thụ hưởng như nhau thành quả "
            "của sự phát triển (Điều 5 khoản 3).",
        ],
    ),
    "dinh-kien-gioi": TopicContent(
        objectives=[
            "Nhận diện được định kiến giới trong lời nói, tranh ảnh, sách giáo khoa.",
            "Giải thích được tác hại của định kiến giới đối với lựa chọn học tập, "
            "nghề nghiệp.",
            "Đề xuất được cách nói, cách làm không định kiến.",
        ],
        activities=[
            (
                5,
                "Khởi động: xem hai bức tranh (bác sĩ, y tá) và đoán giới tính nhân "
                "vật; giáo viên đặt câu hỏi vì sao ta đoán như vậy.",
            ),
            (
                15,
                "Tìm hiểu: các nhóm tìm trong sách giáo khoa những hình ảnh gắn "
                "nam với lãnh đạo, nữ với việc nhà (theo tài liệu Bộ GD&ĐT – UNESCO "
                "2016 về lồng ghép giới).",
            ),
            (
                15,
                "Thảo luận: “Nghề nào cũng có thể là nghề của em” – mỗi nhóm chọn "
                "một nghề và phản bác một câu nói định kiến.",
            ),
            (10, "Tổng kết: lập “cam kết lớp học không định kiến” dán trên bảng lớp."),
        ],
        assessment=[
            "Mỗi nhóm chỉ ra ít nhất hai ví dụ định kiến và cách sửa.",
            "Học sinh tự đánh giá bằng phiếu “Em đã từng nói câu nào?”.",
        ],
        questions=[
            "Định kiến giới là gì? Ghi một câu nói định kiến em từng nghe.",
            "Câu “Con gái học kém toán” gây hại như thế nào cho bạn nữ?",
            "Tìm một hình ảnh trong sách giáo khoa chỉ vẽ nam giới làm lãnh đạo. "
            "Em sẽ vẽ lại thế nào?",
            "Nghề điều dưỡng, nghề kỹ sư: nghề nào dành cho nam, nghề nào cho nữ? "
            "Giải thích.",
        ],
        points=[
            "Định kiến giới là nhận thức, thái độ và đánh giá thiên lệch, tiêu cực "
            "về đặc điểm, vị trí, vai trò và năng lực của nam hoặc nữ (Luật Bình "
            "đẳng giới, Điều 5 khoản 4).",
            "Tài liệu Bộ GD&ĐT – UNESCO (2016) hướng dẫn rà soát tranh ảnh, ngữ liệu, "
            "ví dụ trong sách giáo khoa để cân bằng hình ảnh nam và nữ.",
            "Giáo viên gọi học sinh nam và nữ phát biểu như nhau, giao việc trực "
            "nhật, lao động không theo giới.",
        ],
    ),
    "bao-luc-gioi": TopicContent(
        objectives=[
            "Nhận diện được các hình thức bạo lực trên cơ sở giới: thể chất, tinh "
            "thần, tình dục, kinh tế, trên mạng.",
            "Biết các bước tìm trợ giúp: nói với người tin cậy, giáo viên chủ nhiệm, "
            "tổ tư vấn học đường, Tổng đài 111.",
            "Có thái độ không im lặng, không đổ lỗi cho người bị bạo lực.",
        ],
        activities=[
            (
                5,
                "Khởi động: “Đúng hay sai?” với các câu như “Trêu chọc về ngoại hình "
                "chỉ là đùa”.",
            ),
            (
                15,
                "Tình huống: các nhóm đọc ba tình huống ở trường (bị chạm vào người, "
                "bị tung ảnh, bị ép làm thay bài) và xác định hình thức bạo lực.",
            ),
            (
                15,
                "Đóng vai: luyện cách từ chối, cách hỗ trợ bạn và cách báo cho "
                "người lớn tin cậy.",
            ),
            (
                10,
                "Tổng kết: lập sơ đồ “Ai giúp em?” với số điện thoại của trường và "
                "Tổng đài quốc gia bảo vệ trẻ em 111.",
            ),
        ],
        assessment=[
            "Học sinh xác định đúng hình thức bạo lực trong ít nhất 2/3 tình huống.",
            "Phần đóng vai thể hiện được lời từ chối rõ ràng và tìm trợ giúp.",
        ],
        questions=[
            "Kể tên ba hình thức bạo lực trên cơ sở giới có thể xảy ra ở trường.",
            "Bạn em bị nhắn tin đe dọa tung ảnh. Em sẽ làm gì trước tiên?",
            "Vì sao người bị bạo lực thường im lặng? Em có thể giúp bạn thế nào?",
            "Tổng đài quốc gia bảo vệ trẻ em là số nào? Gọi có mất tiền không?",
        ],
        points=[
            "Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai "
            "đoạn 2021–2025 được Kế hoạch của tỉnh đưa vào tuyên truyền trong "
            "trường học.",
            "Ba bước ứng phó: bảo đảm an toàn cho học sinh; báo cáo ban giám hiệu "
            "và tổ tư vấn; chuyển gửi đến y tế, công an, dịch vụ hỗ trợ khi cần.",
            "Giữ bí mật thông tin của học sinh; không đổ lỗi, không bắt đối chất "
            "với người gây bạo lực.",
        ],
    ),
    "tao-hon": TopicContent(
        objectives=[
            "Nêu được tuổi kết hôn theo Luật Hôn nhân và gia đình 2014: nam từ đủ "
            "20 tuổi, nữ từ đủ 18 tuổi.",
            "Phân tích được hậu quả của tảo hôn đối với sức khỏe, học tập, kinh tế.",
            "Biết cách lên tiếng, tìm trợ giúp khi bị ép kết hôn sớm.",
        ],
        activities=[
            (
                5,
                "Khởi động: nghe câu chuyện về bạn A Pơ bỏ học năm lớp 9 để lấy chồng.",
            ),
            (
                15,
                "Tìm hiểu luật: đọc Điều 8 Luật Hôn nhân và gia đình 2014; nhóm trả "
                "lời “Bao nhiêu tuổi thì được kết hôn?”.",
            ),
            (
                15,
                "Cây vấn đề: rễ là nguyên nhân, thân là tảo hôn, cành lá là hậu "
                "quả; các nhóm hoàn thành và trình bày.",
            ),
            (
                10,
                "Vận dụng: viết thông điệp gửi cha mẹ và bản làng về việc để con "
                "đi học, không gả con sớm.",
            ),
        ],
        assessment=[
            "Học sinh nêu đúng tuổi kết hôn của nam và nữ.",
            "Cây vấn đề của nhóm có ít nhất ba hậu quả và ba nguyên nhân.",
        ],
        questions=[
            "Theo luật, nam và nữ được kết hôn từ bao nhiêu tuổi?",
            "Nêu ba hậu quả của tảo hôn đối với bạn gái.",
            "Nếu gia đình ép em lấy chồng hoặc lấy vợ sớm, em có thể nhờ ai giúp?",
            "Vì sao tảo hôn còn xảy ra ở một số xã miền núi?",
        ],
        points=[
            "Tảo hôn là việc lấy vợ, lấy chồng khi một bên hoặc cả hai bên chưa đủ "
            "tuổi kết hôn (nam đủ 20, nữ đủ 18 tuổi).",
            "Tảo hôn làm các em bỏ học, sinh con sớm, tăng nguy cơ tai biến sản khoa "
            "và nghèo đói kéo dài.",
            "Tổ chức tảo hôn bị xử phạt vi phạm hành chính; trưởng thôn, già làng, "
            "giáo viên cùng vận động các gia đình.",
        ],
    ),
    "an-toan-mang": TopicContent(
        objectives=[
            "Nhận diện được các nguy cơ trên mạng: lừa đảo, dụ dỗ, quấy rối, phát "
            "tán ảnh riêng tư.",
            "Thực hành cài đặt quyền riêng tư và chặn, báo cáo tài khoản xấu.",
            "Biết tìm trợ giúp khi bị bắt nạt hoặc xâm hại qua mạng.",
        ],
        activities=[
            (
                5,
                "Khởi động: khảo sát nhanh “Em dùng mạng xã hội nào, bao nhiêu giờ "
                "mỗi ngày?”.",
            ),
            (
                15,
                "Tình huống: người lạ khen ngợi, tặng thẻ cào rồi xin ảnh riêng tư; "
                "các nhóm chỉ ra dấu hiệu nguy hiểm.",
            ),
            (
                15,
                "Thực hành: trên điện thoại, tắt chia sẻ vị trí, đặt tài khoản ở chế "
                "độ riêng tư, chặn và báo cáo.",
            ),
            (
                10,
                "Tổng kết: quy tắc “Dừng lại – Chặn – Lưu bằng chứng – Báo người "
                "lớn tin cậy”.",
            ),
        ],
        assessment=[
            "Học sinh nêu đúng bốn bước của quy tắc an toàn.",
            "Phiếu bài tập: nhận diện được ít nhất ba dấu hiệu dụ dỗ.",
        ],
        questions=[
            "Kể ba dấu hiệu cho thấy một người lạ trên mạng có ý xấu.",
            "Vì sao không nên gửi ảnh riêng tư cho bất kỳ ai?",
            "Khi bị đe dọa tung ảnh, em cần lưu lại những bằng chứng gì?",
            "Em sẽ nói gì với bạn đang bị bắt nạt trên mạng?",
        ],
        points=[
            "Bạo lực trên cơ sở giới trên mạng gồm quấy rối, đe dọa, phát tán hình "
            "ảnh riêng tư, giả mạo tài khoản.",
            "Cha mẹ nên trò chuyện, cùng con đặt quy tắc dùng mạng thay vì cấm đoán.",
            "Tổng đài 111 và các kênh báo cáo của nền tảng mạng xã hội tiếp nhận "
            "thông tin về xâm hại trẻ em qua mạng.",
        ],
    ),
    "cau-lac-bo": TopicContent(
        objectives=[
            "Thành lập và vận hành được câu lạc bộ truyền thông phòng, chống bạo lực "
            "trên cơ sở giới trong trường học.",
            "Lập được kế hoạch sinh hoạt cả năm với các chủ đề theo tháng.",
            "Tổ chức hoạt động hưởng ứng Tháng hành động vì bình đẳng giới "
            "(15/11–15/12).",
        ],
        activities=[
            (
                10,
                "Giới thiệu: mục đích câu lạc bộ, quy chế, ban chủ nhiệm do học "
                "sinh bầu, giáo viên phụ trách.",
            ),
            (
                20,
                "Sinh hoạt mẫu “Thủ lĩnh của sự thay đổi”: trò chơi, thảo luận "
                "tình huống, cam kết hành động.",
            ),
            (
                20,
                "Lập kế hoạch: các nhóm chọn chủ đề tháng (giới và giới tính, quyền "
                "trẻ em, tảo hôn, an toàn trên mạng) và phân công.",
            ),
            (10, "Đánh giá buổi sinh hoạt bằng “hộp thư góp ý” và sổ theo dõi."),
        ],
        assessment=[
            "Câu lạc bộ có quy chế, danh sách thành viên và kế hoạch năm học.",
            "Mỗi học kỳ tổ chức ít nhất một hoạt động truyền thông toàn trường.",
        ],
        questions=[
            "Câu lạc bộ của lớp em sẽ chọn chủ đề nào cho tháng 11? Vì sao?",
            "Ghi ba việc thành viên câu lạc bộ có thể làm khi thấy bạn bị bắt nạt.",
            "Thiết kế một khẩu hiệu cho Tháng hành động vì bình đẳng giới.",
        ],
        points=[
            "Kế hoạch của tỉnh giao Sở Giáo dục và Đào tạo hướng dẫn các trường xây "
            "dựng mô hình “Câu lạc bộ truyền thông phòng, chống bạo lực trên cơ sở "
            "giới trong trường học”.",
            "Mỗi câu lạc bộ có giáo viên phụ trách, ban chủ nhiệm học sinh, sinh hoạt "
            "định kỳ mỗi tháng một lần.",
            "Hoạt động tiêu biểu: sân khấu hóa, thi vẽ tranh, góc truyền thông, hộp "
            "thư “Điều em muốn nói”.",
        ],
    ),
}


@dataclass(frozen=True)
class DemoResource:
    slug: str
    title: str
    summary: str
    levels: list[str]
    topics: list[str]
    formats: list[str]
    audiences: list[str]
    subject: str = ""
    access: str = ResourcePage.Access.PUBLIC
    video_url: str = ""
    extra_points: list[str] = field(default_factory=list)


TEACHERS = ResourcePage.Access.TEACHERS
LOGGED_IN = ResourcePage.Access.LOGGED_IN

RESOURCES = [
    DemoResource(
        "giao-an-gioi-va-gioi-tinh-thcs",
        "Giáo án: Giới và giới tính",
        "Tiết học 45 phút giúp học sinh THCS phân biệt giới và giới tính, nhận ra "
        "vai trò giới có thể thay đổi.",
        ["thcs"],
        ["gioi-va-gioi-tinh"],
        ["giao-an", "phieu-bai-tap"],
        ["giao-vien", "hoc-sinh"],
        subject="Giáo dục công dân 8; Hoạt động trải nghiệm, hướng nghiệp",
    ),
    DemoResource(
        "phieu-bai-tap-gioi-va-gioi-tinh",
        "Phiếu bài tập: Phân biệt giới và giới tính",
        "Tám câu nói để học sinh xếp vào “giới” hoặc “giới tính”, kèm gợi ý đáp án "
        "cho giáo viên.",
        ["thcs", "thpt"],
        ["gioi-va-gioi-tinh"],
        ["phieu-bai-tap"],
        ["hoc-sinh"],
    ),
    DemoResource(
        "bai-11-binh-dang-gioi-gdktpl-11",
        "Bài 11. Bình đẳng giới – Giáo dục kinh tế và pháp luật 11",
        "Giáo án và bài trình chiếu cho bài “Bình đẳng giới” lớp 11 (bộ Chân trời "
        "sáng tạo; số bài có thể khác ở bộ sách khác).",
        ["thpt"],
        ["gioi-va-gioi-tinh", "dinh-kien-gioi"],
        ["giao-an", "bai-trinh-chieu"],
        ["giao-vien"],
        subject="Giáo dục kinh tế và pháp luật 11: Bài 11. Bình đẳng giới",
        extra_points=[
            "Chương trình giáo dục phổ thông 2018 (Thông tư 32/2018/TT-BGDĐT) đưa "
            "nội dung bình đẳng giới vào môn Giáo dục kinh tế và pháp luật.",
        ],
    ),
    DemoResource(
        "trinh-chieu-luat-binh-dang-gioi",
        "Bài trình chiếu: Luật Bình đẳng giới 2006 qua tình huống",
        "Hai mươi trang trình chiếu về tám lĩnh vực bình đẳng giới, mỗi lĩnh vực "
        "một tình huống để học sinh thảo luận.",
        ["thpt", "gdnn"],
        ["gioi-va-gioi-tinh"],
        ["bai-trinh-chieu"],
        ["giao-vien", "hoc-sinh"],
        access=LOGGED_IN,
    ),
    DemoResource(
        "giao-an-dinh-kien-gioi-trong-sach-giao-khoa",
        "Giáo án: Nhận diện định kiến giới trong sách giáo khoa",
        "Học sinh tự rà soát tranh ảnh và ví dụ trong sách giáo khoa theo hướng dẫn "
        "lồng ghép giới của Bộ GD&ĐT và UNESCO (2016).",
        ["thcs", "thpt"],
        ["dinh-kien-gioi"],
        ["giao-an"],
        ["giao-vien"],
        subject="Ngữ văn; Giáo dục công dân",
    ),
    DemoResource(
        "phieu-bai-tap-nghe-nghiep-khong-co-gioi-tinh",
        "Phiếu bài tập: Nghề nghiệp không có giới tính",
        "Phiếu hướng nghiệp giúp học sinh nhận ra và phản bác các câu nói định kiến "
        "về nghề “của nam”, nghề “của nữ”.",
        ["thcs"],
        ["dinh-kien-gioi"],
        ["phieu-bai-tap"],
        ["hoc-sinh"],
        subject="Hoạt động trải nghiệm, hướng nghiệp 9",
    ),
    DemoResource(
        "so-tay-long-ghep-gioi-trong-gio-hoc",
        "Sổ tay giảng viên: Lồng ghép giới trong giờ học",
        "Các bước và công cụ lồng ghép giới khi soạn bài, chọn ví dụ và tổ chức lớp "
        "học, dành cho giảng viên cao đẳng, đại học.",
        ["cao-dang", "dai-hoc"],
        ["dinh-kien-gioi"],
        ["so-tay"],
        ["giao-vien"],
        access=TEACHERS,
    ),
    DemoResource(
        "giao-an-nhan-dien-bao-luc-gioi-trong-truong-hoc",
        "Giáo án: Nhận diện bạo lực trên cơ sở giới trong trường học",
        "Tiết học dựa trên ba tình huống ở trường, giúp học sinh THPT nhận diện bạo "
        "lực trên cơ sở giới và biết tìm trợ giúp.",
        ["thpt"],
        ["bao-luc-gioi"],
        ["giao-an", "phieu-bai-tap"],
        ["giao-vien", "hoc-sinh"],
        subject="Hoạt động trải nghiệm, hướng nghiệp 10",
    ),
    DemoResource(
        "quy-trinh-ung-pho-bao-luc-gioi",
        "Quy trình tiếp nhận, ứng phó và chuyển gửi bạo lực trên cơ sở giới",
        "Hướng dẫn dành riêng cho giáo viên và tổ tư vấn học đường: bảo đảm an toàn, "
        "báo cáo, chuyển gửi, giữ bí mật.",
        ["thcs", "thpt", "gdnn"],
        ["bao-luc-gioi"],
        ["so-tay"],
        ["giao-vien"],
        access=TEACHERS,
    ),
    DemoResource(
        "ap-phich-noi-khong-voi-bao-luc-gioi",
        "Áp phích: Nói không với bạo lực trên cơ sở giới ở trường",
        "Áp phích khổ A3 với quy tắc “Không im lặng – Nói với người tin cậy – Gọi "
        "111”, để dán ở lớp học, thư viện.",
        ["thcs", "thpt"],
        ["bao-luc-gioi"],
        ["ap-phich"],
        ["hoc-sinh"],
    ),
    DemoResource(
        "video-cau-chuyen-cua-lan",
        "Video: Câu chuyện của Lan – lên tiếng khi bị quấy rối",
        "Phim ngắn 6 phút và hướng dẫn thảo luận sau khi xem, cho học sinh THPT và "
        "trường nghề.",
        ["thpt", "gdnn"],
        ["bao-luc-gioi"],
        ["video"],
        ["hoc-sinh", "giao-vien"],
        # A placeholder link for the demo; editors replace it with the real film.
        video_url="https://www.youtube.com/watch?v=BDG2026demo",
    ),
    DemoResource(
        "giao-an-quay-roi-tinh-duc-truong-nghe",
        "Giáo án: Phòng, chống quấy rối tình dục ở trường nghề và nơi thực tập",
        "Tiết học cho học sinh, sinh viên giáo dục nghề nghiệp trước kỳ thực tập ở "
        "doanh nghiệp.",
        ["gdnn", "cao-dang"],
        ["bao-luc-gioi"],
        ["giao-an"],
        ["giao-vien"],
        access=TEACHERS,
    ),
    DemoResource(
        "giao-an-tao-hon",
        "Giáo án: Tảo hôn – hậu quả và cách phòng ngừa",
        "Tiết học cho học sinh THCS vùng miền núi: tuổi kết hôn theo luật, cây vấn "
        "đề, thông điệp gửi cha mẹ.",
        ["thcs"],
        ["tao-hon"],
        ["giao-an", "phieu-bai-tap"],
        ["giao-vien", "hoc-sinh"],
    ),
    DemoResource(
        "to-gap-cha-me-khong-tao-hon",
        "Tờ gấp cho cha mẹ: Để con đi học, không gả con sớm",
        "Tờ gấp song ngữ Việt – Hrê dễ đọc, để giáo viên gửi cha mẹ học sinh trong "
        "buổi họp phụ huynh.",
        ["thcs", "thpt"],
        ["tao-hon"],
        ["ap-phich"],
        ["cha-me"],
    ),
    DemoResource(
        "phieu-bai-tap-tuoi-ket-hon",
        "Phiếu bài tập: Luật Hôn nhân và gia đình về tuổi kết hôn",
        "Câu hỏi tình huống về tuổi kết hôn và quyền được đi học, cho học sinh THPT.",
        ["thpt"],
        ["tao-hon"],
        ["phieu-bai-tap"],
        ["hoc-sinh"],
        subject="Giáo dục kinh tế và pháp luật 11",
    ),
    DemoResource(
        "giao-an-an-toan-tren-mang",
        "Giáo án: An toàn trên mạng – phòng tránh xâm hại qua mạng",
        "Tiết học có phần thực hành cài đặt quyền riêng tư, chặn và báo cáo tài "
        "khoản trên điện thoại.",
        ["thcs", "thpt"],
        ["an-toan-mang"],
        ["giao-an"],
        ["giao-vien"],
        subject="Tin học; Hoạt động trải nghiệm",
    ),
    DemoResource(
        "so-tay-cha-me-an-toan-tren-mang",
        "Sổ tay cho cha mẹ: Đồng hành cùng con an toàn trên mạng",
        "Gợi ý để cha mẹ trò chuyện với con, cùng đặt quy tắc dùng điện thoại và "
        "biết nơi báo cáo khi con gặp nguy hiểm.",
        ["thcs"],
        ["an-toan-mang"],
        ["so-tay"],
        ["cha-me"],
        access=LOGGED_IN,
    ),
    DemoResource(
        "trinh-chieu-bao-luc-gioi-tren-mang",
        "Bài trình chiếu: Bạo lực trên cơ sở giới trên mạng",
        "Nhận diện và ứng phó với quấy rối, đe dọa, phát tán ảnh riêng tư trên mạng, "
        "cho sinh viên cao đẳng, đại học.",
        ["cao-dang", "dai-hoc"],
        ["an-toan-mang", "bao-luc-gioi"],
        ["bai-trinh-chieu"],
        ["hoc-sinh"],
    ),
    DemoResource(
        "bo-tai-lieu-thanh-lap-cau-lac-bo",
        "Bộ tài liệu CLB: Thành lập câu lạc bộ truyền thông phòng, chống bạo lực "
        "trên cơ sở giới",
        "Quy chế mẫu, quy trình thành lập, sổ theo dõi và kế hoạch năm học cho câu "
        "lạc bộ trong trường học.",
        ["thcs", "thpt", "gdnn"],
        ["cau-lac-bo", "bao-luc-gioi"],
        ["so-tay"],
        ["giao-vien"],
        access=TEACHERS,
    ),
    DemoResource(
        "sinh-hoat-clb-thu-linh-cua-su-thay-doi",
        "Bộ tài liệu CLB: Sinh hoạt “Thủ lĩnh của sự thay đổi”",
        "Kế hoạch một buổi sinh hoạt câu lạc bộ cho học sinh THCS và phiếu hoạt động "
        "cho các nhóm.",
        ["thcs"],
        ["cau-lac-bo"],
        ["giao-an", "phieu-bai-tap"],
        ["giao-vien", "hoc-sinh"],
    ),
    DemoResource(
        "ap-phich-thang-hanh-dong-binh-dang-gioi",
        "Áp phích CLB: Tháng hành động vì bình đẳng giới 15/11–15/12",
        "Áp phích và khẩu hiệu để câu lạc bộ trường học hưởng ứng Tháng hành động vì "
        "bình đẳng giới và phòng, chống bạo lực trên cơ sở giới.",
        ["thcs", "thpt", "cao-dang", "dai-hoc"],
        ["cau-lac-bo"],
        ["ap-phich"],
        ["hoc-sinh"],
    ),
    DemoResource(
        "hoc-phan-gioi-trong-dao-tao-giao-vien",
        "Giáo án học phần: Giới và bình đẳng giới trong đào tạo giáo viên",
        "Một buổi học của học phần về giới cho sinh viên sư phạm, theo Đề án của Bộ "
        "GD&ĐT và Kế hoạch 1586/KH-BGDĐT.",
        ["cao-dang", "dai-hoc"],
        ["gioi-va-gioi-tinh", "dinh-kien-gioi"],
        ["giao-an", "bai-trinh-chieu"],
        ["giao-vien"],
        subject="Học phần Giới và bình đẳng giới (sư phạm)",
        extra_points=[
            "Đề án giảng dạy về giới và bình đẳng giới trong đào tạo giáo viên giai "
            "đoạn 2024–2030; Kế hoạch 1586/KH-BGDĐT; chính thức giảng dạy từ 2025.",
        ],
    ),
    DemoResource(
        "phieu-khao-sat-dinh-kien-gioi-lop-hoc",
        "Phiếu khảo sát: Định kiến giới trong lớp học của em",
        "Phiếu khảo sát ẩn danh để lớp tự nhìn lại cách phân công việc và cách nói "
        "về bạn nam, bạn nữ.",
        ["gdnn"],
        ["dinh-kien-gioi"],
        ["phieu-bai-tap"],
        ["hoc-sinh"],
    ),
]

# The teacher's demo bookmarks and downloads.
TEACHER_BOOKMARKS = [
    "giao-an-nhan-dien-bao-luc-gioi-trong-truong-hoc",
    "bo-tai-lieu-thanh-lap-cau-lac-bo",
    "bai-11-binh-dang-gioi-gdktpl-11",
]
TEACHER_DOWNLOADS = [
    "giao-an-nhan-dien-bao-luc-gioi-trong-truong-hoc",
    "quy-trinh-ung-pho-bao-luc-gioi",
    "bai-11-binh-dang-gioi-gdktpl-11",
    "giao-an-tao-hon",
]


def lesson_plan_paragraphs(
    resource: DemoResource, content: TopicContent, level_names: dict[str, str]
) -> list:
    return [
        f"Cấp học: {', '.join(level_names[code] for code in resource.levels)}. "
        "Thời lượng: 45 phút.",
        *([f"Môn học: {resource.subject}."] if resource.subject else []),
        "I. MỤC TIÊU",
        *(f"- {objective}" for objective in content.objectives),
        "II. CHUẨN BỊ",
        *(f"- {material}" for material in MATERIALS),
        "III. TIẾN TRÌNH DẠY HỌC",
        *(
            f"Hoạt động {number} ({minutes} phút). {text}"
            for number, (minutes, text) in enumerate(content.activities, start=1)
        ),
        "IV. ĐÁNH GIÁ",
        *(f"- {item}" for item in content.assessment),
        "V. KIẾN THỨC CẦN NẮM",
        *(f"- {point}" for point in [*content.points, *resource.extra_points]),
    ]


def worksheet_paragraphs(
    resource: DemoResource, content: TopicContent, level_names: dict[str, str]
) -> list:
    return [
        "Họ và tên: ........................................ Lớp: ..........",
        "Hãy đọc kỹ và trả lời các câu hỏi sau.",
        *(
            f"Câu {number}. {question}\n...................................."
            for number, question in enumerate(content.questions, start=1)
        ),
    ]


def handbook_paragraphs(
    resource: DemoResource, content: TopicContent, level_names: dict[str, str]
) -> list:
    return [
        resource.summary,
        "NHỮNG ĐIỀU CẦN BIẾT",
        *(f"- {point}" for point in [*content.points, *resource.extra_points]),
        "GỢI Ý SỬ DỤNG",
        *(f"- {objective}" for objective in content.objectives),
    ]


FILE_KINDS = {
    "giao-an": ("Giáo án", lesson_plan_paragraphs),
    "phieu-bai-tap": ("Phiếu bài tập", worksheet_paragraphs),
}


class Command(BaseCommand):
    help = "Create the demo school resource library with PDF files (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("No home page: run seed_demo_content_pages first.")
        self.level_names = dict(SchoolLevel.objects.values_list("code", "name"))
        self.facets = {
            "levels": {value.code: value for value in SchoolLevel.objects.all()},
            "topics": {value.code: value for value in ResourceTopic.objects.all()},
            "formats": {value.code: value for value in ResourceFormat.objects.all()},
            "audiences": {value.code: value for value in Audience.objects.all()},
        }
        self.collection = self.ensure_collection()
        library = self.ensure_library(home)
        created = sum(self.ensure_resource(library, spec) for spec in RESOURCES)
        self.seed_teacher_activity(library)
        if self.verbosity:
            self.stdout.write(
                f"Library: {len(RESOURCES)} resources ({created} created)."
            )

    def ensure_collection(self) -> Collection:
        existing = Collection.objects.filter(name=COLLECTION_NAME).first()
        if existing:
            return existing
        return Collection.get_first_root_node().add_child(name=COLLECTION_NAME)

    def ensure_library(self, home) -> ResourceLibraryPage:
        library = ResourceLibraryPage.objects.child_of(home).filter(slug=LIBRARY_SLUG)
        if library.exists():
            return library.get()
        page = home.add_child(
            instance=ResourceLibraryPage(
                title=LIBRARY_TITLE, slug=LIBRARY_SLUG, intro=LIBRARY_INTRO, live=False
            )
        )
        page.save_revision().publish()
        return ResourceLibraryPage.objects.get(pk=page.pk)

    def ensure_resource(self, library, spec: DemoResource) -> bool:
        if ResourcePage.objects.child_of(library).filter(slug=spec.slug).exists():
            return False
        content = TOPICS[spec.topics[0]]
        page = ResourcePage(
            title=spec.title,
            slug=spec.slug,
            summary=spec.summary,
            description="".join(
                f"<p>{point}</p>" for point in [*content.points, *spec.extra_points]
            ),
            subject=spec.subject,
            access=spec.access,
            video_url=spec.video_url,
            school_levels=[self.facets["levels"][code] for code in spec.levels],
            topics=[self.facets["topics"][code] for code in spec.topics],
            formats=[self.facets["formats"][code] for code in spec.formats],
            audiences=[self.facets["audiences"][code] for code in spec.audiences],
            live=False,
        )
        page.files = [
            ResourceFile(document=document, title=title, sort_order=order)
            for order, (title, document) in enumerate(self.make_files(spec, content))
        ]
        library.add_child(instance=page)
        page.save_revision().publish()
        return True

    def make_files(self, spec: DemoResource, content: TopicContent):
        """A lesson plan and/or a worksheet when the formats say so; else one
        document in the resource's own format (handbook, poster, slides, guide)."""
        kinds = [code for code in spec.formats if code in FILE_KINDS]
        if not kinds:
            name = self.facets["formats"][spec.formats[0]].name
            if spec.formats[0] == "video":
                name = "Hướng dẫn thảo luận"
            yield (
                name,
                self.make_document(
                    spec,
                    name,
                    handbook_paragraphs(spec, content, self.level_names),
                    suffix="tai-lieu",
                ),
            )
            return
        for code in kinds:
            label, paragraphs = FILE_KINDS[code]
            yield (
                label,
                self.make_document(
                    spec,
                    label,
                    paragraphs(spec, content, self.level_names),
                    suffix=code,
                ),
            )

    def make_document(self, spec, label: str, paragraphs: list, *, suffix: str):
        content = simple_pdf(
            spec.title,
            paragraphs,
            subtitle=f"{label} · Thư viện giáo dục giới · Tỉnh Quảng Ngãi",
        )
        document = get_document_model()(
            title=f"{label}: {spec.title}",
            collection=self.collection,
            file_size=len(content),
            file_hash=hashlib.sha1(content, usedforsecurity=False).hexdigest(),
        )
        document.file.save(
            f"{spec.slug}-{suffix}.pdf", ContentFile(content), save=False
        )
        document.save()
        return document

    def seed_teacher_activity(self, library) -> None:
        """Bookmarks and downloads of the `teacher` account, once."""
        teacher = User.objects.filter(username="teacher").first()
        if teacher is None:
            if self.verbosity:
                self.stdout.write("No `teacher` account: no demo bookmarks, downloads.")
            return
        resources = {page.slug: page for page in ResourcePage.objects.child_of(library)}
        for slug in TEACHER_BOOKMARKS:
            ResourceBookmark.objects.get_or_create(
                user=teacher, resource=resources[slug]
            )
        if ResourceDownload.objects.filter(user=teacher).exists():
            return
        for slug in TEACHER_DOWNLOADS:
            first_file = resources[slug].files.order_by("sort_order").first()
            resource_download_record(resource_file=first_file, user=teacher)
