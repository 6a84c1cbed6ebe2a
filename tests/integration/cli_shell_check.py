#!/usr/bin/env python3
"""Drives the CLI's interactive shell through a pseudo-terminal.

  cli_shell_check.py CLI BOOTSTRAP HOME_DIR

Starts `CLI --bootstrap BOOTSTRAP` on a pty with HOME=HOME_DIR, waits for the
prompt, types a statement over two lines, completes a database name with Tab (`DESC fn_la` to `DESC fn_lake.`),
leaves with `quit`, and prints a JSON report: the prompt seen, the statement's
output, the completed text, the exit status and the history file's text."""
import json
import os
import pty
import select
import sys
import time


def main():
    cli, bootstrap, home = sys.argv[1:4]
    os.makedirs(home, exist_ok=True)
    history = os.path.join(home, ".fluss_native_history")
    if os.path.exists(history):
        os.remove(history)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["HOME"] = home
        os.environ.pop("FLUSS_NATIVE_HISTORY", None)
        os.execv(cli, [cli, "--bootstrap", bootstrap])

    def read_until(token, timeout=30):
        buf = b""
        end = time.time() + timeout
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                buf += chunk
                if token in buf:
                    break
        return buf.decode("utf-8", errors="replace")

    report = {"banner": read_until(b"fluss> ")}
    os.write(fd, b"SELECT COUNT(*)\r")
    report["continuation"] = read_until(b"-> ")
    os.write(fd, b"FROM fn_lake.pk;\r")
    report["output"] = read_until(b"fluss> ")
    os.write(fd, b"DESC fn_la\t")
    report["completed"] = read_until(b"ke.", 10)
    os.write(fd, b"\x15quit\r")  # Ctrl-U clears the line first
    read_until(b"\0", 5)
    _, status = os.waitpid(pid, 0)
    report["exit"] = os.waitstatus_to_exitcode(status)
    report["history"] = open(history, encoding="utf-8").read() if os.path.exists(history) else None
    print(json.dumps(report))


if __name__ == "__main__":
    main()
