"""K2 — Kỹ năng lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật.

Sources (DOMAIN.md §1.1, §1.3, §2.2, §3.1–3.2): Luật Bình đẳng giới Đ5 k7 (fragment
only), Đ6, Đ14, Đ19, Đ20–22 (titles); NĐ 48/2009/NĐ-CP Đ7–8; TT 17/2014/TT-BTP Đ10,
11, 13; Luật 80/2015/QH13 and Luật 64/2025/QH15; BC 102/BC-CP, 300/BC-CP; TT 10/2019/TT-BKHĐT;
NQ 1677/NQ-UBTVQH15; the 2022 plan (tasks of Sở Tư pháp). Figures in the exercise
are marked as hypothetical.
"""

from .blocks import (
    KH_2022,
    LAW_73,
    ND_48,
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
    heading("Lồng ghép vấn đề bình đẳng giới là gì?"),
    para(
        "Điều 5 khoản 7 Luật Bình đẳng giới giải thích lồng ghép vấn đề bình đẳng giới "
        "trong xây dựng văn bản quy phạm pháp luật là một biện pháp nhằm thực hiện mục "
        "tiêu bình đẳng giới. Cốt lõi của khái niệm nằm ở hai động từ: "
        "<b>xác định</b> vấn đề giới và <b>dự báo</b> tác động giới của văn bản."
    ),
    quote("…xác định vấn đề giới, dự báo tác động giới…", "Điều 5, khoản 7 (trích)"),
    para(
        "Lồng ghép không phải là thêm một câu “bảo đảm bình đẳng giới” vào cuối dự "
        "thảo. Đó là một cách làm xuyên suốt: từ khi đề xuất chính sách, soạn thảo, lấy "
        "ý kiến, thẩm định, thẩm tra đến khi tổ chức thực hiện và đánh giá. Điều 6 khoản "
        "5 của Luật đặt việc bảo đảm lồng ghép vấn đề bình đẳng giới trong xây dựng và "
        "thực thi pháp luật thành một trong sáu nguyên tắc cơ bản."
    ),
    heading("Hệ thống văn bản cần nắm"),
    table(
        [
            ["Văn bản", "Nội dung liên quan"],
            [
                LAW_73,
                "Đ5 k7 (khái niệm); Đ6 k5 (nguyên tắc); Chương III: Đ20 (nguyên tắc về "
                "bình đẳng giới trong xây dựng pháp luật), Đ21 (lồng ghép trong xây dựng "
                "văn bản), Đ22 (thẩm tra việc lồng ghép)",
            ],
            [
                f"{ND_48} ngày 19/5/2009",
                "Đ7: phạm vi — dự thảo có nội dung liên quan đến bình đẳng giới hoặc có "
                "vấn đề bất bình đẳng, phân biệt đối xử về giới; Đ8: nội dung lồng ghép",
            ],
            [
                "Thông tư 17/2014/TT-BTP (Bộ Tư pháp)",
                "Đ10: giai đoạn đề nghị xây dựng; Đ11: mời ngành lao động, Hội Liên hiệp "
                "Phụ nữ, chuyên gia về giới; Đ13: giai đoạn soạn thảo",
            ],
            [
                "Luật Ban hành văn bản quy phạm pháp luật",
                "Luật 80/2015/QH13 (kèm Nghị định 34/2016/NĐ-CP) đã được thay thế bằng "
                "Luật 64/2025/QH15, thông qua ngày 19/02/2025, hiệu lực từ 01/4/2025, "
                "gồm 9 chương, 72 điều",
            ],
        ],
        caption="Cơ sở pháp lý của lồng ghép giới trong xây dựng văn bản",
    ),
    para(
        "Theo Điều 8 Nghị định 48/2009/NĐ-CP, nội dung lồng ghép gồm ba việc: (1) xác "
        "định nội dung liên quan đến bình đẳng giới hoặc vấn đề bất bình đẳng, phân "
        "biệt đối xử về giới; (2) quy định các biện pháp cần thiết và <b>dự báo tác "
        "động</b> của các quy định đó đối với nam và nữ; (3) xác định nguồn nhân lực, "
        "tài chính cần thiết. Ba việc này là khung cho cả khóa học."
    ),
    callout(
        "<p><b>Kiểm tra hiệu lực trước khi áp dụng.</b> Luật 64/2025/QH15 thay thế Luật "
        "năm 2015 và không còn trao quyền ban hành văn bản quy phạm pháp luật cho chính "
        "quyền cấp xã. Tài liệu này chưa đối chiếu các điều của Luật mới (và lần sửa "
        "đổi năm 2025, nếu có) quy định về lồng ghép giới, cũng chưa xác nhận Thông tư "
        "17/2014/TT-BTP còn hiệu lực. Hãy tra cứu tình trạng hiệu lực trên cơ sở dữ "
        "liệu quốc gia về pháp luật trước khi viện dẫn.</p>",
        kind="warning",
    ),
    heading("Lồng ghép giới trong thực tiễn"),
    para(
        "Báo cáo hằng năm của Chính phủ gửi Quốc hội về thực hiện mục tiêu quốc gia về "
        "bình đẳng giới mở đầu bằng phần lồng ghép giới trong xây dựng pháp luật. Theo "
        "các báo cáo năm 2025 (102/BC-CP ngày 15/02/2025 và báo cáo bổ sung 300/BC-CP "
        "ngày 03/5/2025), năm 2024 Bộ Tư pháp đã thẩm định 33 hồ sơ đề nghị và 176 dự "
        "thảo. Ở tỉnh, Kế hoạch năm 2022 giao Sở Tư pháp:"
    ),
    quote(
        "Tham mưu thực hiện lồng ghép vấn đề về bình đẳng giới trong xây dựng, thực "
        "hiện văn bản quy phạm pháp luật và các chiến lược, chương trình, kế hoạch phát "
        "triển kinh tế - xã hội giai đoạn và hằng năm.",
        "Mục IV, khoản 6, điểm b",
        KH_2022,
    ),
    faq(
        (
            "Dự thảo nào phải lồng ghép vấn đề bình đẳng giới?",
            "Theo Điều 7 Nghị định 48/2009/NĐ-CP: dự thảo có nội dung liên quan đến "
            "bình đẳng giới hoặc có vấn đề bất bình đẳng giới, phân biệt đối xử về "
            "giới. Muốn biết dự thảo có thuộc diện này không thì phải phân tích giới "
            "ngay từ đầu (Bài 2).",
        ),
        (
            "Vì sao khóa học hướng tới người soạn thảo cấp tỉnh?",
            "Từ ngày 01/4/2025, theo Luật 64/2025/QH15, chính quyền cấp xã không còn "
            "ban hành văn bản quy phạm pháp luật. Việc soạn thảo nghị quyết HĐND, quyết "
            "định UBND ở địa phương tập trung ở cấp tỉnh.",
        ),
        (
            "Bổ sung một nữ thành viên vào ban soạn thảo có phải là lồng ghép không?",
            "Chưa đủ. Thành phần đa dạng là tốt, nhưng lồng ghép là phân tích vấn đề "
            "giới, dự báo tác động và bố trí nguồn lực trong chính nội dung văn bản "
            "(Điều 8 Nghị định 48/2009/NĐ-CP).",
        ),
    ),
    reflection(
        "Nhớ lại một dự thảo mà anh/chị từng tham gia. Dự thảo đó có nội dung liên "
        "quan đến bình đẳng giới không? Hồ sơ trình đã thể hiện ba nội dung của Điều 8 "
        "Nghị định 48/2009/NĐ-CP chưa?",
    ),
]

