"""One archive holds the whole installation: the database, media and private uploads.

`manage.py backup` writes it and `manage.py restore` puts it back. The database is
copied by the engine's own means, so the copy is consistent while the platform
runs: SQLite's online backup API, PostgreSQL's pg_dump (custom format). A
manifest names the engine, the newest migration of each app and a checksum of
the dump; restore refuses an archive that is damaged, from another engine, or
from a newer schema than the code knows.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Folders of the archive and the settings that say where each lives.
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_UPLOADS_ROOT"}

BACKUP_DAMAGED = _("The backup file is damaged or is not a backup of this platform.")
BACKUP_OTHER_ENGINE = _(
    "This backup is of a %(archived)s database; this installation uses %(current)s."
)
BACKUP_NEWER_SCHEMA = _(
    "This backup was made by a newer version of the platform (migration %(migration)s "
    "is unknown here). Upgrade the code first."
)


@dataclass(frozen=True)
class Manifest:
    format: int
    created_at: str
    engine: str
    migrations: dict[str, str]
    dump: str
    dump_sha256: str
    files: int

    @classmethod
    def read(cls, data: bytes) -> "Manifest":
        try:
            return cls(**json.loads(data))
        except (TypeError, ValueError) as error:
            raise ValidationError(BACKUP_DAMAGED, code="damaged") from error


def _engine() -> str:
    return str(connection.vendor)


def _newest_migrations() -> dict[str, str]:
    """The newest applied migration of each app, by name (they are numbered)."""
    loader = MigrationLoader(connection)
    newest: dict[str, str] = {}
    for app_label, name in loader.applied_migrations:
        if name > newest.get(app_label, ""):
            newest[app_label] = name
    return newest


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments from Django's own settings."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    environment = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, environment


def _postgresql_tool(name: str, *args: str) -> None:
    """Run pg_dump or pg_restore on the default database; its arguments come
    from settings, never from a request."""
    executable = shutil.which(name)
    if executable is None:
        raise FileNotFoundError(f"{name} is not installed (Debian: postgresql-client).")
    connection_args, environment = _pg_environment()
    subprocess.run(  # noqa: S603 - a fixed program with arguments from settings
        [executable, *args, *connection_args],
        check=True,
        env=environment,
        capture_output=True,
    )


def _sqlite_connection() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    if not isinstance(raw, sqlite3.Connection):  # pragma: no cover - a wrapped driver
        raise TypeError("SQLite backups need the sqlite3 driver's own connection.")
    return raw


def _dump_database(folder: Path) -> Path:
    engine = _engine()
    if engine == "sqlite":
        target = folder / "database.sqlite3"
        with sqlite3.connect(target) as copy:
            _sqlite_connection().backup(copy)
        copy.close()
        return target
    if engine == "postgresql":
        target = folder / "database.pgdump"
        _postgresql_tool(
            "pg_dump", "--format=custom", "--no-owner", "--file", str(target)
        )
        return target
    raise ValidationError(
        BACKUP_OTHER_ENGINE,
        code="engine",
        params={"archived": "sqlite/postgresql", "current": engine},
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_create(*, destination: Path) -> Path:
    """Write one .tar.gz of the database, media and private uploads; return its path.

    `destination` is a folder (a dated file name is chosen) or a file name.
    """
    if destination.is_dir() or not destination.suffix:
        destination.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = destination / f"lms-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump = _dump_database(Path(work))
        files = 0
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            for folder, setting in FOLDERS.items():
                root = Path(getattr(settings, setting))
                if root.is_dir():
                    for path in sorted(root.rglob("*")):
                        if path.is_file() and not path.is_symlink():
                            archive.add(
                                path, arcname=f"{folder}/{path.relative_to(root)}"
                            )
                            files += 1
            manifest = Manifest(
                format=FORMAT_VERSION,
                created_at=dt.datetime.now(dt.UTC).isoformat(),
                engine=_engine(),
                migrations=_newest_migrations(),
                dump=dump.name,
                dump_sha256=_sha256(dump),
                files=files,
            )
            manifest_path = Path(work) / MANIFEST
            manifest_path.write_text(json.dumps(manifest.__dict__, indent=2))
            archive.add(manifest_path, arcname=MANIFEST)
        # Renamed only when whole: a backup cut short never looks finished.
        partial.replace(destination)
    return destination


def _check_manifest(manifest: Manifest) -> None:
    if manifest.format != FORMAT_VERSION:
        raise ValidationError(BACKUP_DAMAGED, code="damaged")
    if manifest.engine != _engine():
        raise ValidationError(
            BACKUP_OTHER_ENGINE,
            code="engine",
            params={"archived": manifest.engine, "current": _engine()},
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for app_label, name in manifest.migrations.items():
        if (app_label, name) not in known:
            raise ValidationError(
                BACKUP_NEWER_SCHEMA,
                code="newer_schema",
                params={"migration": f"{app_label}.{name}"},
            )


def _restore_database(dump: Path) -> None:
    if _engine() == "sqlite":
        with sqlite3.connect(dump) as source:
            source.backup(_sqlite_connection())
        source.close()
        return
    connection.close()
    _postgresql_tool(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        str(dump),
    )


def _replace_folder(root: Path, extracted: Path) -> None:
    """Empty `root` (keeping the folder itself, which may be a mount) and fill it."""
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if extracted.is_dir():
        for child in extracted.iterdir():
            shutil.move(str(child), root / child.name)


def _expected(member: tarfile.TarInfo, manifest: Manifest) -> bool:
    """Only what backup_create writes: the manifest, the dump, files under the folders."""
    if member.name in (MANIFEST, manifest.dump):
        return member.isfile()
    top, _, rest = member.name.partition("/")
    parts = rest.split("/")
    return (
        top in FOLDERS
        and member.isfile()
        and all(part not in ("", ".", "..") for part in parts)
    )


def backup_restore(*, archive_path: Path) -> Manifest:
    """Put the database, media and private uploads back as the archive holds them.

    Everything is checked before anything is changed: the manifest, the engine,
    the schema and the dump's checksum. An archive holding anything backup_create
    does not write (an absolute path, a `..`, a link, a device) is refused, and
    members are extracted with tarfile's "data" filter as well.
    """
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                member = archive.extractfile(MANIFEST)
                manifest = Manifest.read(member.read() if member else b"")
                if not all(_expected(m, manifest) for m in archive.getmembers()):
                    raise ValidationError(BACKUP_DAMAGED, code="damaged")
                archive.extractall(work, filter="data")
        except (KeyError, OSError, EOFError, tarfile.TarError) as error:
            raise ValidationError(BACKUP_DAMAGED, code="damaged") from error
        _check_manifest(manifest)
        dump = Path(work) / manifest.dump
        if not dump.is_file() or _sha256(dump) != manifest.dump_sha256:
            raise ValidationError(BACKUP_DAMAGED, code="damaged")
        _restore_database(dump)
        for folder, setting in FOLDERS.items():
            _replace_folder(Path(getattr(settings, setting)), Path(work) / folder)
    # Cached sessions, pages and figures may describe rows that are gone.
    cache.clear()
    return manifest
