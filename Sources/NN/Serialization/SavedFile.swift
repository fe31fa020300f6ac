#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorEngine

/// Files on disk: `.safetensors` paths use that format, every other path `torch.save`'s ZIP archive.
/// Writes are atomic: a temporary file beside the target, fsync, then rename.
public enum SavedFile {
    /// `displayPath` is the path as the user wrote it, for error messages.
    public static func save(_ value: SavedValue, to path: String, displayPath: String? = nil) throws {
        let bytes: [UInt8]
        if path.hasSuffix(".safetensors") {
            bytes = try Safetensors.encode(try stateDictTensors(value))
        } else {
            bytes = try TorchArchive.encode(value, name: archiveName(path))
        }
        try writeAtomically(bytes, to: path, displayPath: displayPath ?? path)
    }

    /// A safetensors file loads as a plain dict of name → tensor (as `safetensors.torch.load_file` returns).
    public static func load(from path: String, displayPath: String? = nil) throws -> SavedValue {
        let bytes = try readFile(path, displayPath: displayPath ?? path)
        if path.hasSuffix(".safetensors") {
            return .dict(try Safetensors.decode(bytes).tensors.map { (key: .string($0.0), value: .tensor($0.1)) })
        }
        return try TorchArchive.decode(bytes)
    }

    /// PyTorch names the archive folder after the file, without its extension.
    static func archiveName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? "archive"
        let stem = file.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return stem.isEmpty ? "archive" : stem
    }

    private static func stateDictTensors(_ value: SavedValue) throws -> [(String, Tensor)] {
        let entries: [(key: SavedValue, value: SavedValue)]
        switch value {
        case .dict(let e), .orderedDict(let e, _): entries = e
        default: throw SerializationError(.type, "only a dict of str to tensors (a state_dict) can be saved as .safetensors")
        }
        return try entries.map { entry in
            guard case .string(let name) = entry.key, case .tensor(let t) = entry.value else {
                throw SerializationError(.type, "only a dict of str to tensors (a state_dict) can be saved as .safetensors")
            }
            return (name, t)
        }
    }

    static func readFile(_ path: String, displayPath: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw osError(displayPath) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw osError(displayPath) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw SerializationError(.os, "[Errno 21] Is a directory: '\(displayPath)'") }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw osError(displayPath) }
            if n == 0 { break }
            out += chunk[0..<n]
        }
        return out
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String, displayPath: String) throws {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(name).tmpXXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw osError(displayPath) }
        let tmp = String(cString: template.map { UInt8(bitPattern: $0) })
        var ok = false
        defer { if !ok { unlink(tmp) } }
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { close(fd); throw osError(displayPath) }
            done += n
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0, close(fd) == 0 else { throw osError(displayPath) }
        guard rename(tmp, path) == 0 else { throw osError(displayPath) }
        ok = true
    }

    private static func osError(_ path: String) -> SerializationError {
        let code = errno
        let text = String(cString: strerror(code))
        let kind: SerializationError.Kind = code == ENOENT ? .fileNotFound : code == EACCES ? .permission : .os
        return SerializationError(kind, "[Errno \(code)] \(text): '\(path)'")
    }
}
