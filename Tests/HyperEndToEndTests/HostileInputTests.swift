import Foundation
import Testing

/// Hostile input, end to end: every case runs the real binary under a memory
/// limit (`prlimit --as`, 1 GiB) and a CPU limit (10 s; the kernel kills a
/// runaway), its wall-clock time is asserted (under 60 s), and it asserts one
/// exact outcome: a located diagnostic and its exit status, or an exact
/// pass-through.
@Suite struct HostileInputTests {
    // MARK: running under bounds

    static let memoryLimit = 1 << 30

    /// Under a sanitizer (`.ci/run` sets `HYPER_TEST_SANITIZER`) the binary
    /// reserves terabytes of shadow address space, so only the plain run can
    /// bound the address space; the CPU and wall-clock bounds always apply.
    static let limits: [String] = ProcessInfo.processInfo.environment["HYPER_TEST_SANITIZER"] == nil
        ? ["--as=\(memoryLimit)", "--cpu=10"] : ["--cpu=30"]

    /// Runs hyper in `project` bounded in memory, CPU and wall time.
    static func bounded(_ arguments: [String], in project: TemporaryProject, stdin: Data? = nil,
                        environment: [String: String] = [:]) throws -> RunResult {
        let started = Date()
        let result = try HyperProcess.run(
            limits + ["--", HyperProcess.hyper.path] + arguments,
            in: project.root,
            executable: URL(fileURLWithPath: "/usr/bin/prlimit"),
            environment: environment,
            stdin: stdin
        )
        #expect(Date().timeIntervalSince(started) < 60, "over the wall-clock bound")
        return result
    }

    /// A project whose only manifest is `bytes`; validated in concise form.
    static func validate(_ bytes: [UInt8]) throws -> RunResult {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", Data(bytes))
        return try bounded(["validate", "--format", "concise"], in: project)
    }

    static func validate(_ text: String) throws -> RunResult { try validate(Array(text.utf8)) }

    static let fine = RunResult(status: 0, stdout: "", stderr: "")

    static func error(_ line: Int, _ column: Int, _ message: String, _ code: String) -> RunResult {
        RunResult(status: 1, stdout: "commands.d/x.yaml:\(line):\(column): error: \(message) [\(code)]\n", stderr: "")
    }

    static let command = "commands:\n  c:\n    help: C\n    exec: [\"true\"]\n"

    // MARK: YAML

