// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hyper",
    products: [
        .executable(name: "hyper", targets: ["hyper"]),
        .library(name: "HyperCommands", targets: ["HyperCommands"]),
    ],
    targets: [
        // The system libyaml (pkg-config `yaml-0.1`). Only HyperYAML imports it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // libyaml's events, located and read under hyper's YAML safety rules and limits.
        .target(name: "HyperYAML", dependencies: ["CYAML"]),
        // `fstatfs`, which Swift's Glibc module does not import: which file
        // system a manifest folder is on (the index trusts folder times on some).
        .target(name: "CFileSystemType"),
        // Everything else: manifests, validation, parsing, the registry, running, help, the CLI.
        .target(name: "HyperCommands", dependencies: ["HyperYAML", "CFileSystemType"]),
        // How the `hyper` binary hands the Swift runtime its arguments (Linux, static).
        .target(name: "HyperStart"),
        // The `hyper` binary: a thin `main` over HyperCommands.
        .executableTarget(name: "hyper", dependencies: ["HyperCommands", "HyperStart"]),
        // An application that embeds hyper: the seed's examples as Swift handlers
        // and commands defined in code, with its own commands.d.
        .executableTarget(
            name: "hyper-example",
            dependencies: ["HyperCommands"],
            path: "Examples/seed",
            exclude: ["commands.d"],
            sources: ["Sources"]
        ),

        .testTarget(name: "HyperYAMLTests", dependencies: ["HyperYAML"]),
        .testTarget(name: "HyperCommandsTests", dependencies: ["HyperCommands"]),
        // Drives the built `hyper` binary as a subprocess.
        .testTarget(name: "HyperEndToEndTests", dependencies: ["hyper", "hyper-example", "HyperCommands"]),
    ]
)
