#if canImport(Glibc)
import Glibc
#endif
import CBLAS

/// OpenBLAS, loaded with `dlopen` on the first large matmul so that startup loads nothing heavy.
enum BLAS {
    typealias GemmF = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float,
                                      UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
                                      UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias GemmD = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Double,
                                      UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32, Double,
                                      UnsafeMutablePointer<Double>?, Int32) -> Void

    struct Functions {
        let sgemm: GemmF
        let dgemm: GemmD
    }

    /// Products with at least this many multiply-adds go to OpenBLAS.
    static let threshold = 64 * 64 * 64

    /// The gemm entry points, or nil when OpenBLAS is unavailable (callers fall back to the naive loop).
    /// Loaded once, on first use (Swift initialises static lets lazily and thread-safely).
    static let functions: Functions? = load()

    private static func load() -> Functions? {
        #if os(Linux)
        if getenv("OPENBLAS_CORETYPE") == nil, let core = detectCoreType() {
            setenv("OPENBLAS_CORETYPE", core, 0)
        }
        guard let handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL),
              let s = dlsym(handle, "cblas_sgemm"), let d = dlsym(handle, "cblas_dgemm") else { return nil }
        return Functions(sgemm: unsafeBitCast(s, to: GemmF.self), dgemm: unsafeBitCast(d, to: GemmD.self))
        #else
        return nil
        #endif
    }

    /// Debian's OpenBLAS 0.3.21 misdetects recent CPUs and falls back to Prescott kernels; name the core ourselves.
    static func detectCoreType() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 8192)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            if flags.contains("avx512f") { return "SkylakeX" }
            if flags.contains("avx2") { return "Haswell" }
            return nil
        }
        return nil
    }

    static let rowMajor = Int32(bitPattern: CblasRowMajor.rawValue)
    static let noTrans = Int32(bitPattern: CblasNoTrans.rawValue)
    static let trans = Int32(bitPattern: CblasTrans.rawValue)
}