LESSON_2 = [
    heading("Vấn đề giới"),
    para(
        "Vấn đề giới là sự khác biệt, chênh lệch giữa nam và nữ về vị trí, vai trò, "
        "điều kiện, cơ hội hoặc thụ hưởng, có nguyên nhân từ giới (định kiến, phân công "
        "lao động, quy định, điều kiện tiếp cận) chứ không phải từ giới tính, và có "
        "thể bị chính sách đang soạn thảo làm tăng lên hoặc thu hẹp lại. Một dự thảo "
        "“trung lập về giới” trên câu chữ vẫn có thể tác động khác nhau đến nam và nữ."
    ),
    heading("Bốn nhóm câu hỏi phân tích giới"),
    table(
        [
            ["Câu hỏi", "Áp dụng cho dự thảo về hỗ trợ đào tạo nghề"],
            [
                "Ai làm gì? (phân công lao động)",
                "Nam, nữ trong nhóm đối tượng đang làm những việc gì, thời gian biểu "
                "một ngày ra sao, ai chăm con nhỏ?",
            ],
            [
                "Ai tiếp cận và kiểm soát nguồn lực?",
                "Ai đứng tên tài sản, ai có phương tiện đi lại, ai có điện thoại để nhận "
                "thông báo?",
            ],
            [
                "Ai tham gia quyết định?",
                "Ai quyết định thành viên nào trong hộ đi học nghề? Nữ có được hỏi ý "
                "kiến khi xây dựng chính sách không?",
            ],
            [
                "Ai hưởng lợi, ai chịu tác động?",
                "Trong những năm trước, bao nhiêu nam, bao nhiêu nữ được hỗ trợ; người "
                "dân tộc thiểu số chiếm bao nhiêu?",
            ],
        ],
        caption="Khung câu hỏi phân tích giới dùng khi soạn thảo",
    ),
    para(
        "Sau bốn câu hỏi “ai”, luôn hỏi thêm “<b>vì sao</b>”: chênh lệch do định kiến, "
        "do quy định (ví dụ điều kiện đối tượng), do điều kiện thực tế (khoảng cách, "
        "thời gian, ngôn ngữ) hay do thiếu thông tin? Nguyên nhân quyết định biện pháp."
    ),
    heading("Nguồn số liệu tách biệt theo giới tính"),
    bullets(
        "Bộ chỉ tiêu thống kê phát triển giới của quốc gia (Thông tư 10/2019/TT-BKHĐT, "
        "78 chỉ tiêu) và các ấn phẩm thống kê giới của cơ quan thống kê, trình bày theo "
        "các nhóm dân số, gia đình, giáo dục, y tế, lao động và việc làm, lãnh đạo và "
        "quản lý;",
        "Số liệu hành chính của sở, ngành: danh sách người được hỗ trợ, hồ sơ vay vốn, "
        "danh sách học viên;",
        "Báo cáo bình đẳng giới 6 tháng, hằng năm của các cơ quan, địa phương;",
        "Kết quả lấy ý kiến: Thông tư 17/2014/TT-BTP cho phép mời ngành lao động, Hội "
        "Liên hiệp Phụ nữ và chuyên gia về giới tham gia.",
    ),
    para(
        "Số liệu nên được phân tổ theo giới tính, nhóm tuổi, dân tộc, thành thị - nông "
        "thôn và đơn vị hành chính. Với Quảng Ngãi, lưu ý số liệu trước ngày 01/7/2025 "
        "gắn với huyện và xã cũ. Ví dụ, theo Nghị quyết 1677/NQ-UBTVQH15, xã Vạn Tường "
        "mới được hình thành từ sáu xã Bình Thuận, Bình Đông, Bình Trị, Bình Hải, Bình "
        "Hòa, Bình Phước của huyện Bình Sơn cũ; muốn so sánh theo thời gian phải cộng "
        "số liệu các xã cũ."
    ),
    callout(
        "<p><b>Khi thiếu số liệu:</b> ghi rõ “chưa có số liệu tách biệt theo giới "
        "tính”, dùng thông tin định tính từ tham vấn, và đưa vào dự thảo yêu cầu thu "
        "thập, báo cáo số liệu theo giới tính trong quá trình thực hiện. Không tự suy "
        "ra tỷ lệ nam, nữ khi không có căn cứ.</p>",
        kind="tip",
    ),
    faq(
        (
            "Dự thảo không nhắc đến nam hay nữ thì có cần phân tích giới không?",
            "Có. Quy định giống nhau cho mọi người vẫn có thể tác động khác nhau, ví dụ "
            "yêu cầu học tập trung dài ngày ở thành phố sẽ khó hơn với người đang chăm "
            "con nhỏ, mà phần lớn là phụ nữ.",
        ),
        (
            "Phân tích giới có phải chỉ để bảo vệ phụ nữ?",
            "Không. Phân tích giới xem xét cả nam và nữ. Có lĩnh vực nam giới bất lợi "
            "hơn, ví dụ nam thanh niên bỏ học sớm đi làm; biện pháp khi đó hướng tới "
            "nam.",
        ),
    ),
    reflection(
        "Chọn một chính sách đang được soạn thảo tại cơ quan anh/chị. Trả lời bốn nhóm "
        "câu hỏi “ai” và một câu hỏi “vì sao”, rồi ghi lại những số liệu còn thiếu.",
    ),
]

