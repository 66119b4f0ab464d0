"""K5 — Sinh hoạt CLB "Thủ lĩnh của sự thay đổi" (four club sessions).

Written for lower-secondary pupils, with notes for the facilitator (dẫn trình viên).
Sources (DOMAIN.md §3.2–3.3, §4): Luật Bình đẳng giới Đ5 k1–2, Đ10, Đ14; Luật Hôn nhân
và gia đình 2014 Đ8 (marriage age); NĐ 125/2021/NĐ-CP Đ9; Dự án 8. Children's rights
are taught in general terms without article numbers (the Law on Children is not in
DOMAIN.md); hotlines 111 and 113 are general knowledge.
"""

from .blocks import (
    LAW_73,
    bullets,
    callout,
    faq,
    heading,
    para,
    quote,
    reflection,
    table,
)

LESSON_1 = [
    callout(
        "<p><b>Dành cho dẫn trình viên:</b> buổi sinh hoạt khoảng 90 phút. Chuẩn bị "
        "giấy A0, bút màu, thẻ giấy. Đặt ba quy tắc ngay đầu buổi: lắng nghe, không chê "
        "cười, được quyền không kể chuyện riêng.</p>",
    ),
    heading("Khởi động: “Ai làm được?”"),
    para(
        "Dẫn trình viên đọc lần lượt: nấu cơm, làm kỹ sư, chăm em bé, lái máy cày, làm "
        "y tá, đá bóng, mang thai, làm chủ tịch xã, khóc khi buồn. Với mỗi việc, các em "
        "giơ thẻ “Nam”, “Nữ” hoặc “Cả hai”. Sau đó cả nhóm xem lại: việc nào <b>chỉ</b> "
        "một giới làm được vì cơ thể? Chỉ có mang thai. Mọi việc còn lại cả nam và nữ "
        "đều làm được."
    ),
    heading("Giới và giới tính khác nhau thế nào?"),
    quote(
        "1. Giới chỉ đặc điểm, vị trí, vai trò của nam và nữ trong tất cả các mối quan "
        "hệ xã hội.\n2. Giới tính chỉ các đặc điểm sinh học của nam, nữ.",
        "Điều 5, khoản 1 và khoản 2",
    ),
    para(
        "Nói dễ hiểu: <b>giới tính</b> là những gì cơ thể mình có từ khi sinh ra. "
        "<b>Giới</b> là những điều mọi người xung quanh “mong đợi” ở con trai, con gái: "
        "con trai phải mạnh mẽ, không được khóc; con gái phải dịu dàng, phải làm việc "
        "nhà. Những mong đợi này do con người đặt ra nên có thể thay đổi. Khi mong đợi "
        "trở thành khuôn cứng, nó gọi là <b>định kiến giới</b> và làm các bạn mất cơ hội."
    ),
    table(
        [
            ["Câu nói", "Giới hay giới tính?", "Có phải định kiến?"],
            ["Con gái có thể mang thai khi lớn lên", "Giới tính", "Không"],
            ["Con trai không được khóc", "Giới", "Có"],
            ["Con gái học toán kém hơn", "Giới", "Có"],
            ["Con trai vỡ giọng ở tuổi dậy thì", "Giới tính", "Không"],
        ],
        caption="Trò chơi phân loại",
    ),
    heading("Em được quyền chọn ước mơ của mình"),
    para(
        "Luật Bình đẳng giới (Điều 14) quy định nam, nữ bình đẳng về độ tuổi đi học và "
        "trong lựa chọn ngành, nghề học tập, đào tạo. Bạn nữ có thể muốn làm kỹ sư, bạn "
        "nam có thể muốn làm giáo viên mầm non. Ép hoặc cản trở ai chọn môn học, ngành "
        "nghề vì lý do giới tính là hành vi bị xử phạt."
    ),
    faq(
        (
            "Con trai làm việc nhà có bị coi là “kém”?",
            "Không. Việc nhà là việc của mọi thành viên. Luật Bình đẳng giới quy định "
            "các thành viên nam, nữ trong gia đình có trách nhiệm chia sẻ công việc "
            "gia đình.",
        ),
        (
            "Bạn em bị trêu vì thích chơi búp bê dù là con trai. Em nên làm gì?",
            "Đứng về phía bạn, nói với người trêu rằng ai cũng có quyền có sở thích "
            "riêng, và báo thầy cô nếu việc trêu chọc tiếp diễn.",
        ),
    ),
    reflection(
        "Em đã từng nghe câu “Con trai/con gái thì không được…” chưa? Câu đó là gì, và "
        "em nghĩ thế nào về nó?",
        "Không cần kể tên người nói.",
    ),
]

