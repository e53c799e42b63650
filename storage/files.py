"""Files written whole or not at all, readable by the user only.

Every file hourdesk writes passes through here. The bytes go to a temporary file beside
the destination (mode 0600), are flushed and fsynced, and only then take the final name:
``os.replace`` where a previous file may be replaced, a hard link where a new name must
never overwrite anything. The folder is fsynced after. On any failure the temporary file
is removed: a previous file is unchanged, and no partial file exists under the final name.
A destination that exists and is not a regular file (a folder, a FIFO, a device, a
symbolic link to one of those) is refused before anything is written. Missing folders are
created 0700.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import itertools
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

# What a file that must not overwrite anything is made of: bytes, or a function that
# writes them to the (binary) file it is given.
Content = bytes | Callable[[BinaryIO], object]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)

_REASONS = {
    errno.ENOSPC: ("The disk is full", "Free some space and try again."),
    errno.EDQUOT: ("The disk quota is used up", "Free some space and try again."),
    errno.EFBIG: ("The file size limit is reached", "Write it to another disk."),
    errno.EROFS: ("The disk is read-only", "Choose a folder you may write to."),
    errno.EACCES: ("Permission denied", "Choose a folder you may write to."),
    errno.EPERM: ("Permission denied", "Choose a folder you may write to."),
    errno.ENOTDIR: ("A part of the path is not a folder", "Check the path."),
    errno.ENAMETOOLONG: ("The name is too long", "Choose a shorter name."),
}

# A temporary file untouched for this long was left by a process that was killed.
STALE_SECONDS = 3600

# Errors of a file system that cannot make hard links (FAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP}


class NotWritten(OSError):
    """A file was not written; ``str()`` is one line saying why and what was left."""

    def __init__(self, message: str, code: int | None, path: Path) -> None:
        super().__init__(code, message, str(path))
        self.message = message

    def __str__(self) -> str:
        return self.message


def _refuse(path: Path, what: str) -> NotWritten:
    return NotWritten(
        f"{path} is {what}, not a regular file: hourdesk does not replace it and wrote "
        "nothing. Choose a file name.",
        errno.EEXIST,
        path,
    )


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def destination(path: Path) -> tuple[Path, bool]:
    """Where writing ``path`` lands, and whether a regular file is there already.

    A symbolic link of the user's own that names a regular file is written through (the
    link stays a link); anything else there that is not a regular file is refused.
    """
    path = Path(path)
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # nothing there (yet)
        return path, False
    except OSError as exc:
        raise _failed(exc, path, existed=False) from exc
    if stat.S_ISREG(info.st_mode):
        return path, True
    if not stat.S_ISLNK(info.st_mode):
        raise _refuse(path, _kind(info.st_mode))
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise _refuse(path, "a symbolic link of another user")
    target = Path(os.path.realpath(path))
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        raise _refuse(path, "a symbolic link to nothing") from None
    if not stat.S_ISREG(mode):
        raise _refuse(path, f"a symbolic link to {_kind(mode)}")
    return target, True


def make_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parent, each with mode 0700."""
    if folder.is_dir():
        return
    if folder.parent != folder:
        make_folder(folder.parent)
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, 0o700)


def _failed(exc: OSError, path: Path, existed: bool) -> NotWritten:
    reason, hint = _REASONS.get(exc.errno or 0, (f"The file could not be written ({exc})", ""))
    left = "the previous file is unchanged" if existed else "no partial file was left"
    return NotWritten(f"{reason}: {path} was not written; {left}. {hint}".strip(), exc.errno, path)


@contextlib.contextmanager
def _writing(path: Path, existed: bool) -> Iterator[None]:
    """Turn a failure of the disk into one clear :class:`NotWritten`."""
    try:
        yield
    except NotWritten:
        raise
    except OSError as exc:
        raise _failed(exc, path, existed) from exc


