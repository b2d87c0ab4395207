"""From a file to its text: the checks that turn a bad file into one clear line, decoding and
normalisation.

Everything a user can hand the app (a missing path, a folder, a huge or binary file, text in
another encoding) ends as `BadInput` naming the file, never as a traceback. The size is checked
before the file is read, so that a wrong choice of file is refused at once instead of freezing.
"""

import codecs
import re
import stat
import unicodedata
from pathlib import Path

from factcheck.core.errors import BadInput

MB = 1_000_000
MAX_FILE_BYTES = 50 * MB
"""No article is this large: a bigger file is the wrong file."""

CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line endings: no article has them, binary files do."""

SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair, which is no character: what JSON's "\\ud800" escapes to, and what
Python makes of bytes that are not UTF-8 in a file name, an argument or an environment variable.
No text holding one can be stored, hashed or shown."""


def readable_name(name: str) -> str:
    """A file name for display and storage: bytes that are not UTF-8 become U+FFFD."""
    if not SURROGATE.search(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def normalise_text(text: str) -> str:
    """`text` with `\\n` line endings (also for U+2028/U+2029) in Unicode NFC."""
    # str.replace and is_normalized scan at memchr speed; a regex here cost 6× more.
    for line_break in ("\r\n", "\r", "\u2028", "\u2029"):
        if line_break in text:
            text = text.replace(line_break, "\n")
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def regular_file_size(path: Path) -> int:
    """The size of the regular file at `path`; BadInput for a missing path, a folder, a pipe or a
    device (reading one would wait for a writer, or never end)."""
    label = str(path)
    try:
        info = path.stat()
    except OSError as error:
        raise BadInput(f"{label}: {_os_problem(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInput(f"{label}: a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise BadInput(f"{label}: not a regular file")
    return info.st_size


def os_problem(path: Path, error: OSError) -> BadInput:
    """The one line for an error the system gave while reading `path`."""
    return BadInput(f"{path}: {_os_problem(error)}")


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES."""
    label = str(path)
    _check_size(regular_file_size(path), label)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
    except OSError as error:
        raise BadInput(f"{label}: {_os_problem(error)}") from None
    _check_size(len(data), label)
    return data


def decode_text(data: bytes, label: str) -> str:
    """The text of an article file: UTF-8 (a BOM is dropped), not binary, not empty.

    Line endings and Unicode normalisation are left to the formats: JSON is parsed first.
    """
    _check_size(len(data), label)
    if not data:
        raise BadInput(f"{label}: empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadInput(f"{label}: UTF-16 text, not UTF-8; save the file as UTF-8")
    if b"\x00" in data:
        raise BadInput(f"{label}: binary file, not text")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = str(memoryview(data)[skip:], "utf-8")
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise BadInput(
            f"{label}: not valid UTF-8 (byte offset {offset}, line {line}): {error.reason};"
            " save the file as UTF-8"
        ) from None
    control = CONTROL_CHARACTER.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        code = f"U+{ord(control.group()):04X}"
        raise BadInput(f"{label}: binary file, not text (control character {code} on line {line})")
    if not text.strip():
        raise BadInput(f"{label}: empty file (only whitespace)")
    return text


def _check_size(size: int, label: str) -> None:
    if size > MAX_FILE_BYTES:
        raise BadInput(
            f"{label}: too large for an article ({size / MB:.1f} MB; the limit is {MAX_FILE_BYTES // MB} MB)"
        )


def _os_problem(error: OSError) -> str:
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return "no such file"
    reason = (error.strerror or str(error)).lower()
    return f"cannot be read: {reason}"
