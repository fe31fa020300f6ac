#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Language

/// Python's `open()`, confined by the same `FileSandbox` as `torch.save` and `torch.load`: a program can
/// read and write files inside the working folder (or an `--allow-path` folder) and nowhere else.
final class OpenFile {
    let name: String
    let mode: String
    let isBinary: Bool
    let isReadable: Bool
    let isWritable: Bool
    private(set) var handle: UnsafeMutablePointer<FILE>?
    /// What is left to read, decoded lazily on the first read (text files are small at a prompt).
    private var unread: [UInt8]?

    init(name: String, mode: String, isBinary: Bool, isReadable: Bool, isWritable: Bool, handle: UnsafeMutablePointer<FILE>) {
        self.name = name
        self.mode = mode
        self.isBinary = isBinary
        self.isReadable = isReadable
        self.isWritable = isWritable
        self.handle = handle
    }

    deinit { close() }

    var isClosed: Bool { handle == nil }

    func close() {
        if let handle { fclose(handle) }
        handle = nil
    }

    /// The handle, or the error Python's io module gives for a closed file (its buffered binary
    /// files word it by operation).
    private func open(for operation: String) throws -> UnsafeMutablePointer<FILE> {
        guard let handle else {
            throw PyError.valueError(isBinary ? "\(operation) of closed file" : "I/O operation on closed file.")
        }
        return handle
    }

    /// Up to `count` bytes (or everything, for a negative count) from the current position.
    func readBytes(_ count: Int) throws -> [UInt8] {
        let file = try open(for: "read")
        guard isReadable else { throw PyError(typeName: "UnsupportedOperation", "not readable") }
        if unread == nil {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let got = fread(&chunk, 1, chunk.count, file)
                if got <= 0 { break }
                bytes.append(contentsOf: chunk[0..<got])
            }
            unread = bytes
        }
        let all = unread ?? []
        let take = count < 0 ? all.count : min(count, all.count)
        unread = Array(all[take...])
        return Array(all[..<take])
    }

    /// One line including its newline; empty at the end of the file.
    func readLineBytes() throws -> [UInt8] {
        _ = try readBytes(0)
        let all = unread ?? []
        let end = all.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? all.count
        unread = Array(all[end...])
        return Array(all[..<end])
    }

    func write(_ bytes: [UInt8]) throws {
        let file = try open(for: "write")
        guard isWritable else { throw PyError(typeName: "UnsupportedOperation", "not writable") }
        unread = nil
        if !bytes.isEmpty && fwrite(bytes, 1, bytes.count, file) != bytes.count {
            throw PyError(typeName: "OSError", "[Errno \(errno)] \(String(cString: strerror(errno)))")
        }
    }

    func flush() throws { fflush(try open(for: "flush")) }
}

/// Installs `open` into the builtins, replacing the interpreter's refusing stand-in.
func installOpen(into interpreter: Interpreter, sandbox: FileSandbox) {
        let textType = PyType(name: "TextIOWrapper", module: "_io", base: Types.object)
        let binaryType = PyType(name: "BufferedRandom", module: "_io", base: Types.object)
        for type in [textType, binaryType] { installFileMethods(type) }

        interpreter.builtins["open"] = .object(PyBuiltinFunction(name: "open", owner: nil) { _, args, kwargs in
            let a = try Arguments("open", args, kwargs, ["file", "mode", "buffering", "encoding", "errors", "newline"])
            guard case .str(let given) = try a.required("file") else {
                throw PyError.typeError("expected str, bytes or os.PathLike object, not \(try a.required("file").typeName)")
            }
            let mode: String
            switch a["mode"] ?? .str("r") {
            case .str(let m): mode = m
            case let other: throw PyError.typeError("open() argument 'mode' must be str, not \(other.typeName)")
            }
            let parsed = try FileMode(mode)
            let path = try resolve(sandbox, given)
            guard let handle = fopen(path, parsed.cMode) else {
                let code = errno
                let kind = code == ENOENT ? "FileNotFoundError" : code == EISDIR ? "IsADirectoryError"
                    : code == EEXIST ? "FileExistsError" : code == EACCES ? "PermissionError" : "OSError"
                throw PyError(typeName: kind, "[Errno \(code)] \(String(cString: strerror(code))): \(formatStringRepr(given))")
            }
            var info = stat()
            if fstat(fileno(handle), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                fclose(handle)
                throw PyError(typeName: "IsADirectoryError", "[Errno 21] Is a directory: \(formatStringRepr(given))")
            }
            let file = OpenFile(name: given, mode: mode, isBinary: parsed.isBinary,
                                isReadable: parsed.isReadable, isWritable: parsed.isWritable, handle: handle)
            let object = PyObject(type: parsed.isBinary ? binaryType : textType)
            object.native = file
            return .object(object)
        })
    }

