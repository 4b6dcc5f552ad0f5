#!/usr/bin/env python3
"""Drives real bash (with and without bash-completion), zsh and fish through
a pty: each case starts the shell with a clean rc that sources the script
`hyper completions SHELL` prints, types a line, presses Tab (twice where a
menu is expected), waits until the output settles (always with a deadline),
and checks the exact line that results, or the exact candidates shown.

    harness.py HYPER HYPER_EXAMPLE

prints one line per case (`ok SHELL NAME` or `FAIL SHELL NAME: ...`) and a
last line `passed N of M`; exits 0 only when every case passed.

The resulting line is read back exactly through a key bound to print the
shell's line buffer (`LINE<...>`); candidates are read from the screen as a
terminal shows it (pyte).
"""

import os
import pty
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

import pyte

COLUMNS, ROWS = 160, 50
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)
    os.chmod(path, mode)


class Session:
    """One interactive shell on a pty."""

    def __init__(self, argv, env, cwd):
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        import fcntl
        import struct
        import termios
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.output = b""

    def read(self, quiet=0.4, deadline=8.0, until=None):
        """Reads until `until` (a regex on everything read) matches, or the
        output has been quiet for `quiet` seconds; never past `deadline`."""
        end = time.monotonic() + deadline
        last = time.monotonic()
        while True:
            now = time.monotonic()
            if now >= end:
                return False
            if until is not None and re.search(until, self.output):
                return True
            if until is None and now - last >= quiet:
                return True
            ready, _, _ = select.select([self.fd], [], [], min(0.05, end - now))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                self.output += chunk
                last = time.monotonic()

    def send(self, text):
        os.write(self.fd, text.encode())

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)

    def screen(self, since=0):
        screen = pyte.Screen(COLUMNS, ROWS)
        stream = pyte.ByteStream(screen)
        stream.feed(self.output[since:])
        return [line.rstrip() for line in screen.display]


