"""K3 — Giáo dục bình đẳng giới và phòng, chống bạo lực trên cơ sở giới trong trường học.

Sources (DOMAIN.md §3.2–3.4, §1.2; the 2022 plan): Luật Bình đẳng giới Đ5 k4, Đ10,
Đ14; NĐ 125/2021/NĐ-CP Đ9; MOET–UNESCO guide (2016); TT 32/2018/TT-BGDĐT;
GDKT&PL 11 "Bình đẳng giới"; QĐ 383/QĐ-BGDĐT; KH 1586/KH-BGDĐT; NQ 28/NQ-CP
objective 5; Dự án 8 and the CLB "Thủ lĩnh của sự thay đổi"; tasks of Sở GDĐT, Sở Y
tế and Công an tỉnh in the 2022 plan. Hotline 111 is general knowledge, not from
DOMAIN.md.
"""

from .blocks import (
    KH_2022,
    LAW_73,
    ND_125,
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
    heading("Định kiến giới được “dạy” như thế nào?"),
    quote(
        "Định kiến giới là nhận thức, thái độ và đánh giá thiên lệch, tiêu cực về đặc "
        "điểm, vị trí, vai trò và năng lực của nam hoặc nữ.",
        "Điều 5, khoản 4",
    ),
    para(
        "Học sinh học về giới không chỉ qua bài giảng mà qua mọi thứ diễn ra trong "
        "trường: tranh ảnh trong sách, ví dụ trong bài toán, cách thầy cô phân công và "
        "khen chê. Khi những thông điệp đó lặp lại một khuôn mẫu (con gái dịu dàng, "
        "chăm chỉ; con trai mạnh mẽ, giỏi kỹ thuật), nhà trường vô tình củng cố định "
        "kiến giới. Đây là phần “chương trình ẩn” mà giáo viên cần nhìn thấy."
    ),
    heading("Tài liệu hướng dẫn của Bộ GDĐT và UNESCO"),
    para(
        "Tài liệu “Lồng ghép giới vào chương trình, sách giáo khoa giáo dục phổ thông” "
        "(Bộ GDĐT phối hợp với UNESCO, Hà Nội, tháng 4/2016) trình bày: vì sao phải lồng "
        "ghép giới; các mức độ, các bước và công cụ lồng ghép; những lưu ý khi thực hành; "
        "bình đẳng giới và bạo lực trên cơ sở giới trong giáo dục phổ thông. Giáo viên "
        "có thể dùng các công cụ trong tài liệu để rà soát bài học của mình."
    ),
    heading("Định kiến thường gặp trong học liệu"),
    bullets(
        "<b>Hình ảnh:</b> phụ nữ luôn nấu ăn, giặt giũ; nam giới luôn là bác sĩ, kỹ sư, "
        "lãnh đạo.",
        "<b>Ví dụ, bài tập:</b> “Mẹ đi chợ mua…”, “Bố lái xe được… km”.",
        "<b>Sự vắng mặt:</b> ít nhà khoa học, nhà lãnh đạo nữ; ít nam giới chăm sóc con.",
        "<b>Ngôn ngữ:</b> “con gái gì mà nghịch thế”, “con trai thì không được khóc”.",
    ),
    heading("Định kiến trong lớp học"),
    table(
        [
            ["Việc hằng ngày", "Câu hỏi tự kiểm tra"],
            ["Gọi phát biểu", "Tôi có gọi học sinh nam và nữ với số lần tương đương?"],
            [
                "Khen, nhận xét",
                "Tôi khen nữ vì “ngoan, cẩn thận”, khen nam vì “thông minh” hay khen "
                "theo kết quả thực tế?",
            ],
            [
                "Phân công",
                "Ai quét lớp, ai khiêng bàn, ai làm lớp trưởng? Có luân phiên không?",
            ],
            [
                "Định hướng nghề",
                "Tôi có khuyên học sinh chọn ngành theo giới tính không?",
            ],
            [
                "Kỷ luật",
                "Cùng một lỗi, tôi có xử lý học sinh nam và nữ khác nhau không?",
            ],
        ],
        caption="Bảng kiểm nhanh cho giáo viên",
    ),
    callout(
        "<p><b>Gặp hình ảnh định kiến trong sách thì sao?</b> Đừng bỏ qua. Hãy biến nó "
        "thành câu hỏi thảo luận: “Trong gia đình em, ai làm việc này? Bố có thể làm "
        "không?”. Học sinh học được cách nhận ra định kiến, đó là kỹ năng quan trọng "
        "hơn một bức tranh “hoàn hảo”.</p>",
        kind="tip",
    ),
    faq(
        (
            "Lồng ghép giới có làm bài học dài thêm không?",
            "Không nhất thiết. Phần lớn là thay đổi ví dụ, hình ảnh, cách đặt câu hỏi "
            "và cách phân công, không cần thêm nội dung mới.",
        ),
        (
            "Khen học sinh nữ “ngoan” thì có gì sai?",
            "Không sai nếu đúng sự thật, nhưng nếu chỉ khen nữ vì ngoan còn khen nam vì "
            "giỏi, học sinh sẽ hiểu rằng giá trị của mỗi giới khác nhau.",
        ),
    ),
    reflection(
        "Chọn một bài trong sách giáo khoa anh/chị đang dạy. Dùng bảng kiểm để tìm ít "
        "nhất một chi tiết mang định kiến giới và đề xuất cách khai thác nó trên lớp.",
    ),
]