private func installFileMethods(_ t: PyType) {
        func file(_ args: [Value]) throws -> OpenFile {
            guard let f = args.first?.object?.native as? OpenFile else { throw PyError.typeError("descriptor requires a file object") }
            return f
        }
        func value(_ f: OpenFile, _ bytes: [UInt8]) -> Value {
            f.isBinary ? .object(PyBytes(bytes)) : .str(String(decoding: bytes, as: UTF8.self).replacingCRLF())
        }
        t.addMethod("__repr__") { _, args, _ in
            let f = try file(args)
            guard f.isBinary else {
                return .str("<_io.TextIOWrapper name=\(formatStringRepr(f.name)) mode=\(formatStringRepr(f.mode)) encoding='UTF-8'>")
            }
            let kind = f.isReadable && f.isWritable ? "BufferedRandom" : f.isReadable ? "BufferedReader" : "BufferedWriter"
            return .str("<_io.\(kind) name=\(formatStringRepr(f.name))>")
        }
        t.addMethod("read") { _, args, _ in
            let f = try file(args)
            let size = args.count > 1 ? (args[1].isNone ? -1 : try intArgument(args[1], "read")) : -1
            return value(f, try f.readBytes(size))
        }
        t.addMethod("readline") { _, args, _ in
            let f = try file(args)
            return value(f, try f.readLineBytes())
        }
        t.addMethod("readlines") { _, args, _ in
            let f = try file(args)
            var lines: [Value] = []
            while case let line = try f.readLineBytes(), !line.isEmpty { lines.append(value(f, line)) }
            return .object(PyList(lines))
        }
        t.addMethod("write") { _, args, _ in
            let f = try file(args)
            guard args.count == 2 else { throw PyError.typeError("write() takes exactly one argument (\(args.count - 1) given)") }
            switch (args[1], f.isBinary) {
            case (.str(let s), false):
                try f.write(Array(s.utf8))
                return .int(s.count)
            case (.object(let o), true) where o is PyBytes:
                let bytes = (o as? PyBytes)?.bytes ?? []
                try f.write(bytes)
                return .int(bytes.count)
            case (let other, let binary):
                throw PyError.typeError(binary ? "a bytes-like object is required, not '\(other.typeName)'"
                                               : "write() argument must be str, not \(other.typeName)")
            }
        }
        t.addMethod("writelines") { interp, args, _ in
            let f = try file(args)
            guard args.count == 2 else { throw PyError.typeError("writelines() takes exactly one argument") }
            try interp.iterate(args[1]) { line in
                guard case .str(let s) = line, !f.isBinary else { throw PyError.typeError("write() argument must be str, not \(line.typeName)") }
                try f.write(Array(s.utf8))
            }
            return .none
        }
        t.addMethod("flush") { _, args, _ in try file(args).flush(); return .none }
        t.addMethod("close") { _, args, _ in try file(args).close(); return .none }
        t.addProperty("closed", get: { _, o in .bool(try file([o]).isClosed) })
        t.addProperty("name", get: { _, o in .str(try file([o]).name) })
        t.addProperty("mode", get: { _, o in .str(try file([o]).mode) })
        t.addMethod("__enter__") { _, args, _ in
            if try file(args).isClosed { throw PyError.valueError("I/O operation on closed file.") }
            return args[0]
        }
        t.addMethod("__exit__") { _, args, _ in try file(args).close(); return .none }
        t.addMethod("__iter__") { _, args, _ in
            if try file(args).isClosed { throw PyError.valueError("I/O operation on closed file.") }
            return args[0]
        }
        t.addMethod("__next__") { _, args, _ in
            let f = try file(args)
            let line = try f.readLineBytes()
            if line.isEmpty { throw PyError.stopIteration() }
            return value(f, line)
        }
}

private func intArgument(_ v: Value, _ function: String) throws -> Int {
    if case .int(let i) = v { return i }
    throw PyError.typeError("argument should be integer or None, not '\(v.typeName)'")
}

/// Python's open() mode string: one of r/w/a/x, optionally `b` or `t`, optionally `+`.
private struct FileMode {
    let cMode: String
    let isBinary: Bool
    let isReadable: Bool
    let isWritable: Bool

    init(_ mode: String) throws {
        let letters = Set(mode)
        let primary = mode.filter { "rwax".contains($0) }
        guard primary.count == 1, letters.count == mode.count, letters.isSubset(of: Set("rwaxbt+")),
              !(letters.contains("b") && letters.contains("t")) else {
            throw PyError.valueError("invalid mode: \(formatStringRepr(mode))")
        }
        let plus = letters.contains("+")
        isBinary = letters.contains("b")
        isReadable = primary == "r" || plus
        isWritable = primary != "r" || plus
        cMode = (primary == "x" ? "wx" : primary) + (plus ? "+" : "") + "b"
    }
}

private extension String {
    /// Universal newlines, as Python's text mode reads them.
    func replacingCRLF() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        var out = ""
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" { out.unicodeScalars.append("\n"); previousCR = true; continue }
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
