/// Decodes a handler's `Decodable` arguments type from parsed values: the
/// typed counterpart of `args.int("count")`.
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
            guard case .str(let v)? = value(key) else { throw missing(type, key) }
            return v
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
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "handler arguments may be Int, String, Double or Bool"))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "arguments are flat"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "arguments are flat"))
        }
        func superDecoder() throws -> any Decoder { ArgumentsDecoder(arguments: arguments) }
        func superDecoder(forKey key: Key) throws -> any Decoder { ArgumentsDecoder(arguments: arguments) }
    }
}

extension ParsedArguments {
    /// The values decoded into a handler's own arguments type.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: ArgumentsDecoder(arguments: self))
    }
}