class Shell:
    """How to start one kind of shell with the script sourced, and to read
    its line back."""

    def __init__(self, name, home, bin_dir, program):
        self.name, self.home, self.bin_dir, self.program = name, home, bin_dir, program

    def env(self):
        env = {
            "PATH": self.bin_dir + ":/usr/local/bin:/usr/bin:/bin",
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "XDG_DATA_HOME": os.path.join(self.home, ".local/share"),
            "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        # A sanitizer build of hyper (CI's TSan and ASan runs) reads its options
        # from these, e.g. ASAN_OPTIONS=detect_leaks=0.
        for name, value in os.environ.items():
            if name.split("_")[0] in ("ASAN", "TSAN", "LSAN", "UBSAN", "MSAN"):
                env[name] = value
        return env

    def start(self, cwd):
        rc = os.path.join(self.home, "rc-" + self.name + "-" + self.program)
        program = self.program
        if self.name in ("bash", "bash+bash-completion"):
            lines = ["PS1='PROMPT> '", "bind 'set bell-style none'", "bind 'set completion-query-items 0'",
                     "bind 'set page-completions off'"]
            if self.name == "bash+bash-completion":
                lines.append(". " + BASH_COMPLETION)
            lines += ["source <(%s completions bash)" % program,
                      "bind -x '\"\\C-t\": printf \"\\nLINE<%s>\\n\" \"$READLINE_LINE\"'"]
            write(rc, "\n".join(lines) + "\n")
            argv = ["bash", "--noprofile", "--rcfile", rc, "-i"]
            env = self.env()
        elif self.name == "zsh":
            folder = rc + ".d"
            write(os.path.join(folder, ".zshrc"), "\n".join([
                "PS1='PROMPT> '",
                "unsetopt beep",
                "autoload -Uz compinit && compinit -u -d %s/.zcompdump" % folder,
                "source <(%s completions zsh)" % program,
                "zstyle ':completion:*' list-separator '--'",
                "__dump_line() { print -r -- $'\\n'\"LINE<$BUFFER>\" > /dev/tty }",
                "zle -N __dump_line",
                "bindkey '^T' __dump_line",
            ]) + "\n")
            argv = ["zsh", "-i"]
            env = self.env()
            env["ZDOTDIR"] = folder
        else:
            write(rc, "\n".join([
                "set -g fish_greeting ''",
                "function fish_prompt; printf 'PROMPT> '; end",
                "function fish_right_prompt; end",
                "set -g fish_autosuggestion_enabled 0",
                "%s completions fish | source" % program,
                "bind \\ct 'printf \"\\nLINE<%s>\\n\" (commandline); commandline -f repaint'",
            ]) + "\n")
            argv = ["fish", "--no-config", "-i", "-C", "source " + rc]
            env = self.env()
        session = Session(argv, env, cwd)
        if not session.read(until=rb"PROMPT> ", deadline=15.0):
            session.close()
            raise RuntimeError("%s did not show its prompt: %r" % (self.name, session.output[-300:]))
        session.read(quiet=0.3, deadline=3.0)
        return session


class Result:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, shell, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok %s %s" % (shell, name), flush=True)
        else:
            self.failed += 1
            print("FAIL %s %s: %s" % (shell, name, detail), flush=True)


def line_after(session, keys, tabs=1, settle=0.5, deadline=8.0):
    """Types `keys`, presses Tab `tabs` times, and returns the line buffer
    and the seconds the Tabs took to settle."""
    session.send(keys)
    session.read(quiet=0.2, deadline=3.0)
    start = time.monotonic()
    for _ in range(tabs):
        session.send("\t")
        session.read(quiet=settle, deadline=deadline)
    took = time.monotonic() - start
    mark = len(session.output)
    session.send("\x14")
    if not session.read(until=rb"LINE<(.*?)>\r?\n", deadline=5.0):
        return None, took
    found = re.findall(rb"LINE<(.*?)>\r?\n", session.output[mark:])
    return (found[-1].decode() if found else None), took


def shown_after(session, keys):
    """Types `keys`, presses Tab twice, and returns the screen's lines below
    the typed line."""
    session.send(keys)
    session.read(quiet=0.2, deadline=3.0)
    session.send("\t")
    session.read(quiet=0.6, deadline=8.0)
    session.send("\t")
    # A menu is drawn after the second Tab's completion: give a loaded
    # machine (a sanitizer build, parallel tests) time to draw it all.
    session.read(quiet=1.0, deadline=10.0)
    return session.screen()


def candidates_on(screen, shell, typed):
    """The candidates a listing shows, as (value, help) pairs: bash shows
    values only, zsh `value -- help`, fish `value  (help)`."""
    lines = list(screen)
    # The listing starts below the first line holding the typed text.
    start = next((i for i, line in enumerate(lines) if typed.strip() in line), None)
    if start is None:
        return None
    found = []
    for line in lines[start + 1:]:
        if "PROMPT> " in line:
            break
        if not line.strip():
            continue
        if shell == "zsh":
            # `--jobs  -j  -- Parallel jobs`: values with the same help share a line.
            values, _, text = line.partition(" -- ")
            found += [(value, text.strip()) for value in values.split()]
        elif shell == "fish":
            # `-j  --jobs  (Parallel jobs)  --help  (Show ...)`: a help follows
            # the values it belongs to.
            pending = []
            for token in re.finditer(r"\(([^)]*)\)|(\S+)", line):
                if token.group(1) is not None:
                    found += [(value, token.group(1)) for value in pending]
                    pending = []
                else:
                    pending.append(token.group(2))
            found += [(value, "") for value in pending]
        else:
            found += [(value, "") for value in line.split()]
    return sorted(found)


def make_projects(root, bin_dir):
    services = (
        "#!/bin/sh\n"
        "# Lists the services; with --env=prod, the payments service too.\n"
        ": > \"$(dirname \"$0\")/../completer-ran\"\n"
        "printf 'api\\tThe API\\n'\n"
        "printf 'web\\tThe web front\\n'\n"
        "if [ \"$1\" = --env=prod ]; then printf 'payments\\tThe payments\\n'; fi\n"
    )
    slow = "#!/bin/sh\n: > \"$(dirname \"$0\")/../slow-ran\"\nsleep 5 &\nsleep 5\nprintf 'late\\n'\n"
    manifest = """commands:
  build:
    help: Build the project
    exec: [./scripts/noop.sh]
    args:
      jobs: {type: int, short: j, default: 4, help: Parallel jobs}
  deploy:
    help: Deploy one service
    exec: [./scripts/noop.sh, "{service}"]
    args:
      service: {type: str, help: The service, complete: [./scripts/services.sh, "--env={env}"]}
      env: {type: str, default: staging, help: Where to, choices: {staging: The test servers, prod: Production}}
      color: {type: bool, default: true, help: Colour the output}
      dry_run: {type: bool, short: n, help: Only print what would run}
      config: {type: path, required: false, help: A config file}
  db:migrate:
    help: Migrate the database
    exec: [./scripts/noop.sh]
  db:seed:
    help: Seed the database
    exec: [./scripts/noop.sh]
  test:
    help: Run the tests
    aliases: [check]
    exec: [./scripts/noop.sh]
  internal:
    help: Not for people
    hidden: true
    exec: [./scripts/noop.sh]
  tag:
    help: Tag a release
    exec: [./scripts/noop.sh, "{name}"]
    args:
      name: {type: str, choices: ["v1`id`$x"]}
  run:
    help: Run a program with the words given
    exec: [./scripts/noop.sh, "{words}"]
    args:
      words: {rest: true}
  slow:
    help: A command whose completer hangs
    exec: [./scripts/noop.sh, "{item}"]
    args:
      item: {type: str, complete: [./scripts/slow.sh]}
"""
    projects = {}
    for name in ("trusted", "untrusted"):
        project = os.path.join(root, name)
        write(os.path.join(project, "commands.d", "main.yaml"), manifest)
        write(os.path.join(project, "scripts", "noop.sh"), "#!/bin/sh\nexit 0\n", 0o755)
        write(os.path.join(project, "scripts", "services.sh"), services, 0o755)
        write(os.path.join(project, "scripts", "slow.sh"), slow, 0o755)
        write(os.path.join(project, "my dir", "file.txt"), "x\n")
        projects[name] = project
    broken = os.path.join(root, "broken")
    write(os.path.join(broken, "commands.d", "good.yaml"),
          "commands:\n  good:\n    help: A sound command\n    sh: echo good\n")
    write(os.path.join(broken, "commands.d", "bad.yaml"), "commands:\n  bad: [unclosed\n")
    write(os.path.join(broken, "commands.d", "worse.yaml"),
          "commands:\n  gone:\n    help: Broken\n    sh: echo x\n    args:\n      n: {type: int, default: abc}\n")
    projects["broken"] = broken
    example = os.path.join(root, "example")
    os.makedirs(example)
    projects["example"] = example
    return projects


def trust(bin_dir, home, project):
    env = Shell("bash", home, bin_dir, "hyper").env()
    subprocess.run(["hyper", "completions", "--trust"], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=30)


def escaped(shell, text):
    """A path as each shell writes it after completing it."""
    return text.replace(" ", "\\ ")


def run_cases(shell_name, home, bin_dir, projects, result):
    shell = Shell(shell_name, home, bin_dir, "hyper")
    trusted, untrusted = projects["trusted"], projects["untrusted"]

    def line_case(name, cwd, keys, expected, tabs=1, shell_obj=None):
        session = (shell_obj or shell).start(cwd)
        try:
            line, _ = line_after(session, keys, tabs=tabs)
            screen = "\n".join(session.screen())
            noise = [word for word in ("error", "warning", "Error", "help:") if word in screen]
            result.check(shell_name, name, line == expected and not noise,
                         "expected %r, got %r%s" % (expected, line, (", screen has " + ", ".join(noise)) if noise else ""))
        finally:
            session.close()

    def menu_case(name, cwd, keys, expected):
        session = shell.start(cwd)
        try:
            screen = shown_after(session, keys)
            kind = "zsh" if shell_name == "zsh" else "fish" if shell_name == "fish" else "bash"
            shown = candidates_on(screen, kind, keys)
            want = sorted(expected if kind != "bash" else [(value, "") for value, _ in expected])
            result.check(shell_name, name, shown == want, "expected %r, got %r" % (want, shown))
        finally:
            session.close()

    line_case("a command name", trusted, "hyper bu", "hyper build ")
    line_case("a namespace segment", trusted, "hyper db", "hyper db:")
    line_case("a command in a namespace, past the `:`", trusted, "hyper db:mi", "hyper db:migrate ")
    line_case("a namespace's commands as words", trusted, "hyper db s", "hyper db seed ")
    line_case("an alias", trusted, "hyper che", "hyper check ")
    line_case("a hidden command never", trusted, "hyper inter", "hyper inter")
    line_case("a long option", trusted, "hyper deploy --dr", "hyper deploy --dry-run ")
    menu_case("a short option", trusted, "hyper build -",
              [("--help", "Show this command's help"), ("--jobs", "Parallel jobs"), ("-j", "Parallel jobs")])
    line_case("--no-x for a flag true by default", trusted, "hyper deploy --no", "hyper deploy --no-color ")
    line_case("a choice", trusted, "hyper deploy --env st", "hyper deploy --env staging ")
    menu_case("choices with their help", trusted, "hyper deploy --env ",
              [("prod", "Production"), ("staging", "The test servers")])
    line_case("--flag=", trusted, "hyper deploy --color=f", "hyper deploy --color=false ")
    line_case("a path with a space in a folder name", trusted, "hyper deploy --config my",
              "hyper deploy --config " + escaped(shell_name, "my dir/"))
    line_case("a file inside a folder with a space", trusted, "hyper deploy --config my\\ dir/f",
              "hyper deploy --config " + escaped(shell_name, "my dir/file.txt") + " ")
    line_case("after --, files", trusted, "hyper run -- my", "hyper run -- " + escaped(shell_name, "my dir/"))
    line_case("a built-in's words", trusted, "hyper completions fi", "hyper completions fish ")
    # Inside an open quote, a value is escaped for that quote: never code.
    if shell_name.startswith("bash"):
        line_case("a value inside double quotes", trusted, 'hyper tag "v', 'hyper tag "v1\\`id\\`\\$x" ')
        line_case("a value inside single quotes", trusted, "hyper tag 'v", "hyper tag 'v1`id`$x' ")

    # Custom completers: trusted, with placeholders of the values typed.
    trust(bin_dir, home, trusted)
    line_case("a custom completer in a trusted project", trusted, "hyper deploy w", "hyper deploy web ")
    line_case("a completer gets the values typed", trusted, "hyper deploy --env prod pay",
              "hyper deploy --env prod payments ")
    line_case("an element without its value is left out", trusted, "hyper deploy pay", "hyper deploy pay")
    marker = os.path.join(trusted, "slow-ran")
    session = shell.start(trusted)
    try:
        line, took = line_after(session, "hyper slow ", settle=0.3, deadline=8.0)
        result.check(shell_name, "a completer that sleeps 5 s", line == "hyper slow " and took < 3.0 and os.path.exists(marker),
                     "line %r after %.2f s, started: %s" % (line, took, os.path.exists(marker)))
    finally:
        session.close()

    # Untrusted: the completer never starts, everything else completes.
    ran = os.path.join(untrusted, "completer-ran")
    line_case("an untrusted project's completer never starts", untrusted, "hyper deploy w", "hyper deploy w")
    result.check(shell_name, "the untrusted completer left no file", not os.path.exists(ran), "it ran")
    line_case("an untrusted project still completes options", untrusted, "hyper deploy --dr", "hyper deploy --dry-run ")

    # A trusted manifest changed: trust again before anything runs.
    ran = os.path.join(trusted, "completer-ran")
    if os.path.exists(ran):
        os.remove(ran)
    manifest = os.path.join(trusted, "commands.d", "main.yaml")
    with open(manifest) as handle:
        original = handle.read()
    write(manifest, original + "# changed\n")
    try:
        line_case("a changed manifest needs trusting again", trusted, "hyper deploy w", "hyper deploy w")
        result.check(shell_name, "the changed project's completer left no file", not os.path.exists(ran), "it ran")
    finally:
        write(manifest, original)

    line_case("a broken manifest beside good ones", projects["broken"], "hyper go", "hyper good ")

    example = Shell(shell_name, home, bin_dir, "hyper-example")
    line_case("the embedding program completes as itself", projects["example"], "hyper-example cl", "hyper-example cleanup ",
              shell_obj=example)


def main():
    hyper, example = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shells = sys.argv[3:] or ["bash", "bash+bash-completion", "zsh", "fish"]
    result = Result()
    with tempfile.TemporaryDirectory(prefix="hyper-shells-") as root:
        bin_dir = os.path.join(root, "bin")
        os.makedirs(bin_dir)
        os.symlink(hyper, os.path.join(bin_dir, "hyper"))
        os.symlink(example, os.path.join(bin_dir, "hyper-example"))
        projects = make_projects(os.path.join(root, "projects"), bin_dir)
        for shell_name in shells:
            home = os.path.join(root, "home-" + shell_name)
            os.makedirs(home)
            missing = {"bash": "bash", "bash+bash-completion": "bash", "zsh": "zsh", "fish": "fish"}[shell_name]
            if shutil.which(missing) is None or (shell_name == "bash+bash-completion" and not os.path.exists(BASH_COMPLETION)):
                result.check(shell_name, "the shell is installed", False, "not found")
                continue
            run_cases(shell_name, home, bin_dir, projects, result)
    print("passed %d of %d" % (result.passed, result.passed + result.failed), flush=True)
    return 0 if result.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