    static let yamlCases: [(String, [UInt8], RunResult)] = {
        var cases: [(String, String, RunResult)] = []
        var laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (level, previous) in zip("bcdefghi", "abcdefgh") {
            laughs += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        cases.append(("billion laughs", laughs, error(1, 4, "anchors are not allowed", "E107")))
        cases.append(("alias as a key", "commands:\n  *a : x\n", error(2, 3, "aliases are not allowed", "E107")))
        cases.append(("self-referencing anchor", "a: &a [*a]\n", error(1, 4, "anchors are not allowed", "E107")))
        cases.append(("alias to nothing", "commands: *nothing\n", error(1, 11, "aliases are not allowed", "E107")))
        cases.append(("10,000-deep flow nesting", "commands: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
                      error(1, 74, "nesting is deeper than 64 levels", "E110")))
        cases.append(("10,000-deep block nesting", "commands:\n" + String(repeating: "- ", count: 10_000) + "x\n",
                      error(2, 127, "nesting is deeper than 64 levels", "E110")))
        cases.append(("over-long key", "commands:\n  " + String(repeating: "k", count: 300) + ": {help: x, exec: [\"true\"]}\n",
                      error(2, 3, "key is 300 bytes, over the limit of 256", "E112")))
        cases.append(("over-long scalar", "commands:\n  c:\n    help: " + String(repeating: "x", count: 70_000) + "\n    exec: [\"true\"]\n",
                      error(3, 11, "value is 70000 bytes, over the limit of 65536", "E113")))
        cases.append(("several documents", command + "---\n" + command, error(5, 1, "manifest has more than one YAML document", "E106")))
        cases.append(("%YAML 1.3", "%YAML 1.3\n---\n" + command, error(1, 1, "invalid YAML: found incompatible YAML document", "E104")))
        cases.append(("%TAG", "%TAG !x! tag:example.com,2000:\n---\n" + command, error(1, 1, "YAML directives (`%YAML`, `%TAG`) are not allowed", "E114")))
        cases.append(("tab indentation", "commands:\n\tc: 1\n",
                      error(2, 1, "invalid YAML: found character that cannot start any token (while scanning for the next token at line 2, column 1)", "E104")))
        cases.append(("complex key", "commands:\n  ? {a: 1}\n  : {help: x, exec: [\"true\"]}\n", error(2, 5, "mapping keys must be plain text, not a mapping", "E117")))
        cases.append(("duplicate key", "commands:\n  c:\n    help: C\n    exec: [\"true\"]\n    help: D\n",
                      error(5, 5, "duplicate key `help` (first defined on line 3)", "E111")))
        cases.append(("!!python/object tag", "commands:\n  c:\n    help: !!python/object:os.system x\n    exec: [\"true\"]\n",
                      error(3, 11, "tags are not allowed (found `tag:yaml.org,2002:python/object:os.system`)", "E108")))
        cases.append(("\\0 escape", "commands:\n  c:\n    help: \"a\\0b\"\n    exec: [\"true\"]\n",
                      error(3, 11, "value contains a NUL character, which no argument or environment variable can hold", "E103")))
        cases.append(("lone surrogate escape", "commands:\n  c:\n    help: \"\\udc00\"\n    exec: [\"true\"]\n",
                      error(3, 14, "invalid YAML: found invalid Unicode character escape code (while parsing a quoted scalar at line 3, column 11)", "E104")))
        cases.append(("U+2028 in a plain scalar breaks the line", "commands:\n  c:\n    help: a\u{2028}b\n    exec: [\"true\"]\n",
                      error(5, 9, "invalid YAML: could not find expected ':' (while scanning a simple key at line 4, column 1)", "E104")))
        cases.append(("U+2028 and U+0085 in a quoted scalar", "commands:\n  c:\n    help: \"a\u{2028}b\u{85}c\"\n    exec: [\"true\"]\n", fine))
        cases.append(("BOM at the start", "\u{FEFF}" + command, fine))
        cases.append(("BOM in the middle", "commands:\n  c:\n    help: C\u{FEFF}\n    exec: [\"true\"]\n",
                      error(3, 12, "byte order mark (U+FEFF) in the middle of the manifest", "E115")))
        cases.append(("CRLF line ends", command.replacingOccurrences(of: "\n", with: "\r\n"), fine))
        cases.append(("CRLF keeps lines right", "commands:\r\n  c:\r\n    help: C\r\n    exec: [\"true\"]\r\n    hepl: D\r\n",
                      error(5, 5, "unknown key `hepl` in command `c`", "E201")))
        cases.append(("lone CR line ends", command.replacingOccurrences(of: "\n", with: "\r"), fine))
        cases.append(("lone CR keeps lines right", "commands:\r  c:\r    help: C\r    exec: [\"true\"]\r    hepl: D\r",
                      error(5, 5, "unknown key `hepl` in command `c`", "E201")))
        cases.append(("bidi override in a name", "commands:\n  c\u{202E}d:\n    help: C\n    exec: [\"true\"]\n",
                      error(2, 4, "text-direction control character U+202E in the manifest", "E116")))
        cases.append(("zero-width space in a name", "commands:\n  se\u{200B}ed:\n    help: C\n    exec: [\"true\"]\n",
                      error(2, 3, "invalid command name `se<U+200B>ed`", "E204")))
        cases.append(("Cyrillic homoglyph in a name", "commands:\n  s\u{0435}ed:\n    help: C\n    exec: [\"true\"]\n",
                      error(2, 3, "invalid command name `s\u{0435}ed`", "E204")))
        cases.append(("60,000 keys in one mapping", "x:\n" + (0..<60_000).map { "  k\($0): 0\n" }.joined(),
                      RunResult(status: 1, stdout: "commands.d/x.yaml:1:1: error: unknown key `x` at the top level [E201]\ncommands.d/x.yaml:1:1: error: manifest has no `commands` key [E202]\n", stderr: "")))
        let million = "x: {" + (0..<1_000_000).map { "k\($0): 0" }.joined(separator: ", ") + "}\n"
        cases.append(("a million keys", million, error(1, 1, "manifest is \(million.utf8.count) bytes, over the limit of 1048576", "E101")))
        var result = cases.map { ($0.0, Array($0.1.utf8), $0.2) }
        result.append(("invalid UTF-8", Array("commands:\n  c:\n    help: caf".utf8) + [0xE9] + Array("\n    exec: [\"true\"]\n".utf8),
                       error(3, 14, "manifest is not valid UTF-8 (byte 0xE9 at offset 28)", "E102")))
        result.append(("raw NUL", Array("commands:\n  c:".utf8) + [0] + Array("\n".utf8), error(2, 5, "manifest contains a NUL byte", "E103")))
        result.append(("UTF-16", Array(command.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).reduce(into: [0xFF, 0xFE]) { $0.append($1) },
                       error(1, 1, "manifest is UTF-16, not UTF-8", "E102")))
        result.append(("overlong UTF-8 encoding of '/'", Array("commands:\n  c:\n    help: ".utf8) + [0xC0, 0xAF] + Array("\n".utf8),
                       error(3, 11, "manifest is not valid UTF-8 (byte 0xC0 at offset 25)", "E102")))
        return result
    }()

    @Test(arguments: yamlCases.map { [$0.0] })
    func yaml(name: [String]) throws {
        let entry = try #require(Self.yamlCases.first { $0.0 == name[0] })
        #expect(try Self.validate(entry.1) == entry.2, "case: \(entry.0)")
    }

    @Test func twoHundredMegabyteManifestIsRefusedBeforeReading() throws {
        let project = try TemporaryProject()
        let file = try project.write("commands.d/x.yaml", "")
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        #expect(try Self.bounded(["validate", "--format", "concise"], in: project)
                == Self.error(1, 1, "manifest is 209715200 bytes, over the limit of 1048576", "E101"))
    }