LESSON_3 = [
    heading("Từ vấn đề giới đến dự báo tác động"),
    para(
        "Dự báo tác động giới là ước tính trước quy định dự kiến sẽ ảnh hưởng thế nào "
        "đến nam và nữ: ai được lợi, ai gặp khó, khoảng cách giới tăng hay giảm. Nghị "
        "định 48/2009/NĐ-CP (Điều 8) yêu cầu dự báo tác động của các biện pháp đối với "
        "nam và nữ; Thông tư 17/2014/TT-BTP yêu cầu ghi nhận kết quả vào hồ sơ."
    ),
    table(
        [
            [
                "Nội dung (NĐ 48/2009, Đ8)",
                "Câu hỏi cho người soạn thảo",
                "Thể hiện ở đâu",
            ],
            [
                "Xác định vấn đề giới",
                "Dự thảo liên quan đến vấn đề bình đẳng, bất bình đẳng giới nào?",
                "Thuyết minh, báo cáo đánh giá tác động (giai đoạn đề nghị)",
            ],
            [
                "Biện pháp và dự báo tác động",
                "Quy định nào tác động khác nhau đến nam và nữ? Biện pháp nào giảm chênh "
                "lệch?",
                "Tờ trình hoặc thuyết minh kèm dự thảo",
            ],
            [
                "Nguồn lực",
                "Cần bao nhiêu kinh phí, nhân lực? Ai chịu trách nhiệm theo dõi?",
                "Tờ trình; điều khoản tổ chức thực hiện",
            ],
        ],
        caption="Ba nội dung lồng ghép và nơi thể hiện trong hồ sơ",
    ),
    para(
        "Theo Thông tư 17/2014/TT-BTP, ở giai đoạn đề nghị xây dựng (Điều 10), cơ quan "
        "đề nghị xác định, phân tích vấn đề giới, dự báo tác động đối với mỗi giới và đề "
        "xuất chính sách, ghi nhận trong bản thuyết minh và báo cáo đánh giá tác động "
        "sơ bộ. Ở giai đoạn soạn thảo (Điều 13), với quyết định của UBND tỉnh và nghị "
        "quyết của HĐND, đánh giá tác động giới được thể hiện trong tờ trình hoặc bản "
        "thuyết minh, sau khi tham vấn."
    ),
    heading("Cách dự báo"),
    bullets(
        "So sánh hai kịch bản: có quy định và không có quy định, riêng cho nam và cho nữ;",
        "Xét cả tác động trực tiếp (ai nhận hỗ trợ) và gián tiếp (ai gánh thêm việc nhà "
        "khi một người trong hộ đi học);",
        "Xét các nhóm bị thiệt thòi nhiều lớp: phụ nữ dân tộc thiểu số, người khuyết "
        "tật, người ở vùng sâu, vùng xa;",
        "Chỉ ra căn cứ của dự báo: số liệu, kết quả tham vấn, kinh nghiệm các năm trước.",
    ),
    callout(
        "<p><b>Chú ý thẩm quyền.</b> Theo Điều 19 Luật Bình đẳng giới, biện pháp thúc "
        "đẩy bình đẳng giới (tỷ lệ, ưu tiên, tiêu chuẩn đặc thù…) do Quốc hội, Ủy ban "
        "thường vụ Quốc hội, Chính phủ quy định. Dự thảo của tỉnh có thể tổ chức thực "
        "hiện các biện pháp đã có căn cứ, ví dụ hỗ trợ dạy nghề cho lao động nữ nông "
        "thôn (Điều 14), và thiết kế quy định nhạy cảm giới (lịch học linh hoạt, lớp "
        "học tại xã), nhưng không tự đặt ra biện pháp thúc đẩy mới.</p>",
        kind="warning",
    ),
    heading("Mẫu đoạn văn trong tờ trình"),
    para(
        "<p><i>“Về lồng ghép vấn đề bình đẳng giới: Dự thảo có nội dung liên quan đến "
        "bình đẳng giới trong lĩnh vực giáo dục nghề nghiệp. Số liệu các năm trước cho "
        "thấy tỷ lệ nữ trong số người được hỗ trợ thấp hơn nam, chủ yếu do lớp học tổ "
        "chức tập trung dài ngày. Dự thảo quy định tổ chức lớp tại xã, bố trí lịch học "
        "linh hoạt và hỗ trợ dạy nghề cho lao động nữ nông thôn theo Điều 14 Luật Bình "
        "đẳng giới. Dự kiến tỷ lệ nữ tham gia tăng; kinh phí thực hiện được tính trong "
        "dự toán; cơ quan chủ trì báo cáo kết quả hằng năm, có số liệu tách biệt theo "
        "giới tính.”</i></p>"
    ),
    faq(
        (
            "Đánh giá tác động giới của nghị quyết HĐND tỉnh được thể hiện ở đâu?",
            "Theo Điều 13 Thông tư 17/2014/TT-BTP, trong tờ trình hoặc bản thuyết minh "
            "kèm dự thảo.",
        ),
        (
            "Có cần dự báo tác động nếu dự thảo có lợi cho cả nam và nữ?",
            "Có. Lợi ích có thể không ngang nhau. Dự báo giúp phát hiện nhóm khó tiếp "
            "cận để điều chỉnh cách tổ chức thực hiện.",
        ),
    ),
    reflection(
        "Viết một đoạn 5–7 câu về lồng ghép vấn đề bình đẳng giới cho tờ trình của một "
        "dự thảo anh/chị đang phụ trách, theo ba nội dung của Điều 8 Nghị định "
        "48/2009/NĐ-CP.",
    ),
]