LESSON_2 = [
    callout(
        "<p><b>Dành cho dẫn trình viên:</b> chủ đề tảo hôn có thể chạm đến hoàn cảnh "
        "gia đình của học sinh. Không hỏi đích danh; nếu một em chia sẻ mình hoặc người "
        "thân sắp bị ép kết hôn, nói chuyện riêng với em sau buổi sinh hoạt và báo ban "
        "giám hiệu.</p>",
        kind="warning",
    ),
    heading("Quyền của trẻ em"),
    para(
        "Mỗi trẻ em đều có quyền được sống an toàn, được đi học, được chăm sóc sức khỏe, "
        "được vui chơi, được nói lên ý kiến về những việc liên quan đến mình, và được "
        "bảo vệ khỏi bạo lực, xâm hại, bóc lột. Quyền của trẻ em trai và trẻ em gái là "
        "như nhau. Luật Bình đẳng giới cũng quy định nam, nữ bình đẳng về độ tuổi đi học."
    ),
    heading("Hoạt động: “Cây quyền”"),
    para(
        "Các nhóm vẽ một cái cây. Rễ cây là những điều giúp trẻ em lớn lên khỏe mạnh "
        "(gia đình, trường học, bạn bè). Thân cây là các quyền. Lá cây là ước mơ của "
        "từng bạn. Sau đó các nhóm dán lên cây những “con sâu” — những điều có thể làm "
        "cây héo: bỏ học sớm, bị đánh, bị ép lấy chồng, lấy vợ khi còn nhỏ."
    ),
    heading("Tảo hôn là gì?"),
    para(
        "Luật Hôn nhân và gia đình năm 2014 quy định tuổi kết hôn: <b>nam từ đủ 20 "
        "tuổi, nữ từ đủ 18 tuổi</b>. Kết hôn khi chưa đủ tuổi là tảo hôn, vi phạm pháp "
        "luật."
    ),
    table(
        [
            ["Tảo hôn làm mất gì?", "Vì sao?"],
            ["Việc học", "Phải nghỉ học để lo gia đình, làm ăn"],
            ["Sức khỏe", "Cơ thể chưa sẵn sàng cho việc mang thai, sinh con"],
            ["Ước mơ, nghề nghiệp", "Ít cơ hội học nghề, tìm việc làm tốt"],
            ["An toàn", "Người vợ, người chồng còn nhỏ dễ bị bạo lực, bị phụ thuộc"],
        ],
        caption="Hậu quả của tảo hôn",
    ),
    para(
        "Tảo hôn ảnh hưởng đến cả nam và nữ, nhưng trẻ em gái thường chịu thiệt nhiều "
        "hơn. Cản trở, xúi giục một bạn thôi đi học vì bạn là con gái cũng là hành vi "
        "bị xử phạt theo Nghị định 125/2021/NĐ-CP."
    ),
    heading("Nếu bạn em sắp bị ép kết hôn"),
    bullets(
        "Nói với người lớn em tin tưởng: thầy cô chủ nhiệm, dẫn trình viên câu lạc bộ.",
        "Báo cán bộ Hội Liên hiệp Phụ nữ, Đoàn Thanh niên hoặc UBND xã.",
        "Gọi Tổng đài quốc gia bảo vệ trẻ em <b>111</b> (miễn phí, 24/7).",
        ordered=True,
    ),
    faq(
        (
            "Hai bạn 16 tuổi thương nhau và gia đình đồng ý cho cưới. Có được không?",
            "Không. Dù gia đình đồng ý, nam chưa đủ 20 tuổi và nữ chưa đủ 18 tuổi thì "
            "chưa đủ tuổi kết hôn.",
        ),
        (
            "Con trai có bị tảo hôn không?",
            "Có. Nam chưa đủ 20 tuổi mà kết hôn cũng là tảo hôn. Nhưng trẻ em gái thường "
            "bị ảnh hưởng nặng hơn về sức khỏe và việc học.",
        ),
    ),
    reflection(
        "Nếu được nói với người lớn trong xã em một điều về tảo hôn, em sẽ nói gì?",
    ),
]

