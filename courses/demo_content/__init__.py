"""Texts of the demo course catalogue (K1–K5 of DOMAIN.md §3.5), used by seed_demo_courses.

One module per course; each exports COURSE, a dict of the course fields and its
modules and lessons, whose ``body`` is a list of raw LessonStreamBlock blocks (see
``blocks.py``). The texts are teaching content drawn from the law and materials
summarised in DOMAIN.md; quotation blocks hold only wording recorded there as seen.
"""

from . import k1, k2, k3, k4, k5

COURSE_INDEX = {
    "title": "Khóa học",
    "slug": "khoa-hoc",
    "intro": (
        "<p>Các khóa bồi dưỡng trực tuyến về <b>bình đẳng giới và vì sự tiến bộ của phụ "
        "nữ</b> dành cho cán bộ, công chức, thành viên Ban Vì sự tiến bộ của phụ nữ, "
        "người soạn thảo văn bản, người làm công tác tư vấn pháp luật, giáo viên và câu "
        "lạc bộ trường học tỉnh Quảng Ngãi.</p>"
    ),
}

COURSES = [k1.COURSE, k2.COURSE, k3.COURSE, k4.COURSE, k5.COURSE]

__all__ = ["COURSES", "COURSE_INDEX"]