    // MARK: implicit-typing traps on each type

    /// Each trap on each type: the text as a str default, an error elsewhere,
    /// except where the rules make it a value (`1e3` and `1.10` as floats).
    static let traps = ["no", "on", "010", "0x1F", "1_000", "1e3", ".inf", "12:30:00", "2001-12-14", "1.10"]
    static let trapOutcomes: [String: [String: String]] = [
        "str": Dictionary(uniqueKeysWithValues: traps.map { ($0, "ok") }),
        "int": [
            "no": "expected int, got `no`", "on": "expected int, got `on`", "010": "expected int, got `010` with a leading zero",
            "0x1F": "expected int, got `0x1F`", "1_000": "expected int, got `1_000`", "1e3": "expected int, got `1e3`",
            ".inf": "expected int, got `.inf`", "12:30:00": "expected int, got `12:30:00`",
            "2001-12-14": "expected int, got `2001-12-14`", "1.10": "expected int, got `1.10`",
        ],
        "float": [
            "no": "expected float, got `no`", "on": "expected float, got `on`", "010": "expected float, got `010` with a leading zero",
            "0x1F": "expected float, got `0x1F`", "1_000": "expected float, got `1_000`", "1e3": "ok",
            ".inf": "expected float, got `.inf`", "12:30:00": "expected float, got `12:30:00`",
            "2001-12-14": "expected float, got `2001-12-14`", "1.10": "ok",
        ],
        "bool": Dictionary(uniqueKeysWithValues: traps.map { ($0, "expected bool, got `\($0)`") }),
    ]

    @Test(arguments: ["str", "int", "float", "bool"].flatMap { type in traps.map { [type, $0] } })
    func implicitTypingTrap(pair: [String]) throws {
        let (type, trap) = (pair[0], pair[1])
        let outcome = try #require(Self.trapOutcomes[type]?[trap])
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", "commands:\n  c:\n    help: C\n    exec: [echo, \"{v}\"]\n    args:\n      v: {type: \(type), default: \(trap)}\n")
        let result = try Self.bounded(["validate", "--format", "concise"], in: project)
        if outcome == "ok" {
            #expect(result == Self.fine)
            let shown = type == "float" ? (trap == "1e3" ? "1000.0" : "1.1") : trap
            #expect(try Self.bounded(["c"], in: project) == RunResult(status: 0, stdout: shown + "\n", stderr: ""))
        } else {
            #expect(result == Self.error(6, 28 + type.count, "invalid default for `v`: \(outcome)", "E209"))
        }
    }

    // MARK: the command line

