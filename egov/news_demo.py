"""Demo news in several categories and the department's three pages (introduction,
organisation, contacts), published through portal.publishing. Dated relative to the day the
demo is loaded. Idempotent: an item is found again by its title."""

from datetime import timedelta

from django.utils import timezone

from portal import publishing

from .models import News, NewsCategory, StaticPage

CATEGORIES = [
    ("Hoạt động của Sở", "Hội nghị, kiểm tra, chỉ đạo điều hành của Sở Công Thương."),
    ("Xúc tiến thương mại", "Hội chợ, triển lãm, kết nối cung cầu, hỗ trợ doanh nghiệp xuất khẩu."),
    ("Điện lực và năng lượng", "Cung cấp điện, tiết kiệm năng lượng, an toàn điện."),
    ("Thông báo", "Thông báo của Sở đến người dân và doanh nghiệp."),
]

# (category, days ago, title, summary, body)
NEWS = [
    (
        "Thông báo",
        1,
        "Sở Công Thương công bố danh mục thủ tục hành chính thực hiện trực tuyến toàn trình",
        "Từ tháng này, người dân và doanh nghiệp có thể nộp hồ sơ, nhận kết quả của 25 thủ tục "
        "hành chính lĩnh vực công thương hoàn toàn trên Cổng dịch vụ công.",
        "Sở Công Thương công bố danh mục **25 thủ tục hành chính** được thực hiện trực tuyến toàn "
        "trình, gồm các thủ tục trong lĩnh vực lưu thông hàng hóa, kinh doanh xăng dầu, an toàn "
        "thực phẩm và điện lực.\n\n"
        "Người dân, doanh nghiệp cần hỗ trợ vui lòng liên hệ Bộ phận Một cửa của Sở trong giờ "
        "hành chính hoặc xem [các văn bản của Sở](/van-ban/).",
    ),
    (
        "Xúc tiến thương mại",
        3,
        "Khai mạc Hội chợ Thương mại – Công nghiệp Thái Nguyên năm 2026",
        "Hơn 250 gian hàng của doanh nghiệp trong và ngoài tỉnh tham gia hội chợ, tập trung giới "
        "thiệu sản phẩm OCOP, chè Thái Nguyên và hàng công nghiệp hỗ trợ.",
        "Hội chợ diễn ra trong 5 ngày tại Quảng trường Võ Nguyên Giáp.\n\n"
        "## Các hoạt động chính\n\n"
        "- Trưng bày, giới thiệu sản phẩm OCOP và sản phẩm công nghiệp nông thôn tiêu biểu;\n"
        "- Hội nghị kết nối cung cầu giữa doanh nghiệp sản xuất và hệ thống phân phối;\n"
        "- Tư vấn thủ tục xuất khẩu, chỉ dẫn địa lý và truy xuất nguồn gốc.\n\n"
        "Doanh nghiệp quan tâm liên hệ Trung tâm Khuyến công và Xúc tiến thương mại.",
    ),
    (
        "Điện lực và năng lượng",
        6,
        "Khuyến cáo sử dụng điện an toàn, tiết kiệm trong mùa nắng nóng",
        "Sở Công Thương đề nghị các hộ gia đình, cơ quan, doanh nghiệp hưởng ứng các giải pháp "
        "tiết kiệm điện trong giờ cao điểm.",
        "Trong những ngày nắng nóng, phụ tải hệ thống điện tăng cao. Để bảo đảm cung cấp điện an "
        "toàn, ổn định, Sở Công Thương khuyến cáo:\n\n"
        "1. Đặt nhiệt độ điều hòa từ 26 °C trở lên, tắt thiết bị khi không sử dụng;\n"
        "2. Hạn chế sử dụng đồng thời nhiều thiết bị công suất lớn từ 12 giờ đến 15 giờ;\n"
        "3. Kiểm tra hệ thống dây dẫn, thiết bị bảo vệ, không tự ý câu móc điện.",
    ),
    (
        "Hoạt động của Sở",
        9,
        "Hội nghị đối thoại với doanh nghiệp về thủ tục hành chính lĩnh vực công thương",
        "Lãnh đạo Sở trực tiếp trả lời 18 ý kiến của doanh nghiệp về cấp giấy phép bán lẻ rượu, "
        "xăng dầu và kiểm tra an toàn thực phẩm.",
        "Tại hội nghị, doanh nghiệp phản ánh thời gian thẩm định hồ sơ còn dài, yêu cầu giấy tờ "
        "trùng lặp. Sở Công Thương đã tiếp thu và giao các phòng chuyên môn rà soát, rút ngắn "
        "thời gian giải quyết.\n\n"
        "Các ý kiến chưa trả lời tại hội nghị sẽ được Sở trả lời bằng văn bản trong 15 ngày.",
    ),
    (
        "Hoạt động của Sở",
        14,
        "Kiểm tra công tác bảo đảm an toàn phòng cháy tại các cửa hàng xăng dầu",
        "Đoàn kiểm tra liên ngành đã kiểm tra 32 cửa hàng bán lẻ xăng dầu trên địa bàn các xã, "
        "phường phía Bắc tỉnh.",
        "Qua kiểm tra, đa số cửa hàng chấp hành tốt quy định; 4 cửa hàng được yêu cầu bổ sung "
        "phương tiện chữa cháy và cập nhật hồ sơ phòng cháy trong 30 ngày.",
    ),
    (
        "Xúc tiến thương mại",
        20,
        "Hỗ trợ doanh nghiệp đưa sản phẩm chè lên sàn thương mại điện tử",
        "Sở Công Thương phối hợp với các sàn thương mại điện tử tập huấn cho 120 hợp tác xã, hộ "
        "sản xuất chè.",
        "Học viên được hướng dẫn mở gian hàng, chụp ảnh sản phẩm, quản lý đơn hàng và đóng gói, "
        "vận chuyển. Các gian hàng đạt chuẩn được hỗ trợ quảng bá trong chương trình "
        "“Tuần lễ chè Thái Nguyên trên sàn thương mại điện tử”.",
    ),
]

