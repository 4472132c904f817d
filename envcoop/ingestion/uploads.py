"""The files of one upload: a file as it came, or the files of a zip, unpacked with care.

A zip is refused whole (nothing is queued) when it is damaged or encrypted, when a
member's name would climb out of its folder (``../``, an absolute path, a drive), when
it holds more than ENVCOOP_MAX_ZIP_FILES files, or when its files unpack to more than
ENVCOOP_MAX_ZIP_MB in all or one of them to more than ENVCOOP_MAX_DOCUMENT_MB: sizes are
counted while unpacking, never taken from the zip's own headers (a zip bomb lies).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 1024 * 1024


class UploadRefused(Exception):
    """Why a zip is refused, in the reader's language."""


def is_zip(filename: str) -> bool:
    return filename.lower().endswith(".zip")


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return False
    parts = PurePosixPath(name).parts
    return not any(part == ".." for part in parts) and ":" not in parts[0]


def _skipped(name: str) -> bool:
    """Folders' hidden files and the Mac's resource forks: not documents."""
    parts = PurePosixPath(name).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def unpack_zip(data: bytes) -> list[tuple[str, bytes]]:
    """(name inside the zip, bytes) of each file in the zip; raises UploadRefused."""
    max_files = settings.ENVCOOP_MAX_ZIP_FILES
    max_total = settings.ENVCOOP_MAX_ZIP_MB * 1024 * 1024
    max_file = settings.ENVCOOP_MAX_DOCUMENT_MB * 1024 * 1024
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise UploadRefused(_("The zip file is damaged (%(error)s).") % {"error": error}) from error
    for info in members:
        if not _safe_name(info.filename):
            raise UploadRefused(
                _("The zip file names a file outside its folder (%(name)s): refused.")
                % {"name": info.filename[:200]}
            )
    members = [info for info in members if not _skipped(info.filename)]
    if len(members) > max_files:
        raise UploadRefused(
            _("The zip file holds %(count)s files; the limit is %(limit)s.")
            % {"count": len(members), "limit": max_files}
        )
    if not members:
        raise UploadRefused(_("The zip file holds no files."))
    files: list[tuple[str, bytes]] = []
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise UploadRefused(_("The zip file is encrypted; envcoop cannot open it."))
        content = bytearray()
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    content += chunk
                    total += len(chunk)
                    if len(content) > max_file:
                        raise UploadRefused(
                            _("%(name)s in the zip file is larger than %(limit)s MB unpacked.")
                            % {
                                "name": info.filename[:200],
                                "limit": settings.ENVCOOP_MAX_DOCUMENT_MB,
                            }
                        )
                    if total > max_total:
                        raise UploadRefused(
                            _("The zip file's files are larger than %(limit)s MB unpacked.")
                            % {"limit": settings.ENVCOOP_MAX_ZIP_MB}
                        )
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as error:
            raise UploadRefused(
                _("The zip file is damaged (%(error)s).") % {"error": error}
            ) from error
        files.append((info.filename, bytes(content)))
    return files
