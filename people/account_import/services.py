"""Writes of an account import: store an upload, check it, confirm it, apply it.

Nothing is written until the whole file has been checked and the uploader has
confirmed; the apply step checks the file again (accounts may have changed in
between) and writes everything in one transaction. The background steps are
queued by people.tasks on the signals sent here."""

import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connections, router, transaction
from django.db.models import Field
from django.utils import timezone

from lms.progress import job_progress_reporter

from ..models import AccountImport, User
from ..roles import Role
from ..signals import account_import_confirmed, account_import_uploaded
from .checking import CheckedRow, chunks, preview_of, read_and_check
from .parsing import (
    IMPORT_FAILED,
    IMPORT_NOT_READY,
    LOOKUP_CHUNK_SIZE,
    WRITE_BATCH_SIZE,
    import_error_message,
    upload_problem,
)

audit_log = logging.getLogger("lms.audit")
logger = logging.getLogger(__name__)


def _scaled(
    report: Callable[[int, int], None], *, start: float, share: float
) -> Callable[[int, int], None]:
    """Report one step of several as its share of one bar."""

    def scaled(done: int, total: int) -> None:
        report(int(total * start + done * share), total)

    return scaled


def _discard_file(account_import: AccountImport) -> None:
    """The upload holds personal data; once it has served, it is removed."""
    if account_import.file:
        account_import.file.delete(save=False)
        AccountImport.objects.filter(pk=account_import.pk).update(file="")


@transaction.atomic
def account_import_start(*, uploaded_by: User, file: UploadedFile) -> AccountImport:
    """Store an upload and have it checked in the background."""
    problem = upload_problem(name=file.name or "", size=file.size or 0)
    if problem is not None:
        raise ValidationError(import_error_message(problem), code=problem["code"])
    account_import = AccountImport(
        uploaded_by=uploaded_by, original_name=PurePath(file.name or "").name[:255]
    )
    account_import.file.save(account_import.original_name, file, save=False)
    account_import.save()
    account_import_uploaded.send(sender=AccountImport, account_import=account_import)
    return account_import


def account_import_validate(*, account_import: AccountImport) -> None:
    """Check the whole file and store the preview or every error.

    Does nothing unless the import is waiting to be checked, so running it twice
    is harmless.
    """
    if account_import.status != AccountImport.Status.VALIDATING:
        return
    report = job_progress_reporter("account-import", account_import.pk)
    try:
        table, checked, errors = read_and_check(
            account_import=account_import, report=report
        )
    except Exception:
        logger.exception("account import %s: check failed", account_import.pk)
        _mark_failed(account_import)
        return
    is_valid = not errors
    AccountImport.objects.filter(
        pk=account_import.pk, status=AccountImport.Status.VALIDATING
    ).update(
        status=AccountImport.Status.READY if is_valid else AccountImport.Status.INVALID,
        total_rows=len(table.rows) if table else 0,
        row_errors=errors,
        preview=preview_of(checked),
        validated_at=timezone.now(),
    )
    account_import.refresh_from_db()
    if not is_valid:
        _discard_file(account_import)


@transaction.atomic
def account_import_confirm(
    *, account_import: AccountImport, confirmed_by: User
) -> AccountImport:
    """The uploader's go-ahead: the accounts are written in the background."""
    updated = AccountImport.objects.filter(
        pk=account_import.pk, status=AccountImport.Status.READY
    ).update(status=AccountImport.Status.IMPORTING, confirmed_at=timezone.now())
    if not updated:
        raise ValidationError(IMPORT_NOT_READY, code="not_ready")
    audit_log.info(
        "account import confirmed: import=%s user=%s",
        account_import.pk,
        confirmed_by.pk,
    )
    account_import.refresh_from_db()
    job_progress_reporter("account-import", account_import.pk)(
        0, account_import.total_rows
    )
    account_import_confirmed.send(sender=AccountImport, account_import=account_import)
    return account_import


def account_import_apply(*, account_import: AccountImport) -> None:
    """Check the file again and write every account in one transaction.

    Does nothing unless the import is confirmed and not yet applied. If the
    accounts changed since the preview and a row no longer fits, nothing is
    written and the import shows the new errors.
    """
    report = job_progress_reporter("account-import", account_import.pk)
    try:
        with transaction.atomic():
            locked = AccountImport.objects.select_for_update().get(pk=account_import.pk)
            if locked.status != AccountImport.Status.IMPORTING:
                return
            table, checked, errors = read_and_check(
                account_import=locked, report=_scaled(report, start=0, share=1 / 3)
            )
            if errors:
                locked.status = AccountImport.Status.INVALID
                locked.row_errors = errors
                locked.finished_at = timezone.now()
                locked.save(update_fields=["status", "row_errors", "finished_at"])
            else:
                created, updated = _write_accounts(
                    checked=checked, report=_scaled(report, start=1 / 3, share=2 / 3)
                )
                locked.status = AccountImport.Status.DONE
                locked.created_count = created
                locked.updated_count = updated
                locked.finished_at = timezone.now()
                locked.save(
                    update_fields=[
                        "status",
                        "created_count",
                        "updated_count",
                        "finished_at",
                    ]
                )
                audit_log.info(
                    "account import applied: import=%s user=%s created=%s updated=%s",
                    locked.pk,
                    locked.uploaded_by_id,
                    created,
                    updated,
                )
    except Exception:
        logger.exception("account import %s: apply failed", account_import.pk)
        _mark_failed(account_import)
        return
    account_import.refresh_from_db()
    if account_import.status in (
        AccountImport.Status.DONE,
        AccountImport.Status.INVALID,
    ):
        _discard_file(account_import)