    static func printing() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", """
        commands:
          show:
            help: Print each value between brackets
            exec: [printf, "[%s]", "{name}", "{count}", "{rate}", "{flag}"]
            args:
              name: str
              count: {type: int, default: 1}
              rate: {type: float, default: 0.5}
              flag: bool

        """)
        return project
    }

    static let commandLineCases: [([String], RunResult)] = [
        (["show", "x", "--count", "9223372036854775808"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got '9223372036854775808'\n")),
        (["show", "x", "--count", "-9223372036854775809"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got '-9223372036854775809'\n")),
        (["show", "x", "--count", ""], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got ''\n")),
        (["show", "x", "--count", " 5"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got ' 5'\n")),
        (["show", "x", "--count", "5x"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got '5x'\n")),
        (["show", "x", "--count", "\u{FF15}"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got '\u{FF15}'\n")),
        (["show", "x", "--rate", "nan"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --rate: expected float, got 'nan'\n")),
        (["show", "x", "--rate", "inf"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --rate: expected float, got 'inf'\n")),
        (["show", "x", "--rate", "1e309"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --rate: expected float, got '1e309'\n")),
        (["show", "x", "--rate", "0x1p3"], RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --rate: expected float, got '0x1p3'\n")),
        (["show", "--name", "--flag"], RunResult(status: 0, stdout: "[--flag][1][0.5][false]", stderr: "")),
        (["show", "--name=-x", "--count=-0"], RunResult(status: 0, stdout: "[-x][0][0.5][false]", stderr: "")),
        (["show", ""], RunResult(status: 0, stdout: "[][1][0.5][false]", stderr: "")),
        (["show", "a\nb"], RunResult(status: 0, stdout: "[a\nb][1][0.5][false]", stderr: "")),
        (["show", "$(id); `id` | & > *"], RunResult(status: 0, stdout: "[$(id); `id` | & > *][1][0.5][false]", stderr: "")),
        (["show", "x", "--count", "1", "--count", "2", "--count=3"], RunResult(status: 0, stdout: "[x][3][0.5][false]", stderr: "")),
        (["show", "--", "--count"], RunResult(status: 0, stdout: "[--count][1][0.5][false]", stderr: "")),
        (["show", "x", "--", "-5", "-0.25"], RunResult(status: 0, stdout: "[x][-5][-0.25][false]", stderr: "")),
        (["show", "x", "--flag", "--no-flag"], RunResult(status: 0, stdout: "[x][1][0.5][false]", stderr: "")),
        (["../../bin/sh"], RunResult(status: 2, stdout: "", stderr: "Error: Unknown command: ../../bin/sh\nhelp: run `hyper --help` to list the commands\n")),
        (["/bin/sh", "-c", "id"], RunResult(status: 2, stdout: "", stderr: "Error: Unknown command: /bin/sh\nhelp: run `hyper --help` to list the commands\n")),
        (["."], RunResult(status: 2, stdout: "", stderr: "Error: Unknown command: .\nhelp: run `hyper --help` to list the commands\n")),
    ]

    @Test(arguments: commandLineCases.indices)
    func commandLine(index: Int) throws {
        let (arguments, expected) = Self.commandLineCases[index]
        #expect(try Self.bounded(arguments, in: try Self.printing()) == expected, "arguments \(arguments)")
    }

    /// Did-you-mean for a 120 KB unknown name against 10,000 commands: an
    /// unbounded edit distance took minutes of CPU (killed here at 10 s); a
    /// length check rules every candidate out at once.
    @Test func aHugeUnknownNameAmongTenThousandCommands() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", "commands:\n" + (0..<10_000).map {
            "  command-\(String(repeating: "0", count: 5 - String($0).count))\($0):\n    help: C\n    exec: [\"true\"]\n"
        }.joined())
        let name = String(repeating: "x", count: 120_000)
        #expect(try Self.bounded([name], in: project) == RunResult(status: 2, stdout: "", stderr:
            "Error: Unknown command: \(name)\nhelp: run `hyper --help` to list the commands\n"))
        #expect(try Self.bounded(["comand-00042"], in: project) == RunResult(status: 2, stdout: "", stderr:
            "Error: Unknown command: comand-00042\nhelp: did you mean `command-00042`?\nhelp: run `hyper --help` to list the commands\n"))
    }

    /// Linux refuses any one argument or environment string over 128 KiB,
    /// so no 200 KB value can even reach hyper; two 70 KB values can, and
    /// would make a 140 KB argument. hyper says so before `execve` would fail
    /// with a bare E2BIG.
    @Test func argumentsTooLongForTheKernelAreRefusedBeforeSpawning() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", "commands:\n  join:\n    help: Join two values\n    exec: [printf, \"%s\", \"{a}{b}\"]\n    args:\n      a: str\n      b: str\n")
        let value = String(repeating: "v", count: 70_000)
        #expect(try Self.bounded(["join", value, value], in: project) == RunResult(status: 1, stdout: "", stderr:
            "Error: argument 2 of `join` would be 140000 bytes; Linux takes at most 131071 bytes per argument or environment variable\n"))
        #expect(try Self.bounded(["join", value, "b"], in: project).status == 0)
    }

    /// Prints the length of its two arguments, `HYPER_ARGS_JSON_OMITTED` and
    /// `HYPER_ARGS_JSON` (`unset` when absent).
    static let lengths = #"printf "%s %s %s [%s]\n" "${#1}" "${#2}" "${HYPER_ARGS_JSON_OMITTED-unset}" "${HYPER_ARGS_JSON-unset}""#

    static func sizes() throws -> TemporaryProject {
        let project = try TemporaryProject()
        let script = lengths.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        try project.write("commands.d/x.yaml", """
        commands:
          echo:
            help: Print a value as an argument, then as a variable
            exec: [sh, -c, 'printf "%s|%s|%s" "$1" "$HYPER_ARG_V" "${{#HYPER_ARGS_JSON}}"', sh, "{v}"]
            args:
              v: str
          two:
            help: Print lengths
            exec: [sh, -c, '\(script)', sh, "{a}", "{b}"]
            args:
              a: str
              b: str

