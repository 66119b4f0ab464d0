"""On a 375 px phone: the signed-in header leaves the page room, and every admin
list this platform adds keeps its row actions on screen or a swipe away.

Issue 9: the header took 259 of 800 px; the grading queue's "Chấm điểm" column
was off screen. Screenshots go to var/screenshots/phone-*.png.
"""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.models import Site

from assessments.models import Question
from assessments.services.attempts import (
    attempt_answers_save,
    attempt_start,
    attempt_submit,
)
from content_pages.models import MainMenuItem, SiteSettings
from content_pages.services import resource_download_record
from courses.services.assignment import course_assignment_create
from people.models import AccountImport
from tests.content_pages.library_builders import make_library, make_resource
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import make_course_tree, make_enrolment
from tests.factories.people import TEST_PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 800}
HEADER_MAX_PX = 120
SEEDED_MENU = [  # the demo site's menu: five items, the longest labels we ship
    ("Khóa học", "/khoa-hoc/"),
    ("Thư viện tài liệu", "/thu-vien/"),
    ("Tin tức", "/tin-tuc/"),
    ("Văn bản pháp luật", "/van-ban-phap-luat/"),
    ("Giới thiệu", "/gioi-thieu/"),
]


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized tab in Vietnamese, the platform's first language."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def site_menu(home_page):
    site_settings = SiteSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        organisation_name="Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi",
    )
    for order, (label, url) in enumerate(SEEDED_MENU):
        MainMenuItem.objects.create(
            settings=site_settings, sort_order=order, label=label, link_url=url
        )
    return site_settings


@pytest.fixture
def course(course_index):
    course, _lessons = make_course_tree(
        course_index, title="Bình đẳng giới trong công tác cán bộ"
    )
    return course


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def page_scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.scrollingElement.scrollWidth > window.innerWidth + 1"
    )


def test_signed_in_learner_header_leaves_the_page_room(
    phone, site_menu, course, learner, screenshot_dir
):
    make_enrolment(learner, course)
    log_in(phone, learner.username)

    for name, url in [
        ("home", "/"),
        ("course", course.url),
        ("my-learning", "/learning/"),
    ]:
        phone.goto(url)
        expect(phone.locator("main h1").first).to_be_visible()
        phone.screenshot(path=str(screenshot_dir / f"phone-{name}.png"))

        assert header_height(phone) < HEADER_MAX_PX, name
        assert not page_scrolls_sideways(phone), name
        # Every menu item is on the one line, a swipe away at most.
        nav = phone.locator("header nav.main-nav")
        for label, _url in SEEDED_MENU:
            link = nav.get_by_role("link", name=label, exact=True)
            link.scroll_into_view_if_needed()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label
        expect(nav.get_by_role("link", name="Việc học của tôi")).to_have_count(1)


def test_phone_menu_button_opens_account_links_search_and_language(
    phone, site_menu, learner, screenshot_dir
):
    log_in(phone, learner.username)
    phone.goto("/")
    log_out = phone.get_by_role("button", name="Đăng xuất")
    expect(log_out).to_be_hidden()

    phone.locator("header details.header-menu > summary").click()

    expect(log_out).to_be_visible()
    expect(phone.get_by_role("link", name="Hồ sơ của tôi")).to_be_visible()
    expect(phone.locator("#site-search-q")).to_be_visible()
    expect(phone.locator("#language-select")).to_be_visible()
    assert not page_scrolls_sideways(phone)
    phone.screenshot(path=str(screenshot_dir / "phone-menu-open.png"))
    # The open menu lies over the page: the header itself does not grow.
    assert header_height(phone) < HEADER_MAX_PX

    phone.locator("#site-search-q").fill("bình đẳng")
    with phone.expect_navigation():
        phone.locator("#site-search-q").press("Enter")
    expect(phone).to_have_url(re.compile(r"/tim-kiem/\?q="))


def test_wide_screen_shows_account_links_and_search_without_a_button(
    browser, live_server, site_menu, learner
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}
    )
    try:
        page = context.new_page()
        log_in(page, learner.username)
        page.goto("/")

        expect(page.locator("header details.header-menu > summary")).to_be_hidden()
        expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
        expect(page.locator("#site-search-q")).to_be_visible()
        expect(page.locator("#language-select")).to_be_visible()
    finally:
        context.close()


