#!/usr/bin/env python
"""Time the import of a large question file (a ~5 MB GIFT or Moodle XML file).

    .venv/bin/python bench/question_import.py --format gift --megabytes 5

Generates the file in memory (nothing large is committed), then times
`parse_file` (read and check every question) and `import_questions` (save them
all in one transaction) against a throw-away SQLite database made in a temporary
folder, unless DATABASE_URL names another one (then everything it made is
deleted at the end).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
_TMP = tempfile.TemporaryDirectory(prefix="bench-question-import-")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP.name}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from assessments.services.importing import import_questions, parse_file  # noqa: E402

GIFT_QUESTIONS = (
    "::Khái niệm giới {n}::Theo Luật Bình đẳng giới, “giới” chỉ gì? (câu {n}) {{\n"
    "=Đặc điểm, vị trí, vai trò của nam và nữ trong tất cả các mối quan hệ xã hội"
    "#Đúng, Điều 5.\n"
    "~Đặc điểm sinh học của nam và nữ#Đó là giới tính.\n"
    "~Thể chất của nam và nữ\n"
    "}}\n\n"
    "::Số điều {n}::Luật Bình đẳng giới năm 2006 có bao nhiêu điều? {{#44:0}}\n\n"
    "::Thuật ngữ {n}::Việc nam, nữ có vị trí, vai trò ngang nhau gọi là gì? "
    "{{=bình đẳng giới =%50%bình đẳng*}}\n\n"
)
XML_QUESTION = """  <question type="multichoice">
    <name><text>Khái niệm giới {n}</text></name>
    <questiontext format="html"><text><![CDATA[<p>Theo Luật Bình đẳng giới, \
“giới” chỉ gì? (câu {n})</p>]]></text></questiontext>
    <defaultgrade>1</defaultgrade>
    <single>true</single>
    <answer fraction="100"><text>Đặc điểm, vị trí, vai trò xã hội của nam và nữ</text>
      <feedback><text>Đúng, Điều 5.</text></feedback></answer>
    <answer fraction="0"><text>Đặc điểm sinh học của nam và nữ</text></answer>
    <answer fraction="0"><text>Thể chất của nam và nữ</text></answer>
  </question>
"""


def make_file(format: str, megabytes: float) -> bytes:
    target = int(megabytes * 1024 * 1024)
    parts: list[str] = []
    size = 0
    n = 0
    if format == "gift":
        while True:
            chunk = ""
            if n % 100 == 0:
                chunk += f"$CATEGORY: Bench/Phần {n // 100}\n\n"
            chunk += GIFT_QUESTIONS.format(n=n)
            if size + len(chunk.encode()) > target:
                break
            parts.append(chunk)
            size += len(chunk.encode())
            n += 1
        return "".join(parts).encode()
    head, tail = '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n', "</quiz>\n"
    size = len(head) + len(tail)
    while True:
        chunk = ""
        if n % 100 == 0:
            chunk += (
                '  <question type="category"><category><text>'
                f"$course$/top/Bench/Phần {n // 100}</text></category></question>\n"
            )
        chunk += XML_QUESTION.format(n=n)
        if size + len(chunk.encode()) > target:
            break
        parts.append(chunk)
        size += len(chunk.encode())
        n += 1
    return (head + "".join(parts) + tail).encode()


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", choices=["gift", "moodlexml"], default="gift")
    parser.add_argument("--megabytes", type=float, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    data = make_file(args.format, args.megabytes)
    print(f"file: {args.format}, {len(data) / 1024 / 1024:.2f} MB")
    started = time.perf_counter()
    result = parse_file(data, args.format)
    parsed = time.perf_counter()
    print(
        f"parse + validate: {parsed - started:.2f} s, {len(result.drafts)} questions, "
        f"{len(result.errors)} errors"
    )
    try:
        with transaction.atomic():
            started = time.perf_counter()
            report = import_questions(result)
            print(
                f"import (save): {time.perf_counter() - started:.2f} s, "
                f"{report.created} questions in {len(report.by_category)} categories"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
