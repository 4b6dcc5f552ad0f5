/// Decodes a handler's `Decodable` arguments type from parsed values: the
/// typed counterpart of `args.int("count")`.
///
/// A property is decoded from its arg's value: `Int`, `String` (a `str` or a
/// `path`), `Double`, `Bool`; an array from a list (`multiple` or `rest`);
/// anything else `Decodable` from the value, as a single value or a list
/// (an enum with raw values decodes from its raw value).
struct ArgumentsDecoder: Decoder {
    let arguments: ParsedArguments
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(arguments: arguments))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "arguments decode into a struct"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "arguments decode into a struct"))
    }

    private struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let arguments: ParsedArguments
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { arguments.values.keys.compactMap { Key(stringValue: $0) } }

        private func value(_ key: Key) -> ArgValue? {
            arguments[SignatureReader.argName(key.stringValue)]
        }

        private func missing<T>(_ type: T.Type, _ key: Key) -> DecodingError {
            if value(key) == nil {
                return .keyNotFound(key, .init(codingPath: [key], debugDescription: "no value for arg `\(SignatureReader.argName(key.stringValue))`"))
            }
            return .typeMismatch(type, .init(codingPath: [key], debugDescription: "arg `\(SignatureReader.argName(key.stringValue))` is not a \(type)"))
        }

        func contains(_ key: Key) -> Bool { value(key) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { value(key) == nil }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            guard case .int(let v)? = value(key) else { throw missing(type, key) }
            return v
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            switch value(key) {
            case .str(let v)?, .path(let v)?: return v
            default: throw missing(type, key)
            }
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            guard case .float(let v)? = value(key) else { throw missing(type, key) }
            return v
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            guard case .bool(let v)? = value(key) else { throw missing(type, key) }
            return v
        }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let value = value(key) else { throw missing(type, key) }
            return try T(from: ValueDecoder(value: value, codingPath: [key]))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "arguments are flat"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            guard let value = value(key) else { throw missing([Any].self, key) }
            return try ValueDecoder(value: value, codingPath: [key]).unkeyedContainer()
        }
        func superDecoder() throws -> any Decoder { ArgumentsDecoder(arguments: arguments) }
        func superDecoder(forKey key: Key) throws -> any Decoder { ArgumentsDecoder(arguments: arguments) }
    }
}

/// Decodes one arg's value: a single value, or a list's values in order.
/// `SignatureReader` uses it too, to tell whether a choice decodes into an
/// enum exactly as a handler's arguments will.
struct ValueDecoder: Decoder {
    let value: ArgValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "an arg's value is not a structure"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .list(let values) = value else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "the arg takes one value, not a list"))
        }
        return ListContainer(values: values, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValue(value: value, codingPath: codingPath)
    }

    private struct SingleValue: SingleValueDecodingContainer {
        let value: ArgValue
        let codingPath: [any CodingKey]

        private func mismatch<T>(_ type: T.Type) -> DecodingError {
            .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "the arg's value `\(value.text)` is not a \(type)"))
        }

        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let v) = value else { throw mismatch(type) }
            return v
        }
        func decode(_ type: String.Type) throws -> String {
            switch value {
            case .str(let v), .path(let v): return v
            default: throw mismatch(type)
            }
        }
        func decode(_ type: Double.Type) throws -> Double {
            guard case .float(let v) = value else { throw mismatch(type) }
            return v
        }
        func decode(_ type: Int.Type) throws -> Int {
            guard case .int(let v) = value else { throw mismatch(type) }
            return v
        }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            // A generic caller (`Optional<Int>`'s decoding) reaches the four
            // types here; the other numbers (`Float`, `UInt8`, ...) come here
            // by default, and decoding one from this decoder would come back
            // here forever.
            switch T.self {
            case is Int.Type: return try decode(Int.self) as! T
            case is String.Type: return try decode(String.self) as! T
            case is Double.Type: return try decode(Double.self) as! T
            case is Bool.Type: return try decode(Bool.self) as! T
            case is any BinaryInteger.Type, is any BinaryFloatingPoint.Type: throw mismatch(type)
            default: return try T(from: ValueDecoder(value: value, codingPath: codingPath))
            }
        }
    }

    private struct ListContainer: UnkeyedDecodingContainer {
        let values: [ArgValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { values.count }
        var isAtEnd: Bool { currentIndex >= values.count }

        init(values: [ArgValue], codingPath: [any CodingKey]) {
            self.values = values
            self.codingPath = codingPath
        }

        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "the list has no more values"))
            }
            let decoded = try T(from: ValueDecoder(value: values[currentIndex], codingPath: codingPath))
            currentIndex += 1
            return decoded
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "a list's values are not structures"))
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a list's values are not lists"))
        }
        mutating func superDecoder() throws -> any Decoder {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a list has no super decoder"))
        }
    }
}

extension ParsedArguments {
    /// The values decoded into a handler's own arguments type.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: ArgumentsDecoder(arguments: self))
    }
}
