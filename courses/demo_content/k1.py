"""K1 — Bồi dưỡng kiến thức, kỹ năng công tác bình đẳng giới và vì sự tiến bộ của phụ nữ.

Sources (DOMAIN.md §1.1–1.4, §3.2, §4, §5.3; the 2022 plan): Luật Bình đẳng giới
73/2006/QH11 Đ4–7, 10–19; NQ 28/NQ-CP; QĐ 254/QĐ-UBND; KH 72/KH-UBND; TT 10/2019/
TT-BKHĐT; QĐ 56/2011/QĐ-TTg; CV 2792/LĐTBXH-BĐG; CV 739/BNV-CTTN&BĐG; NĐ 60/2018;
NĐ 125/2021/NĐ-CP; QĐ 1790/QĐ-TTg; Luật 91/2025/QH15 and NĐ 356/2025.
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
    heading("Vì sao phải bắt đầu từ khái niệm?"),
    para(
        "Luật Bình đẳng giới số 73/2006/QH11 được Quốc hội thông qua ngày 29/11/2006, "
        "có hiệu lực từ ngày 01/7/2007. Điều 4 nêu mục tiêu, Điều 5 giải thích các từ "
        "ngữ dùng trong toàn bộ Luật. Hiểu sai khái niệm thì dễ làm sai việc."
    ),
    quote(
        "Mục tiêu bình đẳng giới là xóa bỏ phân biệt đối xử về giới, tạo cơ hội như "
        "nhau cho nam và nữ trong phát triển kinh tế - xã hội và phát triển nguồn nhân "
        "lực, tiến tới bình đẳng giới thực chất…",
        "Điều 4",
    ),
    heading("Giới và giới tính"),
    quote(
        "1. Giới chỉ đặc điểm, vị trí, vai trò của nam và nữ trong tất cả các mối quan "
        "hệ xã hội.\n2. Giới tính chỉ các đặc điểm sinh học của nam, nữ.",
        "Điều 5, khoản 1 và khoản 2",
    ),
    table(
        [
            ["Tiêu chí", "Giới", "Giới tính"],
            ["Nguồn gốc", "Do xã hội, văn hóa hình thành", "Bẩm sinh, sinh học"],
            [
                "Có thay đổi không?",
                "Thay đổi theo thời gian, nơi chốn",
                "Về cơ bản không",
            ],
            [
                "Ví dụ",
                "Nữ làm chủ tịch xã; nam chăm con nhỏ",
                "Chỉ phụ nữ mang thai, sinh con",
            ],
        ],
        caption="Phân biệt giới và giới tính",
        header_col=True,
    ),
    para(
        "Quan niệm “việc bếp núc là việc của đàn bà” không sinh ra cùng con người mà "
        "được học qua gia đình, nhà trường, cộng đồng, truyền thông: đó là <b>xã hội hóa "
        "về giới</b>. Vì được học nên khuôn mẫu giới có thể thay đổi, và đó là cơ sở của "
        "công tác truyền thông, giáo dục về bình đẳng giới."
    ),
    heading("Bình đẳng giới"),
    quote(
        "Bình đẳng giới là việc nam, nữ có vị trí, vai trò ngang nhau, được tạo điều "
        "kiện và cơ hội phát huy năng lực của mình cho sự phát triển của cộng đồng, "
        "của gia đình và thụ hưởng như nhau về thành quả của sự phát triển đó.",
        "Điều 5, khoản 3",
    ),
    para(
        "Bình đẳng giới không có nghĩa là đối xử giống hệt nhau, cũng không có nghĩa là "
        "số nam và nữ phải bằng nhau ở mọi cơ quan. Một lớp tập huấn mở cho mọi người là "
        "bình đẳng “trên giấy”; nếu nữ cán bộ có con nhỏ không thể đi học xa nhà thì cơ "
        "hội thực tế vẫn chưa ngang nhau. Mục tiêu của Luật là bình đẳng giới <b>thực "
        "chất</b>."
    ),
    heading("Định kiến giới và phân biệt đối xử về giới"),
    quote(
        "Định kiến giới là nhận thức, thái độ và đánh giá thiên lệch, tiêu cực về đặc "
        "điểm, vị trí, vai trò và năng lực của nam hoặc nữ.",
        "Điều 5, khoản 4",
    ),
    quote(
        "Phân biệt đối xử về giới là việc hạn chế, loại trừ, không công nhận hoặc "
        "không coi trọng vai trò, vị trí của nam và nữ, gây bất bình đẳng giữa nam và "
        "nữ…",
        "Điều 5, khoản 5 (trích)",
    ),
    para(
        "Định kiến nằm trong suy nghĩ; phân biệt đối xử là hành vi. “Phụ nữ không hợp "
        "làm lãnh đạo” là định kiến; không bổ nhiệm một nữ cán bộ đủ tiêu chuẩn vì định "
        "kiến đó là phân biệt đối xử, bị Điều 10 nghiêm cấm và bị xử phạt (Bài 5)."
    ),
    heading("Các khái niệm khác của Điều 5"),
    para(
        "Khoản 6: <b>biện pháp thúc đẩy bình đẳng giới</b>, được thực hiện trong một "
        "thời gian nhất định và chấm dứt khi mục đích bình đẳng giới đã đạt được. Khoản "
        "7: <b>lồng ghép vấn đề bình đẳng giới</b> trong xây dựng văn bản quy phạm pháp "
        "luật, cốt lõi là “…xác định vấn đề giới, dự báo tác động giới…” (khóa K2). "
        "Khoản 8 và 9 giải thích <b>hoạt động bình đẳng giới</b> và <b>chỉ số phát triển "
        "giới (GDI)</b>; hãy đọc nguyên văn hai khoản này trong Luật."
    ),
    heading("Khoảng cách giới"),
    para(
        "“Khoảng cách giới” là chênh lệch giữa nam và nữ về cơ hội, nguồn lực và kết "
        "quả, nhận ra được nhờ số liệu tách biệt theo giới tính. Ví dụ, Chiến lược quốc "
        "gia 2021–2030 đặt chỉ tiêu thời gian làm việc nhà không được trả công của phụ "
        "nữ còn 1,7 lần (2025) và 1,4 lần (2030) so với nam: khoảng cách về việc nhà vẫn "
        "còn."
    ),
    callout(
        "<p><b>Mẹo phân biệt nhanh:</b> đặc điểm do sinh học quyết định, không đổi: "
        "giới tính. Đặc điểm do xã hội gán cho, có thể thay đổi: giới.</p>",
        kind="tip",
    ),
    faq(
        (
            "“Phụ nữ sinh con” thuộc giới hay giới tính?",
            "Giới tính: đây là đặc điểm sinh học. Còn “phụ nữ phải ở nhà chăm con” là "
            "vai trò giới do xã hội gán cho.",
        ),
        (
            "Bình đẳng giới có phải là ưu tiên phụ nữ?",
            "Không. Ưu tiên chỉ được áp dụng dưới dạng biện pháp thúc đẩy bình đẳng "
            "giới, có thời hạn và do cơ quan có thẩm quyền quy định (Bài 2).",
        ),
    ),
    reflection(
        "Ghi lại hai câu nói quen thuộc ở địa phương anh/chị về vai trò của nam và nữ. "
        "Câu nào phản ánh định kiến giới? Nó có thể dẫn tới hành vi phân biệt đối xử "
        "nào?",
        "Đối chiếu với Điều 5 khoản 4 và khoản 5.",
    ),
]


LESSON_2 = [
    heading("Sáu nguyên tắc cơ bản về bình đẳng giới (Điều 6)"),
    table(
        [
            ["Khoản", "Nguyên tắc (tóm tắt)"],
            [
                "1",
                "Nam, nữ bình đẳng trong các lĩnh vực của đời sống xã hội và gia đình",
            ],
            ["2", "Nam, nữ không bị phân biệt đối xử về giới"],
            ["3", "Biện pháp thúc đẩy bình đẳng giới không bị coi là phân biệt đối xử"],
            [
                "4",
                "Chính sách bảo vệ, hỗ trợ người mẹ không bị coi là phân biệt đối xử",
            ],
            [
                "5",
                "Bảo đảm lồng ghép vấn đề bình đẳng giới trong xây dựng và thực thi pháp luật",
            ],
            [
                "6",
                "Thực hiện bình đẳng giới là trách nhiệm của cơ quan, tổ chức, gia đình, cá nhân",
            ],
        ],
        caption="Điều 6 Luật Bình đẳng giới — nội dung tóm tắt, không phải nguyên văn",
    ),
    quote(
        "3. Biện pháp thúc đẩy bình đẳng giới không bị coi là phân biệt đối xử về "
        "giới.\n4. Chính sách bảo vệ và hỗ trợ người mẹ không bị coi là phân biệt đối "
        "xử về giới.",
        "Điều 6, khoản 3 và khoản 4",
    ),
    para(
        "“Ưu tiên nữ có trái với bình đẳng không?” Không, khi đó là biện pháp do pháp "
        "luật quy định để thu hẹp chênh lệch. Điều 7 nêu chính sách của Nhà nước bảo vệ, "
        "hỗ trợ người mẹ khi mang thai, sinh con, nuôi con nhỏ, và hỗ trợ hoạt động bình "
        "đẳng giới tại vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số, vùng có điều "
        "kiện kinh tế - xã hội đặc biệt khó khăn."
    ),
    heading("Những hành vi bị nghiêm cấm (Điều 10)"),
    bullets(
        "Cản trở nam, nữ thực hiện bình đẳng giới;",
        "Phân biệt đối xử về giới dưới mọi hình thức;",
        "Bạo lực trên cơ sở giới;",
        "Các hành vi bị nghiêm cấm khác theo quy định của pháp luật.",
    ),
    heading("Tám lĩnh vực của đời sống xã hội và gia đình (Điều 11–18)"),
    table(
        [
            ["Điều", "Lĩnh vực", "Một số nội dung đáng chú ý"],
            [
                "11",
                "Chính trị",
                "Nam, nữ bình đẳng về tiêu chuẩn chuyên môn, độ tuổi khi được đề bạt, "
                "bổ nhiệm vào cùng vị trí quản lý, lãnh đạo",
            ],
            [
                "12",
                "Kinh tế",
                "Doanh nghiệp sử dụng nhiều lao động nữ được ưu đãi thuế, tài chính; "
                "lao động nữ nông thôn được hỗ trợ tín dụng, khuyến nông, lâm, ngư",
            ],
            [
                "13",
                "Lao động",
                "Biện pháp: tỷ lệ nam, nữ được tuyển dụng; đào tạo, bồi dưỡng lao động "
                "nữ; điều kiện vệ sinh an toàn lao động cho lao động nữ làm nghề nặng "
                "nhọc, nguy hiểm",
            ],
            [
                "14",
                "Giáo dục và đào tạo",
                "Bình đẳng về tuổi đi học, lựa chọn ngành nghề; hỗ trợ nữ cán bộ đi "
                "học mang theo con dưới 36 tháng tuổi; dạy nghề cho lao động nữ nông "
                "thôn",
            ],
            ["15", "Khoa học và công nghệ", "Đọc nội dung chi tiết tại Điều 15"],
            [
                "16",
                "Văn hóa, thông tin, thể dục, thể thao",
                "Đọc nội dung chi tiết tại Điều 16",
            ],
            ["17", "Y tế", "Đọc nội dung chi tiết tại Điều 17"],
            [
                "18",
                "Gia đình",
                "Vợ chồng bình đẳng về tài sản chung, kế hoạch hóa gia đình; con trai, "
                "con gái được đối xử bình đẳng; chia sẻ việc nhà",
            ],
        ],
        caption="Chương II Luật Bình đẳng giới: tám lĩnh vực",
    ),
    heading("Biện pháp thúc đẩy bình đẳng giới"),
    quote(
        "Bảo đảm tỷ lệ thích đáng nữ đại biểu Quốc hội, đại biểu Hội đồng nhân dân "
        "phù hợp với mục tiêu quốc gia về bình đẳng giới",
        "Điều 11, khoản 5, điểm a",
    ),
    para(
        "Ngoài các biện pháp gắn với từng lĩnh vực (Điều 11 khoản 5, Điều 12 khoản 2, "
        "Điều 13 khoản 3, Điều 14 khoản 5), Điều 19 liệt kê các loại biện pháp chung: "
        "quy định tỷ lệ nam, nữ hoặc bảo đảm tỷ lệ nữ thích đáng; đào tạo, bồi dưỡng "
        "nâng cao trình độ năng lực cho nữ hoặc nam; hỗ trợ để tạo điều kiện, cơ hội; "
        "quy định tiêu chuẩn, điều kiện đặc thù; quy định nữ được quyền lựa chọn; và "
        "ưu tiên nữ khi nữ có đủ điều kiện, tiêu chuẩn như nam."
    ),
    callout(
        "<p><b>Hai điều kiện bắt buộc:</b> chỉ <b>Quốc hội, Ủy ban thường vụ Quốc hội "
        "và Chính phủ</b> có thẩm quyền quy định biện pháp thúc đẩy bình đẳng giới "
        "(Điều 19), và biện pháp phải chấm dứt khi mục đích bình đẳng giới đã đạt được "
        "(Điều 5 khoản 6). Chính quyền địa phương tổ chức thực hiện các biện pháp đó, "
        "không tự đặt ra biện pháp mới.</p>",
        kind="warning",
    ),
    faq(
        (
            "Luật quy định bình đẳng giới trong bao nhiêu lĩnh vực?",
            "Tám lĩnh vực, tại Điều 11 đến Điều 18. Quốc phòng, an ninh không phải là "
            "một lĩnh vực riêng của Chương II.",
        ),
        (
            "Quy định ưu tiên nữ khi có đủ tiêu chuẩn như nam có phải phân biệt đối xử?",
            "Không. Đó là một biện pháp thúc đẩy bình đẳng giới theo Điều 19, và Điều 6 "
            "khoản 3 khẳng định biện pháp thúc đẩy không bị coi là phân biệt đối xử.",
        ),
    ),
    reflection(
        "Chọn một lĩnh vực trong tám lĩnh vực mà anh/chị thấy còn nhiều bất bình đẳng "
        "nhất ở địa phương. Biểu hiện cụ thể là gì, và biện pháp nào trong Luật có thể "
        "áp dụng?",
    ),
]

LESSON_3 = [
    heading("Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030"),
    para(
        "Chiến lược được ban hành kèm theo Nghị quyết số 28/NQ-CP ngày 03/3/2021 của "
        "Chính phủ, do Thủ tướng Nguyễn Xuân Phúc ký, có hiệu lực từ ngày ký, gồm sáu "
        "mục tiêu với chỉ tiêu cho năm 2025 và 2030 — căn cứ để lập kế hoạch năm và "
        "viết báo cáo."
    ),
    table(
        [
            ["Mục tiêu", "Chỉ tiêu 2025", "Chỉ tiêu 2030"],
            [
                "1. Chính trị: cơ quan quản lý nhà nước, chính quyền địa phương các cấp có "
                "lãnh đạo chủ chốt là nữ",
                "60%",
                "75%",
            ],
            [
                "2. Kinh tế, lao động: tỷ lệ lao động nữ làm công hưởng lương",
                "50%",
                "Khoảng 60%",
            ],
            [
                "2. Nữ giám đốc, chủ doanh nghiệp, hợp tác xã",
                "Ít nhất 27%",
                "30%",
            ],
            [
                "3. Gia đình: thời gian làm việc nhà không được trả công của nữ so với nam",
                "1,7 lần",
                "1,4 lần",
            ],
            [
                "3. Nạn nhân bạo lực gia đình, bạo lực trên cơ sở giới được tiếp cận ít "
                "nhất một dịch vụ hỗ trợ cơ bản",
                "80%",
                "90%",
            ],
            ["4. Y tế: tỷ số giới tính khi sinh (bé trai/100 bé gái)", "111", "109"],
            [
                "5. Giáo dục: nội dung về giới, bình đẳng giới được đưa vào chương trình "
                "giảng dạy của nhà trường và cơ sở đào tạo giáo viên",
                "Từ năm 2025",
                "—",
            ],
            [
                "5. Trẻ em dân tộc thiểu số hoàn thành cấp tiểu học",
                "90%",
                "Khoảng 99%",
            ],
            [
                "6. Truyền thông: dân số được tiếp cận kiến thức cơ bản về bình đẳng giới",
                "60%",
                "80%",
            ],
        ],
        caption="Một số chỉ tiêu của Chiến lược (Nghị quyết 28/NQ-CP)",
    ),
    callout(
        "<p>Chiến lược cũng quy định <b>Tháng hành động vì bình đẳng giới và phòng "
        "ngừa, ứng phó với bạo lực trên cơ sở giới</b> được tổ chức hằng năm từ ngày "
        "15/11 đến ngày 15/12 (xem Bài 6).</p>",
    ),
    heading("Kế hoạch hành động của tỉnh Quảng Ngãi"),
    para(
        "UBND tỉnh ban hành Kế hoạch hành động thực hiện Chiến lược giai đoạn "
        "2021–2030 tại Quyết định số 254/QĐ-UBND ngày 19/4/2021. Ở mục tiêu về bạo "
        "lực trên cơ sở giới, tỉnh đặt chỉ tiêu riêng: 70% (2025) và 80% (2030) nạn "
        "nhân được tiếp cận dịch vụ hỗ trợ; 40% và 60% người gây bạo lực được tư vấn; "
        "60% và 80% cơ sở trợ giúp xã hội công lập có dịch vụ về phòng ngừa, ứng phó "
        "bạo lực trên cơ sở giới. Hằng năm, UBND tỉnh ban hành kế hoạch cụ thể, ví dụ "
        "Kế hoạch năm 2022 và Kế hoạch số 72/KH-UBND ngày 25/3/2024."
    ),
    quote(
        "…tạo bước chuyển mạnh mẽ nhằm thay đổi nhận thức, hành vi thực hiện bình đẳng "
        "giới; từng bước thu hẹp khoảng cách giới; tạo mọi điều kiện để nâng vị thế "
        "của phụ nữ trong một số lĩnh vực còn bất bình đẳng, đặc biệt là bình đẳng giới "
        "trong lĩnh vực chính trị, tiến tới bình đẳng giới thực chất…",
        "Mục I, khoản 2 (trích)",
        KH_2022,
    ),
    para("Kế hoạch năm 2022 có sáu nhóm nhiệm vụ:"),
    bullets(
        "Triển khai Chiến lược, Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở "
        "giới giai đoạn 2021–2025, Chương trình truyền thông về bình đẳng giới đến năm "
        "2030; tổng kết 15 năm thi hành Luật Bình đẳng giới;",
        "Đẩy mạnh truyền thông, phổ biến, giáo dục chính sách, pháp luật;",
        "Nâng cao năng lực, hiệu quả quản lý nhà nước, trong đó có tập huấn cho cán bộ "
        "và thành viên Ban Vì sự tiến bộ của phụ nữ;",
        "Duy trì, nhân rộng các mô hình như Địa chỉ tin cậy - Nhà tạm lánh tại cộng "
        "đồng;",
        "Hoạt động của Ban Vì sự tiến bộ của phụ nữ;",
        "Thanh tra, kiểm tra.",
        ordered=True,
    ),
    heading("Bối cảnh mới từ năm 2025"),
    para(
        "Chức năng quản lý nhà nước về bình đẳng giới đã chuyển từ Bộ Lao động - "
        "Thương binh và Xã hội sang <b>Bộ Nội vụ</b> (Công văn 739/BNV-CTTN&amp;BĐG "
        "ngày 28/3/2025 do Vụ Công tác thanh niên và Bình đẳng giới ký). Từ ngày "
        "01/7/2025 không còn cấp huyện; tỉnh Quảng Ngãi mới (hợp nhất với tỉnh Kon "
        "Tum) có 96 đơn vị hành chính cấp xã: 86 xã, 9 phường và đặc khu Lý Sơn. Nhiệm "
        "vụ của Sở Lao động - Thương binh và Xã hội và UBND cấp huyện trong các kế hoạch "
        "cũ nay do cơ quan được giao theo văn bản hiện hành đảm nhận."
    ),
    faq(
        (
            "Chỉ tiêu về nữ lãnh đạo chủ chốt của Chiến lược là bao nhiêu?",
            "60% vào năm 2025 và 75% vào năm 2030 cơ quan quản lý nhà nước, chính quyền "
            "địa phương các cấp có lãnh đạo chủ chốt là nữ.",
        ),
        (
            "Kế hoạch của tỉnh có được đặt chỉ tiêu khác Chiến lược quốc gia không?",
            "Có. Quyết định 254/QĐ-UBND đặt chỉ tiêu phù hợp với điều kiện của tỉnh, ví "
            "dụ 70% (2025) nạn nhân bạo lực trên cơ sở giới được tiếp cận dịch vụ hỗ "
            "trợ, trong khi chỉ tiêu quốc gia là 80%.",
        ),
    ),
    reflection(
        "Cơ quan, địa phương của anh/chị đóng góp vào chỉ tiêu nào của Chiến lược? "
        "Hãy viết một hoạt động cụ thể có thể đưa vào kế hoạch năm tới, kèm cách đo "
        "kết quả.",
    ),
]

LESSON_4 = [
    heading("Không có số liệu thì không thấy khoảng cách giới"),
    para(
        "Một báo cáo ghi “đã tổ chức 10 lớp tập huấn cho 500 lượt người” chưa cho biết "
        "nữ và nam được hưởng lợi như nhau hay không. Số liệu <b>tách biệt theo giới "
        "tính</b> là điều kiện để phát hiện khoảng cách giới, đặt chỉ tiêu và đánh giá "
        "kết quả. Các cách phân tổ phổ biến là giới tính, nhóm tuổi, dân tộc (Kinh và "
        "dân tộc thiểu số), thành thị và nông thôn, đơn vị hành chính."
    ),
    heading("Bộ chỉ tiêu thống kê phát triển giới của quốc gia"),
    table(
        [
            ["Văn bản", "Số chỉ tiêu", "Ghi chú"],
            [
                "Quyết định 56/2011/QĐ-TTg ngày 14/10/2011",
                "105",
                "Có chỉ tiêu 1101 “Tỷ lệ văn bản quy phạm pháp luật được lồng ghép vấn "
                "đề bình đẳng giới” và 1102 về tập huấn kiến thức về giới cho thành "
                "viên ban soạn thảo, tổ biên tập",
            ],
            [
                "Thông tư 10/2019/TT-BKHĐT ngày 30/7/2019",
                "78",
                "Ít hơn 27 chỉ tiêu; không còn chỉ tiêu về tập huấn cán bộ; Bộ Tư pháp "
                "chỉ còn báo cáo chỉ tiêu 0107 “Tuổi kết hôn trung bình lần đầu”",
            ],
        ],
        caption="Từ 105 xuống 78 chỉ tiêu",
    ),
    para(
        "Vì bộ chỉ tiêu quốc gia hiện không có chỉ tiêu về đào tạo, bồi dưỡng cán bộ, "
        "số liệu tập huấn phải lấy từ kế hoạch và báo cáo định kỳ của từng cơ quan, địa "
        "phương. Nền tảng này lưu thông tin theo từng học viên của từng lớp để có thể "
        "tổng hợp bất kỳ lúc nào."
    ),
    table(
        [
            ["Số liệu tập huấn", "Cách tính"],
            ["Số lớp", "Đếm số lớp, khóa đã tổ chức trong kỳ"],
            [
                "Lượt người",
                "Tổng số lượt, trong đó nữ, nam và người dân tộc thiểu số",
            ],
            ["Theo cấp tổ chức", "Cấp tỉnh, cấp xã (trước 01/7/2025 có cả cấp huyện)"],
            [
                "Theo nhóm đối tượng",
                "Thành viên Ban Vì sự tiến bộ của phụ nữ, cán bộ làm công tác bình đẳng "
                "giới, người soạn thảo văn bản, giáo viên…",
            ],
            [
                "Tỷ lệ được tập huấn ít nhất một lần",
                "Số người đã tập huấn ÷ tổng số người thuộc nhóm đối tượng × 100 (cần "
                "danh sách mẫu số)",
            ],
        ],
        caption="Các số liệu tập huấn nên tổng hợp",
    ),
    heading("Hướng dẫn thu thập số liệu của Chiến lược"),
    para(
        "Công văn 2792/LĐTBXH-BĐG ngày 20/8/2021 hướng dẫn thu thập số liệu các chỉ "
        "tiêu của Chiến lược: mỗi chỉ tiêu có khái niệm, công thức tính và phân công "
        "thu thập. Ví dụ chỉ tiêu “Tỷ lệ dân số được tiếp cận kiến thức cơ bản về bình "
        "đẳng giới” = số người được tiếp cận ÷ tổng dân số × 100. Với số liệu giả định "
        "một xã có 12.400 người và 7.936 người được tiếp cận, tỷ lệ là 64,0%, vượt chỉ "
        "tiêu 60% của năm 2025."
    ),
    callout(
        "<p><b>Dữ liệu dân tộc là dữ liệu cá nhân nhạy cảm.</b> Theo Luật Bảo vệ dữ "
        "liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP (hiệu lực từ "
        "01/01/2026), chỉ thu thập thông tin dân tộc khi người học đồng ý rõ ràng, "
        "riêng biệt và được biết mục đích thống kê; không được mặc định là đã đồng "
        "ý.</p>",
        kind="warning",
    ),
    heading("Lịch báo cáo"),
    quote(
        "Định kỳ 6 tháng (trước ngày 31/5/2022), cả năm (trước ngày 30/11/2022) các sở, "
        "ban ngành, hội, đoàn thể tỉnh và UBND các huyện, thị xã, thành phố gửi báo cáo "
        "về Sở Lao động - Thương binh và Xã hội để tổng hợp báo cáo Ủy ban nhân dân "
        "tỉnh, Bộ Lao động - Thương binh và Xã hội theo quy định.",
        "Mục V. Chế độ báo cáo",
        KH_2022,
    ),
    para(
        "Lưu ý: hạn gửi báo cáo (31/5, 30/11) khác với kỳ số liệu. Theo Nghị định "
        "60/2018/NĐ-CP, kỳ báo cáo thống kê 6 tháng tính từ 01/01 đến 30/6 và kỳ năm "
        "từ 01/01 đến 31/12. Mỗi báo cáo vì vậy cần ghi rõ ngày bắt đầu, ngày kết thúc "
        "kỳ số liệu và ngày chốt số liệu. Từ năm 2025, nơi nhận báo cáo thực hiện theo "
        "hướng dẫn của ngành Nội vụ."
    ),
    faq(
        (
            "Bộ chỉ tiêu thống kê phát triển giới quốc gia hiện hành có bao nhiêu chỉ "
            "tiêu?",
            "78 chỉ tiêu, theo Thông tư 10/2019/TT-BKHĐT.",
        ),
        (
            "Học viên không đồng ý khai dân tộc thì thống kê thế nào?",
            "Ghi nhận là “không có thông tin” và báo cáo riêng dòng này; không suy đoán "
            "dân tộc từ họ tên hay nơi ở.",
        ),
    ),
    reflection(
        "Báo cáo gần nhất của đơn vị anh/chị có tách số liệu theo giới tính chưa? Hãy "
        "chọn một số liệu cần bổ sung phân tổ và nêu nguồn thu thập.",
    ),
]

LESSON_5 = [
    heading("Tổng quan Nghị định 125/2021/NĐ-CP"),
    para(
        "Nghị định 125/2021/NĐ-CP ngày 28/12/2021 quy định xử phạt vi phạm hành chính "
        "về bình đẳng giới, do Phó Thủ tướng Vũ Đức Đam ký, có hiệu lực từ ngày "
        "01/01/2022 và thay thế Nghị định 55/2009/NĐ-CP. Nghị định gồm 4 chương, 23 "
        "điều. Mức phạt tiền tối đa đối với một hành vi vi phạm của cá nhân là "
        "30.000.000 đồng. Nghị định cụ thể hóa các hành vi bị nghiêm cấm ở Điều 10 của "
        "Luật, đặc biệt là hành vi phân biệt đối xử về giới."
    ),
    quote(
        "Đẩy mạnh triển khai thực hiện các Nghị định hướng dẫn thi hành Luật Bình đẳng "
        "giới, trong đó có Nghị định số 125/2021/NĐ-CP ngày 28/12/2021 của Chính phủ "
        "quy định xử phạt vi phạm hành chính đối với các hành vi vi phạm pháp luật về "
        "bình đẳng giới.",
        "Mục II, khoản 6, điểm c",
        KH_2022,
    ),
    heading("Một số hành vi và mức phạt"),
    table(
        [
            ["Lĩnh vực", "Hành vi (tóm tắt)", "Mức phạt đối với cá nhân"],
            [
                "Chính trị",
                "Xúc phạm người ứng cử, hoặc cản trở việc bổ nhiệm vì định kiến giới",
                "2.000.000 – 3.000.000 đồng",
            ],
            [
                "Chính trị",
                "Vận động người khác chỉ bầu cho người thuộc một giới tính",
                "3.000.000 – 5.000.000 đồng",
            ],
            [
                "Chính trị",
                "Không bổ nhiệm người đủ điều kiện vì định kiến giới",
                "7.000.000 – 10.000.000 đồng",
            ],
            [
                "Lao động",
                "Phân biệt đối xử về giới trong an toàn, vệ sinh lao động hoặc trong "
                "phân công công việc dẫn đến chênh lệch thu nhập",
                "10.000.000 – 15.000.000 đồng",
            ],
            [
                "Lao động",
                "Ban hành, áp dụng nội quy, quy chế lao động có phân biệt đối xử về giới",
                "20.000.000 – 30.000.000 đồng",
            ],
            [
                "Giáo dục (Điều 9)",
                "Ép buộc hoặc cản trở người khác lựa chọn môn học, ngành, nghề vì lý do "
                "giới tính",
                "500.000 – 1.000.000 đồng",
            ],
            [
                "Gia đình (Điều 13)",
                "Đối xử bất bình đẳng với thành viên gia đình vì lý do giới tính",
                "3.000.000 – 5.000.000 đồng",
            ],
            [
                "Gia đình (Điều 13)",
                "Dùng vũ lực để không cho thành viên gia đình tham gia quyết định về tài "
                "sản chung",
                "7.000.000 – 10.000.000 đồng",
            ],
        ],
        caption="Trích một số hành vi theo Nghị định 125/2021/NĐ-CP (diễn giải)",
    ),
    para(
        "Ngoài phạt tiền, Nghị định áp dụng các biện pháp khắc phục hậu quả như buộc "
        "xin lỗi công khai và buộc khôi phục quyền, lợi ích hợp pháp bị xâm phạm. Với "
        "hành vi áp đặt việc làm công việc gia đình, thực hiện biện pháp tránh thai, "
        "triệt sản là trách nhiệm của thành viên thuộc một giới tính nhất định, mức "
        "phạt 5.000.000 – 7.000.000 đồng, tăng khoảng 7 lần so với Nghị định 55/2009."
    ),
    callout(
        "<p>Các mức phạt trong bảng là mức đối với <b>cá nhân</b>. Khi gặp vụ việc cụ "
        "thể, cán bộ phải đối chiếu nguyên văn Nghị định (hành vi, mức phạt, thẩm "
        "quyền, thời hiệu) trước khi tham mưu xử lý.</p>",
        kind="warning",
    ),
    faq(
        (
            "Người có thẩm quyền không bổ nhiệm một nữ cán bộ đủ tiêu chuẩn vì cho "
            "rằng “phụ nữ bận con nhỏ”. Đây là hành vi gì?",
            "Là hành vi không bổ nhiệm người đủ điều kiện vì định kiến giới trong lĩnh "
            "vực chính trị, mức phạt 7.000.000 – 10.000.000 đồng đối với cá nhân.",
        ),
        (
            "Người chồng dùng vũ lực ngăn vợ tham gia quyết định bán đất là tài sản "
            "chung bị xử lý thế nào?",
            "Theo Điều 13 Nghị định 125/2021/NĐ-CP, hành vi dùng vũ lực để không cho "
            "thành viên gia đình tham gia quyết định về tài sản chung bị phạt "
            "7.000.000 – 10.000.000 đồng; đồng thời có thể buộc khôi phục quyền lợi "
            "hợp pháp của người vợ.",
        ),
        (
            "Nghị định 125/2021/NĐ-CP có hiệu lực từ ngày nào?",
            "Từ ngày 01/01/2022.",
        ),
    ),
    reflection(
        "Ở địa phương anh/chị, loại vi phạm bình đẳng giới nào hay xảy ra nhất nhưng "
        "ít khi bị xử lý? Vì sao, và cần làm gì để người dân biết và báo vụ việc?",
    ),
]

LESSON_6 = [
    heading("Vì sao truyền thông là nhiệm vụ trọng tâm"),
    para(
        "Định kiến giới được hình thành qua học hỏi nên có thể thay đổi nhờ truyền "
        "thông và giáo dục. Mục tiêu 6 của Chiến lược quốc gia đặt chỉ tiêu 60% (2025) "
        "và 80% (2030) dân số được tiếp cận kiến thức cơ bản về bình đẳng giới. Chương "
        "trình truyền thông về bình đẳng giới đến năm 2030 (Quyết định 1790/QĐ-TTg ngày "
        "23/10/2021) cụ thể hóa mục tiêu này."
    ),
    table(
        [
            ["Chỉ tiêu của Chương trình truyền thông", "Mức"],
            [
                "Cơ quan, tổ chức, doanh nghiệp, người dân được truyền thông về pháp luật, "
                "chính sách bình đẳng giới",
                "Ít nhất 2 lần mỗi năm",
            ],
            [
                "Bộ, ngành, địa phương xây dựng kế hoạch và tổ chức Tháng hành động",
                "100% vào năm 2025",
            ],
            [
                "Cơ quan báo chí áp dụng bộ chỉ số bình đẳng giới trong truyền thông",
                "≥70% (2025, thí điểm); 90% (2030)",
            ],
            [
                "Hương ước, quy ước không có nội dung phân biệt đối xử về giới",
                "95% (2025); 100% (2030)",
            ],
            ["Nhận thức của người dân tăng so với năm 2025", "10–15% vào năm 2030"],
        ],
        caption="Quyết định 1790/QĐ-TTg: một số chỉ tiêu",
    ),
    heading("Hình thức truyền thông ở cơ sở"),
    quote(
        "…tăng cường tổ chức tuyên truyền trực tiếp tại cơ sở thông qua các cuộc họp, "
        "nói chuyện chuyên đề, tổ chức hội thi tìm hiểu chính sách pháp luật, tọa đàm, "
        "giao lưu chia sẻ kinh nghiệm, chiến dịch truyền thông tại cộng đồng, phát hành "
        "cẩm nang, tờ rơi, tờ gấp, pa nô, áp phích…",
        "Mục II, khoản 2, điểm c (trích)",
        KH_2022,
    ),
    para(
        "Kế hoạch năm 2022 còn gắn hoạt động với các dịp trong năm: Ngày Quốc tế phụ nữ "
        "8/3, Ngày Quốc tế hạnh phúc 20/3, Tháng hành động quốc gia phòng, chống bạo lực "
        "gia đình và Ngày Gia đình Việt Nam 28/6, Ngày Phụ nữ Việt Nam 20/10 và Tháng "
        "hành động vì bình đẳng giới. Ở vùng đồng bào dân tộc thiểu số, nên dùng tiếng "
        "dân tộc, người có uy tín và hình ảnh gần gũi với đời sống địa phương."
    ),
    heading("Tổ chức Tháng hành động (15/11–15/12)"),
    bullets(
        "<b>Tháng 9–10:</b> xây dựng kế hoạch theo chủ đề và hướng dẫn của cấp trên; "
        "phân công cơ quan, đoàn thể; dự trù kinh phí.",
        "<b>Trước 15/11:</b> chuẩn bị thông điệp, tài liệu; thông báo trên đài truyền "
        "thanh và các nhóm mạng xã hội của thôn, tổ dân phố.",
        "<b>15/11–15/12:</b> lễ phát động; hội thi, tọa đàm; hoạt động “Nam giới tham "
        "gia thúc đẩy bình đẳng giới và xóa bỏ bạo lực trên cơ sở giới”; giới thiệu Địa "
        "chỉ tin cậy, dịch vụ hỗ trợ.",
        "<b>Sau 15/12:</b> tổng hợp kết quả, số người tham gia tách theo giới tính, báo "
        "cáo theo quy định.",
        ordered=True,
    ),
    callout(
        "<p><b>Thông điệp tránh định kiến:</b> không dùng hình ảnh phụ nữ luôn nấu ăn, "
        "nam giới luôn là người quyết định; không mô tả nạn nhân bạo lực là người “có "
        "lỗi”; nêu gương cả nam và nữ chia sẻ việc nhà, tham gia lãnh đạo.</p>",
        kind="tip",
    ),
    faq(
        (
            "Tháng hành động vì bình đẳng giới diễn ra khi nào?",
            "Hằng năm từ ngày 15/11 đến ngày 15/12, theo Chiến lược quốc gia về bình "
            "đẳng giới giai đoạn 2021–2030.",
        ),
        (
            "Vì sao cần thu hút nam giới tham gia?",
            "Nam giới vừa là người có thể thay đổi hành vi vừa có ảnh hưởng lớn trong "
            "gia đình và cộng đồng. Kế hoạch năm 2022 giao tổ chức hoạt động “Nam giới "
            "tham gia thúc đẩy bình đẳng giới”, chú trọng nơi có nhiều nam giới như "
            "lực lượng công an, quân đội.",
        ),
    ),
    reflection(
        "Phác thảo ba hoạt động cho Tháng hành động năm nay tại xã, phường của anh/chị: "
        "đối tượng, thông điệp, hình thức và cách đếm số người tham gia.",
        "Nhớ tách số người tham gia theo giới tính.",
    ),
]

COURSE = {
    "code": "K1-2026",
    "title": (
        "Bồi dưỡng kiến thức, kỹ năng công tác bình đẳng giới và vì sự tiến bộ của "
        "phụ nữ"
    ),
    "slug": "k1-kien-thuc-ky-nang-cong-tac-binh-dang-gioi",
    "summary": (
        "Khóa bồi dưỡng 2 ngày (16 tiết) cho cán bộ làm công tác bình đẳng giới và "
        "thành viên Ban Vì sự tiến bộ của phụ nữ các cấp: khái niệm và nguyên tắc của "
        "Luật Bình đẳng giới, Chiến lược quốc gia 2021–2030 và kế hoạch của tỉnh, thống "
        "kê và báo cáo, xử phạt vi phạm hành chính, truyền thông và Tháng hành động."
    ),
    "learning_outcomes": (
        "<ul>"
        "<li>Giải thích đúng các khái niệm giới, giới tính, bình đẳng giới, định kiến "
        "giới, phân biệt đối xử về giới theo Điều 5 Luật Bình đẳng giới.</li>"
        "<li>Nêu sáu nguyên tắc, tám lĩnh vực và các biện pháp thúc đẩy bình đẳng "
        "giới.</li>"
        "<li>Vận dụng chỉ tiêu của Chiến lược quốc gia và kế hoạch của tỉnh khi lập kế "
        "hoạch, báo cáo.</li>"
        "<li>Nhận diện hành vi vi phạm và mức xử phạt theo Nghị định 125/2021/NĐ-CP.</li>"
        "<li>Lập kế hoạch Tháng hành động vì bình đẳng giới ở cơ sở.</li>"
        "</ul>"
    ),
    "level": "basic",
    "estimated_hours": "12",
    "target_groups": ["ban-vstbpn", "can-bo-bdg", "hoi-lhpn"],
    "topics": [
        "luật bình đẳng giới",
        "khái niệm giới",
        "chiến lược quốc gia",
        "thống kê giới",
        "xử phạt vi phạm hành chính",
        "truyền thông",
        "tháng hành động",
    ],
    "organisation": "SNV-QNG",
    "enrolment_mode": "open",
    "is_outline_public": True,
    "sources": [
        LAW_73,
        ND_125,
        "Nghị quyết 28/NQ-CP (Chiến lược quốc gia về bình đẳng giới 2021–2030)",
        "Quyết định 254/QĐ-UBND, Kế hoạch 72/KH-UBND tỉnh Quảng Ngãi",
        "Kế hoạch bình đẳng giới năm 2022 của UBND tỉnh Quảng Ngãi",
        "Thông tư 10/2019/TT-BKHĐT; Quyết định 56/2011/QĐ-TTg; Công văn 2792/LĐTBXH-BĐG",
        "Nghị định 60/2018/NĐ-CP",
        "Quyết định 1790/QĐ-TTg",
        "Công văn 739/BNV-CTTN&BĐG",
        "Luật 91/2025/QH15; Nghị định 356/2025/NĐ-CP",
    ],
    "modules": [
        {
            "title": "Chuyên đề 1. Kiến thức chung về giới và bình đẳng giới",
            "slug": "chuyen-de-1-kien-thuc-chung",
            "summary": (
                "Khái niệm cơ bản, nguyên tắc, tám lĩnh vực và biện pháp thúc đẩy bình "
                "đẳng giới theo Luật Bình đẳng giới."
            ),
            "lessons": [
                {
                    "title": "Bài 1. Giới, giới tính, định kiến giới và khoảng cách giới",
                    "slug": "bai-1-gioi-gioi-tinh-dinh-kien-gioi",
                    "quiz": "K1-PRE",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_1,
                },
                {
                    "title": (
                        "Bài 2. Nguyên tắc, tám lĩnh vực và biện pháp thúc đẩy bình "
                        "đẳng giới"
                    ),
                    "slug": "bai-2-nguyen-tac-linh-vuc-bien-phap",
                    "estimated_minutes": 40,
                    "is_required": True,
                    "body": LESSON_2,
                },
            ],
        },
        {
            "title": "Chuyên đề 2. Chiến lược, kế hoạch và thống kê giới",
            "slug": "chuyen-de-2-chien-luoc-ke-hoach-thong-ke",
            "summary": (
                "Chiến lược quốc gia về bình đẳng giới 2021–2030, kế hoạch hành động "
                "của tỉnh, số liệu tách biệt theo giới tính và chế độ báo cáo."
            ),
            "lessons": [
                {
                    "title": (
                        "Bài 3. Chiến lược quốc gia về bình đẳng giới 2021–2030 và kế "
                        "hoạch của tỉnh"
                    ),
                    "slug": "bai-3-chien-luoc-quoc-gia-ke-hoach-tinh",
                    "estimated_minutes": 35,
                    "is_required": True,
                    "body": LESSON_3,
                },
                {
                    "title": "Bài 4. Thống kê giới, thu thập số liệu và báo cáo định kỳ",
                    "slug": "bai-4-thong-ke-gioi-bao-cao",
                    "estimated_minutes": 30,
                    "is_required": False,
                    "body": LESSON_4,
                },
            ],
        },
        {
            "title": "Chuyên đề 3. Thực thi pháp luật và truyền thông",
            "slug": "chuyen-de-3-thuc-thi-truyen-thong",
            "summary": (
                "Xử phạt vi phạm hành chính về bình đẳng giới; truyền thông và tổ chức "
                "Tháng hành động vì bình đẳng giới."
            ),
            "lessons": [
                {
                    "title": "Bài 5. Xử phạt vi phạm hành chính về bình đẳng giới",
                    "slug": "bai-5-xu-phat-vi-pham-hanh-chinh",
                    "quiz": "K1-FINAL",
                    "estimated_minutes": 30,
                    "is_required": True,
                    "body": LESSON_5,
                },
                {
                    "title": (
                        "Bài 6. Truyền thông về bình đẳng giới và Tháng hành động "
                        "(15/11–15/12)"
                    ),
                    "slug": "bai-6-truyen-thong-thang-hanh-dong",
                    "quiz": "K1-POST",
                    "estimated_minutes": 35,
                    "is_required": True,
                    "body": LESSON_6,
                },
            ],
        },
    ],
}
