#!/usr/bin/env python3
"""Runs a program on a real terminal (a pty) and answers one prompt.

Usage: pty_answer.py [--wait-for TEXT] [--answer TEXT | --eof] [--columns N] -- PROGRAM ARG...

The program gets the pty as standard input, output and error, in the
current folder and environment. When its output contains TEXT (default
`[y/N] `), the answer is typed (with `--eof`, the end-of-input character
instead). Everything the program writes is collected until it exits; every
wait has a deadline (5 s in all), so a program that hangs fails the run
instead of stopping it. Prints one JSON object: {"status": N, "output": TEXT},
where status is the exit status, or 128+N after signal N, or -1 on timeout.
The pty's line discipline turns "\n" into "\r\n" on output.
"""
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time


def main():
    args = sys.argv[1:]
    wait_for = b"[y/N] "
    answer = None
    eof = False
    columns = 80
    while args and args[0] != "--":
        flag = args.pop(0)
        if flag == "--wait-for":
            wait_for = args.pop(0).encode()
        elif flag == "--answer":
            answer = args.pop(0).encode()
        elif flag == "--eof":
            eof = True
        elif flag == "--columns":
            columns = int(args.pop(0))
        else:
            raise SystemExit(f"unknown option {flag}")
    command = args[1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    deadline = time.monotonic() + 5
    output = b""
    answered = answer is None and not eof
    status = None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            output += chunk
            if not answered and wait_for in output:
                os.write(fd, b"\x04" if eof else answer)
                answered = True
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        print(json.dumps({"status": -1, "output": output.decode("utf-8", "replace")}))
        return
    _, raw = os.waitpid(pid, 0)
    status = os.WEXITSTATUS(raw) if os.WIFEXITED(raw) else 128 + os.WTERMSIG(raw)
    print(json.dumps({"status": status, "output": output.decode("utf-8", "replace")}))


main()
