/// Reads the arguments a `Decodable` type expects by decoding it once from a
/// decoder that records each property it is asked for (its name, type and
/// whether `decodeIfPresent` asked, i.e. whether it is optional).
///
/// Properties may be `Int`, `String` (a `str` or `path` arg), `Double` and
/// `Bool`; arrays of these (`[String]` for a `multiple` or `rest` arg); and
/// enums whose raw values are `String`, `Int` or `Double` (for an arg with
/// `choices`), or arrays of them; each optional or not. A camelCase property
/// matches a snake_case arg (`dryRun` is `dry_run`).
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

    static let supported = "handler arguments may be Int, String, Double, Bool, arrays of these, "
        + "or enums with String, Int or Double raw values (or arrays of them), optional or not"

    /// What a property of type `type` takes, and a value of it for the
    /// recording pass to go on with; nil when no arg can fill it.
    static func field<T: Decodable>(_ type: T.Type) -> (type: ArgType, isList: Bool, enumeration: HandlerSignature.Enumeration?, value: T)? {
        if let single = single(type) { return (single.type, false, single.enumeration, single.value) }
        guard let list = type as? any DecodableList.Type, let element = list.element else { return nil }
        return (element.type, true, element.enumeration, list.empty as! T)
    }

    /// A single value's arg type: one of the four, or an enum of raw values.
    fileprivate static func single<T>(_ type: T.Type) -> (type: ArgType, enumeration: HandlerSignature.Enumeration?, value: T)? {
        switch type {
        case is Int.Type: return (.int, nil, 0 as! T)
        case is String.Type: return (.str, nil, "" as! T)
        case is Double.Type: return (.float, nil, 0.0 as! T)
        case is Bool.Type: return (.bool, nil, false as! T)
        default: break
        }
        guard let enumType = type as? any (RawRepresentable & Decodable & Sendable).Type,
              let (argType, enumeration, value) = enumeration(enumType) else { return nil }
        return (argType, enumeration, value as! T)
    }

    /// An enum's raw type, cases and a value: its first case, or, for an
    /// enum that is not `CaseIterable`, the case whose tag is zero.
    private static func enumeration<E: RawRepresentable & Decodable & Sendable>(_ type: E.Type) -> (ArgType, HandlerSignature.Enumeration, E)? {
        let argType: ArgType
        switch E.RawValue.self {
        case is String.Type: argType = .str
        case is Int.Type: argType = .int
        case is Double.Type: argType = .float
        default: return nil
        }
        func argValue(_ raw: E.RawValue) -> ArgValue {
            switch raw {
            case let text as String: .str(text)
            case let number as Int: .int(number)
            default: .float(raw as! Double)
            }
        }
        var cases: [ArgValue]?
        var first: E?
        if let iterable = E.self as? any CaseIterable.Type {
            let all = allCases(of: iterable).map { $0 as! E }
            cases = all.map { argValue($0.rawValue) }
            first = all.first
        } else {
            first = firstCase(of: E.self)
        }
        guard let first else { return nil }
        let enumeration = HandlerSignature.Enumeration(typeName: String(describing: E.self), cases: cases) { value in
            (try? E(from: ValueDecoder(value: value, codingPath: []))) != nil
        }
        return (argType, enumeration, first)
    }

    private static func allCases<C: CaseIterable>(of type: C.Type) -> [Any] {
        Array(C.allCases)
    }

    /// A value of an enum without asking for one by its raw value, which
    /// only the enum knows: an enum whose cases carry no payload (as every
    /// enum with raw values) stores just its case's tag, and tag zero is
    /// its first case. Nil for any type that is not such an enum.
    private static func firstCase<E>(of type: E.Type) -> E? {
        // A type's metadata starts with its kind; 0x201 is an enum.
        let kind = unsafeBitCast(E.self as Any.Type, to: UnsafePointer<UInt>.self).pointee
        guard kind == 0x201, _isPOD(E.self), MemoryLayout<E>.size <= MemoryLayout<UInt64>.size else { return nil }
        var zero: UInt64 = 0
        return withUnsafeBytes(of: &zero) { $0.load(as: E.self) }
    }

    private final class Recorder {
        var fields: [HandlerSignature.Field] = []
        var problem: String?

        func record(_ key: some CodingKey, _ type: ArgType, optional: Bool, isList: Bool = false,
                    enumeration: HandlerSignature.Enumeration? = nil) {
            fields.append(HandlerSignature.Field(name: SignatureReader.argName(key.stringValue), type: type, isOptional: optional,
                                                 propertyName: key.stringValue, isList: isList, enumeration: enumeration))
        }

        /// Records a property of any other type, or why no arg can fill it.
        func record<T: Decodable>(_ key: some CodingKey, _ type: T.Type, optional: Bool) throws(Unsupported) -> T {
            guard let field = SignatureReader.field(type) else { throw unsupported(key, type) }
            record(key, field.type, optional: optional, isList: field.isList, enumeration: field.enumeration)
            return field.value
        }

        func unsupported(_ key: some CodingKey, _ type: Any.Type) -> Unsupported {
            let reason = "property `\(key.stringValue)` has type `\(type)`; \(SignatureReader.supported)"
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
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try recorder.record(key, type, optional: false) }

        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { recorder.record(key, .int, optional: true); return nil }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { recorder.record(key, .str, optional: true); return nil }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { recorder.record(key, .float, optional: true); return nil }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { recorder.record(key, .bool, optional: true); return nil }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            _ = try recorder.record(key, type, optional: true)
            return nil
        }

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

/// An array whose elements a single arg value can fill, for telling `[T]`
/// properties apart without knowing `T`.
protocol DecodableList {
    /// The elements' arg type, if a value can fill them.
    static var element: (type: ArgType, enumeration: HandlerSignature.Enumeration?)? { get }
    static var empty: Self { get }
}

extension Array: DecodableList where Element: Decodable {
    static var element: (type: ArgType, enumeration: HandlerSignature.Enumeration?)? {
        SignatureReader.single(Element.self).map { ($0.type, $0.enumeration) }
    }

    static var empty: Array { [] }
}
