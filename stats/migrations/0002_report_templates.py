"""The two reports the province asks for every year, as data.

Source: the Quảng Ngãi plan of 2022, section V "Chế độ báo cáo" (../shared/source/
ke-hoach-binh-dang-gioi-quang-ngai-2022.md): "Định kỳ 6 tháng (trước ngày 31/5),
cả năm (trước ngày 30/11) ... gửi báo cáo về Sở Lao động - Thương binh và Xã hội".
The due dates are stored as 31/5 and 30/11, the deadlines the plan names, which
the reminders count down to.

The recipient changed (DOMAIN.md §1.1): state management of gender equality
moved from Sở LĐTBXH to Sở Nội vụ in 2025 (March at the ministry; the 6-month
report of 2025, due at the end of May, already went to Sở Nội vụ). So each
report has two rows: Sở LĐTBXH for 2022–2024 (the platform holds nothing
earlier), Sở Nội vụ from 2025 on.

The periods. The plan gives due dates only. Reports due at the end of May and
of November cannot cover the calendar half-year and year (Decree 60/2018's
statistical periods, 1/1–30/6 and 1/1–31/12), so the data stop two weeks before
the deadline, on the 14th, the day administrative reports conventionally close
their figures (Decree 09/2019 art. 12 uses "15th of one month to 14th of the
next"; its exact dates for 6-month and annual reports are unverified here):

- annual report of year Y: 15/11 of Y-1 to 14/11 of Y, cut-off 14/11, due 30/11;
- 6-month report of year Y: 15/11 of Y-1 to 14/5 of Y, cut-off 14/5, due 31/5.

The annual periods follow one another with no gap and no overlap (14/11 of Y,
then 15/11 of Y); the 6-month report is the first part of the same year's annual
period, so neither counts a class in two years. Both are data: an administrator
changes them in the admin if the province's next plan sets other dates.

Idempotent by (slug, first_year), like the other reference data migrations.
"""

from django.db import migrations

LABOUR = "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi"
HOME_AFFAIRS = "Sở Nội vụ tỉnh Quảng Ngãi"
# (first_year, last_year, recipient)
RECIPIENTS = ((2022, 2024, LABOUR), (2025, None, HOME_AFFAIRS))

REPORTS = (
    {
        "name": "Báo cáo 6 tháng",
        "slug": "bao-cao-6-thang",
        "period_start_month": 11,
        "period_start_day": 15,
        "starts_in_previous_year": True,
        "period_end_month": 5,
        "period_end_day": 14,
        "cutoff_month": 5,
        "cutoff_day": 14,
        "due_month": 5,
        "due_day": 31,
    },
    {
        "name": "Báo cáo năm",
        "slug": "bao-cao-nam",
        "period_start_month": 11,
        "period_start_day": 15,
        "starts_in_previous_year": True,
        "period_end_month": 11,
        "period_end_day": 14,
        "cutoff_month": 11,
        "cutoff_day": 14,
        "due_month": 11,
        "due_day": 30,
    },
)


def seed_report_templates(apps, schema_editor):
    ReportTemplate = apps.get_model("stats", "ReportTemplate")
    for report in REPORTS:
        fields = dict(report)
        slug = fields.pop("slug")
        for first_year, last_year, recipient in RECIPIENTS:
            ReportTemplate.objects.update_or_create(
                slug=slug,
                first_year=first_year,
                defaults={**fields, "last_year": last_year, "recipient": recipient},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_report_templates, migrations.RunPython.noop),
    ]
