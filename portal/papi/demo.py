# ruff: noqa: E501  (the plan's own sentences, kept whole so they read as in the plan)
"""Demo data of the PAPI spine: the department's plans to raise the PAPI index (this year's and
last year's), their tasks taken from the plan's own text (all six areas), dated progress updates
relative to today, and the indicator values of the last quarters. Idempotent."""

from datetime import date, timedelta

from django.utils import timezone

from portal.demo import EVERY_OTHER_STEP, DemoStep
from portal.periods import Quarter

from .actions import indicator_snapshots_compute
from .models import (
    ActionPlan,
    Dimension,
    IndicatorSnapshot,
    PlanArea,
    PlanTask,
    TaskUpdate,
    Unit,
)
from .selectors import quarters_up_to

A = PlanArea
# (area, dimension, responsible unit, title, start, deadline, [(date, status, progress, note)])
TASKS = [
    (A.TRANSPARENCY, "D2", "van-phong",
     "Tăng cường công tác phổ biến, giáo dục pháp luật theo chức năng, nhiệm vụ của ngành công thương",
     date(2024, 2, 1), date(2024, 12, 31),
     [(date(2024, 6, 28), "in_progress", 50, "Tổ chức 02 hội nghị phổ biến Luật Điện lực, Nghị định về kinh doanh xăng dầu."),
      (date(2024, 12, 20), "done", 100, "Hoàn thành 04 hội nghị phổ biến pháp luật trong năm.")]),
    (A.TRANSPARENCY, "D2", "van-phong",
     "Đa dạng hóa các hình thức công khai chính sách, pháp luật hiện hành để người dân có cơ hội tiếp cận các thông tin chính sách pháp luật",
     date(2024, 2, 1), date(2024, 6, 28),
     [(date(2024, 6, 25), "done", 100, "Công khai trên Trang thông tin điện tử, bản tin và mạng xã hội của Sở.")]),
    (A.TRANSPARENCY, "D2", "van-phong",
     "Tăng cường công tác truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật ngay từ khâu đề xuất chính sách và soạn thảo văn bản",
     date(2024, 3, 1), date(2024, 9, 30),
     [(date(2024, 9, 27), "in_progress", 70, "Đã truyền thông 02 dự thảo; còn 01 dự thảo chờ UBND tỉnh cho ý kiến.")]),
    (A.TRANSPARENCY, "D2", "ke-hoach-tai-chinh",
     "Đẩy mạnh các hình thức công khai trên Trang thông tin điện tử của Sở để người dân nắm bắt được thông tin về các kế hoạch, quy hoạch thuộc lĩnh vực ngành quản lý",
     date(2024, 2, 1), date(2024, 6, 30),
     [(date(2024, 7, 10), "done", 100, "Đăng tải đầy đủ các kế hoạch, quy hoạch ngành công thương đang có hiệu lực.")]),
    (A.ACCOUNTABILITY, "D3", "thanh-tra",
     "Triển khai thực hiện nghiêm các quy định tại Nghị định số 59/2019/NĐ-CP ngày 01/7/2019 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống tham nhũng",
     date(2024, 1, 15), date(2024, 12, 31),
     [(date(2024, 9, 30), "in_progress", 75, "Tiếp nhận và trả lời 03 yêu cầu giải trình đúng thời hạn.")]),
    (A.ACCOUNTABILITY, "D3", "van-phong",
     "Cụ thể hóa việc thực hiện nhiệm vụ giải trình trong nội quy, quy chế làm việc của cơ quan",
     date(2024, 1, 15), date(2024, 3, 29),
     [(date(2024, 3, 28), "done", 100, "Ban hành Quy chế làm việc sửa đổi, bổ sung nội dung giải trình.")]),
    (A.ACCOUNTABILITY, "D3", "thanh-tra",
     "Thực hiện tốt công tác tiếp công dân: bố trí người đúng chức trách, thẩm quyền; người đứng đầu cơ quan bảo đảm lịch trực tiếp công dân định kỳ",
     date(2024, 1, 2), date(2024, 12, 31),
     [(date(2024, 12, 27), "done", 100, "Lãnh đạo Sở tiếp công dân định kỳ ngày 15 hằng tháng; công khai lịch tiếp.")]),
    (A.ACCOUNTABILITY, "D3", "quan-ly-thuong-mai",
     "Tăng cường công tác đối thoại với tổ chức, cá nhân để biết nguyện vọng và giải quyết những vấn đề bức xúc của người dân thuộc phạm vi quản lý của Sở",
     date(2024, 3, 1), date(2024, 11, 29),
     [(date(2024, 8, 15), "in_progress", 40, "Tổ chức 01 hội nghị đối thoại với doanh nghiệp kinh doanh xăng dầu.")]),
    (A.ACCOUNTABILITY, "D3", "thanh-tra",
     "Thực hiện nghiêm các kết luận, kiến nghị, quyết định xử lý về thanh tra, kiểm tra; tập trung giải quyết có hiệu quả những kiến nghị, khiếu nại, tố cáo của công dân",
     date(2024, 1, 2), date(2024, 12, 31), []),
    (A.ANTICORRUPTION, "D4", "van-phong",
     "Thực hiện công khai, minh bạch về tuyển dụng công chức, viên chức bảo đảm theo quy định của pháp luật",
     date(2024, 3, 1), date(2024, 10, 31),
     [(date(2024, 10, 25), "done", 100, "Công khai từng bước của kỳ tuyển dụng viên chức năm 2024 trên Trang thông tin điện tử.")]),
    (A.ANTICORRUPTION, "D4", "van-phong",
     "Tăng cường ứng dụng công nghệ thông tin trong thi tuyển, xét tuyển, nâng cao chất lượng tuyển dụng viên chức tại các đơn vị sự nghiệp",
     date(2024, 3, 1), date(2024, 10, 31),
     [(date(2024, 6, 1), "in_progress", 30, "Khảo sát phần mềm thi trắc nghiệm trên máy tính.")]),
    (A.ANTICORRUPTION, "D4", "thanh-tra",
     "Kịp thời xây dựng và triển khai thực hiện các kế hoạch, văn bản chỉ đạo về phòng, chống tham nhũng của Tỉnh, Bộ Công Thương và các cơ quan Trung ương",
     date(2024, 1, 2), date(2024, 3, 29),
     [(date(2024, 2, 26), "done", 100, "Ban hành Kế hoạch phòng, chống tham nhũng, tiêu cực năm 2024.")]),
    (A.ANTICORRUPTION, "D4", "thanh-tra",
     "Đẩy mạnh công tác tuyên truyền, phổ biến, giáo dục về phòng chống tham nhũng; công khai, minh bạch trong hoạt động cơ quan, đơn vị",
     date(2024, 1, 2), date(2024, 12, 31),
     [(date(2024, 12, 16), "done", 100, "Lồng ghép tuyên truyền phòng, chống tham nhũng trong các hội nghị cơ quan.")]),
    (A.ANTICORRUPTION, "D4", "thanh-tra",
     "Tăng cường thanh tra, kiểm tra, xử lý nghiêm và kịp thời các khiếu nại, tố cáo, tin báo phản ánh tham nhũng, các vụ việc tham nhũng",
     date(2024, 1, 2), date(2024, 12, 31),
     [(date(2024, 9, 30), "in_progress", 60, "Hoàn thành 03/05 cuộc thanh tra theo kế hoạch.")]),
    (A.PROCEDURES, "D5", "van-phong",
     "Tăng cường trách nhiệm của người đứng đầu trong cải cách thủ tục hành chính; kiểm tra, giám sát thực thi công vụ của công chức tham mưu giải quyết hồ sơ thủ tục hành chính",
     date(2024, 1, 15), date(2024, 12, 31),
     [(date(2024, 12, 30), "done", 100, "Kiểm tra công vụ định kỳ 02 đợt; không phát hiện vi phạm.")]),
    (A.PROCEDURES, "D5", "quan-ly-thuong-mai",
     "Thực hiện công khai, minh bạch thủ tục hành chính lĩnh vực công thương được tiếp nhận, giải quyết tại Trung tâm Phục vụ hành chính công tỉnh",
     date(2024, 1, 15), date(2024, 4, 26),
     [(date(2024, 4, 22), "done", 100, "Rà soát, công khai 118 thủ tục hành chính theo Quyết định công bố của Chủ tịch UBND tỉnh.")]),
    (A.PROCEDURES, "D5", "van-phong",
     "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân và doanh nghiệp liên quan đến thủ tục hành chính",
     date(2024, 1, 2), date(2024, 12, 31),
     [(date(2024, 12, 31), "done", 100, "Tiếp nhận 12 phản ánh, kiến nghị; trả lời đúng hạn 12/12.")]),
    (A.PROCEDURES, "D5", "quan-ly-thuong-mai",
     "Tuyên truyền, hướng dẫn sử dụng dịch vụ công trực tuyến; đẩy mạnh sử dụng dịch vụ công trực tuyến và dịch vụ bưu chính công ích theo chỉ đạo của UBND tỉnh",
     date(2024, 2, 1), date(2024, 9, 30),
     [(date(2024, 10, 15), "done", 100, "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 82%.")]),
    (A.PROCEDURES, "D5", "van-phong",
     "Triển khai hệ thống quản lý tài liệu điện tử và số hóa kết quả giải quyết thủ tục hành chính theo Kế hoạch số 10357/KH-UBND ngày 22/10/2021 của UBND tỉnh",
     date(2024, 2, 1), date(2024, 11, 29),
     [(date(2024, 9, 20), "in_progress", 65, "Số hóa 65% kết quả giải quyết thủ tục hành chính còn hiệu lực.")]),
    (A.PROCEDURES, "D5", "van-phong",
     "Tổ chức khảo sát, đánh giá mức độ hài lòng của người dân khi đến thực hiện thủ tục hành chính thuộc thẩm quyền giải quyết của Sở",
     date(2024, 6, 3), date(2024, 11, 29), []),
    (A.SERVICES, "D6", "quan-ly-nang-luong",
     "Chủ trì, phối hợp với các đơn vị liên quan có các giải pháp nâng cấp lưới điện nhằm bảo đảm cung cấp điện phục vụ phát triển kinh tế - xã hội, phục vụ sinh hoạt của người dân",
     date(2024, 1, 15), date(2024, 12, 31),
     [(date(2024, 6, 28), "in_progress", 45, "Phối hợp Công ty Điện lực hoàn thành 04/09 công trình cải tạo lưới điện nông thôn."),
      (date(2024, 12, 26), "done", 100, "Hoàn thành 09/09 công trình nâng cấp lưới điện theo kế hoạch.")]),
    (A.EGOV, "D8", "van-phong",
     "Đánh giá hiện trạng Trang thông tin điện tử của Sở, bảo đảm khả năng truy cập thuận tiện",
     date(2024, 2, 1), date(2024, 5, 31),
     [(date(2024, 5, 30), "done", 100, "Đánh giá theo WCAG 2.2 AA; công bố tuyên bố về khả năng tiếp cận.")]),
    (A.EGOV, "D8", "van-phong",
     "Thường xuyên cập nhật tin tức hoạt động của cơ quan, các văn bản quy phạm pháp luật lĩnh vực công thương, các thủ tục hành chính trên Trang thông tin điện tử của Sở",
     date(2024, 1, 2), date(2024, 12, 31),
     [(date(2024, 12, 31), "done", 100, "Đăng 214 tin bài, 56 văn bản trong năm.")]),
    (A.EGOV, "D8", "van-phong",
     "Xây dựng chuyên mục “Lấy ý kiến góp ý của tổ chức, cá nhân” để kịp thời trả lời phản ánh, kiến nghị và tiếp thu ý kiến đóng góp về các văn bản quy phạm pháp luật, chủ trương, chính sách của ngành",
     date(2024, 3, 1), date(2024, 8, 30),
     [(date(2024, 9, 16), "done", 100, "Chuyên mục đi vào hoạt động; 02 dự thảo đã lấy ý kiến.")]),
    (A.EGOV, "D8", "van-phong",
     "Đẩy mạnh ứng dụng công nghệ thông tin vào hoạt động cơ quan, các quy trình xử lý công việc nội bộ và với Trung tâm Phục vụ hành chính công của tỉnh",
     date(2024, 1, 15), date(2024, 12, 31),
     [(date(2024, 9, 30), "in_progress", 80, "100% văn bản đi, đến được xử lý trên hệ thống quản lý văn bản điều hành.")]),
]  # fmt: skip

