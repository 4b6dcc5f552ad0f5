#!/usr/bin/env python3
"""Writes release/warm-path.order: the functions hyper runs on its hottest
paths, in the order callgrind first meets them, for the linker to lay out
together (release/build passes it to lld as --symbol-ordering-file).

    python3 release/order.py      # needs valgrind; rebuilds with release/build

The paths, hottest first: a warm dispatch through the index up to `execve`
(`hyper cmd7 --count 5 --name Alice --verbose`), `hyper --help`, and one Tab
(`hyper __complete bash cmd7 --`). A name the binary no longer has is ignored
by the linker, so a stale file only makes start-up slower, never wrong; run
this again after a change to the warm path and commit the result.

After the functions come the data symbols the warm dispatch reads or writes,
from valgrind's lackey: the linker moves the `.data`, `.bss` and `.rodata`
sections that hold them together, so a call writes fewer distinct pages.
"""
import bisect
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORDER = ROOT / "release" / "warm-path.order"
HYPER = ROOT / ".build" / "release" / "hyper"
DISPATCH = ["cmd7", "--count", "5", "--name", "Alice", "--verbose"]
LARGE_SECTION = 64 * 1024  # the kernel maps 64 KiB of code around each fault

MANIFEST = """commands:
  cmd7:
    help: Benchmark command 7
    exec: ["true"]
    args:
      count: {type: int, default: 1, help: How many}
      name: {type: str, help: Who}
      verbose: {type: bool, help: Say more}
"""


def functions(profile):
    """Function names of a callgrind profile (`--demangle=no`), first seen first."""
    names = []
    for line in profile.read_text().splitlines():
        match = re.match(r"^c?fn=\(\d+\) (.+)$", line)
        if match:
            name = re.sub(r"'\d+$", "", match.group(1).strip())  # recursion depth suffix
            if not name.startswith("0x") and name != "(below main)":
                names.append(name)
    return names


def profile(arguments, folder, env, before_exec):
    with tempfile.TemporaryDirectory() as out:
        target = pathlib.Path(out) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={target}"]
        if before_exec:
            command.append("--dump-before=execve")  # the profile up to the moment hyper becomes the program
        subprocess.run(command + [str(HYPER)] + arguments, cwd=folder, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [name for part in sorted(pathlib.Path(out).glob("callgrind.out*")) for name in functions(part)]


def data_symbols(arguments, folder, env):
    """The data symbols (`.data`, `.bss`, `.rodata`) a run touches, first
    touched first, from valgrind's lackey trace of every load and store."""
    symbols = []
    listing = subprocess.run(["nm", "-n", str(HYPER)], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[1] in "dDbBrR":
            symbols.append((int(fields[0], 16), fields[2]))
    starts = [address for address, _ in symbols]
    names, seen = [], set()
    with tempfile.TemporaryDirectory() as out:
        trace = pathlib.Path(out) / "lackey.txt"
        for _ in range(2):  # the first run writes the index lackey's hyper is keyed by
            subprocess.run(["valgrind", "--tool=lackey", "--trace-mem=yes", f"--log-file={trace}", str(HYPER)] + arguments,
                           cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with trace.open() as lines:
            for line in lines:
                if line[:2] not in (" L", " S", " M"):
                    continue
                address = int(line[3:].split(",", 1)[0], 16)
                found = bisect.bisect_right(starts, address) - 1
                if found >= 0 and symbols[found][1] not in seen:
                    seen.add(symbols[found][1])
                    names.append(symbols[found][1])
    return names


def sections(link_map):
    """The size of the input section each symbol of the linked binary lies in,
    from lld's map (`VMA LMA Size Align In`, a symbol's line after its section's)."""
    size_of, current = {}, 0
    for line in link_map.read_text().splitlines():
        fields = line.split(None, 4)
        if len(fields) < 5:
            continue
        if ":(" in fields[4]:
            current = int(fields[2], 16)
        elif fields[4].strip():
            size_of[fields[4].strip()] = current
    return size_of


def main():
    with tempfile.TemporaryDirectory() as out:
        link_map = pathlib.Path(out) / "hyper.map"
        subprocess.run([str(ROOT / "release" / "build"), "-Xlinker", f"-Map={link_map}", "-Xlinker", "--no-demangle"], check=True)
        size_of = sections(link_map)
    with tempfile.TemporaryDirectory() as work:
        folder = pathlib.Path(work) / "project"
        (folder / "commands.d").mkdir(parents=True)
        (folder / "commands.d" / "cmds.yaml").write_text(MANIFEST)
        env = dict(os.environ, HYPER_INDEX_DIR=str(pathlib.Path(work) / "index"))
        time.sleep(2.5)  # files changed in the last 2 s are checked by content; let them age
        # Warm the index as callgrind runs hyper (the executable the index is
        # keyed by is callgrind's there): a profile of a cold load would order
        # the wrong code.
        profile(["cmd7", "--name", "warm"], folder, env, before_exec=True)
        names, seen = [], set()
        for arguments, before_exec in ((DISPATCH, True),
                                       (["--help"], False),
                                       (["__complete", "bash", "cmd7", "--"], False)):
            for name in profile(arguments, folder, env, before_exec):
                if name not in seen:
                    seen.add(name)
                    names.append(name)
    # A function inside a large section that was not compiled one function per
    # section (the standard library's main `.text`, 1.6 MB) moves that whole
    # section: place such sections after every small one, or they would
    # scatter the small ones over megabytes.
    names.sort(key=lambda name: size_of.get(name, 0) > LARGE_SECTION)
    # Then the data the warm dispatch reads and writes: a page of `.data` or
    # `.bss` written costs a fault of its own (a copy, or a zeroed page), so
    # the sections that hold what a call writes belong together too.
    with tempfile.TemporaryDirectory() as work:
        folder = pathlib.Path(work) / "project"
        (folder / "commands.d").mkdir(parents=True)
        (folder / "commands.d" / "cmds.yaml").write_text(MANIFEST)
        env = dict(os.environ, HYPER_INDEX_DIR=str(pathlib.Path(work) / "index"))
        time.sleep(2.5)
        taken = set(names)
        names += [name for name in data_symbols(DISPATCH, folder, env) if name not in taken]
    ORDER.write_text("\n".join(names) + "\n")
    print(f"{ORDER.relative_to(ROOT)}: {len(names)} symbols", file=sys.stderr)


if __name__ == "__main__":
    main()
