/// Reads the arguments a `Decodable` type expects by decoding it once from a
/// decoder that records each property it is asked for (its name, type and
/// whether `decodeIfPresent` asked, i.e. whether it is optional).
///
/// Properties may be `Int`, `String`, `Double` and `Bool`, optional or not.
/// A camelCase property matches a snake_case arg (`dryRun` is `dry_run`).
enum SignatureReader {
    struct Unsupported: Error {
        var reason: String
    }

    static func signature<T: Decodable>(of type: T.Type) throws(Unsupported) -> HandlerSignature {
        let recorder = Recorder()
        do {
            _ = try T(from: RecordingDecoder(recorder: recorder))
        } catch {
            throw Unsupported(reason: recorder.problem ?? "it does not decode from a keyed container (\(error))")
        }
        if let problem = recorder.problem { throw Unsupported(reason: problem) }
        return HandlerSignature(typeName: String(describing: T.self), fields: recorder.fields)
    }

    /// `dryRun` → `dry_run`; `dry_run` stays.
    static func argName(_ property: String) -> String {
        var out = ""
        for character in property {
            if character.isUppercase {
                if !out.isEmpty { out.append("_") }
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    private final class Recorder {
        var fields: [HandlerSignature.Field] = []
        var problem: String?

        func record(_ key: some CodingKey, _ type: ArgType, optional: Bool) {
            fields.append(HandlerSignature.Field(name: SignatureReader.argName(key.stringValue), type: type, isOptional: optional,
                                                propertyName: key.stringValue))
        }

        func unsupported(_ key: some CodingKey, _ type: Any.Type) -> Unsupported {
            let reason = "property `\(key.stringValue)` has type `\(type)`; handler arguments may be Int, String, Double or Bool, optional or not"
            problem = problem ?? reason
            return Unsupported(reason: reason)
        }
    }

    private struct RecordingDecoder: Decoder {
        let recorder: Recorder
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Container<Key>(recorder: recorder))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw Unsupported(reason: "an arguments type must be a struct of properties, not a list")
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            throw Unsupported(reason: "an arguments type must be a struct of properties, not a single value")
        }
    }

    private struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let recorder: Recorder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { recorder.record(key, .int, optional: false); return 0 }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { recorder.record(key, .str, optional: false); return "" }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { recorder.record(key, .float, optional: false); return 0 }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { recorder.record(key, .bool, optional: false); return false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { throw recorder.unsupported(key, type) }

        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { recorder.record(key, .int, optional: true); return nil }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { recorder.record(key, .str, optional: true); return nil }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { recorder.record(key, .float, optional: true); return nil }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { recorder.record(key, .bool, optional: true); return nil }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { throw recorder.unsupported(key, type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw recorder.unsupported(key, type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw recorder.unsupported(key, [Any].self)
        }
        func superDecoder() throws -> any Decoder { throw Unsupported(reason: "class inheritance is not supported") }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw recorder.unsupported(key, Any.self) }
    }
}