LESSON_2 = [
    heading("Căn cứ: Chiến lược, kế hoạch của ngành và của tỉnh"),
    para(
        "Mục tiêu 5 của Chiến lược quốc gia về bình đẳng giới 2021–2030 (Nghị quyết "
        "28/NQ-CP) yêu cầu từ năm 2025 đưa nội dung về giới và bình đẳng giới vào "
        "chương trình giảng dạy của nhà trường và cơ sở đào tạo giáo viên. Bộ GDĐT cụ "
        "thể hóa bằng Kế hoạch hành động vì sự tiến bộ của phụ nữ và bình đẳng giới "
        "giai đoạn 2021–2030 (Quyết định 383/QĐ-BGDĐT năm 2022), trong đó mục tiêu 1 là "
        "đưa nội dung về giới vào chương trình giáo dục trong hệ thống giáo dục quốc "
        "dân. Đề án đưa nội dung giới, bình đẳng giới vào đào tạo giáo viên mầm non "
        "trình độ cao đẳng và giáo viên trình độ đại học (Kế hoạch 1586/KH-BGDĐT) "
        "triển khai chính thức từ năm 2025."
    ),
    quote(
        "Tiếp tục triển khai tuyên truyền nội dung về giới và bình đẳng giới vào trường "
        "trung học cơ sở, trung học phổ thông, trung cấp chuyên nghiệp, cao đẳng và đại "
        "học với nội dung và thời lượng phù hợp với lứa tuổi; trong đó, chú trọng giáo "
        "dục kỹ năng sống, vấn đề bạo lực trên cơ sở giới để định hướng thanh thiếu niên "
        "về bình đẳng giới và phòng ngừa bạo lực trên cơ sở giới.",
        "Mục II, khoản 2, điểm d",
        KH_2022,
    ),
    heading("Bình đẳng giới trong Chương trình giáo dục phổ thông 2018"),
    para(
        "Chương trình giáo dục phổ thông 2018 được ban hành kèm theo Thông tư "
        "32/2018/TT-BGDĐT ngày 26/12/2018. Một số điểm đã được xác nhận:"
    ),
    bullets(
        "Ở cấp trung học phổ thông, môn Giáo dục kinh tế và pháp luật lớp 11 có bài "
        "“Bình đẳng giới” (trong bộ sách Chân trời sáng tạo là Bài 11; số thứ tự bài "
        "khác nhau giữa các bộ sách).",
        "Sách Tiếng Việt lớp 1 (bộ Kết nối tri thức) đã có nội dung về giới.",
        "Với các môn Đạo đức, Giáo dục công dân, Hoạt động trải nghiệm, giáo viên tự rà "
        "soát các bài có cơ hội lồng ghép trong môn mình dạy.",
    ),
    para(
        "Nội dung bài học nên gắn với Điều 14 Luật Bình đẳng giới: nam, nữ bình đẳng về "
        "độ tuổi đi học, đào tạo, bồi dưỡng; bình đẳng trong lựa chọn ngành, nghề học "
        "tập, đào tạo; bình đẳng trong tiếp cận và hưởng thụ chính sách về giáo dục."
    ),
    heading("Gợi ý tiến trình một tiết “Bình đẳng giới”"),
    table(
        [
            ["Hoạt động", "Thời gian", "Gợi ý"],
            [
                "Khởi động: “Ai làm việc này?”",
                "5 phút",
                "Chiếu tranh các nghề, công việc nhà; học sinh đoán ai làm",
            ],
            [
                "Khám phá: giới và giới tính",
                "15 phút",
                "Phân loại đặc điểm sinh học và đặc điểm do xã hội gán",
            ],
            [
                "Luyện tập: xử lý tình huống",
                "15 phút",
                "Nhóm thảo luận tình huống chọn ngành, chia việc nhà",
            ],
            [
                "Vận dụng: cam kết cá nhân",
                "10 phút",
                "Mỗi em viết một việc sẽ làm để thực hiện bình đẳng giới",
            ],
        ],
        caption="Tiến trình gợi ý cho tiết học 45 phút",
    ),
    callout(
        "<p>Khi thảo luận, không để học sinh chế giễu bạn có sở thích “không giống con "
        "trai/con gái”. Đặt quy tắc lớp học ngay từ đầu: tôn trọng, không trêu chọc, "
        "được quyền không chia sẻ chuyện riêng.</p>",
        kind="warning",
    ),
    faq(
        (
            "Bài “Bình đẳng giới” nằm ở môn nào, lớp nào?",
            "Ở bậc trung học phổ thông, trong môn Giáo dục kinh tế và pháp luật lớp 11. "
            "Số thứ tự bài tùy bộ sách (Bài 11 trong bộ Chân trời sáng tạo).",
        ),
        (
            "Giáo viên các môn khác có trách nhiệm gì?",
            "Kế hoạch của tỉnh yêu cầu lồng ghép nội dung giới và Luật Bình đẳng giới "
            "vào các môn học phù hợp với từng đối tượng, cấp học; mỗi giáo viên rà soát "
            "môn mình dạy.",
        ),
    ),
    reflection(
        "Trong môn anh/chị dạy, bài nào có thể lồng ghép nội dung bình đẳng giới? Hãy "
        "thiết kế một hoạt động 10 phút cho bài đó.",
    ),
]