LESSON_3 = [
    callout(
        "<p><b>Dành cho dẫn trình viên:</b> nếu trong buổi có em kể mình đang bị bạo "
        "lực hoặc xâm hại, cảm ơn em đã tin tưởng, không hỏi chi tiết trước nhóm, gặp "
        "riêng em ngay sau buổi và báo ban giám hiệu để chuyển gửi.</p>",
        kind="warning",
    ),
    heading("Bạo lực và xâm hại là gì?"),
    para(
        "Bạo lực là khi ai đó cố ý làm tổn thương người khác về cơ thể hoặc tinh thần: "
        "đánh, đẩy, chửi mắng, đe dọa, cô lập, lan truyền tin xấu. Xâm hại tình dục là "
        "khi ai đó đụng chạm vào vùng riêng tư của em, bắt em nhìn hoặc làm những việc "
        "liên quan đến tình dục, hoặc đòi ảnh riêng tư của em. Người gây hại có thể là "
        "người lạ nhưng cũng có thể là người quen. Luật Bình đẳng giới nghiêm cấm bạo "
        "lực trên cơ sở giới (Điều 10)."
    ),
    heading("Vòng tròn an toàn"),
    table(
        [
            ["Vòng", "Ai?", "Cách giao tiếp phù hợp"],
            ["1", "Bản thân em", "Cơ thể của em thuộc về em"],
            ["2", "Bố mẹ, người chăm sóc", "Ôm, hôn khi em thấy thoải mái"],
            ["3", "Thầy cô, bạn bè, họ hàng", "Bắt tay, khoác vai khi em đồng ý"],
            ["4", "Người quen sơ", "Chào hỏi, giữ khoảng cách"],
            ["5", "Người lạ", "Không đi theo, không nhận quà, giữ khoảng cách"],
        ],
        caption="Vòng tròn giao tiếp: càng ra ngoài càng giữ khoảng cách",
    ),
    heading("Ba bước tự bảo vệ"),
    bullets(
        "<b>Nói “Không!”</b> thật to, kể cả với người quen hoặc người lớn.",
        "<b>Chạy đi</b> đến nơi đông người, an toàn.",
        "<b>Kể lại</b> với người lớn em tin tưởng. Nếu người đó không giúp, hãy kể với "
        "người khác, cho đến khi có người giúp.",
        ordered=True,
    ),
    callout(
        "<p><b>Nhớ:</b> bị bạo lực, bị xâm hại <b>không bao giờ là lỗi của em</b>. Bí "
        "mật làm em sợ hãi hoặc khó chịu là bí mật cần được kể ra. Khi nguy hiểm gọi "
        "<b>113</b> (công an); cần tư vấn gọi <b>111</b> (Tổng đài quốc gia bảo vệ trẻ "
        "em, miễn phí).</p>",
        kind="tip",
    ),
    heading("Em có thể giúp bạn"),
    para(
        "Khi thấy bạn bị bắt nạt, em không cần đánh lại. Hãy đứng cạnh bạn, rủ bạn đi "
        "chỗ khác, không cười theo, không quay phim chia sẻ, và báo thầy cô. Một người "
        "đứng về phía nạn nhân có thể làm cả nhóm thay đổi."
    ),
    faq(
        (
            "Người lớn trong nhà bảo “đừng kể cho ai” thì sao?",
            "Nếu điều đó làm em sợ hoặc khó chịu, đó là bí mật không an toàn. Em vẫn "
            "nên kể với thầy cô hoặc gọi 111.",
        ),
        (
            "Con trai có bị xâm hại không?",
            "Có. Cả trẻ em trai và trẻ em gái đều có thể bị xâm hại. Ai cũng có quyền "
            "được bảo vệ và được giúp đỡ.",
        ),
    ),
    reflection(
        "Viết tên ba người lớn em tin tưởng có thể kể khi gặp chuyện không an toàn "
        "(chỉ em giữ tờ giấy này).",
    ),
]