        """)
        return project
    }

    /// Linux takes 131,072 bytes per string (with its NUL); hyper refused
    /// values over 100 KiB before it tried.
    @Test func aValueOverOneHundredKiBReachesTheProgramByteForByte() throws {
        let value = String(repeating: "abcd \u{E9}\u{20AC}\u{1F600}!", count: 8_000)
        #expect(value.utf8.count == 120_000)
        // `HYPER_ARGS_JSON` is `{"v":"..."}`: 8 bytes more.
        #expect(try Self.bounded(["echo", value], in: try Self.sizes()) == RunResult(status: 0, stdout: value + "|" + value + "|120008", stderr: ""))
    }

    /// Each value goes out three times: in argv, as `HYPER_ARG_X` and in
    /// `HYPER_ARGS_JSON`, where JSON escaping can make 22 KB of control
    /// characters 132 KB. When only `HYPER_ARGS_JSON` is too large, the
    /// command runs without it and `HYPER_ARGS_JSON_OMITTED=1` says so.
    @Test func hyperArgsJSONIsLeftOutWhenOnlyItIsTooLarge() throws {
        let project = try Self.sizes()
        let big = String(repeating: "v", count: 70_000)
        #expect(try Self.bounded(["two", big, big], in: project) == RunResult(status: 0, stdout: "70000 70000 1 [unset]\n", stderr: ""))
        let controls = String(repeating: "\u{1}", count: 22_000)
        #expect(try Self.bounded(["two", controls, "b"], in: project) == RunResult(status: 0, stdout: "22000 1 1 [unset]\n", stderr: ""))
        #expect(try Self.bounded(["two", "a", "b"], in: project) == RunResult(status: 0, stdout: #"1 1 unset [{"a":"a","b":"b"}]"# + "\n", stderr: ""))
    }

    /// Arguments and environment share `ARG_MAX`, a quarter of the stack
    /// limit (128 KiB with a 512 KiB stack): two 40 KB values fit one string
    /// each but not four strings together, even without `HYPER_ARGS_JSON`.
    @Test func valuesTooLargeEvenWithoutHyperArgsJSONAreRefusedPrecisely() throws {
        let project = try Self.sizes()
        let (a, b) = (String(repeating: "a", count: 40_000), String(repeating: "b", count: 40_000))
        let root = project.root.resolvingSymlinksInPath().path
        // A known environment, so the count is exact: what the kernel adds up.
        // (A sanitizer's options, when the suite runs under one, pass through.)
        let inherited = ["PATH=/usr/bin:/bin"] + ["ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"].compactMap { name in
            ProcessInfo.processInfo.environment[name].map { name + "=" + $0 }
        }
        let argv = ["sh", "-c", Self.lengths, "sh", a, b]
        let environment = inherited + ["HYPER_ARG_A=" + a, "HYPER_ARG_B=" + b, "HYPER_COMMAND=two",
                                       "HYPER_INVOCATION_DIR=" + root, "PWD=" + root, "HYPER_ARGS_JSON_OMITTED=1"]
        let total = "/usr/bin/sh".utf8.count + 1 + (argv + environment).reduce(0) { $0 + $1.utf8.count + 1 } + 8 * (argv.count + environment.count)
        let result = try HyperProcess.run(Self.limits + ["--stack=524288", "--", "/usr/bin/env", "-i"] + inherited + [HyperProcess.hyper.path, "--no-index", "two", a, b],
                                          in: project.root, executable: URL(fileURLWithPath: "/usr/bin/prlimit"))
        #expect(result == RunResult(status: 1, stdout: "", stderr: """
            Error: the arguments and environment of `two` would take \(total) bytes; Linux takes at most 131072 \
            (ARG_MAX, counting each string, its NUL and its pointer)
            help: the largest is `HYPER_ARG_A` (40012 bytes); HYPER_ARGS_JSON is already left out

