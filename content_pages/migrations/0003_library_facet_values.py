"""The library's facet values as the plan names them; editable in the admin afterwards."""

from django.db import migrations

FACETS = {
    "SchoolLevel": [
        ("thcs", "Trung học cơ sở"),
        ("thpt", "Trung học phổ thông"),
        ("gdnn", "Giáo dục nghề nghiệp"),
        ("cao-dang", "Cao đẳng"),
        ("dai-hoc", "Đại học"),
    ],
    "ResourceTopic": [
        ("gioi-va-gioi-tinh", "Giới và giới tính"),
        ("dinh-kien-gioi", "Định kiến giới"),
        ("bao-luc-gioi", "Bạo lực trên cơ sở giới"),
        ("tao-hon", "Tảo hôn"),
        ("an-toan-mang", "An toàn trên mạng"),
        ("cau-lac-bo", "Bộ tài liệu câu lạc bộ trường học"),
    ],
    "ResourceFormat": [
        ("giao-an", "Giáo án"),
        ("bai-trinh-chieu", "Bài trình chiếu"),
        ("phieu-bai-tap", "Phiếu bài tập"),
        ("video", "Video"),
        ("ap-phich", "Áp phích"),
        ("so-tay", "Sổ tay"),
    ],
    "Audience": [
        ("giao-vien", "Giáo viên"),
        ("hoc-sinh", "Học sinh, sinh viên"),
        ("cha-me", "Cha mẹ học sinh"),
    ],
}


def add_values(apps, schema_editor):
    for model_name, values in FACETS.items():
        model = apps.get_model("content_pages", model_name)
        for order, (code, name) in enumerate(values, start=1):
            model.objects.update_or_create(
                code=code, defaults={"name": name, "sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("content_pages", "0002_public_site_and_library")]

    operations = [migrations.RunPython(add_values, migrations.RunPython.noop)]