LESSON_4 = [
    callout(
        "<p><b>Dành cho dẫn trình viên:</b> nhiều học sinh dùng điện thoại của bố mẹ. "
        "Hướng dẫn các em cả cách đăng xuất tài khoản và nhờ người lớn cài đặt quyền "
        "riêng tư.</p>",
    ),
    heading("Những nguy cơ trên mạng"),
    bullets(
        "<b>Người lạ làm quen</b>, khen ngợi, tặng quà, rồi đòi gặp riêng hoặc đòi ảnh.",
        "<b>Ảnh riêng tư bị phát tán</b> hoặc bị dùng để đe dọa, tống tiền.",
        "<b>Bắt nạt trên mạng:</b> lập nhóm nói xấu, chế ảnh, bình luận chê bai ngoại "
        "hình — bạn nữ thường bị chê cơ thể, bạn nam bị chê “không đủ nam tính”.",
        "<b>Lừa đảo:</b> trúng thưởng, việc làm nhẹ lương cao, nạp thẻ.",
    ),
    heading("Năm quy tắc an toàn"),
    table(
        [
            ["Quy tắc", "Làm thế nào"],
            ["Giữ kín thông tin", "Không đăng địa chỉ, trường, số điện thoại, vị trí"],
            ["Không gửi ảnh riêng tư", "Cho bất kỳ ai, kể cả bạn thân, người yêu"],
            ["Không gặp người quen qua mạng", "Nếu cần gặp, phải có bố mẹ đi cùng"],
            ["Lưu bằng chứng", "Chụp màn hình tin nhắn đe dọa, không xóa"],
            ["Chặn, báo cáo, kể lại", "Chặn tài khoản, báo cáo, kể với người lớn"],
        ],
        caption="Quy tắc an toàn trên mạng",
    ),
    heading("Hoạt động: thẻ tình huống"),
    para(
        "Chia nhóm, mỗi nhóm bốc một thẻ: (1) một người tự xưng là học sinh trường bên "
        "rủ gặp ở quán net; (2) nhóm lớp chia sẻ ảnh chế một bạn; (3) một tài khoản dọa "
        "đăng ảnh của em nếu em không gửi tiền. Nhóm thảo luận 5 phút rồi trình bày: "
        "chuyện gì đang xảy ra, em sẽ làm gì, em sẽ kể với ai."
    ),
    callout(
        "<p>Nếu bị đe dọa bằng hình ảnh: <b>không gửi tiền, không gửi thêm ảnh</b>, lưu "
        "bằng chứng và báo ngay người lớn, công an hoặc gọi 111. Em không có lỗi.</p>",
        kind="warning",
    ),
    faq(
        (
            "Chia sẻ ảnh chế bạn cho vui có sao không?",
            "Có. Chia sẻ cũng là tham gia bắt nạt. Ảnh đã lên mạng rất khó xóa và có thể "
            "làm bạn tổn thương lâu dài.",
        ),
        (
            "Bạn em nói “đừng kể, kể ra thì bị bố mẹ thu điện thoại”. Em làm gì?",
            "An toàn của bạn quan trọng hơn chiếc điện thoại. Động viên bạn kể với người "
            "lớn tin cậy, hoặc cùng bạn đến gặp thầy cô.",
        ),
    ),
    reflection(
        "Hãy xem lại trang cá nhân của em: có thông tin nào người lạ không nên biết? "
        "Em sẽ thay đổi gì ngay hôm nay?",
    ),
]

