// An application that embeds hyper: the seed's examples, as Swift handlers
// bound from a manifest and as commands defined in code.
//
//     cd Examples/seed
//     swift run hyper-example                        # list the commands
//     swift run hyper-example seed --count 50 --verbose
//     swift run hyper-example greet Alice
//     swift run hyper-example test -v -k slow       # -k goes to the test runner
//     PORT=9000 swift run hyper-example serve ../site
//     swift run hyper-example validate               # checks manifests against these handlers
import HyperCommands

/// The arguments of the `seed` handler. `hyper validate` checks that every
/// command bound to `handler: seed` declares `count` (int) and `verbose` (bool).
struct SeedArguments: Decodable, Sendable {
    var count: Int
    var verbose: Bool
}

/// The arguments of the `migrate` handler: `dryRun` is the arg `dry_run`.
struct MigrateArguments: Decodable, Sendable {
    var dryRun: Bool
    var verbose: Bool
}

struct FetchFailed: Error, CustomStringConvertible {
    var url: String
    var description: String { "cannot reach \(url)" }
}

let registry = CommandRegistry.shared

do {
    // Handlers named by `handler:` in commands.d/app.yaml.
    try registry.registerHandler("seed", arguments: SeedArguments.self) { args in
        if args.verbose {
            print("Seeding \(args.count) records...")
        }
        print("Created \(args.count) records.")
    }
    try registry.registerHandler("sync-task") { args in
        print("Value: \(args.string("value") ?? "")")
    }
    try registry.registerHandler("migrate", arguments: MigrateArguments.self) { args in
        if args.dryRun {
            print("Dry run mode")
        }
        if args.verbose {
            print("Migrating...")
        }
    }
    try registry.registerHandler("greet") { args in
        print("Hello, \(args.string("name")!)!")
    }

    // Commands defined in code, with no manifest entry: the seed's `@command`.
    try registry.command("cleanup", help: "Clear expired sessions") { _ in
        print("Done.")
    }
    try registry.command("fetch", help: "Fetch data", args: [
        ArgDefinition(name: "url", help: "Where to fetch from"),
        ArgDefinition(name: "timeout", type: .int, default: .int(30)),
        ArgDefinition(name: "retries", type: .int, default: .int(3)),
    ]) { args in
        let url = args.string("url")!
        guard url.hasPrefix("https://") else { throw FetchFailed(url: url) }
        print("Fetching \(url) (timeout=\(args.int("timeout")!), retries=\(args.int("retries")!))")
    }

    // The argument keys real projects need, in code: short names, the
    // pass-through, variables, bounds, choices, lists, paths, and
    // deprecated and hidden options.
    try registry.command("test", help: "Run the tests; options hyper does not know go to the runner", args: [
        ArgDefinition(name: "verbose", type: .bool, help: "Print each test", short: "v"),
        ArgDefinition(name: "runner_args", help: "Passed to the test runner", rest: true),
    ]) { args in
        print("Running the tests\(args.bool("verbose") ? " verbosely" : "") with \(args.strings("runner_args"))")
    }
    try registry.command("serve", help: "Serve a folder", args: [
        ArgDefinition(name: "root", type: .path, default: .path("."), help: "The folder to serve"),
        ArgDefinition(name: "port", type: .int, default: .int(8000), short: "p", env: "PORT", minimum: .int(1), maximum: .int(65535)),
        ArgDefinition(name: "mode", default: .str("dev"), choices: [
            .init(.str("dev"), help: "Reload on every change"),
            .init(.str("prod"), help: "Cache everything"),
        ]),
        ArgDefinition(name: "header", help: "An extra response header", required: false, multiple: true),
        ArgDefinition(name: "docroot", type: .path, required: false, deprecated: "use --root"),
        ArgDefinition(name: "debug_token", required: false, hidden: true),
    ]) { args in
        let root = args.path("docroot") ?? args.path("root")!
        print("Serving \(root) on port \(args.int("port")!) (\(args.string("mode")!))")
        for header in args.strings("header") {
            print("Header: \(header)")
        }
    }
} catch {
    print("hyper-example: \(error)")
    HyperCLI.exit(70)
}

HyperCLI.main(registry: registry)
