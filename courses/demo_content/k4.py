"""K4 — Pháp luật về hôn nhân và gia đình, bình đẳng giới trong gia đình.

Only what DOMAIN.md supports (§3.2, §1.2–1.3, §4; the 2022 plan): Luật Bình đẳng giới
Đ10, Đ18 (quoted from the quiz-bank wording), Đ33 (summary, partly verified); Hiến
pháp 2013 ("Công dân nam, nữ bình đẳng về mọi mặt", article number not cited); Luật
Hôn nhân và gia đình 2014 Đ8 (marriage age only); NĐ 125/2021/NĐ-CP Đ13; NĐ 282/2025/
NĐ-CP (scope and dates only); NQ 28/NQ-CP and QĐ 254/QĐ-UBND targets; TT 10/2019
indicator 0107; the 2022 plan. The Law on Domestic Violence Prevention 2022 is not
cited (unverified in DOMAIN.md). Hotline 111 is general knowledge.
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
    heading("Vì sao người tư vấn pháp luật ở xã cần học về bình đẳng giới?"),
    para(
        "Nhiều câu hỏi người dân mang đến xã là chuyện gia đình: chia tài sản, ai được "
        "quyết định bán đất, con gái có được chia như con trai không, chồng không cho vợ "
        "đi làm. Mỗi câu hỏi đều có khía cạnh bình đẳng giới. Kế hoạch năm 2022 của tỉnh "
        "giao Sở Tư pháp:"
    ),
    quote(
        "Tăng cường công tác đào tạo, bồi dưỡng kỹ năng, nghiệp vụ về hôn nhân, gia "
        "đình và bình đẳng giới cho cán bộ tư vấn pháp lý tại các xã, phường, thị trấn.",
        "Mục IV, khoản 6, điểm c",
        KH_2022,
    ),
    para(
        "Hiến pháp năm 2013 khẳng định: “Công dân nam, nữ bình đẳng về mọi mặt”. Luật "
        "Bình đẳng giới cụ thể hóa nguyên tắc đó trong gia đình tại Điều 18."
    ),
    heading("Điều 18: bình đẳng giới trong lĩnh vực gia đình"),
    table(
        [
            ["Nội dung (tóm tắt)", "Ví dụ khi tư vấn"],
            [
                "Vợ, chồng bình đẳng trong quan hệ dân sự và các quan hệ khác liên quan "
                "đến hôn nhân và gia đình",
                "Cả hai cùng có tiếng nói khi vay vốn, ký hợp đồng lớn của gia đình",
            ],
            [
                "Vợ, chồng có quyền, nghĩa vụ ngang nhau đối với tài sản chung",
                "Bán, cầm cố tài sản chung cần có ý kiến của cả vợ và chồng",
            ],
            [
                "Vợ, chồng cùng quyết định biện pháp kế hoạch hóa gia đình, chia sẻ thời "
                "gian nghỉ chăm sóc con ốm",
                "Tránh thai không phải “việc của vợ”",
            ],
            [
                "Con trai, con gái được gia đình chăm sóc, giáo dục và tạo điều kiện như "
                "nhau",
                "Không cho con gái nghỉ học để nhường cho con trai",
            ],
            [
                "Các thành viên nam, nữ có trách nhiệm chia sẻ công việc gia đình",
                "Việc nhà, chăm người ốm là việc chung",
            ],
        ],
        caption="Năm nội dung chính của Điều 18 Luật Bình đẳng giới",
    ),
    quote(
        "Vợ, chồng bình đẳng với nhau trong việc bàn bạc, quyết định lựa chọn và sử "
        "dụng biện pháp kế hoạch hóa gia đình phù hợp; sử dụng thời gian nghỉ chăm sóc "
        "con ốm…",
        "Điều 18, khoản 3 (trích)",
    ),
    quote(
        "Các thành viên nam, nữ trong gia đình có trách nhiệm chia sẻ công việc gia "
        "đình.",
        "Điều 18, khoản 5",
    ),
    heading("Trách nhiệm của gia đình"),
    para(
        "Chương IV của Luật quy định trách nhiệm của cơ quan, tổ chức, gia đình và cá "
        "nhân. Theo các tài liệu tổng hợp, Điều 33 yêu cầu gia đình giúp các thành viên "
        "nâng cao nhận thức về bình đẳng giới, giáo dục các thành viên chia sẻ công việc "
        "gia đình, chăm sóc sức khỏe sinh sản và đối xử công bằng với con trai, con gái "
        "(cần đối chiếu nguyên văn khi trích dẫn)."
    ),
    para(
        "Chiến lược quốc gia về bình đẳng giới đặt chỉ tiêu giảm thời gian làm việc nhà "
        "không được trả công của phụ nữ xuống 1,7 lần (2025) và 1,4 lần (2030) so với "
        "nam giới, và đưa tỷ số giới tính khi sinh về 111 (2025), 109 (2030) bé trai trên "
        "100 bé gái. Tâm lý “phải có con trai nối dõi” là định kiến giới dẫn tới lựa "
        "chọn giới tính thai nhi, điều Kế hoạch năm 2022 của tỉnh yêu cầu giảm dần."
    ),
    callout(
        "<p>Khi tư vấn, hãy tách <b>phong tục</b> với <b>quy định pháp luật</b>: người "
        "dân có thể giữ phong tục tốt đẹp, nhưng phong tục không được làm mất quyền bình "
        "đẳng của vợ, chồng, con trai, con gái theo Điều 18.</p>",
        kind="tip",
    ),
    faq(
        (
            "Chồng nói “đất do bố mẹ anh để lại cho cả hai vợ chồng nhưng tôi là chủ hộ "
            "nên tôi tự bán”. Tư vấn thế nào?",
            "Nếu đó là tài sản chung của vợ chồng thì theo Điều 18, vợ, chồng có quyền "
            "ngang nhau; “chủ hộ” không cho ai quyền tự quyết tài sản chung. Hướng dẫn "
            "người dân đọc giấy tờ về tài sản và quy định cụ thể của pháp luật dân sự, "
            "hôn nhân và gia đình.",
        ),
        (
            "Gia đình chỉ cho con trai đi học đại học có vi phạm pháp luật không?",
            "Trái với Điều 18 (con trai, con gái được tạo điều kiện như nhau) và có thể "
            "bị xử lý theo Nghị định 125/2021/NĐ-CP nếu là hành vi đối xử bất bình đẳng "
            "vì lý do giới tính (Bài 3).",
        ),
    ),
    reflection(
        "Ghi lại ba câu hỏi về gia đình mà người dân xã anh/chị hay hỏi nhất. Câu nào "
        "liên quan đến Điều 18 Luật Bình đẳng giới?",
    ),
]

LESSON_2 = [
    heading("Độ tuổi kết hôn"),
    para(
        "Luật Hôn nhân và gia đình năm 2014 (Điều 8) quy định độ tuổi kết hôn: <b>nam "
        "từ đủ 20 tuổi, nữ từ đủ 18 tuổi</b>. Ngoài độ tuổi, Điều 8 còn quy định các "
        "điều kiện khác; người làm công tác tư vấn cần đọc nguyên văn Điều 8 và các điều "
        "về những trường hợp cấm kết hôn trước khi trả lời người dân. Tài liệu này chỉ "
        "trình bày phần đã được đối chiếu."
    ),
    para(
        "Kết hôn khi một bên hoặc cả hai bên chưa đủ tuổi là <b>tảo hôn</b>. Tảo hôn "
        "ảnh hưởng nặng nhất đến trẻ em gái: phải nghỉ học, mang thai sớm, phụ thuộc kinh "
        "tế, dễ bị bạo lực. Đây là một vấn đề bình đẳng giới, không chỉ là chuyện phong "
        "tục. Tuổi kết hôn trung bình lần đầu là một chỉ tiêu trong bộ chỉ tiêu thống kê "
        "phát triển giới quốc gia (chỉ tiêu 0107, Thông tư 10/2019/TT-BKHĐT) và do Bộ Tư "
        "pháp báo cáo."
    ),
    heading("Tư vấn tiền hôn nhân"),
    quote(
        "…trang bị kiến thức về tiền hôn nhân cho thanh niên trong độ tuổi kết hôn; "
        "khuyến khích sự tham gia của nam giới trong các hoạt động bình đẳng giới.",
        "Mục II, khoản 2, điểm b (trích)",
        KH_2022,
    ),
    para(
        "Buổi tư vấn tiền hôn nhân ở xã có thể lồng ghép: quyền ngang nhau của vợ, "
        "chồng theo Điều 18 Luật Bình đẳng giới; bàn bạc về kế hoạch hóa gia đình; chia "
        "sẻ việc nhà; quản lý tài sản chung; nhận diện dấu hiệu bạo lực và nơi tìm hỗ "
        "trợ. Nên mời cả hai người cùng tham dự, không chỉ cô dâu."
    ),
    heading("Quan hệ vợ chồng dưới góc độ bình đẳng giới"),
    para(
        "Luật Hôn nhân và gia đình năm 2014 có quy định riêng về quyền và nghĩa vụ của "
        "vợ chồng; tài liệu này không trích các điều đó. Khi tư vấn, kết hợp với Điều "
        "18 Luật Bình đẳng giới (đã học ở Bài 1) và các hành vi bị xử phạt trong lĩnh "
        "vực gia đình theo Nghị định 125/2021/NĐ-CP:"
    ),
    table(
        [
            ["Hành vi trong gia đình (tóm tắt)", "Mức phạt đối với cá nhân"],
            [
                "Cản trở thành viên gia đình tham gia hoạt động tạo thu nhập vì lý do "
                "giới tính",
                "3.000.000 – 5.000.000 đồng",
            ],
            [
                "Áp đặt việc thực hiện biện pháp tránh thai, triệt sản là trách nhiệm của "
                "thành viên thuộc một giới tính nhất định",
                "5.000.000 – 7.000.000 đồng",
            ],
        ],
        caption=f"{ND_125}, Điều 13 (trích, diễn giải)",
    ),
    callout(
        "<p><b>Cảnh giác môi giới hôn nhân trái phép.</b> Kế hoạch năm 2022 yêu cầu "
        "chính quyền nắm tình hình và kiến nghị xử lý các vụ môi giới hôn nhân có yếu "
        "tố nước ngoài, mua bán người. Khi người dân hỏi về “mai mối lấy chồng nước "
        "ngoài”, hãy cung cấp thông tin và báo cho công an xã nếu có dấu hiệu lừa đảo, "
        "mua bán người.</p>",
        kind="warning",
    ),
    faq(
        (
            "Nam 19 tuổi, nữ 18 tuổi muốn đăng ký kết hôn được không?",
            "Nữ đã đủ tuổi nhưng nam chưa đủ 20 tuổi theo Điều 8 Luật Hôn nhân và gia "
            "đình năm 2014, nên chưa đủ điều kiện về độ tuổi.",
        ),
        (
            "Chồng bắt vợ phải đặt vòng tránh thai vì “đàn ông không phải lo chuyện "
            "đó” có vi phạm không?",
            "Có. Điều 18 quy định vợ chồng cùng bàn bạc, quyết định biện pháp kế hoạch "
            "hóa gia đình; áp đặt biện pháp tránh thai là trách nhiệm của một giới bị "
            "phạt 5.000.000 – 7.000.000 đồng theo Nghị định 125/2021/NĐ-CP.",
        ),
    ),
    reflection(
        "Ở xã anh/chị có trường hợp tảo hôn hoặc kết hôn qua môi giới không? Ai thường "
        "biết sớm nhất, và cơ chế báo tin hiện nay có hiệu quả không?",
    ),
]

LESSON_3 = [
    heading("Bạo lực gia đình là bạo lực trên cơ sở giới"),
    para(
        "Điều 10 Luật Bình đẳng giới nghiêm cấm bạo lực trên cơ sở giới. Trong gia đình, "
        "bạo lực có thể ở dạng thể chất (đánh, đập phá), tinh thần (chửi bới, đe dọa, "
        "cô lập), tình dục và kinh tế (kiểm soát thu nhập, không cho đi làm). Phần lớn "
        "nạn nhân là phụ nữ và trẻ em gái, nhưng nam giới, người cao tuổi cũng có thể là "
        "nạn nhân."
    ),
    heading("Chỉ tiêu hỗ trợ nạn nhân"),
    table(
        [
            ["Chỉ tiêu", "Toàn quốc (NQ 28)", "Quảng Ngãi (QĐ 254)"],
            [
                "Nạn nhân bạo lực được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản",
                "80% (2025), 90% (2030)",
                "70% (2025), 80% (2030)",
            ],
            ["Người gây bạo lực được tư vấn", "—", "40% (2025), 60% (2030)"],
        ],
        caption="Chỉ tiêu về hỗ trợ nạn nhân và tư vấn người gây bạo lực",
    ),
    heading("Văn bản xử phạt nào áp dụng?"),
    table(
        [
            ["Loại hành vi", "Văn bản áp dụng"],
            [
                "Đối xử bất bình đẳng, cản trở, áp đặt vì lý do giới tính trong gia đình",
                "Nghị định 125/2021/NĐ-CP, Điều 13 (lĩnh vực bình đẳng giới)",
            ],
            [
                "Hành vi bạo lực gia đình",
                "Nghị định 282/2025/NĐ-CP về xử phạt trong lĩnh vực an ninh, trật tự, an "
                "toàn xã hội, phòng, chống tệ nạn xã hội và phòng, chống bạo lực gia "
                "đình, hiệu lực từ 15/12/2025, thay thế Nghị định 144/2021/NĐ-CP",
            ],
            ["Hành vi có dấu hiệu tội phạm", "Chuyển cơ quan công an"],
        ],
        caption="Chọn đúng văn bản khi tư vấn",
    ),
    table(
        [
            ["Hành vi theo Điều 13 NĐ 125/2021 (tóm tắt)", "Mức phạt"],
            [
                "Đối xử bất bình đẳng với các thành viên gia đình vì lý do giới tính",
                "3.000.000 – 5.000.000 đồng",
            ],
            [
                "Đe dọa dùng vũ lực để không cho thành viên gia đình tham gia quyết định "
                "về tài sản chung",
                "5.000.000 – 7.000.000 đồng",
            ],
            [
                "Dùng vũ lực để không cho thành viên gia đình tham gia quyết định về tài "
                "sản chung",
                "7.000.000 – 10.000.000 đồng",
            ],
            [
                "Biện pháp khắc phục hậu quả",
                "Buộc xin lỗi công khai; buộc khôi phục quyền, lợi ích hợp pháp",
            ],
        ],
        caption="Lĩnh vực gia đình trong Nghị định 125/2021/NĐ-CP",
    ),
    callout(
        "<p>Tài liệu này không trích mức phạt cụ thể của Nghị định 282/2025/NĐ-CP. Khi "
        "tư vấn về hành vi bạo lực gia đình, hãy đọc nguyên văn Nghị định đang có hiệu "
        "lực.</p>",
        kind="warning",
    ),
    heading("Mô hình hỗ trợ ở cộng đồng"),
    quote(
        "…Mô hình Địa chỉ tin cậy - Nhà tạm lánh tại cộng đồng; Phòng ngừa và giảm "
        "thiểu tác hại của bạo lực trên cơ sở giới; Bình đẳng giới và hôn nhân gia đình; "
        "Xây dựng gia đình an toàn cho phụ nữ và trẻ em gái...",
        "Mục II, khoản 4, điểm a (trích)",
        KH_2022,
    ),
    para(
        "Kế hoạch cũng giao ngành y tế chăm sóc, tư vấn, hỗ trợ nạn nhân bạo lực, xâm "
        "hại tại cơ sở y tế và thống kê người bệnh là nạn nhân bạo lực gia đình; giao "
        "công an phòng, chống bạo lực gia đình, bạo lực xâm hại phụ nữ và trẻ em. Người "
        "tư vấn ở xã cần biết địa chỉ tin cậy gần nhất và đầu mối ở trạm y tế, công an."
    ),
    faq(
        (
            "Chồng đánh vợ gây thương tích thì áp dụng Nghị định 125/2021 hay "
            "282/2025?",
            "Hành vi bạo lực gia đình được xử phạt theo Nghị định 282/2025/NĐ-CP; nếu "
            "có dấu hiệu tội phạm thì chuyển công an. Nghị định 125/2021/NĐ-CP xử lý các "
            "hành vi vi phạm về bình đẳng giới như đối xử bất bình đẳng vì giới tính.",
        ),
        (
            "Người gây bạo lực có được hỗ trợ không?",
            "Có. Tỉnh đặt chỉ tiêu 40% (2025) và 60% (2030) người gây bạo lực được tư "
            "vấn, vì thay đổi hành vi là cách phòng ngừa bạo lực tái diễn.",
        ),
    ),
    reflection(
        "Vẽ sơ đồ các nơi một nạn nhân bạo lực gia đình ở xã anh/chị có thể tìm đến "
        "trong 24 giờ đầu. Khâu nào còn thiếu?",
    ),
]

LESSON_4 = [
    heading("Nguyên tắc khi tư vấn"),
    bullets(
        "<b>An toàn trước hết:</b> đánh giá ngay người đến tư vấn có đang gặp nguy hiểm "
        "không.",
        "<b>Bảo mật:</b> nói chuyện ở nơi riêng; chỉ chia sẻ thông tin với người cần "
        "biết và khi người được tư vấn đồng ý (trừ trường hợp trẻ em cần được bảo vệ).",
        "<b>Tôn trọng, không phán xét:</b> không hỏi “chị đã làm gì để anh ấy đánh?”.",
        "<b>Tôn trọng quyết định:</b> cung cấp thông tin đầy đủ, để người được tư vấn "
        "tự lựa chọn.",
        "<b>Nhạy cảm giới:</b> nhận ra chênh lệch quyền lực giữa các bên trong gia đình.",
    ),
    heading("Các bước một buổi tư vấn"),
    table(
        [
            ["Bước", "Việc cần làm"],
            ["1. Tiếp nhận", "Chào hỏi, giới thiệu vai trò, cam kết bảo mật"],
            ["2. Lắng nghe", "Để người dân kể; hỏi câu mở; ghi chép đúng sự việc"],
            [
                "3. Xác định vấn đề",
                "Tách vấn đề pháp lý (tài sản, con cái, bạo lực) và nhu cầu khác",
            ],
            [
                "4. Cung cấp thông tin pháp luật",
                "Điều 18 Luật Bình đẳng giới; Nghị định 125/2021/NĐ-CP; văn bản liên quan",
            ],
            [
                "5. Cùng tìm phương án",
                "Liệt kê lựa chọn, ưu và nhược của từng lựa chọn",
            ],
            ["6. Chuyển gửi, theo dõi", "Giới thiệu nơi hỗ trợ; hẹn lần gặp sau"],
        ],
        caption="Quy trình tư vấn gợi ý",
    ),
    heading("Hòa giải: khi nào phù hợp, khi nào không"),
    para(
        "Hòa giải phù hợp với mâu thuẫn mà hai bên có vị thế tương đối ngang nhau và "
        "đều muốn giải quyết, ví dụ bất đồng về chia việc nhà hay chi tiêu. Khi có bạo "
        "lực, đe dọa hoặc một bên sợ hãi, hòa giải có thể đặt nạn nhân vào nguy hiểm. "
        "Ưu tiên là an toàn của nạn nhân, không gây áp lực để nạn nhân “nhịn cho êm "
        "nhà”. Trong hòa giải, bảo đảm cả vợ và chồng được nói, và kết quả không trái với "
        "quyền ngang nhau theo Điều 18."
    ),
    callout(
        "<p><b>Không hòa giải thay cho xử lý vi phạm.</b> Hành vi bạo lực gia đình, hành "
        "vi vi phạm bình đẳng giới có chế tài riêng; hòa giải không xóa bỏ trách nhiệm "
        "của người vi phạm.</p>",
        kind="warning",
    ),
    heading("Chuyển gửi"),
    table(
        [
            ["Nhu cầu", "Nơi chuyển gửi ở xã"],
            ["Nguy hiểm, cần can thiệp ngay", "Công an xã"],
            ["Thương tích, sức khỏe", "Trạm y tế xã; bệnh viện"],
            ["Nơi ở tạm thời an toàn", "Địa chỉ tin cậy, nhà tạm lánh tại cộng đồng"],
            ["Hỗ trợ, đồng hành", "Hội Liên hiệp Phụ nữ xã"],
            ["Trẻ em bị bạo lực, xâm hại", "Tổng đài quốc gia bảo vệ trẻ em 111"],
            ["Thủ tục pháp lý", "Công chức tư pháp - hộ tịch, UBND xã"],
        ],
        caption="Bản đồ chuyển gửi mẫu (xã điền đầu mối, số điện thoại)",
    ),
    para(
        "Mỗi vụ việc cần được ghi sổ: ngày, giới tính và độ tuổi của người được tư vấn, "
        "loại vấn đề, nơi chuyển gửi, kết quả. Sổ này là nguồn số liệu cho báo cáo bình "
        "đẳng giới của xã, và phải được bảo mật như dữ liệu cá nhân."
    ),
    faq(
        (
            "Người vợ kể bị chồng đánh nhưng xin xã “chỉ hòa giải, đừng phạt”. Làm gì?",
            "Lắng nghe và tôn trọng, nhưng đánh giá nguy cơ an toàn, giải thích quyền "
            "của chị, các nơi hỗ trợ và rằng hòa giải không thay thế xử lý hành vi bạo "
            "lực. Ghi sổ, chuyển gửi khi chị đồng ý, và báo công an nếu có nguy hiểm.",
        ),
        (
            "Có nên mời cả hai vợ chồng đến cùng một buổi tư vấn?",
            "Chỉ khi không có bạo lực hoặc đe dọa. Nếu có, tư vấn riêng từng người để "
            "nạn nhân được nói thật và an toàn.",
        ),
    ),
    reflection(
        "Đóng vai: một người chồng đến xã hỏi “vợ tôi đi làm công ty, tôi có quyền giữ "
        "lương của vợ không?”. Anh/chị sẽ tư vấn thế nào theo Điều 18 và Nghị định "
        "125/2021/NĐ-CP?",
        "Gợi ý: tài sản chung, quyền ngang nhau, cản trở hoạt động tạo thu nhập.",
    ),
]

COURSE = {
    "code": "K4-2026",
    "title": "Pháp luật về hôn nhân và gia đình, bình đẳng giới trong gia đình",
    "slug": "k4-hon-nhan-gia-dinh-binh-dang-gioi",
    "summary": (
        "Khóa bồi dưỡng 1 ngày (8 tiết) cho người làm công tác tư vấn pháp luật cấp xã "
        "(công chức tư pháp, hòa giải viên): bình đẳng giới trong gia đình, độ tuổi kết "
        "hôn và tư vấn tiền hôn nhân, phòng, chống bạo lực gia đình và xử phạt, kỹ năng "
        "tư vấn, hòa giải, chuyển gửi. Khóa học do đơn vị giao."
    ),
    "learning_outcomes": (
        "<ul>"
        "<li>Giải thích các nội dung bình đẳng giới trong gia đình theo Điều 18 Luật "
        "Bình đẳng giới.</li>"
        "<li>Tư vấn về độ tuổi kết hôn và phòng, chống tảo hôn.</li>"
        "<li>Xác định văn bản xử phạt áp dụng cho vi phạm bình đẳng giới và bạo lực "
        "gia đình.</li>"
        "<li>Thực hiện tư vấn, hòa giải, chuyển gửi an toàn, có nhạy cảm giới.</li>"
        "</ul>"
    ),
    "level": "intermediate",
    "estimated_hours": "6",
    "target_groups": ["tu-van-phap-luat-xa", "hoi-lhpn"],
    "topics": [
        "hôn nhân và gia đình",
        "bình đẳng giới trong gia đình",
        "bạo lực gia đình",
        "tư vấn pháp luật",
        "hòa giải",
    ],
    "organisation": "STP-QNG",
    "enrolment_mode": "assigned",
    "is_outline_public": False,
    "sources": [
        LAW_73 + " (Đ10, Đ18, Đ33)",
        "Hiến pháp năm 2013",
        "Luật Hôn nhân và gia đình năm 2014 (Đ8, độ tuổi kết hôn)",
        ND_125 + " (Đ13)",
        "Nghị định 282/2025/NĐ-CP (phạm vi, hiệu lực)",
        "Nghị quyết 28/NQ-CP; Quyết định 254/QĐ-UBND",
        "Thông tư 10/2019/TT-BKHĐT (chỉ tiêu 0107)",
        "Kế hoạch bình đẳng giới năm 2022 của UBND tỉnh Quảng Ngãi",
    ],
    "modules": [
        {
            "title": "Chuyên đề 1. Pháp luật về gia đình và hôn nhân",
            "slug": "chuyen-de-1-phap-luat-gia-dinh-hon-nhan",
            "summary": (
                "Bình đẳng giới trong gia đình (Điều 18 Luật Bình đẳng giới), độ tuổi "
                "kết hôn và tư vấn tiền hôn nhân."
            ),
            "lessons": [
                {
                    "title": "Bài 1. Bình đẳng giới trong gia đình",
                    "slug": "bai-1-binh-dang-gioi-trong-gia-dinh",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_1,
                },
                {
                    "title": (
                        "Bài 2. Kết hôn và quan hệ vợ chồng dưới góc độ bình đẳng giới"
                    ),
                    "slug": "bai-2-ket-hon-quan-he-vo-chong",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_2,
                },
            ],
        },
        {
            "title": "Chuyên đề 2. Bạo lực gia đình và kỹ năng hỗ trợ",
            "slug": "chuyen-de-2-bao-luc-gia-dinh-ky-nang",
            "summary": (
                "Phòng, chống bạo lực gia đình, xử phạt; kỹ năng tư vấn, hòa giải và "
                "chuyển gửi."
            ),
            "lessons": [
                {
                    "title": "Bài 3. Phòng, chống bạo lực gia đình và xử phạt vi phạm",
                    "slug": "bai-3-phong-chong-bao-luc-gia-dinh",
                    "estimated_minutes": 35,
                    "is_required": True,
                    "body": LESSON_3,
                },
                {
                    "title": "Bài 4. Kỹ năng tư vấn, hòa giải và chuyển gửi",
                    "slug": "bai-4-tu-van-hoa-giai-chuyen-gui",
                    "quiz": "K4-FINAL",
                    "estimated_minutes": 35,
                    "is_required": True,
                    "body": LESSON_4,
                },
            ],
        },
    ],
}