            """))
    }

    // MARK: files that change under hyper

    /// Replaces `HYPER_TEST_SWAP` with a FIFO the first time hyper closes the
    /// listing of a `commands.d` folder: the race of a manifest swapped
    /// between listing and `open`, made certain. (Sanitizer runtimes that
    /// intercept `closedir` reach this one through `RTLD_NEXT`.)
    static let swapShim = """
    #define _GNU_SOURCE
    #include <dirent.h>
    #include <dlfcn.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <sys/stat.h>
    #include <unistd.h>

    int closedir(DIR *dir) {
        static int done;
        const char *target = getenv("HYPER_TEST_SWAP");
        char link[64], folder[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd(dir));
        ssize_t length = readlink(link, folder, sizeof folder - 1);
        int listing = length > 11 && memcmp(folder + length - 11, "/commands.d", 11) == 0;
        int (*real)(DIR *) = (int (*)(DIR *))dlsym(RTLD_NEXT, "closedir");
        int result = real(dir);
        if (target && listing && !done) {
            done = 1;
            unlink(target);
            mkfifo(target, 0644);
        }
        return result;
    }

    """

    /// Opened blocking, a FIFO with no writer would hang hyper forever
    /// (`timeout` kills it here after 20 s); it is refused as not a regular file.
    @Test func aManifestSwappedForAFIFOAfterListing() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.command)
        let swapped = try project.write("commands.d/b.yaml", "commands:\n  d:\n    help: D\n    exec: [\"true\"]\n")
        let source = try project.write("shim.c", Self.swapShim)
        let shim = project.root.appendingPathComponent("shim.so")
        let compiled = try HyperProcess.run(["clang", "-shared", "-fPIC", "-o", shim.path, source.path, "-ldl"], in: project.root,
                                            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(compiled.status == 0, "\(compiled)")
        // SIGKILL: the test runner's threads block SIGTERM, and children inherit the mask.
        let result = try HyperProcess.run(["-s", "KILL", "20", "/usr/bin/prlimit"] + Self.limits + ["--", HyperProcess.hyper.path, "validate", "--format", "concise"], in: project.root,
                                          executable: URL(fileURLWithPath: "/usr/bin/timeout"),
                                          environment: ["LD_PRELOAD": shim.path, "HYPER_TEST_SWAP": swapped.path,
                                                        "ASAN_OPTIONS": "verify_asan_link_order=0:detect_leaks=0"])
        #expect(result == RunResult(status: 1, stdout: "commands.d/b.yaml:1:1: error: manifest is not a regular file [E100]\n", stderr: ""))
    }

    // MARK: environment and processes

    @Test(arguments: ["path", "ld_preload", "bash_env", "ifs", "home"])
    func argNamesCannotShadowTheEnvironment(name: String) throws {
        let project = try TemporaryProject()
        let variable = name.uppercased()
        try project.write("commands.d/x.yaml", """
        commands:
          env:
            help: Print a variable and the arg
            exec: [/usr/bin/env]
            args:
              \(name): {type: str, default: evil}

