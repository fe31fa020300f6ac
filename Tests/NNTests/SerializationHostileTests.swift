import Testing
@testable import NN
import TensorEngine

/// Malformed, truncated and hostile files end in a thrown `SerializationError`, never a crash,
/// a hang or an allocation the file's own size does not bound.
@Suite struct SerializationHostileTests {
    static let stateDict = SerializationGoldens.torchFiles.first { $0.name == "state_dict" }!.bytes
    static let safetensors = SerializationGoldens.safetensorsFiles[0].bytes

    @Test(arguments: 0..<8)
    func truncatedArchivesFail(_ eighth: Int) {
        let cut = Array(Self.stateDict.prefix(Self.stateDict.count * eighth / 8))
        #expect(throws: SerializationError.self) { try TorchArchive.decode(cut) }
    }

    @Test(arguments: 0..<8)
    func truncatedSafetensorsFail(_ eighth: Int) {
        let cut = Array(Self.safetensors.prefix(Self.safetensors.count * eighth / 8))
        #expect(throws: SerializationError.self) { try Safetensors.decode(cut) }
    }

    /// Every byte of the archive flipped in turn: an error, or (headers the reader does not need) a value.
    @Test func flippedBytesNeverCrash() {
        for i in Self.stateDict.indices {
            var b = Self.stateDict
            b[i] ^= 0xFF
            _ = try? TorchArchive.decode(b)
        }
        for i in Self.safetensors.indices {
            var b = Self.safetensors
            b[i] ^= 0x5A
            _ = try? Safetensors.decode(b)
        }
    }

