"""Package files in Django's storage; every storage failure becomes StorageUnavailable.

Paths are ``packages/<package_id>/<name>``. Writes overwrite: a create retried after a
rolled-back attempt must replace the orphaned files at the same deterministic paths.
"""

import contextlib
import os
import posixpath

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from delivery.errors import StorageUnavailable

PACKAGES_DIR = "packages"


def package_dir(package_id: str) -> str:
    """Return the storage folder of a package (no trailing slash)."""
    return posixpath.join(PACKAGES_DIR, package_id)


def write(path: str, content: bytes) -> str:
    """Store ``content`` at exactly ``path``, replacing any file already there."""
    try:
        if default_storage.exists(path):
            default_storage.delete(path)
        saved = default_storage.save(path, ContentFile(content))
    except OSError as error:
        raise StorageUnavailable(f"Could not write {path}: {error}") from error
    if saved != path:
        # Another writer created the same path between delete and save; storage
        # kept both under different names. Drop this copy and let the caller retry.
        delete(saved)
        raise StorageUnavailable(f"Could not write {path}: a concurrent write won.")
    return saved


def delete(path: str) -> bool:
    """Delete the file at ``path``; return whether there was one."""
    try:
        if not default_storage.exists(path):
            return False
        default_storage.delete(path)
    except OSError as error:
        raise StorageUnavailable(f"Could not delete {path}: {error}") from error
    return True


def list_files(directory: str) -> list[str]:
    """Return the paths of every file under ``directory``, sorted; none if missing."""
    try:
        if not default_storage.exists(directory):
            return []
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StorageUnavailable(f"Could not list {directory}: {error}") from error
    paths = [posixpath.join(directory, name) for name in files]
    for folder in folders:
        paths += list_files(posixpath.join(directory, folder))
    return sorted(paths)


def delete_tree(directory: str) -> int:
    """Delete every file under ``directory``; return how many were deleted."""
    deleted = sum(1 for path in list_files(directory) if delete(path))
    _remove_empty_local_dirs(directory)
    return deleted


def _remove_empty_local_dirs(directory: str) -> None:
    """Tidy the empty folders a local filesystem keeps; remote storages have none."""
    try:
        root = default_storage.path(directory)
    except NotImplementedError:
        return
    if not os.path.isdir(root):
        return
    for current, _folders, _files in os.walk(root, topdown=False):
        with contextlib.suppress(OSError):
            os.rmdir(current)


def open_file(path: str) -> File:
    """Open the stored file for binary reading.

    Raises:
        FileNotFoundError: No file is stored at ``path``.
        StorageUnavailable: The storage failed.
    """
    try:
        return default_storage.open(path, "rb")
    except FileNotFoundError:
        raise
    except OSError as error:
        raise StorageUnavailable(f"Could not open {path}: {error}") from error


def list_package_dirs(suffix: str) -> list[str]:
    """Return the package folders whose name ends with ``suffix``."""
    try:
        if not default_storage.exists(PACKAGES_DIR):
            return []
        folders, _files = default_storage.listdir(PACKAGES_DIR)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StorageUnavailable(f"Could not list {PACKAGES_DIR}: {error}") from error
    return sorted(
        posixpath.join(PACKAGES_DIR, name) for name in folders if name.endswith(suffix)
    )