def _sweep(folder: Path, prefix: str) -> None:
    """Remove temporary files with ``prefix`` that a killed process left, an hour or more ago
    (one being written now is younger)."""
    stale = time.time() - STALE_SECONDS
    for path in folder.glob(f"{glob.escape(prefix)}*.tmp"):
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < stale:
                path.unlink()


class _Temporary:
    """A private temporary file in ``folder``; removed by :meth:`remove` unless moved away."""

    def __init__(self, folder: Path, name: str, text: bool = False) -> None:
        make_folder(folder)
        prefix = f".{name[:64]}."
        _sweep(folder, prefix)
        fd, path = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
        self.path = Path(path)
        if text:
            self.file: IO[Any] = os.fdopen(fd, "w", encoding="utf-8", newline="")
        else:
            self.file = os.fdopen(fd, "wb")

    def seal(self) -> None:
        """Everything written is on the disk."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def open_whole(path: Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write ``path`` with; it replaces ``path`` only when the block succeeds.

    Text is UTF-8 with line endings as written. Streams of any size go straight to disk.
    See :func:`destination` for what may be at ``path``.
    """
    path, existed = destination(path)
    with _writing(path, existed):
        tmp = _Temporary(path.parent, path.name, text)
        try:
            yield tmp.file
            tmp.seal()
            destination(path)
            os.replace(tmp.path, path)
        finally:
            tmp.remove()
        fsync_folder(path.parent)


def write_whole(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` whole, replacing a previous regular file."""
    with open_whole(path, text=isinstance(data, str)) as out:
        out.write(data)
    return Path(path)


def numbered(stem: str, first: int = 2) -> Iterator[str]:
    """``stem``, then ``stem-2``, ``stem-3`` ...: names to try for a new file."""
    yield stem
    for n in range(first, first + 10_000):
        yield f"{stem}-{n}"


def _take(tmp: _Temporary, path: Path) -> None:
    """Give ``tmp`` the name ``path``, which must be free (FileExistsError otherwise)."""
    try:
        os.link(tmp.path, path)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # No hard links here: claim the name empty, then move the whole file onto it.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            os.replace(tmp.path, path)
        except BaseException:
            path.unlink()
            raise


def _take_all(temporaries: Sequence[_Temporary], paths: Sequence[Path]) -> bool:
    """Give each temporary file its name; none of them (and False) if one is taken."""
    taken: list[tuple[_Temporary, Path]] = []
    try:
        for tmp, path in zip(temporaries, paths, strict=True):
            _take(tmp, path)
            taken.append((tmp, path))
    except BaseException as exc:
        for tmp, path in taken:
            if tmp.path.exists():
                path.unlink()
            else:  # moved there without a hard link: move it back
                os.replace(path, tmp.path)
        if isinstance(exc, FileExistsError):
            return False
        raise
    return True


def write_new(
    folder: Path, stems: Iterable[str], files: Sequence[tuple[str, Content]]
) -> list[Path]:
    """Write new files ``<stem><suffix>`` for the first stem whose names are all free.

    Each file is written whole first; names are taken only then, and never overwrite
    anything. A failure takes no name, so a retry gets the same one.
    """
    folder = Path(folder)
    stems = iter(stems)
    first = next(stems)
    with _writing(folder / f"{first}{files[0][0]}", existed=False):
        temporaries: list[_Temporary] = []
        try:
            for suffix, content in files:
                temporaries.append(tmp := _Temporary(folder, f"{first}{suffix}"))
                if callable(content):
                    content(cast(BinaryIO, tmp.file))  # opened in binary mode
                else:
                    tmp.file.write(content)
                tmp.seal()
            for stem in itertools.chain([first], stems):
                paths = [folder / f"{stem}{suffix}" for suffix, _ in files]
                if _take_all(temporaries, paths):
                    break
            else:
                raise FileExistsError(errno.EEXIST, "no free name", str(folder / first))
        finally:
            for tmp in temporaries:
                tmp.remove()
        fsync_folder(folder)
    return paths
