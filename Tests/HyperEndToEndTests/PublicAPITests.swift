import Foundation
import Testing

/// The public API of HyperCommands is what an embedding program needs, and
/// it is written down in the README ("The Swift API"). This test lists every
/// public declaration in the sources (those under `@_spi(Fuzz)` are for the
/// fuzzers and not part of it) and requires the README's list to be exactly
/// that: adding, removing or changing a public symbol means updating the
/// README in the same change.
@Suite struct PublicAPITests {
    static let repository = HyperProcess.repository

    /// `Owner.declaration` for each public declaration, sorted.
    static func declaredAPI() throws -> [String] {
        let folder = repository.appendingPathComponent("Sources/HyperCommands")
        let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // Owners by indentation: (indent, name, public).
            var owners: [(indent: Int, name: String, exported: Bool)] = []
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = String(raw)
                let indent = line.prefix { $0 == " " }.count
                let code = line.dropFirst(indent)
                guard !code.isEmpty, !code.hasPrefix("//"), !code.hasPrefix("}") else { continue }
                while let last = owners.last, last.indent >= indent { owners.removeLast() }
                let spi = code.hasPrefix("@_spi(")
                let declaration = spi ? String(code.drop { $0 != " " }.dropFirst()) : String(code)
                let isPublic = declaration.hasPrefix("public ")
                let words = declaration.split(separator: " ")
                let kinds = ["struct", "enum", "class", "protocol", "extension"]
                let exportedOwner = owners.allSatisfy(\.exported)
                if let kindIndex = words.firstIndex(where: { kinds.contains(String($0)) }), kindIndex <= 2,
                   kindIndex + 1 < words.count, declaration.hasSuffix("{") {
                    let name = String(words[kindIndex + 1].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                    let exported = !spi && (isPublic || words[kindIndex] == "extension") && exportedOwner
                    if exported && isPublic && words[kindIndex] != "extension" {
                        found.append((owners.map(\.name) + [String(declaration.dropLast().trimmingCharacters(in: .whitespaces))]).joined(separator: "."))
                    }
                    owners.append((indent, name, exported))
                    continue
                }
                if isPublic && !spi && exportedOwner {
                    var signature = declaration
                    if let brace = signature.firstIndex(of: "{"), !signature.hasPrefix("public var") && !signature.hasPrefix("public static var") || signature.hasSuffix("{") {
                        signature = String(signature[..<brace])
                    }
                    found.append((owners.map(\.name) + [signature.trimmingCharacters(in: .whitespaces)]).joined(separator: "."))
                }
            }
        }
        return found.sorted()
    }

    /// The README's list: the fenced block after the heading "The Swift API".
    static func documentedAPI() throws -> [String] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "## The Swift API"),
              let open = readme.range(of: "```text\n", range: section.upperBound..<readme.endIndex),
              let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex) else { return [] }
        return readme[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init).sorted()
    }

    @Test func theReadmeListsExactlyThePublicAPI() throws {
        let declared = try Self.declaredAPI()
        let documented = try Self.documentedAPI()
        #expect(declared.count >= 40)
        let undocumented = declared.filter { !documented.contains($0) }
        let gone = documented.filter { !declared.contains($0) }
        #expect(undocumented == [], "public but not in the README's \"The Swift API\"")
        #expect(gone == [], "in the README's \"The Swift API\" but not public")
    }
}