LESSON_3 = [
    heading("Bạo lực trên cơ sở giới là gì?"),
    para(
        "Bạo lực trên cơ sở giới là hành vi bạo lực nhắm vào một người vì giới của họ, "
        "hoặc tác động đến một giới nhiều hơn, bắt nguồn từ định kiến và sự chênh lệch "
        "quyền lực. Điều 10 Luật Bình đẳng giới nghiêm cấm bạo lực trên cơ sở giới. "
        "Trong trường học, bạo lực có thể xảy ra giữa học sinh với nhau, giữa người lớn "
        "và học sinh, trên đường đến trường và trên mạng."
    ),
    table(
        [
            ["Hình thức", "Ví dụ trong trường học"],
            ["Thể chất", "Đánh, xô đẩy, ép làm việc nặng vì là con trai"],
            [
                "Tinh thần, lời nói",
                "Chế giễu bạn nam “ẻo lả”, bạn nữ “như con trai”; lan truyền tin đồn",
            ],
            [
                "Tình dục",
                "Đụng chạm không được đồng ý, bình luận về cơ thể, ép gửi ảnh riêng tư",
            ],
            ["Trên mạng", "Lập nhóm nói xấu, phát tán ảnh, bắt nạt qua tin nhắn"],
        ],
        caption="Các hình thức bạo lực trên cơ sở giới",
    ),
    heading("Nhận diện dấu hiệu"),
    para(
        "Học sinh ít khi kể ngay. Giáo viên chú ý các thay đổi: nghỉ học nhiều, sợ một "
        "người hoặc một nơi, kết quả học tập giảm đột ngột, thu mình hoặc cáu giận, "
        "vết thương không giải thích được, hành vi không phù hợp lứa tuổi. Một dấu hiệu "
        "không chứng minh điều gì, nhưng là lý do để quan tâm và trò chuyện."
    ),
    heading("Ứng phó khi học sinh kể với mình"),
    bullets(
        "<b>An toàn trước tiên:</b> nếu em đang gặp nguy hiểm, tách em khỏi nguy hiểm "
        "và báo ngay ban giám hiệu.",
        "<b>Lắng nghe, tin tưởng, không đổ lỗi:</b> “Cô tin em. Em kể là đúng.”",
        "<b>Không hứa giữ bí mật tuyệt đối:</b> giải thích sẽ chỉ báo cho người cần "
        "biết để giúp em.",
        "<b>Ghi lại sự việc</b> đúng lời em kể, ngày giờ, không suy diễn.",
        "<b>Báo cáo và chuyển gửi</b> theo quy trình của trường.",
        ordered=True,
    ),
    callout(
        "<p><b>Không tự điều tra, không đối chất</b> học sinh với người bị nghi gây "
        "bạo lực, không bắt em kể lại nhiều lần trước nhiều người.</p>",
        kind="warning",
    ),
    heading("Chuyển gửi"),
    para(
        "Kế hoạch năm 2022 của tỉnh giao ngành y tế chăm sóc, tư vấn, hỗ trợ nạn nhân "
        "bị bạo lực, xâm hại tại cơ sở y tế, và giao Công an tỉnh phòng, chống hành vi "
        "bạo lực, xâm hại phụ nữ và trẻ em. Nhà trường cần có sẵn danh bạ chuyển gửi:"
    ),
    table(
        [
            ["Tình huống", "Liên hệ"],
            ["Bị thương, bị xâm hại tình dục", "Trạm y tế, bệnh viện gần nhất"],
            ["Nguy hiểm khẩn cấp, có dấu hiệu tội phạm", "Công an xã, phường"],
            [
                "Cần tư vấn, hỗ trợ trẻ em",
                "Tổng đài quốc gia bảo vệ trẻ em 111 (miễn phí); cán bộ phụ trách trẻ em "
                "của xã",
            ],
            ["Cần nơi ở an toàn", "Địa chỉ tin cậy, nhà tạm lánh tại cộng đồng"],
        ],
        caption="Danh bạ chuyển gửi mẫu (nhà trường điền số điện thoại cụ thể)",
    ),
    faq(
        (
            "Học sinh xin cô đừng nói với ai. Cô nên làm gì?",
            "Trân trọng niềm tin của em, nhưng giải thích rằng để bảo vệ em, cô phải báo "
            "cho người có trách nhiệm; cô sẽ không kể cho các bạn hay người không liên "
            "quan.",
        ),
        (
            "Trêu chọc bạn nam “ẻo lả” có phải bạo lực không?",
            "Có thể là bạo lực tinh thần trên cơ sở giới nếu lặp lại, gây tổn thương và "
            "nhắm vào việc em không giống khuôn mẫu “con trai”. Cần can thiệp sớm.",
        ),
    ),
    reflection(
        "Trường anh/chị đã có quy trình tiếp nhận và chuyển gửi các vụ bạo lực chưa? "
        "Ai là đầu mối, và danh bạ chuyển gửi còn thiếu số nào?",
    ),
]

