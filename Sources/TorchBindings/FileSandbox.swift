#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where nnrepl may read and write files: inside the working folder or a folder given with `--allow-path`.
///
/// A path is checked after resolving `..` and symlinks (realpath of the parent, and of the file itself when
/// it exists), so `../x`, `/etc/passwd` and a symlink pointing outside are all refused with a PermissionError.
public struct FileSandbox {
    /// The real paths of the allowed folders; the working directory first.
    public let roots: [String]

    public init(allowedPaths: [String]) {
        let cwd = FileSandbox.workingDirectory()
        roots = ([cwd] + allowedPaths.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 }).compactMap(FileSandbox.realPath)
    }

    /// The real path to open for `path`; the error names `path` as the user wrote it.
    public func resolve(_ path: String) throws -> String {
        guard !path.isEmpty else { throw FileSandboxError(.notFound, "[Errno 2] No such file or directory: ''") }
        let absolute = path.hasPrefix("/") ? path : FileSandbox.workingDirectory() + "/" + path
        var components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let name = components.popLast() ?? ""
        let parent = "/" + components.joined(separator: "/")
        guard let realParent = FileSandbox.realPath(parent) else {
            throw FileSandboxError(.notFound, "[Errno 2] No such file or directory: '\(path)'")
        }
        var target = (realParent == "/" ? "" : realParent) + "/" + name
        if name == "." || name == ".." {
            target = FileSandbox.realPath(target) ?? target
        } else {
            var st = stat()
            if lstat(target, &st) == 0 {
                // An existing file or symlink: follow it; a dangling symlink could point anywhere, so refuse it.
                guard let real = FileSandbox.realPath(target) else { throw outside(path) }
                target = real
            }
        }
        guard roots.contains(where: { target == $0 || target.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
            throw outside(path)
        }
        return target
    }

    private func outside(_ path: String) -> FileSandboxError {
        FileSandboxError(.outside, "nnrepl only reads and writes files inside the working folder; '\(path)' is outside it (use --allow-path to allow another folder)")
    }

    static func workingDirectory() -> String {
        guard let p = getcwd(nil, 0) else { return "/" }
        defer { free(p) }
        return String(cString: p)
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// Why a path was refused; `pyError` is the Python exception to raise.
public struct FileSandboxError: Error, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case outside = "PermissionError"
        case notFound = "FileNotFoundError"
    }

    public let kind: Kind
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