PAGES = [
    (
        1,
        "Giới thiệu chung",
        "Vị trí, chức năng, nhiệm vụ và quyền hạn của Sở Công Thương.",
        "<h2>Vị trí và chức năng</h2>"
        "<p>Sở Công Thương là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy "
        "ban nhân dân tỉnh quản lý nhà nước về công nghiệp và thương mại, gồm: cơ khí, luyện "
        "kim, điện, năng lượng, hóa chất, an toàn thực phẩm, công nghiệp hỗ trợ, khuyến công, "
        "lưu thông hàng hóa, xuất khẩu, nhập khẩu, thương mại điện tử, xúc tiến thương mại và "
        "quản lý cạnh tranh, bảo vệ quyền lợi người tiêu dùng.</p>"
        "<h2>Nhiệm vụ chính</h2>"
        "<ul><li>Trình Ủy ban nhân dân tỉnh dự thảo quyết định, kế hoạch, chương trình phát "
        "triển ngành công thương;</li>"
        "<li>Tổ chức thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau khi được "
        "phê duyệt;</li>"
        "<li>Giải quyết thủ tục hành chính, kiểm tra, thanh tra và xử lý vi phạm trong lĩnh vực "
        "được giao.</li></ul>",
    ),
    (
        2,
        "Cơ cấu tổ chức",
        "Lãnh đạo Sở, các phòng chuyên môn và đơn vị sự nghiệp trực thuộc.",
        "<h2>Lãnh đạo Sở</h2><p>Giám đốc và các Phó Giám đốc.</p>"
        "<h2>Các phòng chuyên môn và đơn vị trực thuộc</h2>"
        "<table><caption>Phòng, đơn vị và lĩnh vực phụ trách</caption>"
        '<thead><tr><th scope="col">Phòng, đơn vị</th><th scope="col">Lĩnh vực</th></tr>'
        "</thead><tbody>"
        "<tr><td>Văn phòng Sở</td><td>Tổng hợp, hành chính, tổ chức cán bộ, một cửa</td></tr>"
        "<tr><td>Phòng Quản lý thương mại</td><td>Lưu thông hàng hóa, xăng dầu, "
        "thương mại điện tử</td></tr>"
        "<tr><td>Phòng Quản lý năng lượng</td><td>Điện lực, năng lượng, an toàn điện</td></tr>"
        "<tr><td>Phòng Quản lý công nghiệp</td><td>Công nghiệp, hóa chất, vật liệu nổ công "
        "nghiệp, an toàn thực phẩm</td></tr>"
        "<tr><td>Trung tâm Khuyến công và Xúc tiến thương mại</td><td>Khuyến công, hội chợ, "
        "kết nối cung cầu</td></tr>"
        "</tbody></table>",
    ),
    (
        3,
        "Thông tin liên hệ",
        "Địa chỉ, điện thoại, thư điện tử và giờ làm việc.",
        "<h2>Trụ sở</h2>"
        "<address>Số 8, đường Đội Cấn, phường Phan Đình Phùng, tỉnh Thái Nguyên</address>"
        "<h2>Liên hệ</h2>"
        '<ul><li>Điện thoại: <a href="tel:+842083855111">0208 3855 111</a></li>'
        '<li>Thư điện tử: <a href="mailto:socongthuong@thainguyen.example.vn">'
        "socongthuong@thainguyen.example.vn</a></li></ul>"
        "<h2>Giờ làm việc</h2>"
        "<p>Sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 16 giờ 30, từ thứ Hai đến "
        "thứ Sáu (trừ ngày lễ, Tết).</p>"
        '<p>Góp ý về dự thảo văn bản: xem <a href="/gop-y-du-thao/">Góp ý dự thảo</a>.</p>',
    ),
]


def seed(stdout=None) -> None:
    categories = {}
    for position, (name, description) in enumerate(CATEGORIES):
        category = NewsCategory.objects.filter(name=name).first()
        if category is None:
            category = NewsCategory.objects.create(
                name=name, description=description, position=position
            )
        categories[name] = category
    now = timezone.now()
    for category, days_ago, title, summary, body in NEWS:
        news = News.objects.filter(title=title).first()
        if news is None:
            news = News(title=title, summary=summary, body=body, category=categories[category])
            publishing.item_save(item=news)
        elif news.category is None:
            news.category = categories[category]
            publishing.item_save(item=news)
        if not news.is_public:
            news.publish_at = now - timedelta(days=days_ago)
            publishing.item_publish(item=news)
    for position, title, summary, body in PAGES:
        page = StaticPage.objects.filter(title=title).first()
        if page is None:
            page = StaticPage(title=title, summary=summary, body=body, position=position)
            publishing.item_save(item=page)
        if not page.is_public:
            publishing.item_publish(item=page)