LESSON_4 = [
    heading("Tình huống (giả định)"),
    para(
        "Một sở được giao soạn thảo nghị quyết của HĐND tỉnh “Quy định chính sách hỗ "
        "trợ đào tạo nghề ngắn hạn cho lao động nông thôn”. Dự thảo lần 1 quy định: "
        "người học phải theo khóa tập trung 3 tháng tại trung tâm ở phường Cẩm Thành; "
        "được hỗ trợ học phí và tiền đi lại; ưu tiên người là chủ hộ. Bài thực hành này "
        "dùng số liệu giả định, chỉ nhằm luyện kỹ năng."
    ),
    table(
        [
            ["Năm (giả định)", "Người được hỗ trợ", "Trong đó nữ", "Người DTTS"],
            ["Năm thứ nhất", "420", "126 (30,0%)", "38"],
            ["Năm thứ hai", "465", "130 (28,0%)", "35"],
            ["Năm thứ ba", "510", "133 (26,1%)", "31"],
        ],
        caption="Kết quả hỗ trợ đào tạo nghề ba năm trước (số liệu giả định)",
    ),
    heading("Bước 1. Xác định vấn đề giới"),
    para(
        "Đọc bảng số liệu và các điều kiện của dự thảo. Tỷ lệ nữ thấp và đang giảm dần; "
        "số người dân tộc thiểu số cũng giảm. Hãy liệt kê những quy định có thể là "
        "nguyên nhân, trả lời câu hỏi “ai làm gì, ai tiếp cận nguồn lực, ai quyết "
        "định” như ở Bài 2."
    ),
    heading("Bước 2. Dự báo tác động"),
    para(
        "Với từng quy định (học tập trung 3 tháng, địa điểm ở phường trung tâm, ưu tiên "
        "chủ hộ), dự báo tác động đối với nam, nữ, người dân tộc thiểu số ở xã vùng "
        "cao và người đang chăm con nhỏ."
    ),
    heading("Bước 3. Đề xuất điều chỉnh và nguồn lực"),
    para(
        "Đề xuất điều chỉnh trong thẩm quyền của HĐND tỉnh, xác định kinh phí, cơ quan "
        "theo dõi và chỉ số báo cáo tách biệt theo giới tính."
    ),
    heading("Bước 4. Viết đoạn lồng ghép cho tờ trình"),
    para("Viết đoạn văn theo mẫu ở Bài 3, rồi so sánh với gợi ý đáp án dưới đây."),
    faq(
        (
            "Gợi ý bước 1: vấn đề giới là gì?",
            "<ul><li>Học tập trung 3 tháng xa nhà khó với người chăm con nhỏ, phần lớn "
            "là phụ nữ.</li><li>Ưu tiên “chủ hộ” có lợi cho nam giới nếu phần lớn chủ "
            "hộ là nam (cần kiểm tra số liệu).</li><li>Người dân tộc thiểu số ở xã "
            "vùng cao gặp khó về khoảng cách, ngôn ngữ.</li></ul>",
        ),
        (
            "Gợi ý bước 2: dự báo tác động?",
            "Nếu giữ nguyên, tỷ lệ nữ có thể tiếp tục giảm dưới 26%, khoảng cách giới "
            "trong tiếp cận đào tạo nghề tăng; nữ dân tộc thiểu số hầu như không tiếp "
            "cận được.",
        ),
        (
            "Gợi ý bước 3: điều chỉnh nào?",
            "<ul><li>Tổ chức lớp lưu động tại xã, lịch học linh hoạt theo mùa vụ.</li>"
            "<li>Bỏ tiêu chí “chủ hộ”, thay bằng tiêu chí theo hoàn cảnh của người "
            "học.</li><li>Áp dụng hỗ trợ dạy nghề cho lao động nữ nông thôn theo Điều "
            "14 Luật Bình đẳng giới.</li><li>Báo cáo hằng năm số người học tách theo "
            "giới tính, dân tộc.</li></ul>",
        ),
        (
            "Có nên quy định “ít nhất 50% học viên là nữ”?",
            "Không nên tự đặt. Quy định tỷ lệ là biện pháp thúc đẩy bình đẳng giới theo "
            "Điều 19, thuộc thẩm quyền của Quốc hội, Ủy ban thường vụ Quốc hội, Chính "
            "phủ. Dự thảo nên tháo gỡ rào cản tiếp cận và theo dõi kết quả.",
        ),
    ),
    callout(
        "<p>Khi gửi hồ sơ lấy ý kiến, hãy gửi cả Hội Liên hiệp Phụ nữ tỉnh và cơ quan "
        "phụ trách công tác bình đẳng giới để kiểm tra phần lồng ghép.</p>",
        kind="tip",
    ),
    reflection(
        "So sánh đoạn lồng ghép anh/chị viết với gợi ý. Phần nào khó viết nhất, và "
        "anh/chị cần thêm số liệu gì từ cơ quan mình?",
    ),
]

