import Foundation
import Testing

/// hyper's own commands come from one table: every reserved name answers,
/// `hyper help NAME` shows its usage, and did-you-mean knows them all.
@Suite struct BuiltInTests {
    @Test func versionAnswersAsACommandAndAsAnOption() throws {
        let project = try TemporaryProject()
        for words in [["version"], ["--version"], ["-V"]] {
            #expect(try project.run(words) == RunResult(status: 0, stdout: "hyper 0.1.0\n", stderr: ""))
        }
    }

    /// hyper calls itself by the name it was started as (the last part of
    /// `argv[0]`), made safe to print; only as `hyper` is its version plain.
    @Test func hyperUnderAnotherNameSaysThatName() throws {
        let project = try TemporaryProject()
        for name in ["tasks", "t\u{1B}]0;x\u{07}"] {
            let link = project.root.appendingPathComponent(name)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: HyperProcess.hyper)
            let shown = name == "tasks" ? name : "t<U+001B>]0;x<U+0007>"
            #expect(try HyperProcess.run(["--version"], in: project.root, executable: link)
                == RunResult(status: 0, stdout: "\(shown) (hyper 0.1.0)\n", stderr: ""))
            #expect(try HyperProcess.run(["nope"], in: project.root, executable: link)
                == RunResult(status: 2, stdout: "", stderr: "Error: Unknown command: nope\nhelp: run `\(shown) --help` to list the commands\n"))
        }
    }

    @Test func helpOfEachBuiltIn() throws {
        let project = try TemporaryProject()
        let help = try project.run(["help", "help"])
        #expect(help == RunResult(status: 0, stdout: "Usage: hyper help [command]\n\n  Show the list of commands, or one command's help.\n", stderr: ""))
        #expect(try project.run(["help", "--help"]).stdout == help.stdout)
        #expect(try project.run(["help", "-h"]).stdout == help.stdout)
        #expect(try project.run(["help", "version"]).stdout.hasPrefix("Usage: hyper version\n"))
        #expect(try project.run(["version", "--help"]).stdout.hasPrefix("Usage: hyper version\n"))
        #expect(try project.run(["help", "list"]).stdout.hasPrefix("Usage: hyper list [--all] [--json]\n"))
        #expect(try project.run(["help", "validate"]).stdout.hasPrefix("Usage: hyper validate [PATH...]"))
        #expect(try project.run(["help", "completions"]).stdout.hasPrefix("Usage: hyper completions bash|zsh|fish\n"))
    }

    @Test func completionsPrintsAScriptPerShellAndRefusesTheRest() throws {
        let project = try TemporaryProject()
        #expect(try project.run(["help", "completions"]).stdout.hasPrefix("Usage: hyper completions bash|zsh|fish\n       hyper completions --trust\n"))
        let bash = try project.run(["completions", "bash"])
        #expect(bash.status == 0 && bash.stderr == "")
        #expect(bash.stdout.hasSuffix("\ncomplete -F _hyper_complete hyper\n"))
        #expect(bash.stdout.contains("out=$(hyper __complete bash \"${words[@]:1:cword-1}\" \"$cur\" 2>/dev/null)"))
        #expect(try project.run(["completions", "zsh"]).stdout.hasPrefix("#compdef hyper\n"))
        #expect(try project.run(["completions", "fish"]).stdout.hasSuffix("\ncomplete -c hyper -f -a '(__hyper_complete)'\n"))
        #expect(try project.run(["completions"]) == RunResult(status: 2, stdout: "", stderr:
            "Error: `completions` needs a shell: `bash`, `zsh` or `fish`\nhelp: or `--trust` to let this project's completion programs run\n"))
        #expect(try project.run(["completions", "tcsh"]) == RunResult(status: 2, stdout: "", stderr: "Error: Unknown argument: tcsh\n"))
        #expect(try project.run(["completions", "--turst"]) == RunResult(status: 2, stdout: "", stderr:
            "Error: Unknown argument: --turst\nhelp: did you mean `--trust`?\n"))
        #expect(try project.run(["completions", "bash", "zsh"]) == RunResult(status: 2, stdout: "", stderr:
            "Error: `completions` takes one shell, or `--trust`\nhelp: run `completions --help` for its usage\n"))
    }

    /// The hidden entry the scripts call is no command: no list, no help,
    /// no did-you-mean names it, and it prints only the protocol.
    @Test func theCompletionEntryIsHidden() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  greet:\n    help: Say hello\n    sh: echo hi\n")
        #expect(!(try project.run(["--help"]).stdout.contains("__complete")))
        #expect(!(try project.run(["list", "--json"]).stdout.contains("__complete")))
        #expect(try project.run(["__complet"]).stderr == "Error: Unknown command: __complet\nhelp: run `hyper --help` to list the commands\n")
        #expect(try project.run(["__complete", "bash", "gr"]) == RunResult(status: 0, stdout: "greet\tSay hello\n:0\n", stderr: ""))
        #expect(try project.run(["__complete"]) == RunResult(status: 0, stdout: ":0\n", stderr: ""))
    }

    @Test func didYouMeanKnowsTheBuiltIns() throws {
        let project = try TemporaryProject()
        let result = try project.run(["vresion"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("help: did you mean `version`?\n"))
    }

    @Test func listIsReservedForManifests() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  list:\n    help: Mine\n    exec: [echo]\n")
        let result = try project.run(["validate", "--format", "concise"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("commands.d/a.yaml:2:3: error: `list` is a built-in command of hyper [E302]\n"))
    }

    @Test func listShowsTheListAndTheDescription() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  greet:\n    help: Greet\n    exec: [echo, \"{name}\"]\n    args:\n      name: str\n")
        #expect(try project.run(["list"]).stdout == (try project.run(["--help"])).stdout)
        let json = try project.run(["list", "--json"])
        #expect(json.status == 0)
        let root = project.root.path
        #expect(json.stdout.hasPrefix("""
            {
              "version": 1,
              "commands": [
                {"name": "greet", "help": "Greet", "location": {"file": "commands.d/a.yaml", "line": 2, "column": 3}, "root": "\(root)", \
            "binding": {"kind": "exec", "program": "echo", "args": ["{name}"]}, "aliases": [], "hidden": false, "group": null, \
            "confirm": null, "dir": null, "env": [], "args": [{"name": "name", "option": "--name", "type": "str", \
            "required": true, "default": null, "help": "", "location": {"file": "commands.d/a.yaml", "line": 6, "column": 7}, \
            "short": null, "choices": [], "env": null, "multiple": false, "rest": false, "min": null, "max": null, "hidden": false, "deprecated": null, "complete": null}]}
              ],
              "builtins": [

            """))
        let wrong = try project.run(["list", "--jsno"])
        #expect(wrong == RunResult(status: 2, stdout: "", stderr: "Error: Unknown argument: --jsno\nhelp: did you mean `--json`?\n"))
    }
}
