#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// torch's `_Formatter`: one per tensor, so every element shares a width and a notation (§3.2).
struct ElementFormatter {
    private let elements: PrintableElements
    private let precision: Int
    private(set) var intMode = true
    private(set) var sciMode = false
    private(set) var width = 1

    /// `shown` are the flat indices of the values that will be printed (all, or the summarised edges).
    init(_ elements: PrintableElements, shown: [Int], options: PrintOptions) {
        self.elements = elements
        precision = options.precision
        switch elements {
        case .integer(let v):
            for i in shown { width = max(width, String(v[i]).count) }
            return
        case .boolean(let v):
            for i in shown { width = max(width, v[i] ? 4 : 5) }
            return
        case .floating(let v):
            let finite = shown.lazy.map { v[$0] }.filter { $0.isFinite && $0 != 0 }
            // Nothing finite and non-zero: integer notation, width 1, whatever sci_mode says.
            guard let first = finite.first else { return }
            var maxAbs = abs(first), minAbs = abs(first)
            for x in finite {
                maxAbs = max(maxAbs, abs(x))
                minAbs = min(minAbs, abs(x))
                if x != x.rounded(.up) { intMode = false }
            }
            sciMode = options.sciMode ?? (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4)
            for x in finite {
                let w = sciMode ? Self.c(x, "%.\(precision)e").count
                    : intMode ? Self.c(x, "%.0f").count + 1
                    : Self.c(x, "%.\(precision)f").count
                width = max(width, w)
            }
        }
    }

    /// The element at flat index `i`, left-padded to the shared width (never truncated).
    func format(_ i: Int) -> String {
        let s: String
        switch elements {
        case .integer(let v): s = String(v[i])
        case .boolean(let v): s = v[i] ? "True" : "False"
        case .floating(let v):
            let x = v[i]
            if x.isNaN {
                s = "nan"
            } else if x.isInfinite {
                s = x < 0 ? "-inf" : "inf"
            } else if sciMode {
                s = Self.c(x, "%.\(precision)e")
            } else if intMode {
                s = Self.c(x, "%.0f") + "."
            } else {
                s = Self.c(x, "%.\(precision)f")
            }
        }
        return s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// C `printf` formatting of a finite double: exact decimal rounding, ties to even, as Python's `%`.
    static func c(_ x: Double, _ format: String) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let needed = Int(withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) })
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: needed + 1)
            _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(cString: buffer)
    }
}
