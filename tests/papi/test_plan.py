from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import Holiday
from portal.papi import selectors
from portal.papi.models import PlanTask
from tests.papi.helpers import add_update, make_task

pytestmark = pytest.mark.django_db


def state_of(task, on):
    return selectors.task_states(selectors.plan_tasks().filter(pk=task.pk), on=on)[0]


def test_it_moves_a_deadline_on_a_holiday_to_the_next_working_day():
    # 30/04/2024 and 01/05/2024 are public holidays: a task due on 30/04 is due on 02/05.
    task = make_task(deadline=date(2024, 4, 30))
    assert not state_of(task, date(2024, 5, 2)).is_late
    late = state_of(task, date(2024, 5, 3))
    assert late.is_late and late.days_overdue == 1
    assert late.due == date(2024, 5, 2)


def test_it_counts_overdue_days_in_working_days_only():
    task = make_task(deadline=date(2024, 3, 1))  # a Friday
    # Saturday and Sunday do not count: Monday is the first working day overdue.
    assert state_of(task, date(2024, 3, 3)).days_overdue == 0
    assert state_of(task, date(2024, 3, 4)).days_overdue == 1
    Holiday.objects.create(date=date(2024, 3, 4), name="Nghỉ thử")
    assert state_of(task, date(2024, 3, 4)).days_overdue == 0


def test_it_reads_a_past_state_from_the_dated_updates():
    task = make_task(deadline=date(2024, 6, 28))
    add_update(task, date(2024, 3, 15), "in_progress", 40)
    add_update(task, date(2024, 7, 5), "done")
    task.refresh_from_db()
    assert task.status == "done" and task.completed_on == date(2024, 7, 5)
    in_march = state_of(task, date(2024, 3, 31))
    assert (in_march.status, in_march.progress, in_march.is_late) == ("in_progress", 40, False)
    assert state_of(task, date(2024, 7, 2)).is_late
    today = state_of(task, date.today())
    assert today.is_done and today.finished_late and not today.is_late


def test_it_keeps_the_status_of_the_latest_update_when_an_older_one_is_added():
    task = make_task()
    add_update(task, date(2024, 5, 20), "done")
    add_update(task, date(2024, 4, 1), "in_progress", 30)
    task.refresh_from_db()
    assert (task.status, task.progress) == ("done", 100)


def test_it_counts_tasks_by_dimension_and_status_and_lists_the_overdue():
    done = make_task(title="Đã xong", deadline=date(2024, 3, 29))
    add_update(done, date(2024, 3, 20), "done")
    make_task(title="Quá hạn lâu", deadline=date(2024, 2, 1))
    make_task(title="Quá hạn", dimension="D5", area="procedures", deadline=date(2024, 3, 1))
    make_task(title="Chưa đến hạn", deadline=date(2024, 12, 31))
    states = selectors.task_states(selectors.plan_tasks(year=2024), on=date(2024, 4, 1))
    rows = {row["dimension"].code: row for row in selectors.dimension_overview(states)}
    assert rows["D2"]["counts"] == [2, 0, 1] and rows["D2"]["late"] == 1
    assert rows["D5"]["late"] == 1 and rows["D1"]["total"] == 0
    assert [s.task.title for s in selectors.overdue(states)] == ["Quá hạn lâu", "Quá hạn"]