def _mark_failed(account_import: AccountImport) -> None:
    AccountImport.objects.filter(
        pk=account_import.pk,
        status__in=[AccountImport.Status.VALIDATING, AccountImport.Status.IMPORTING],
    ).update(
        status=AccountImport.Status.FAILED,
        failure_message=str(IMPORT_FAILED),
        finished_at=timezone.now(),
    )
    account_import.refresh_from_db()


UPDATED_FIELDS = [
    "full_name",
    "email",
    "sex",
    "unit",
    "date_of_birth",
    "phone",
    "position",
    "employment_type",
    "is_leader",
    "organisation",
]


def _column_field(name: str) -> tuple[Field[Any, Any], str]:
    """A field of User with the column it is stored in (every UPDATED_FIELDS has one)."""
    field = User._meta.get_field(name)
    if not isinstance(field, Field) or field.column is None:
        raise TypeError(f"User.{name} is not stored in a column of its own.")
    return field, field.column


def _updated_values(user: User) -> tuple[Any, ...]:
    return tuple(
        getattr(user, _column_field(name)[0].attname) for name in UPDATED_FIELDS
    )


def _save_updated_fields(users: list[User]) -> None:
    """Save UPDATED_FIELDS of many accounts with one statement run many times.

    `bulk_update` builds a CASE expression per field and row, which costs
    seconds of Python per thousand accounts.
    """
    if not users:
        return
    connection = connections[router.db_for_write(User)]
    columns = [_column_field(name) for name in UPDATED_FIELDS]
    fields = [field for field, _column in columns]
    quote = connection.ops.quote_name
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
        quote(User._meta.db_table),
        ", ".join(f"{quote(column)} = %s" for _field, column in columns),
        quote(_column_field(User._meta.pk.name)[1]),
    )
    params = [
        [f.get_db_prep_save(getattr(user, f.attname), connection) for f in fields]
        + [user.pk]
        for user in users
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _fill(user: User, checked: CheckedRow) -> None:
    """Copy a row onto an account; blank optional cells keep the current value."""
    row = checked.row
    user.full_name = row.full_name
    user.email = row.email
    user.sex = row.sex
    user.unit_id = checked.unit_id
    if row.date_of_birth is not None:
        user.date_of_birth = row.date_of_birth
    if row.phone:
        user.phone = row.phone
    if row.position:
        user.position = row.position
    if row.employment_type:
        user.employment_type = row.employment_type
    if row.is_leader is not None:
        user.is_leader = row.is_leader
    if checked.organisation_id is not None:
        user.organisation_id = checked.organisation_id


def _write_accounts(
    *, checked: list[CheckedRow], report: Callable[[int, int], None]
) -> tuple[int, int]:
    """Create and update the accounts in batches; returns (created, updated).

    New accounts get the learner role through the membership table in bulk:
    `user_set_roles` gives the same result one account (three queries) at a time.
    """
    total = len(checked)
    done = 0
    report(done, total)
    new_rows = [c for c in checked if c.user_id is None]
    old_rows = [c for c in checked if c.user_id is not None]
    # Updated accounts' groups are replaced; collected before new rows get ids.
    regrouped_ids = [c.user_id for c in old_rows if c.row.target_group_codes]

    for batch in chunks(new_rows, WRITE_BATCH_SIZE):
        users = []
        for item in batch:
            user = User(username=item.row.username, password=make_password(None))
            _fill(user, item)
            if item.row.is_leader is None:
                user.is_leader = False
            users.append(user)
        User.objects.bulk_create(users)
        for item, user in zip(batch, users, strict=True):
            item.user_id = user.pk
        done += len(batch)
        report(done, total)
    missing = [c for c in new_rows if c.user_id is None]
    if missing:
        # Databases that cannot return ids from a bulk insert.
        ids = dict(
            User.objects.filter(
                username__in=[c.row.username for c in missing]
            ).values_list("username", "pk")
        )
        for item in missing:
            item.user_id = ids[item.row.username]

    for batch in chunks(old_rows, WRITE_BATCH_SIZE):
        users_by_id = User.objects.only("pk", *UPDATED_FIELDS).in_bulk(
            [c.user_id for c in batch]
        )
        changed = []
        for item in batch:
            user = users_by_id[item.user_id]
            before = _updated_values(user)
            _fill(user, item)
            if _updated_values(user) != before:
                changed.append(user)
        _save_updated_fields(changed)
        done += len(batch)
        report(done, total)

    learners, _created = Group.objects.get_or_create(name=Role.LEARNER)
    membership = User.groups.through
    membership.objects.bulk_create(
        [membership(user_id=c.user_id, group_id=learners.pk) for c in new_rows],
        batch_size=WRITE_BATCH_SIZE,
        ignore_conflicts=True,
    )

    grouped = [c for c in checked if c.row.target_group_codes]
    group_link = User.target_groups.through
    for chunk in chunks(regrouped_ids, LOOKUP_CHUNK_SIZE):
        group_link.objects.filter(user_id__in=chunk).delete()
    group_link.objects.bulk_create(
        [
            group_link(user_id=c.user_id, targetgroup_id=group_id)
            for c in grouped
            for group_id in c.target_group_ids
        ],
        batch_size=WRITE_BATCH_SIZE,
    )
    report(total, total)
    return len(new_rows), len(old_rows)
