// swift-tools-version:6.0
// libFuzzer targets for hyper. Built apart from the main package because a
// `-sanitize=fuzzer` executable cannot link in an ordinary build:
//
//     swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address --product FuzzManifest
//     Fuzz/.build/release/FuzzManifest Fuzz/corpus/manifest -dict=Fuzz/manifest.dict -max_total_time=60
//
// `bash Fuzz/run.sh SECONDS` builds and runs every target.
import PackageDescription

let package = Package(
    name: "HyperFuzz",
    dependencies: [.package(name: "hyper", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzManifest", dependencies: ["FuzzSupport", .product(name: "HyperCommands", package: "hyper")]),
        .executableTarget(name: "FuzzArguments", dependencies: ["FuzzSupport", .product(name: "HyperCommands", package: "hyper")]),
        .executableTarget(name: "FuzzExecPlan", dependencies: ["FuzzSupport", .product(name: "HyperCommands", package: "hyper")]),
        .executableTarget(name: "FuzzIndex", dependencies: ["FuzzSupport", .product(name: "HyperCommands", package: "hyper")]),
        .executableTarget(name: "FuzzCompletion", dependencies: ["FuzzSupport", .product(name: "HyperCommands", package: "hyper")]),
    ]
)