COURSE = {
    "code": "K2-2026",
    "title": (
        "Kỹ năng lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm "
        "pháp luật"
    ),
    "slug": "k2-long-ghep-gioi-xay-dung-van-ban",
    "summary": (
        "Khóa bồi dưỡng 1,5 ngày (12 tiết) cho công chức soạn thảo, thẩm định văn bản "
        "quy phạm pháp luật cấp tỉnh: cơ sở pháp lý, phân tích giới, dự báo tác động "
        "giới, trình bày trong tờ trình và thực hành trên một dự thảo nghị quyết HĐND "
        "tỉnh. Đăng ký cần được phê duyệt."
    ),
    "learning_outcomes": (
        "<ul>"
        "<li>Trình bày cơ sở pháp lý của lồng ghép vấn đề bình đẳng giới trong xây "
        "dựng văn bản quy phạm pháp luật.</li>"
        "<li>Phân tích giới một dự thảo bằng số liệu tách biệt theo giới tính.</li>"
        "<li>Dự báo tác động giới và trình bày ba nội dung lồng ghép trong tờ "
        "trình.</li>"
        "<li>Phân biệt quy định nhạy cảm giới với biện pháp thúc đẩy bình đẳng giới "
        "thuộc thẩm quyền trung ương.</li>"
        "</ul>"
    ),
    "level": "intermediate",
    "estimated_hours": "9",
    "target_groups": ["soan-thao-vbqppl"],
    "topics": [
        "lồng ghép giới",
        "văn bản quy phạm pháp luật",
        "phân tích giới",
        "đánh giá tác động giới",
        "luật bình đẳng giới",
    ],
    "organisation": "STP-QNG",
    "enrolment_mode": "approval",
    "is_outline_public": True,
    "sources": [
        LAW_73 + " (Đ5 k7, Đ6, Đ14, Đ19, Đ20–22)",
        ND_48 + " (Đ7, Đ8)",
        "Thông tư 17/2014/TT-BTP (Đ10, 11, 13)",
        "Luật 80/2015/QH13; Luật 64/2025/QH15",
        "Báo cáo 102/BC-CP; Báo cáo 300/BC-CP",
        "Thông tư 10/2019/TT-BKHĐT",
        "Nghị quyết 1677/NQ-UBTVQH15",
        "Kế hoạch bình đẳng giới năm 2022 của UBND tỉnh Quảng Ngãi",
    ],
    "modules": [
        {
            "title": "Chuyên đề 1. Cơ sở pháp lý và phân tích giới",
            "slug": "chuyen-de-1-co-so-phap-ly-phan-tich-gioi",
            "summary": (
                "Khung pháp lý của lồng ghép giới và kỹ năng phân tích giới bằng số "
                "liệu tách biệt theo giới tính."
            ),
            "lessons": [
                {
                    "title": "Bài 1. Cơ sở pháp lý của lồng ghép vấn đề bình đẳng giới",
                    "slug": "bai-1-co-so-phap-ly",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_1,
                },
                {
                    "title": "Bài 2. Phân tích giới và số liệu tách biệt theo giới tính",
                    "slug": "bai-2-phan-tich-gioi-so-lieu",
                    "estimated_minutes": 35,
                    "is_required": True,
                    "body": LESSON_2,
                },
            ],
        },
        {
            "title": "Chuyên đề 2. Dự báo tác động giới và thực hành",
            "slug": "chuyen-de-2-du-bao-tac-dong-thuc-hanh",
            "summary": (
                "Dự báo tác động giới, trình bày trong tờ trình và thực hành trên một "
                "dự thảo nghị quyết."
            ),
            "lessons": [
                {
                    "title": "Bài 3. Dự báo tác động giới và nội dung trong tờ trình",
                    "slug": "bai-3-du-bao-tac-dong-to-trinh",
                    "estimated_minutes": 35,
                    "is_required": True,
                    "body": LESSON_3,
                },
                {
                    "title": (
                        "Bài 4. Thực hành: lồng ghép giới trong một dự thảo nghị quyết "
                        "HĐND tỉnh"
                    ),
                    "slug": "bai-4-thuc-hanh-du-thao-nghi-quyet",
                    "quiz": "K2-FINAL",
                    "estimated_minutes": 45,
                    "is_required": True,
                    "body": LESSON_4,
                },
            ],
        },
    ],
}
