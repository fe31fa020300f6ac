/// Argument parsing for native functions.
///
/// ```swift
/// let a = try interp.bind(args, kwargs, ["in_features", "out_features", "bias"], function: "Linear", required: 2)
/// let bias = a[2].map(interp.isTruthy) ?? true
/// ```
extension Interpreter {
    /// One slot per name, filled positionally then by keyword; nil when not given. `required` leading names must be given.
    public func bind(_ args: [Value], _ kwargs: Kwargs, _ names: [String], function: String, required: Int = 0) throws -> [Value?] {
        if args.count > names.count {
            let takes = required == names.count ? "\(names.count)" : "at most \(names.count)"
            let noun = names.count == 1 ? "argument" : "arguments"
            throw PyError.typeError("\(function)() takes \(takes) \(noun) (\(args.count) given)")
        }
        var slots = [Value?](repeating: nil, count: names.count)
        for (i, a) in args.enumerated() { slots[i] = a }
        for (k, v) in kwargs {
            guard let i = names.firstIndex(of: k) else {
                throw PyError.typeError("\(function)() got an unexpected keyword argument '\(k)'")
            }
            if slots[i] != nil {
                throw PyError.typeError("argument for \(function)() given by name ('\(k)') and position (\(i + 1))")
            }
            slots[i] = v
        }
        for i in 0..<min(required, names.count) where slots[i] == nil {
            throw PyError.typeError("\(function)() missing required argument '\(names[i])' (pos \(i + 1))")
        }
        return slots
    }

    /// For functions without keyword arguments: exactly `range` positional arguments.
    func expectArgs(_ args: [Value], _ kwargs: Kwargs, _ name: String, _ range: ClosedRange<Int>) throws {
        if !kwargs.isEmpty { throw PyError.typeError("\(name)() takes no keyword arguments") }
        if range.contains(args.count) { return }
        if range.lowerBound == range.upperBound {
            if range.lowerBound == 1 { throw PyError.typeError("\(name)() takes exactly one argument (\(args.count) given)") }
            if range.lowerBound == 0 { throw PyError.typeError("\(name)() takes no arguments (\(args.count) given)") }
            throw PyError.typeError("\(name) expected \(range.lowerBound) arguments, got \(args.count)")
        }
        if args.count < range.lowerBound {
            throw PyError.typeError("\(name) expected at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s"), got \(args.count)")
        }
        throw PyError.typeError("\(name) expected at most \(range.upperBound) argument\(range.upperBound == 1 ? "" : "s"), got \(args.count)")
    }

    /// Swift conversions with Python's error messages.
    public func toInt(_ v: Value) throws -> Int { try indexValue(v) }

    public func toDouble(_ v: Value) throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .object:
            if let r = try callSpecial(v, "__float__"), case .float(let d) = r { return d }
            if let r = try callSpecial(v, "__index__"), case .int(let i) = r { return Double(i) }
        default: break
        }
        throw PyError.typeError("must be real number, not \(v.typeName)")
    }

    public func toStr(_ v: Value, _ what: String = "argument") throws -> String {
        if case .str(let s) = v { return s }
        throw PyError.typeError("\(what) must be str, not \(v.typeName)")
    }
}