# --- Admin lists --------------------------------------------------------------


@pytest.fixture
def admin_lists(administrator, learner, course, home_page):
    """One row in each list this platform adds to the admin."""
    essay = make_question(Question.Type.ESSAY, name="Bài luận về bình đẳng giới")
    quiz = make_quiz(
        [make_question(Question.Type.TRUE_FALSE), essay],
        owner=administrator,
        title="Kiểm tra cuối khóa: Luật Bình đẳng giới",
        open_to_all=True,
        questions_per_page=0,
    )
    quiz.slots.filter(question=essay).update(marks=Decimal("4"))
    attempt = attempt_start(quiz=quiz, learner=learner)
    attempt_answers_save(
        attempt=attempt,
        answers={
            "1": {"value": "true"},
            "2": {"text": "Bình đẳng giới là cơ hội như nhau."},
        },
        sequence=attempt.sequence,
    )
    attempt_submit(attempt=attempt)
    make_enrolment(learner, course)
    course_assignment_create(
        course=course,
        assigned_by=administrator,
        due_date=date.today() + timedelta(days=30),
        learners=[learner],
    )
    account_import = AccountImport(
        uploaded_by=administrator,
        original_name="danh-sach-hoc-vien-xa-binh-thuan.xlsx",
        total_rows=12,
    )
    account_import.file.save("danh-sach.xlsx", ContentFile(b"x"), save=False)
    account_import.save()
    library = make_library(home_page)
    resource = make_resource(library, title="Giáo án giới tính cho trung học cơ sở")
    resource_download_record(resource_file=resource.files.first(), user=learner)
    return {"quiz": quiz}


ADMIN_LISTS = [
    ("grading", "/admin/assessments/grading/", "Chấm điểm"),
    ("quizzes", "/admin/assessments/quizzes/", None),
    ("question-bank", "/admin/assessments/questions/", None),
    ("quiz-reports", "/admin/assessments/reports/", None),
    ("progress", "/admin/learning/progress/", None),
    ("assignments", "/admin/learning/assignments/", None),
    ("account-imports", "/admin/people/account-imports/", None),
    ("downloads", "/admin/snippets/content_pages/resourcedownload/", None),
]


REACH = """
e => {
    const ancestors = [];
    for (let node = e.parentElement; node; node = node.parentElement) {
        ancestors.push([node, node.scrollLeft]);
    }
    const pageX = window.scrollX;
    e.scrollIntoView({block: "center", inline: "nearest"});
    // A container a script may scroll but a thumb cannot (overflow hidden or
    // clip) does not count: only auto/scroll containers are a swipe away.
    const swipedByHand = ancestors
        .filter(([node, left]) => node.scrollLeft !== left)
        .every(([node]) => ["auto", "scroll"].includes(getComputedStyle(node).overflowX));
    const box = e.getBoundingClientRect();
    return {
        swipedByHand,
        pageMoved: window.scrollX !== pageX,
        left: box.left,
        right: box.right,
        width: box.width,
    };
}
"""


def reachable(element) -> bool:
    """On screen once a container the person can swipe is scrolled to it."""
    reach = element.evaluate(REACH)
    return (
        reach["swipedByHand"]
        and not reach["pageMoved"]
        and reach["width"] > 0
        and reach["left"] >= 0
        and reach["right"] <= PHONE["width"] + 0.5
    )


@pytest.mark.parametrize(("name", "path", "action"), ADMIN_LISTS)
def test_admin_list_row_actions_are_reachable_on_a_phone(
    phone, admin_lists, administrator, screenshot_dir, name, path, action
):
    log_in(phone, administrator.username)
    phone.goto(path)
    first_row = phone.locator("main table tbody tr").first
    expect(first_row).to_be_visible()
    phone.screenshot(path=str(screenshot_dir / f"phone-admin-{name}.png"))

    assert not page_scrolls_sideways(phone)
    if action:
        expect(first_row.get_by_role("link", name=action)).to_have_count(1)
    # Every link and button of the row, and its last column (a read-only report
    # has no action, but its last figure must not be cut off either).
    controls = first_row.locator("a[href]:visible, button:visible")
    targets = [controls.nth(i) for i in range(controls.count())]
    targets.append(first_row.locator("td, th").last)
    for target in targets:
        assert reachable(target), target.inner_text()
    assert not page_scrolls_sideways(phone)