        """)
        let result = try Self.bounded(["env"], in: project)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("HYPER_ARG_\(variable)=evil"))
        #expect(!lines.contains("\(variable)=evil"))
        if let inherited = ProcessInfo.processInfo.environment[variable] {
            #expect(lines.contains("\(variable)=\(inherited)"))
        }
    }

    @Test(arguments: [(SIGHUP, "HUP"), (SIGINT, "INT"), (SIGQUIT, "QUIT"), (SIGABRT, "ABRT"), (SIGKILL, "KILL"),
                      (SIGSEGV, "SEGV"), (SIGPIPE, "PIPE"), (SIGTERM, "TERM")])
    func aChildKilledBySignalIsReportedAsTheShellWould(signal: Int32, name: String) throws {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", "commands:\n  die:\n    help: Die by a signal\n    sh: kill -\(name) $$\n")
        // A shell runs hyper and reports its status: 128+N when signal N ended it.
        let result = try HyperProcess.run(["-c", "\"$0\" die; echo $?", HyperProcess.hyper.path], in: project.root,
                                          executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.stdout.hasSuffix("\(128 + signal)\n"), "\(result)")
    }

    @Test func aChildIgnoringSigintRunsOn() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", "commands:\n  stubborn:\n    help: Ignore SIGINT\n    sh: trap '' INT; kill -INT $$; echo still here; exit 4\n")
        #expect(try Self.bounded(["stubborn"], in: project) == RunResult(status: 4, stdout: "still here\n", stderr: ""))
    }

    @Test func aChildReadsTheTerminalThroughARealPty() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", "commands:\n  ask:\n    help: Ask a name\n    sh: printf 'name? '; read name; echo \"got $name\"\n")
        // `script` gives the command a pseudo-terminal of its own, as a terminal would.
        let result = try HyperProcess.run(["-qec", "\(HyperProcess.hyper.path) ask", "/dev/null"], in: project.root,
                                          executable: URL(fileURLWithPath: "/usr/bin/script"), stdin: Data("Alice\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("got Alice"), "\(result)")
    }

    @Test func missingAndNonExecutablePrograms() throws {
        let project = try TemporaryProject()
        let data = try project.write("data.txt", "not a program\n")
        try project.write("commands.d/x.yaml", "commands:\n  gone:\n    help: Missing\n    exec: [no-such-program-anywhere]\n  data:\n    help: Not executable\n    exec: [\(data.path)]\n")
        #expect(try Self.bounded(["gone"], in: project) == RunResult(status: 127, stdout: "", stderr: "Error: program not found: `no-such-program-anywhere`\n"))
        #expect(try Self.bounded(["data"], in: project) == RunResult(status: 126, stdout: "", stderr: "Error: program is not executable: `\(data.path)`\n"))
    }

    /// A child that leaves a grandchild behind: hyper's status is the child's,
    /// and hyper does not wait for the grandchild (as with the child run alone).
    @Test func aChildThatLeavesGrandchildren() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/x.yaml", "commands:\n  spawn:\n    help: Leave a sleeper\n    sh: sleep 30 >/dev/null 2>&1 </dev/null & echo $!; exit 7\n")
        // Spawned and awaited with posix_spawn and waitpid: Foundation's Process
        // would wait for the grandchild too, through descriptors it inherits.
        let output = project.root.appendingPathComponent("out.txt").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pidOfHyper = pid_t()
        let manifests = project.root.appendingPathComponent("commands.d").path
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(HyperProcess.hyper.path), strdup("--manifests"), strdup(manifests), strdup("spawn"), nil]
        defer { argv.forEach { free($0) } }
        let started = Date()
        let spawned = posix_spawn(&pidOfHyper, HyperProcess.hyper.path, &actions, nil, argv, environ)
        #expect(spawned == 0)
        var status: Int32 = 0
        waitpid(pidOfHyper, &status, 0)
        #expect((status >> 8) & 0xFF == 7)
        #expect(Date().timeIntervalSince(started) < 10)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == 0, "the grandchild runs on, as it would without hyper")
        kill(pid, SIGKILL)
    }
}
