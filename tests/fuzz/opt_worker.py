"""A process that runs `irtk-opt` on request, so that the fuzz tests can stop a run that hangs or crashes.

Why a process: irtk-opt does its work on a thread with a big stack (deep nesting recurses), and a hang there, in
a regular expression or other C code that holds the GIL, cannot be interrupted from the test's own process (an
alarm's handler only runs when the main thread gets the GIL back). A crash would take the test process with it.
Starting Python for every example would spend the fuzzing time on imports, so one worker serves many examples
and is replaced only after it had to be killed or died.

Protocol: length-prefixed pickles over the worker's stdin and stdout. A request is an argv list; an answer is
`(status, stdout, stderr)`, where status is irtk-opt's exit status, or "raised" with the traceback as stderr.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
import traceback
from pathlib import Path

_HEADER = struct.Struct("<Q")

#: A request the worker answers by dying of SIGSEGV, so that a test can check the harness reports a crash (a kill
#: from outside could reach the worker before the request does, and the next request would find a new worker).
CRASH_REQUEST = ["--opt-worker-self-test-crash"]


class Hang(Exception):
    """irtk-opt ran over its time limit."""


class Crash(Exception):
    """The process running irtk-opt died (a signal, or an exit irtk-opt did not choose)."""


def _write_message(stream, value) -> None:
    data = pickle.dumps(value)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream, size: int) -> bytes | None:
    data = stream.read(size)
    return data if data is not None and len(data) == size else None


def _serve() -> None:
    """The worker's loop: answer requests until stdin closes. The protocol keeps private copies of fds 0 and 1,
    which are pointed at /dev/null, so nothing irtk-opt or a compiler it starts writes there can garble it."""
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    from irtk.tools import irtk_opt

    while (header := _read_exactly(requests, _HEADER.size)) is not None:
        argv = pickle.loads(_read_exactly(requests, _HEADER.unpack(header)[0]))
        if argv == CRASH_REQUEST:
            os.kill(os.getpid(), signal.SIGSEGV)
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = irtk_opt.main(argv)
        except SystemExit as exit:  # argparse's own exit for a bad command line
            status = exit.code
        except BaseException:
            status = "raised"
            err.write(traceback.format_exc())
        _write_message(answers, (status, out.getvalue(), err.getvalue()))


class IrtkOptWorker:
    """The client side: one worker process, started on first use and again after it was lost."""

    def __init__(self):
        self._process: subprocess.Popen | None = None
        atexit.register(self.close)

    def run(self, argv: list[str], time_limit: float) -> tuple[object, str, str]:
        """irtk-opt's `(status, stdout, stderr)` for `argv`; Hang after `time_limit` seconds, Crash if it died."""
        process = self._started()
        try:
            _write_message(process.stdin, list(argv))
        except BrokenPipeError:
            pass  # it died since it was started: reading its answer says how
        deadline = time.monotonic() + time_limit
        header = self._read(_HEADER.size, deadline, argv, time_limit)
        return pickle.loads(self._read(_HEADER.unpack(header)[0], deadline, argv, time_limit))

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def _started(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen([sys.executable, str(Path(__file__).resolve())],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self._process

    def _read(self, size: int, deadline: float, argv, time_limit) -> bytes:
        process = self._process
        chunks, got = [], 0
        fd = process.stdout.fileno()
        while got < size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                self.close()
                raise Hang(f"irtk-opt {' '.join(argv)} ran over {time_limit} s")
            chunk = os.read(fd, size - got)
            if not chunk:
                status = process.wait()
                self._process = None
                how = f"signal {signal.Signals(-status).name}" if status < 0 else f"exit status {status}"
                raise Crash(f"irtk-opt {' '.join(argv)} died ({how})")
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)


if __name__ == "__main__":
    _serve()
