"""The text of uploaded PDF and DOCX files, for the site search, read safely.

A DOCX is a zip archive: a 278 KB file can unpack to 100 million characters and take hundreds of
megabytes while it is parsed. So an archive is measured before it is read (what it unpacks to,
and how many times it grows), the text is capped, and the reading runs in a child process with
a memory limit of its own: a file that still gets past the checks ends that child, not the
worker or the web process.
"""

import contextlib
import io
import json
import os
import select
import signal
import time
import zipfile

MAX_TEXT_CHARS = 1_000_000  # what the search keeps of one file
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a DOCX of 20 MB of text and images stays far below
MAX_EXPANSION = 100  # text XML compresses about 10 times; a bomb, thousands of times
MEMORY_LIMIT_BYTES = 512 * 1024 * 1024  # for the reading child, on top of what it started with
TIME_LIMIT_SECONDS = 120


class UnsafeFile(ValueError):
    """The file would unpack to more than a document of its kind ever needs."""


def check_archive(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnsafeFile(f"unpacks to {unpacked} bytes (at most {MAX_UNPACKED_BYTES})")
    if unpacked / packed > MAX_EXPANSION:
        raise UnsafeFile(f"grows {unpacked // packed} times unpacked (at most {MAX_EXPANSION})")


def _capped(parts) -> str:
    """Joins text parts with line breaks, stopping once the cap is reached."""
    kept, size = [], 0
    for part in parts:
        kept.append(part)
        size += len(part) + 1
        if size >= MAX_TEXT_CHARS:
            break
    return "\n".join(kept)[:MAX_TEXT_CHARS]


def docx_text(data: bytes) -> str:
    import docx

    check_archive(data)
    return _capped(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return _capped(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _limit_memory() -> None:
    import resource

    with open("/proc/self/status") as status:
        in_use = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
    limit = in_use + MEMORY_LIMIT_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(reader, data, send_fd) -> None:
    """Runs in the forked child: reads, writes the answer to the pipe, and exits at once."""
    try:
        _limit_memory()
        answer = ["text", reader(data)]
    except MemoryError:
        answer = ["error", "the file needs more memory than a document may take"]
    except Exception as error:
        answer = ["error", f"{type(error).__name__}: {error}"]
    try:
        with os.fdopen(send_fd, "wb") as pipe:
            pipe.write(json.dumps(answer).encode())
    finally:
        os._exit(0)  # no cleanup of the parent's resources (database connections) in here


def read_limited(reader, data: bytes) -> str:
    """`reader(data)` in a forked child with its own memory and time limits (Linux); the text,
    or ValueError when the file could not be read within them. A plain fork, as Celery's pool
    processes may not start multiprocessing children."""
    if not os.path.exists("/proc/self/status"):
        return reader(data)  # no /proc to measure from: the archive checks still apply
    receive_fd, send_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(receive_fd)
        _child(reader, data, send_fd)
    os.close(send_fd)
    chunks, deadline = [], time.monotonic() + TIME_LIMIT_SECONDS
    try:
        with os.fdopen(receive_fd, "rb") as pipe:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([pipe], [], [], remaining)[0]:
                    raise ValueError(f"reading took more than {TIME_LIMIT_SECONDS} s")
                chunk = pipe.read1(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not chunks:  # the child died without answering: killed for its memory, most likely
        raise ValueError("the reading process ended without an answer")
    kind, value = json.loads(b"".join(chunks))
    if kind == "error":
        raise ValueError(value)
    return value