COURSE = {
    "code": "K5-2026",
    "title": "Sinh hoạt câu lạc bộ “Thủ lĩnh của sự thay đổi”",
    "slug": "k5-clb-thu-linh-cua-su-thay-doi",
    "summary": (
        "Bốn buổi sinh hoạt (mỗi buổi nửa ngày) cho học sinh trung học cơ sở và dẫn "
        "trình viên câu lạc bộ “Thủ lĩnh của sự thay đổi” (Dự án 8): giới và giới tính; "
        "quyền trẻ em và phòng, chống tảo hôn; phòng, chống bạo lực, xâm hại; an toàn "
        "trên mạng."
    ),
    "learning_outcomes": (
        "<ul>"
        "<li>Phân biệt giới và giới tính, nhận ra định kiến giới quanh mình.</li>"
        "<li>Nêu được quyền của trẻ em và độ tuổi kết hôn theo pháp luật.</li>"
        "<li>Biết cách tự bảo vệ, tìm người giúp đỡ khi bị bạo lực, xâm hại.</li>"
        "<li>Sử dụng mạng xã hội an toàn, không tham gia bắt nạt trên mạng.</li>"
        "</ul>"
    ),
    "level": "basic",
    "estimated_hours": "12",
    "target_groups": ["thanh-vien-clb", "giao-vien"],
    "topics": [
        "trường học",
        "câu lạc bộ",
        "quyền trẻ em",
        "tảo hôn",
        "bạo lực trên cơ sở giới",
        "an toàn trên mạng",
    ],
    "organisation": "SGDDT-QNG",
    "enrolment_mode": "open",
    "is_outline_public": True,
    "sources": [
        LAW_73 + " (Đ5 k1–2, Đ10, Đ14, Đ18 k5)",
        "Luật Hôn nhân và gia đình năm 2014 (Đ8, độ tuổi kết hôn)",
        "Nghị định 125/2021/NĐ-CP (Đ9)",
        "Dự án 8 – CLB “Thủ lĩnh của sự thay đổi”",
    ],
    "modules": [
        {
            "title": "Phần 1. Hiểu mình, hiểu bạn",
            "slug": "phan-1-hieu-minh-hieu-ban",
            "summary": "Giới và giới tính; quyền trẻ em và phòng, chống tảo hôn.",
            "lessons": [
                {
                    "title": "Buổi 1. Giới và giới tính",
                    "slug": "buoi-1-gioi-va-gioi-tinh",
                    "estimated_minutes": 25,
                    "is_required": True,
                    "body": LESSON_1,
                },
                {
                    "title": "Buổi 2. Quyền trẻ em và phòng, chống tảo hôn",
                    "slug": "buoi-2-quyen-tre-em-tao-hon",
                    "estimated_minutes": 25,
                    "is_required": True,
                    "body": LESSON_2,
                },
            ],
        },
        {
            "title": "Phần 2. Bảo vệ bản thân",
            "slug": "phan-2-bao-ve-ban-than",
            "summary": "Phòng, chống bạo lực, xâm hại; an toàn trên mạng.",
            "lessons": [
                {
                    "title": "Buổi 3. Phòng, chống bạo lực và xâm hại",
                    "slug": "buoi-3-phong-chong-bao-luc-xam-hai",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_3,
                },
                {
                    "title": "Buổi 4. An toàn trên mạng",
                    "slug": "buoi-4-an-toan-tren-mang",
                    "quiz": "K5-FINAL",
                    "estimated_minutes": 25,
                    "is_required": False,
                    "body": LESSON_4,
                },
            ],
        },
    ],
}