    /// Flips inside data.pkl, re-zipped with a valid CRC so the unpickler itself sees the damage.
    @Test func flippedPickleBytesNeverCrash() throws {
        let zip = try ZipArchive(bytes: Self.stateDict)
        let pickle = Array(zip.entries.first { $0.name.hasSuffix("data.pkl") }!.data)
        for i in pickle.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var p = pickle
                p[i] ^= mask
                let files = zip.entries.map { e in (name: e.name, bytes: e.name.hasSuffix("data.pkl") ? p : Array(e.data)) }
                _ = try? TorchArchive.decode(try ZipArchive.write(files))
            }
        }
    }

    @Test func osSystemGlobalIsRefused() throws {
        // cos\nsystem\n  X "echo pwned"  TUPLE1  REDUCE  STOP
        let pickle: [UInt8] = [0x80, 2] + Array("cos\nsystem\n".utf8) + [0x58, 10, 0, 0, 0] + Array("echo pwned".utf8) + [0x85, 0x52, 0x2E]
        let error = #expect(throws: SerializationError.self) { try TorchArchive.decode(try archive(pickle)) }
        #expect(error?.kind == .unpickling)
        #expect(error?.message.hasPrefix("Weights only load failed.") == true)
        #expect(error?.message.contains("os.system") == true)
    }

    @Test(arguments: [
        ("builtins", "eval"), ("torch", "load"), ("collections", "defaultdict"), ("torch._utils", "_rebuild_tensor"),
    ])
    func otherGlobalsAreRefused(_ module: String, _ name: String) throws {
        let pickle: [UInt8] = [0x80, 2] + Array("c\(module)\n\(name)\n".utf8) + [0x29, 0x52, 0x2E]
        #expect(throws: SerializationError.self) { try TorchArchive.decode(try archive(pickle)) }
    }

    @Test func selfContainingListIsRefused() throws {
        // EMPTY_LIST BINPUT 0 BINGET 0 APPEND STOP
        let pickle: [UInt8] = [0x80, 2, 0x5D, 0x71, 0, 0x68, 0, 0x61, 0x2E]
        #expect(throws: SerializationError.self) { try TorchArchive.decode(try archive(pickle)) }
    }

    @Test func deepNestingIsRefused() throws {
        let opens = [UInt8](repeating: 0x5D, count: 5000), appends = [UInt8](repeating: 0x61, count: 4999)
        let pickle: [UInt8] = [0x80, 2] + opens + appends + [0x2E]
        #expect(throws: SerializationError.self) { try TorchArchive.decode(try archive(pickle)) }
    }

    /// A list holding the previous list twice, 80 levels deep: 2^80 elements if expanded.
    @Test func sharedReferenceBombIsRefused() throws {
        // each round: BINPUT 0, POP, MARK, BINGET 0, BINGET 0, LIST
        var bomb: [UInt8] = [0x80, 2, 0x5D]
        for _ in 0..<80 { bomb += [0x71, 0, 0x30, 0x28, 0x68, 0, 0x68, 0, 0x6C] }
        bomb += [0x2E]
        #expect(throws: SerializationError.self) { try TorchArchive.decode(try archive(bomb)) }
    }

    @Test func storageSizeMustMatchItsRecord() throws {
        // A one-element FloatStorage declared as 1 << 40 elements.
        let t = Tensor(values: [1], shape: [1])
        let good = try TorchArchive.encode(.tensor(t))
        let zip = try ZipArchive(bytes: good)
        var pickle = Array(zip.entries.first { $0.name.hasSuffix("data.pkl") }!.data)
        let marker: [UInt8] = Array("cpu".utf8) + [0x4B, 1]  // 'cpu' then BININT1 1
        let at = (0..<(pickle.count - marker.count)).first { Array(pickle[$0..<($0 + marker.count)]) == marker }!
        pickle.replaceSubrange((at + 3)..<(at + 5), with: [0x8A, 6, 0, 0, 0, 0, 0, 1])  // LONG1 1 << 40
        let files = zip.entries.map { e in (name: e.name, bytes: e.name.hasSuffix("data.pkl") ? pickle : Array(e.data)) }
        #expect(throws: SerializationError.self) { try TorchArchive.decode(try ZipArchive.write(files)) }
    }

    @Test func viewOutsideItsStorageIsRefused() throws {
        let base = Tensor(values: [1, 2, 3, 4], shape: [4])
        let view = try base.slice(dim: 0, start: 2)
        var bytes = try TorchArchive.encode(.list([.tensor(view)]))
        // The storage holds 4 elements; claim the view starts at 9 (BININT1 2 → BININT1 9 after BINPERSID 'Q').
        let at = bytes.indices.first { bytes[$0] == 0x51 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 2 }!
        bytes[at + 2] = 9
        #expect(throws: SerializationError.self) { try TorchArchive.decode(Self.rezip(bytes)) }
    }

    @Test func hugeSafetensorsHeaderLengthFails() {
        var b = Self.safetensors
        for k in 0..<8 { b[k] = 0xFF }
        #expect(throws: SerializationError.self) { try Safetensors.decode(b) }
        b = Self.safetensors
        b[4] = 0x10  // 2^36 + the real length
        #expect(throws: SerializationError.self) { try Safetensors.decode(b) }
    }

    @Test(arguments: [
        #"{"a":{"dtype":"F32","shape":[1000000000000],"data_offsets":[0,4]}}"#,
        #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,400]}}"#,
        #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#,
        #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}"#,
        #"{"a":{"dtype":"F32","shape":[9223372036854775807,9223372036854775807],"data_offsets":[0,4]}}"#,
        #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#,
        #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
        #"{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]"#,
    ])
    func badSafetensorsHeadersFail(_ header: String) {
        var b = [UInt8]()
        let h = Array(header.utf8)
        b.le64(UInt64(h.count))
        b += h + [0, 0, 128, 63]
        #expect(throws: SerializationError.self) { try Safetensors.decode(b) }
    }

    @Test func garbageIsNotAnArchive() {
        #expect(throws: SerializationError.self) { try TorchArchive.decode(Array("hello, world".utf8)) }
        #expect(throws: SerializationError.self) { try TorchArchive.decode([]) }
    }

    func archive(_ pickle: [UInt8]) throws -> [UInt8] {
        try ZipArchive.write([("archive/data.pkl", pickle), ("archive/byteorder", Array("little".utf8))])
    }

    /// Re-zips an archive whose bytes were patched, so CRCs match again.
    static func rezip(_ bytes: [UInt8]) throws -> [UInt8] {
        // Patched bytes break the CRC; rebuild entries by scanning local headers.
        var files: [(name: String, bytes: [UInt8])] = []
        var p = 0
        while p + 30 <= bytes.count, bytes[p] == 0x50, bytes[p + 1] == 0x4B, bytes[p + 2] == 3, bytes[p + 3] == 4 {
            func u(_ at: Int, _ w: Int) -> Int { (0..<w).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
            let size = u(p + 18, 4), n = u(p + 26, 2), e = u(p + 28, 2)
            let name = String(decoding: bytes[(p + 30)..<(p + 30 + n)], as: UTF8.self)
            let start = p + 30 + n + e
            files.append((name, Array(bytes[start..<(start + size)])))
            p = start + size
        }
        return try ZipArchive.write(files)
    }
}

extension SerializationHostileTests {
    /// 400,000 nested lists: refused by depth, and torn down without a recursive release.
    @Test func millionDeepNestingIsRefusedWithoutStackOverflow() throws {
        let opens = [UInt8](repeating: 0x5D, count: 400_000), appends = [UInt8](repeating: 0x61, count: 399_999)
        let pickle: [UInt8] = [0x80, 2] + opens + appends + [0x2E]
        #expect(throws: SerializationError.self) { try TorchArchive.decode(try archive(pickle)) }
        let tuples = [UInt8](repeating: 0x85, count: 399_999)
        let nestedTuples: [UInt8] = [0x80, 2, 0x29] + tuples + [0x2E]
        #expect(throws: SerializationError.self) { try TorchArchive.decode(try archive(nestedTuples)) }
    }
}