LESSON_4 = [
    heading("Vì sao trường học cần câu lạc bộ?"),
    para(
        "Câu lạc bộ tạo không gian để học sinh tự tìm hiểu, tự nói với bạn bè về bình "
        "đẳng giới và phòng, chống bạo lực, điều mà một tiết học trên lớp khó làm đủ. Kế "
        "hoạch năm 2022 của tỉnh giao Sở Giáo dục và Đào tạo:"
    ),
    quote(
        "Tiếp tục lồng ghép nội dung giới và Luật Bình đẳng giới vào các môn học phù "
        "hợp với từng đối tượng, cấp học...Tập huấn cho đội ngũ giáo viên về bình đẳng "
        "giới; chỉ đạo, hướng dẫn các trường học xây dựng mô hình “Câu lạc bộ truyền "
        "thông phòng, chống bạo lực trên cơ sở giới trong Trường học”.",
        "Mục IV, khoản 4, điểm a",
        KH_2022,
    ),
    para(
        "Ở vùng đồng bào dân tộc thiểu số và miền núi, Dự án 8 “Thực hiện bình đẳng giới "
        "và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em” thuộc Chương "
        "trình mục tiêu quốc gia có mô hình Câu lạc bộ “Thủ lĩnh của sự thay đổi” trong "
        "trường học. Ngày 26/12/2025, Hội Liên hiệp Phụ nữ tỉnh Quảng Ngãi đã tập huấn "
        "cho 22 dẫn trình viên và chủ nhiệm của 11 câu lạc bộ tại 9 xã khu vực Kon Tum "
        "cũ, với giảng viên của Sở Y tế và Sở Nội vụ."
    ),
    heading("Các bước thành lập"),
    bullets(
        "Khảo sát nhu cầu, vấn đề của học sinh (ẩn danh).",
        "Ban giám hiệu ra quyết định thành lập, phân công giáo viên phụ trách và dẫn "
        "trình viên.",
        "Vận động thành viên cả nam và nữ; bầu ban chủ nhiệm có cả nam và nữ; thống "
        "nhất nội quy.",
        "Xây dựng kế hoạch sinh hoạt cả năm học.",
        "Ghi sổ sinh hoạt, đếm số thành viên tham gia theo giới tính; đánh giá cuối năm.",
        ordered=True,
    ),
    table(
        [
            ["Thời điểm", "Chủ đề gợi ý"],
            [
                "Tháng 9–10",
                "Ra mắt câu lạc bộ; giới và giới tính; hưởng ứng ngày 20/10",
            ],
            [
                "15/11–15/12",
                "Tháng hành động vì bình đẳng giới: thi vẽ tranh, sân khấu hóa",
            ],
            ["Tháng 1–2", "Quyền trẻ em; phòng, chống tảo hôn"],
            ["Tháng 3", "Hưởng ứng ngày 8/3; phụ nữ và nghề nghiệp tương lai"],
            ["Tháng 4–5", "Phòng, chống bạo lực, xâm hại; an toàn trên mạng; tổng kết"],
        ],
        caption="Kế hoạch sinh hoạt mẫu cho một năm học",
    ),
    callout(
        "<p>Nguyên tắc sinh hoạt: học sinh là chủ thể; dẫn trình viên gợi mở, không "
        "giảng giải; tôn trọng và giữ bí mật chuyện riêng; chuyển gửi ngay khi phát "
        "hiện học sinh có nguy cơ bị bạo lực (xem Bài 3). Khóa K5 trên nền tảng này có "
        "sẵn nội dung cho bốn buổi sinh hoạt.</p>",
        kind="tip",
    ),
    faq(
        (
            "Câu lạc bộ có nên chỉ dành cho học sinh nữ?",
            "Không. Bình đẳng giới cần cả nam và nữ; học sinh nam tham gia giúp thay "
            "đổi định kiến trong nhóm bạn nam.",
        ),
        (
            "Dẫn trình viên khác giáo viên đứng lớp thế nào?",
            "Dẫn trình viên tổ chức hoạt động để học sinh tự khám phá, thảo luận và đưa "
            "ra ý kiến, thay vì truyền đạt kiến thức một chiều.",
        ),
    ),
    reflection(
        "Nếu thành lập câu lạc bộ ở trường anh/chị, ba vấn đề nào của học sinh nên được "
        "đưa vào kế hoạch sinh hoạt đầu tiên? Vì sao?",
    ),
]