# The accessibility statement is a published page of the portal: evidence for the audit.
EVIDENCE = {"Đánh giá hiện trạng Trang thông tin điện tử": "/tuyen-bo-tiep-can/"}

# The plan's story above is written on the calendar of STORY_YEAR. The demo replays it for the
# current year and the one before, so that the dashboard and the report of the current and the
# last quarter have tasks, updates and indicator values whatever day the demo is loaded.
STORY_YEAR = 2024
# Before this day of the year too little of the story has happened: the current plan's dates
# then move back, so that the story stands at about this point today.
EARLIEST_STORY_DAY = date(STORY_YEAR, 7, 1)
# Indicator values are computed for this many quarters up to the current one.
SNAPSHOT_QUARTERS = 5


def story_shift(year: int, today: date) -> timedelta:
    """How far the story's dates move to become the dates of the plan of `year`: the same
    day of the year, except that the current plan's story never stands before
    EARLIEST_STORY_DAY on `today`."""
    shift = date(year, 1, 1) - date(STORY_YEAR, 1, 1)
    if year == today.year:
        story_today = today - shift
        shift -= max(EARLIEST_STORY_DAY - story_today, timedelta(0))
    return shift


def seed(stdout=None, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    for year in (today.year - 1, today.year):
        _seed_plan(year, story_shift(year, today), today)


def _seed_plan(year: int, shift: timedelta, today: date) -> None:
    plan, _created = ActionPlan.objects.update_or_create(
        year=year,
        defaults={
            "title": f"Kế hoạch nâng cao Chỉ số PAPI năm {year}",
            "number": f"{100 + year % 100}/KH-SCT",
            "issued_on": date(STORY_YEAR, 1, 10) + shift,
            "summary": (
                "Xác định nhiệm vụ, giải pháp cần thực hiện để nâng cao hiệu quả quản trị và "
                "hành chính công với các nội dung: Công khai, minh bạch; Trách nhiệm giải trình "
                "với người dân; Kiểm soát tham nhũng trong khu vực công; Thủ tục hành chính công; "
                "Cung ứng dịch vụ công; Quản trị điện tử."
            ),
        },
    )
    dimensions = {d.code: d for d in Dimension.objects.all()}
    units = {u.code: u for u in Unit.objects.all()}
    for order, (area, dim, unit, title, start, deadline, updates) in enumerate(TASKS, start=1):
        task, _created = PlanTask.objects.update_or_create(
            plan=plan,
            order=order,
            defaults={
                "area": area,
                "dimension": dimensions[dim],
                "unit": units.get(unit),
                "title": title,
                "start_date": start + shift,
                "deadline": deadline + shift,
            },
        )
        # The demo's own updates (recorded by nobody) are replayed on today's dates; what
        # staff recorded in the demo stays.
        task.updates.filter(created_by=None).delete()
        happened = [u for u in updates if u[0] + shift <= today]
        evidence = next((url for key, url in EVIDENCE.items() if title.startswith(key)), "")
        for on, status, progress, note in happened:
            TaskUpdate.objects.create(
                task=task,
                on=on + shift,
                status=status,
                progress=progress,
                note=note,
                evidence_url=evidence if status == "done" else "",
            )
        status, progress, completed_on = PlanTask.Status.NOT_STARTED, 0, None
        if happened:
            on, status, progress, _note = happened[-1]
            completed_on = on + shift if status == PlanTask.Status.DONE else None
        task.status, task.progress, task.completed_on = status, progress, completed_on
        task.save(update_fields=["status", "progress", "completed_on"])


def seed_snapshots(today: date | None = None) -> None:
    """The indicator values of the last quarters, once every app's demo data is loaded: the
    current quarter's afresh, the others where none is stored yet."""
    current = Quarter.containing(today or timezone.localdate())
    for quarter in quarters_up_to(current, SNAPSHOT_QUARTERS):
        indicator_snapshots_compute(
            quarter=quarter,
            trigger=IndicatorSnapshot.Trigger.SCHEDULED,
            reason="Dữ liệu trình diễn",
            only_missing=quarter != current,
        )


def _seed_snapshots(stdout=None) -> None:
    seed_snapshots()


STEPS = [
    DemoStep("papi-plan", seed, after=("portal",)),
    # Last, when every app's data is there to measure.
    DemoStep("papi-snapshots", _seed_snapshots, after=(EVERY_OTHER_STEP,)),
]
