"""Demo data: one published news item. Idempotent."""

from portal import publishing
from portal.demo import DemoStep

from .models import News

TITLE = "Sở Công Thương công bố danh mục thủ tục hành chính thực hiện trực tuyến toàn trình"
SUMMARY = (
    "Từ tháng này, người dân và doanh nghiệp có thể nộp hồ sơ, nhận kết quả của 25 thủ tục "
    "hành chính lĩnh vực công thương hoàn toàn trên Cổng dịch vụ công."
)
BODY = (
    "Sở Công Thương công bố danh mục **25 thủ tục hành chính** được thực hiện trực tuyến toàn "
    "trình, gồm các thủ tục trong lĩnh vực lưu thông hàng hóa, kinh doanh xăng dầu, an toàn "
    "thực phẩm và điện lực.\n\n"
    "Người dân, doanh nghiệp cần hỗ trợ vui lòng liên hệ Bộ phận Một cửa của Sở trong giờ "
    "hành chính."
)


def seed(stdout=None):
    news = News.objects.filter(title=TITLE).first() or News(title=TITLE, summary=SUMMARY, body=BODY)
    if not news.is_public:
        publishing.item_publish(item=news)


STEPS = [DemoStep("egov", seed, after=("portal",))]