LESSON_5 = [
    heading("Quyền bình đẳng trong giáo dục"),
    para(
        "Điều 14 Luật Bình đẳng giới quy định nam, nữ bình đẳng về độ tuổi đi học, đào "
        "tạo, bồi dưỡng; bình đẳng trong lựa chọn ngành, nghề học tập, đào tạo; bình "
        "đẳng trong tiếp cận và hưởng thụ chính sách về giáo dục. Điều 10 nghiêm cấm "
        "phân biệt đối xử về giới dưới mọi hình thức. Vi phạm trong lĩnh vực này bị xử "
        "phạt theo Điều 9 Nghị định 125/2021/NĐ-CP."
    ),
    heading("Hành vi vi phạm và mức xử phạt"),
    table(
        [
            ["Hành vi (tóm tắt)", "Hình thức, mức phạt"],
            [
                "Xúi giục, cản trở người khác đi học vì lý do giới tính",
                "Cảnh cáo",
            ],
            [
                "Ép buộc hoặc cản trở người khác lựa chọn môn học, ngành, nghề học tập, "
                "đào tạo vì lý do giới tính",
                "Phạt tiền 500.000 – 1.000.000 đồng",
            ],
            [
                "Vận động, ép buộc người khác thôi học vì lý do giới tính (theo tài liệu "
                "tổng hợp, cần đối chiếu nguyên văn)",
                "Phạt tiền 2.000.000 – 3.000.000 đồng",
            ],
        ],
        caption=f"{ND_125}, Điều 9 (diễn giải)",
    ),
    heading("Tình huống thảo luận"),
    bullets(
        "Gia đình bảo em gái lớp 9 nghỉ học đi làm để anh trai tiếp tục học đại học, "
        "vì “con gái học nhiều cũng lấy chồng”.",
        "Giáo viên chủ nhiệm không cho học sinh nữ đăng ký đội tuyển tin học vì “con gái "
        "không hợp với máy móc”.",
        "Nhà trường phân công chỉ học sinh nam tham gia câu lạc bộ robot.",
    ),
    faq(
        (
            "Tình huống 1 vi phạm điều gì, và giáo viên nên làm gì?",
            "Đây là hành vi vận động, ép buộc thôi học vì lý do giới tính, trái Điều 14 "
            "Luật Bình đẳng giới. Giáo viên trao đổi với gia đình, báo ban giám hiệu, "
            "phối hợp chính quyền xã và Hội Liên hiệp Phụ nữ để vận động em tiếp tục đi "
            "học.",
        ),
        (
            "Tình huống 2 có bị xử phạt không?",
            "Có thể. Cản trở người khác lựa chọn môn học vì lý do giới tính bị phạt tiền "
            "500.000 – 1.000.000 đồng (Điều 9 Nghị định 125/2021/NĐ-CP). Trước hết nhà "
            "trường cần sửa ngay việc phân công.",
        ),
        (
            "Tình huống 3 là phân biệt đối xử hay chỉ là thói quen?",
            "Là phân biệt đối xử về giới: học sinh nữ bị loại trừ khỏi một cơ hội học "
            "tập chỉ vì giới tính. Cần mở đăng ký cho mọi học sinh.",
        ),
    ),
    callout(
        "<p>Kế hoạch năm 2022 của tỉnh cũng yêu cầu ngành giáo dục duy trì phổ cập giáo "
        "dục tiểu học, trung học cơ sở và chương trình xóa mù chữ cho nam giới và phụ "
        "nữ từ 15 đến 60 tuổi ở vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số. Giữ "
        "học sinh nữ ở lại trường là một phần của nhiệm vụ đó.</p>",
    ),
    reflection(
        "Ở trường anh/chị, học sinh nữ hay học sinh nam có nguy cơ bỏ học cao hơn? Nêu "
        "nguyên nhân liên quan đến giới và một việc nhà trường có thể làm.",
    ),
]

