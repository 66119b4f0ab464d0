"""Names and positions saved by the old cleaning, which unescaped "&lt;b&gt;" to
"<b>", are refused by today's rule (people.validators), so their owners could not
save their profile. Tags are removed and their text kept ("<style>Lan</style>"
becomes "Lan"); a value left empty or still looking like markup is kept as it is
for an administrator to correct. Self-contained: a migration must not follow
later changes of the application's code.
"""

import html
import re

from django.db import migrations
from django.db.models import Q

TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
MARKUP = re.compile(
    r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"
)


def as_plain_text(value):
    text = " ".join(html.unescape(TAG.sub(" ", value)).split())
    if not text or MARKUP.search(text):
        return value
    return text


def clean_stored_names(apps, schema_editor):
    User = apps.get_model("people", "User")
    suspects = User.objects.filter(
        Q(full_name__contains="<")
        | Q(full_name__contains="&")
        | Q(position__contains="<")
        | Q(position__contains="&")
    )
    for user in suspects.only("pk", "full_name", "position"):
        changes = {}
        for field in ("full_name", "position"):
            value = getattr(user, field)
            if MARKUP.search(value) and as_plain_text(value) != value:
                changes[field] = as_plain_text(value)
        if changes:
            User.objects.filter(pk=user.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_reference_data")]

    operations = [migrations.RunPython(clean_stored_names, migrations.RunPython.noop)]
