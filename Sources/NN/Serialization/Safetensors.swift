import TensorEngine

/// The `.safetensors` format: an 8-byte little-endian header length, a JSON header
/// `{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, "__metadata__": {...}}`,
/// then every tensor's bytes, contiguous and little-endian.
public enum Safetensors {
    /// The safetensors package refuses headers above 100 MB.
    static let maxHeader = 100_000_000

    public static func encode(_ tensors: [(String, Tensor)], metadata: [(String, String)] = [("format", "pt")]) throws -> [UInt8] {
        var header = "{"
        if !metadata.isEmpty {
            header += "\"__metadata__\":{" + metadata.map { "\(json($0.0)):\(json($0.1))" }.joined(separator: ",") + "},"
        }
        var data = [UInt8]()
        var parts = [String]()
        var seen = Set<String>()
        for (name, t) in tensors {
            guard seen.insert(name).inserted else { throw SerializationError(.value, "duplicate tensor name '\(name)'") }
            guard name != "__metadata__" else { throw SerializationError(.value, "'__metadata__' is reserved in .safetensors files") }
            let begin = data.count
            data += try StorageTable.contiguousBytes(t)
            let shape = t.shape.map(String.init).joined(separator: ",")
            parts.append("\(json(name)):{\"dtype\":\"\(code(t.dtype))\",\"shape\":[\(shape)],\"data_offsets\":[\(begin),\(data.count)]}")
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out = [UInt8]()
        out.le64(UInt64(headerBytes.count))
        return out + headerBytes + data
    }

    /// Tensors in header order, and the `__metadata__` strings.
    public static func decode(_ bytes: [UInt8]) throws -> (tensors: [(String, Tensor)], metadata: [(String, String)]) {
        let r = ByteReader(bytes)
        guard bytes.count >= 8 else { throw bad("file is shorter than its 8-byte header length") }
        let n = try r.uint(0, 8)
        guard n <= UInt64(maxHeader), Int(n) <= bytes.count - 8 else {
            throw bad("header length \(n) exceeds the file size (\(bytes.count) bytes)")
        }
        guard case .object(let fields) = try JSONValue.parse(try r.slice(8, Int(n))) else { throw bad("header is not a JSON object") }
        let dataStart = 8 + Int(n)
        let dataSize = bytes.count - dataStart
        var tensors: [(String, Tensor)] = []
        var metadata: [(String, String)] = []
        var spans: [(Int, Int)] = []
        for (name, value) in fields {
            if name == "__metadata__" {
                guard case .object(let m) = value else { throw bad("__metadata__ must be an object") }
                for (k, v) in m {
                    guard case .string(let s) = v else { throw bad("metadata values must be strings") }
                    metadata.append((k, s))
                }
                continue
            }
            guard case .object(let info) = value, case .string(let code)? = info.first(where: { $0.0 == "dtype" })?.1,
                  case .array(let dims)? = info.first(where: { $0.0 == "shape" })?.1,
                  case .array(let offsets)? = info.first(where: { $0.0 == "data_offsets" })?.1, offsets.count == 2,
                  case .int(let begin) = offsets[0], case .int(let end) = offsets[1] else {
                throw bad("tensor '\(name)' needs dtype, shape and data_offsets")
            }
            guard let dtype = dtype(code) else {
                throw SerializationError(.runtime, "nnrepl supports F32, F64, I64 and BOOL tensors; '\(name)' is \(code)")
            }
            var shape = [Int](), numel = 1
            for d in dims {
                guard case .int(let k) = d, k >= 0 else { throw bad("tensor '\(name)' has an invalid shape") }
                let (p, o) = numel.multipliedReportingOverflow(by: k)
                guard !o else { throw bad("tensor '\(name)' has an invalid shape") }
                shape.append(k); numel = p
            }
            let (size, o) = numel.multipliedReportingOverflow(by: dtype.byteWidth)
            guard !o, begin >= 0, begin <= end, end <= dataSize, end - begin == size else {
                throw bad("tensor '\(name)' has data_offsets [\(begin), \(end)] that do not fit its shape or the file")
            }
            spans.append((begin, end))
            let storage = decodeStorage(try r.slice(dataStart + begin, size), dtype: dtype, count: numel, length: max(numel, 1))
            tensors.append((name, try storage.narrow(dim: 0, start: 0, length: numel).view(shape)))
        }
        // As the safetensors package checks: the tensors tile the data exactly, without holes or overlap.
        var next = 0
        for (b, e) in spans.sorted(by: { $0 < $1 }) {
            guard b == next else { throw bad("tensor data has a hole or overlap at byte \(next)") }
            next = e
        }
        guard next == dataSize else { throw bad("\(dataSize - next) bytes of data follow the last tensor") }
        return (tensors, metadata)
    }

    private static func bad(_ detail: String) -> SerializationError {
        SerializationError(.runtime, "Error while deserializing header: \(detail)")
    }

    static func code(_ d: DType) -> String {
        switch d {
        case .float32: "F32"
        case .float64: "F64"
        case .int64: "I64"
        case .bool: "BOOL"
        }
    }

    static func dtype(_ code: String) -> DType? { DType.allCases.first { self.code($0) == code } }

    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