COURSE = {
    "code": "K3-2026",
    "title": (
        "Giáo dục bình đẳng giới và phòng, chống bạo lực trên cơ sở giới trong "
        "trường học"
    ),
    "slug": "k3-binh-dang-gioi-trong-truong-hoc",
    "summary": (
        "Khóa bồi dưỡng 1,5 ngày (12 tiết) cho giáo viên, Tổng phụ trách Đội và cán bộ "
        "quản lý trường học: nhận diện định kiến giới trong sách giáo khoa và lớp học, "
        "nội dung bình đẳng giới trong Chương trình giáo dục phổ thông 2018, ứng phó và "
        "chuyển gửi bạo lực trên cơ sở giới, câu lạc bộ trường học và vi phạm pháp luật "
        "về bình đẳng giới trong giáo dục."
    ),
    "learning_outcomes": (
        "<ul>"
        "<li>Nhận diện định kiến giới trong học liệu và trong cách tổ chức lớp học.</li>"
        "<li>Thiết kế hoạt động giáo dục bình đẳng giới theo Chương trình giáo dục phổ "
        "thông 2018.</li>"
        "<li>Nhận diện, ứng phó ban đầu và chuyển gửi các trường hợp bạo lực trên cơ sở "
        "giới.</li>"
        "<li>Thành lập và duy trì câu lạc bộ phòng, chống bạo lực trên cơ sở giới.</li>"
        "<li>Nhận biết hành vi vi phạm bình đẳng giới trong giáo dục theo Nghị định "
        "125/2021/NĐ-CP.</li>"
        "</ul>"
    ),
    "level": "intermediate",
    "estimated_hours": "9",
    "target_groups": ["giao-vien"],
    "topics": [
        "trường học",
        "giáo dục bình đẳng giới",
        "bạo lực trên cơ sở giới",
        "định kiến giới",
        "câu lạc bộ",
    ],
    "organisation": "SGDDT-QNG",
    "enrolment_mode": "open",
    "is_outline_public": True,
    "sources": [
        LAW_73 + " (Đ5 k4, Đ10, Đ14)",
        ND_125 + " (Đ9)",
        "Tài liệu Bộ GDĐT – UNESCO (2016)",
        "Thông tư 32/2018/TT-BGDĐT; GDKT&PL 11",
        "Quyết định 383/QĐ-BGDĐT; Kế hoạch 1586/KH-BGDĐT",
        "Nghị quyết 28/NQ-CP (mục tiêu 5)",
        "Dự án 8 – CLB “Thủ lĩnh của sự thay đổi”",
        "Kế hoạch bình đẳng giới năm 2022 của UBND tỉnh Quảng Ngãi",
    ],
    "modules": [
        {
            "title": "Chuyên đề 1. Giới trong nhà trường và chương trình",
            "slug": "chuyen-de-1-gioi-trong-nha-truong",
            "summary": (
                "Định kiến giới trong học liệu, lớp học và nội dung bình đẳng giới "
                "trong Chương trình giáo dục phổ thông 2018."
            ),
            "lessons": [
                {
                    "title": "Bài 1. Định kiến giới trong sách giáo khoa và lớp học",
                    "slug": "bai-1-dinh-kien-gioi-sach-lop-hoc",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_1,
                },
                {
                    "title": (
                        "Bài 2. Nội dung bình đẳng giới trong Chương trình giáo dục phổ "
                        "thông 2018"
                    ),
                    "slug": "bai-2-chuong-trinh-gdpt-2018",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_2,
                },
            ],
        },
        {
            "title": "Chuyên đề 2. Phòng, chống bạo lực trên cơ sở giới trong trường học",
            "slug": "chuyen-de-2-phong-chong-bao-luc",
            "summary": (
                "Nhận diện, ứng phó, chuyển gửi; câu lạc bộ trường học; vi phạm bình "
                "đẳng giới trong giáo dục."
            ),
            "lessons": [
                {
                    "title": (
                        "Bài 3. Nhận diện, ứng phó và chuyển gửi bạo lực trên cơ sở giới"
                    ),
                    "slug": "bai-3-nhan-dien-ung-pho-chuyen-gui",
                    "estimated_minutes": 40,
                    "is_required": True,
                    "body": LESSON_3,
                },
                {
                    "title": "Bài 4. Thành lập và vận hành câu lạc bộ trong trường học",
                    "slug": "bai-4-cau-lac-bo-truong-hoc",
                    "estimated_minutes": 30,
                    "is_required": False,
                    "body": LESSON_4,
                },
                {
                    "title": "Bài 5. Vi phạm pháp luật về bình đẳng giới trong giáo dục",
                    "slug": "bai-5-vi-pham-trong-giao-duc",
                    "quiz": "K3-FINAL",
                    "estimated_minutes": 25,
                    "is_required": True,
                    "body": LESSON_5,
                },
            ],
        },
    ],
}
