#!/usr/bin/env python3
"""Runs a program on a pseudo-terminal COLUMNS wide and prints, byte for
byte, what it wrote there (standard output and standard error both), then
exits with its status. The terminal does not turn LF into CRLF, so the bytes
are the program's own.

    python3 pty_run.py COLUMNS PROGRAM [ARG...]
"""
import fcntl
import os
import pty
import struct
import sys
import termios

columns = int(sys.argv[1])
argv = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    attributes = termios.tcgetattr(0)
    attributes[1] &= ~termios.ONLCR
    termios.tcsetattr(0, termios.TCSANOW, attributes)
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    os.execvp(argv[0], argv)
output = b""
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: the program ended and closed the terminal.
        break
    if not data:
        break
    output += data
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(output)
sys.exit(os.waitstatus_to_exitcode(status))