def test_it_shows_the_leadership_overview_with_the_overdue_list(client, leader):
    make_task(title="Rà soát quy hoạch ngành", deadline=date(2024, 2, 1))
    client.force_login(leader)
    response = client.get(reverse("papi:plan_overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rà soát quy hoạch ngành" in page
    assert "D2." in page
    # Overdue tasks are counted inside the status columns, and the heading says so.
    assert "Trong đó quá hạn" in page


def test_it_lists_tasks_without_a_query_per_task(client, leader, django_assert_max_num_queries):
    for n in range(15):
        task = make_task(title=f"Nhiệm vụ {n}")
        add_update(task, date(2024, 3, 1), "in_progress", 20)
    client.force_login(leader)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("papi:plan_task_list"), {"trang-thai": "late"})
    assert response.status_code == 200
    assert response.content.decode().count("Nhiệm vụ ") >= 15


def test_it_lets_an_officer_report_progress_with_a_published_page_as_evidence(
    client, officer_a, unit_a
):
    task = make_task(unit=unit_a, deadline=date(2024, 6, 28))
    client.force_login(officer_a)
    response = client.post(
        reverse("papi:task_update_create", args=[task.pk]),
        {
            "on": "27/06/2024",
            "status": "done",
            "progress": "60",
            "note": "Đã đăng tải quy hoạch lên Trang thông tin điện tử",
            "evidence_url": "http://testserver/chi-so-papi/",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress, task.completed_on) == ("done", 100, date(2024, 6, 27))
    update = task.updates.get()
    assert update.evidence_url == "/chi-so-papi/" and update.created_by == officer_a
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Đã đăng tải quy hoạch" in page and 'href="/chi-so-papi/"' in page


def test_it_keeps_an_uploaded_evidence_file_private(client, officer_a, unit_a, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path}},
    }
    task = make_task(unit=unit_a)
    client.force_login(officer_a)
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.7\n%test\n", content_type="application/pdf")
    response = client.post(
        reverse("papi:task_update_create", args=[task.pk]),
        {"on": "20/06/2024", "status": "in_progress", "progress": "50", "note": "Họp",
         "evidence_file": pdf},
    )  # fmt: skip
    assert response.status_code == 302
    update = task.updates.get()
    with pytest.raises(ValueError):
        update.evidence_file.url  # noqa: B018  (private files have no public URL)
    download = client.get(reverse("papi:evidence_download", args=[update.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.logout()
    assert client.get(reverse("papi:evidence_download", args=[update.pk])).status_code == 302


def test_it_keeps_a_units_evidence_from_the_officers_of_another_unit(
    client, officer_a, officer_b, leader, unit_a, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path}},
    }
    task = make_task(unit=unit_a)
    update = add_update(task, date(2024, 6, 20), "in_progress", progress=50)
    update.evidence_file.save("bien-ban.pdf", SimpleUploadedFile("b.pdf", b"%PDF-1.7 minh chung"))
    download = reverse("papi:evidence_download", args=[update.pk])

    # Officer B holds the same roles as officer A, in another unit.
    client.force_login(officer_b)
    assert client.get(download).status_code == 404
    assert client.get(task.get_absolute_url()).status_code == 404
    for allowed in (officer_a, leader):
        client.force_login(allowed)
        assert client.get(download).status_code == 200
        assert download in client.get(task.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("evidence_url", "upload", "message"),
    [
        ("https://example.com/van-ban/", None, "page of this portal"),
        ("/quan-tri/", None, "not of the staff area"),
        ("/khong-co-trang-nay/", None, "no such page"),
        ("", ("bao-cao.pdf", b"MZ\x90\x00not a pdf"), "is not a PDF file"),
        ("", None, "needs evidence"),
    ],
)
def test_it_refuses_bad_evidence_and_keeps_what_was_typed(
    client, officer_a, unit_a, evidence_url, upload, message
):
    task = make_task(unit=unit_a)
    client.force_login(officer_a)
    data = {"on": "20/06/2024", "status": "done", "progress": "100",
            "note": "Ghi chú đã nhập", "evidence_url": evidence_url}  # fmt: skip
    if upload:
        data["evidence_file"] = SimpleUploadedFile(upload[0], upload[1])
    with translation.override("en"):
        url = reverse("papi:task_update_create", args=[task.pk])
    response = client.post(url, data)
    assert response.status_code == 400
    assert not task.updates.exists()
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Ghi chú đã nhập" in page
    assert message in page


def test_it_stops_an_officer_of_another_unit_from_reporting_progress(
    client, officer_a, officer_b, unit_a
):
    task = make_task(unit=unit_a)
    url = reverse("papi:task_update_create", args=[task.pk])
    data = {"on": "20/06/2024", "status": "in_progress", "progress": "10", "note": "x"}
    # Officer B holds the same roles as officer A: only the unit tells them apart.
    client.force_login(officer_b)
    assert client.post(url, data).status_code == 404
    assert not task.updates.exists()
    client.force_login(officer_a)
    assert client.post(url, data).status_code == 302
    assert task.updates.count() == 1


def test_an_officer_sees_only_the_tasks_of_their_unit_and_leadership_sees_all(
    client, officer_a, officer_b, leader, unit_a, unit_b
):
    task_a = make_task(unit=unit_a, title="Niêm yết thủ tục tại bộ phận một cửa")
    task_b = make_task(unit=unit_b, title="Đối thoại với doanh nghiệp quý 2")
    pages = [reverse("papi:plan_task_list"), reverse("papi:plan_overview")]
    seen = {}
    for who in (officer_a, officer_b, leader):
        client.force_login(who)
        list_page = client.get(pages[0], {"nam": task_a.plan.year}).content.decode()
        seen[who] = {task.title for task in (task_a, task_b) if task.title in list_page}
        overview = client.get(pages[1], {"nam": task_a.plan.year}).content.decode()
        assert ("1 nhiệm vụ" in overview) == (who != leader)
    assert seen == {
        officer_a: {task_a.title},
        officer_b: {task_b.title},
        leader: {task_a.title, task_b.title},
    }
    # The staff area lists the same tasks as the plan pages.
    client.force_login(officer_b)
    changelist = client.get(reverse("admin:papi_plantask_changelist")).content.decode()
    assert task_b.title in changelist and task_a.title not in changelist
    plan_page = client.get(reverse("admin:papi_actionplan_change", args=[task_a.plan.pk]))
    assert task_b.title in plan_page.content.decode()
    assert task_a.title not in plan_page.content.decode()


def test_it_lets_leadership_change_a_task_and_not_an_officer(client, leader, officer_a, unit_a):
    task = make_task(unit=unit_a)
    url = reverse("papi:plan_task_edit", args=[task.pk])
    client.force_login(officer_a)
    assert client.get(url).status_code == 403
    client.force_login(leader)
    response = client.post(
        url,
        {"title": "Công khai quy hoạch ngành", "description": "", "unit": unit_a.pk, "lead": "",
         "start_date": "02/01/2024", "deadline": "30/09/2024"},
    )  # fmt: skip
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.deadline == date(2024, 9, 30) and task.title == "Công khai quy hoạch ngành"
    bad = client.post(
        url,
        {"title": "x", "unit": unit_a.pk, "start_date": "02/01/2024", "deadline": "01/01/2024"},
    )
    assert bad.status_code == 400


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("papi:plan_overview"))
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_it_loads_this_years_plan_in_all_six_areas_twice_without_duplicates():
    from django.core.management import call_command

    year = timezone.localdate().year
    call_command("seed_demo", stdout=StringIO())
    count = PlanTask.objects.filter(plan__year=year).count()
    call_command("seed_demo", stdout=StringIO())
    assert PlanTask.objects.filter(plan__year=year).count() == count >= 20
    areas = set(PlanTask.objects.values_list("area", flat=True))
    assert areas == {"transparency", "accountability", "anticorruption", "procedures",
                     "services", "egov"}  # fmt: skip
    assert PlanTask.objects.filter(title__contains="Nghị định số 59/2019/NĐ-CP").exists()
