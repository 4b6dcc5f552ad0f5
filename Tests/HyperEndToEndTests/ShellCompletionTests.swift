import Foundation
import Testing

/// Completion in the real shells: `Tests/ShellCompletion/harness.py` drives
/// bash (without and with bash-completion), zsh and fish through a pty, with
/// the script each gets from `hyper completions SHELL` (`.ci/run` installs
/// the shells, bash-completion and pyte). Every case must pass, and there
/// must be exactly as many as written, so a shell left out fails too.
@Suite struct ShellCompletionTests {
    @Test func everyCaseInEveryShell() throws {
        let result = try HyperProcess.runScript("Tests/ShellCompletion/harness.py", withExample: true)
        let failures = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("ok ") && !$0.hasPrefix("passed ") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))\n\(result.stderr)")
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("\npassed 112 of 112\n"), "\(result.stdout.split(separator: "\n").last ?? "")")
    }
}
