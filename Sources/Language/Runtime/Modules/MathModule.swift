import Foundation

/// The `math` module: libm functions with CPython's error rules (`Modules/mathmodule.c`): a NaN from a non-NaN
/// argument is `ValueError: math domain error`; an infinity from a finite argument is `OverflowError: math
/// range error` where the function can overflow (exp, cosh, ...) and a domain error otherwise (log(0)).
/// Integer results are 64-bit here, so CPython's big results (`factorial(30)`) raise OverflowError.
extension Interpreter {
    func makeMathModule() -> PyModule {
        let m = PyModule(name: "math")
        let d = m.dict
        d["pi"] = .float(Double.pi)
        d["e"] = .float(M_E)
        d["tau"] = .float(2 * Double.pi)
        d["inf"] = .float(.infinity)
        d["nan"] = .float(.nan)
        func fn(_ name: String, _ body: @escaping NativeFunction) {
            d[name] = .object(PyBuiltinFunction(name: name, owner: nil, body))
        }
        let unary: [(String, (Double) -> Double, Bool)] = [
            ("sqrt", { $0.squareRoot() }, false), ("exp", Foundation.exp, true), ("expm1", Foundation.expm1, true),
            ("log1p", Foundation.log1p, false), ("sin", Foundation.sin, false), ("cos", Foundation.cos, false),
            ("tan", Foundation.tan, false), ("asin", Foundation.asin, false), ("acos", Foundation.acos, false),
            ("atan", Foundation.atan, false), ("sinh", Foundation.sinh, true), ("cosh", Foundation.cosh, true),
            ("tanh", Foundation.tanh, false), ("fabs", Swift.abs, false), ("log2", Foundation.log2, false),
            ("log10", Foundation.log10, false), ("erf", Foundation.erf, false), ("erfc", Foundation.erfc, false),
        ]
        for (name, f, canOverflow) in unary {
            fn(name) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, name, 1...1)
                return .float(try mathResult(f, interp.toDouble(args[0]), canOverflow: canOverflow))
            }
        }
        // Plain products in CPython, without math_1's checks: degrees(1e308) is inf, not an error.
        for (name, factor) in [("degrees", 180.0 / Double.pi), ("radians", Double.pi / 180.0)] {
            fn(name) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, name, 1...1)
                return .float(try interp.toDouble(args[0]) * factor)
            }
        }
        fn("log") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "log", 1...2)
            let x = try mathResult(Foundation.log, interp.toDouble(args[0]), canOverflow: false)
            guard args.count == 2 else { return .float(x) }
            let base = try mathResult(Foundation.log, interp.toDouble(args[1]), canOverflow: false)
            if base == 0 { throw PyError.zeroDivision("float division by zero") }
            return .float(x / base)
        }
        fn("pow") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "pow", 2...2)
            return .float(try mathPow(interp.toDouble(args[0]), interp.toDouble(args[1])))
        }
        fn("atan2") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "atan2", 2...2)
            return .float(Foundation.atan2(try interp.toDouble(args[0]), try interp.toDouble(args[1])))
        }
        fn("copysign") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "copysign", 2...2)
            return .float(Foundation.copysign(try interp.toDouble(args[0]), try interp.toDouble(args[1])))
        }
        fn("fmod") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "fmod", 2...2)
            let x = try interp.toDouble(args[0]), y = try interp.toDouble(args[1])
            if y.isInfinite && x.isFinite { return .float(x) }
            let r = Foundation.fmod(x, y)
            if r.isNaN && !x.isNaN && !y.isNaN { throw PyError.valueError("math domain error") }
            return .float(r)
        }
        fn("modf") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "modf", 1...1)
            let x = try interp.toDouble(args[0])
            if x.isInfinite { return .object(PyTuple([.float(Foundation.copysign(0, x)), .float(x)])) }
            let whole = x.rounded(.towardZero)
            return .object(PyTuple([.float(Foundation.copysign(x - whole, x)), .float(whole)]))
        }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            fn(name) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, name, 1...1)
                switch args[0] {
                case .int: return args[0]
                case .bool(let b): return .int(b ? 1 : 0)
                case .object:
                    if let r = try interp.callSpecial(args[0], "__\(name)__") { return r }
                default: break
                }
                return .int(try floatToInt(interp.toDouble(args[0]).rounded(rule)))
            }
        }
        for (name, test) in [("isnan", { (x: Double) in x.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })] {
            fn(name) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, name, 1...1)
                return .bool(test(try interp.toDouble(args[0])))
            }
        }
        fn("isclose") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["a", "b", "rel_tol", "abs_tol"], function: "isclose", required: 2)
            let x = try interp.toDouble(a[0] ?? .none), y = try interp.toDouble(a[1] ?? .none)
            let rel = try a[2].map(interp.toDouble) ?? 1e-9, absTol = try a[3].map(interp.toDouble) ?? 0
            if rel < 0 || absTol < 0 { throw PyError.valueError("tolerances must be non-negative") }
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let diff = Swift.abs(y - x)
            return .bool(diff <= Swift.abs(rel * y) || diff <= Swift.abs(rel * x) || diff <= absTol)
        }
        fn("hypot") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "hypot", 0...Int.max)
            let xs = try args.map { Swift.abs(try interp.toDouble($0)) }
            if xs.contains(where: \.isInfinite) { return .float(.infinity) }
            if xs.contains(where: \.isNaN) { return .float(.nan) }
            return .float(vectorNorm(xs, max: xs.max() ?? 0))
        }
        fn("fsum") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "fsum", 1...1)
            var xs: [Double] = []
            try interp.iterate(args[0]) { xs.append(try interp.toDouble($0)) }
            return .float(try checkedFsum(xs))
        }
        fn("prod") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["iterable", "start"], function: "prod", required: 1)
            var acc = a[1] ?? .int(1)
            try interp.iterate(a[0] ?? .none) { acc = try interp.binaryOp(.mul, acc, $0) }
            return acc
        }
        fn("factorial") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "factorial", 1...1)
            let n = try mathInt(interp, args[0])
            if n < 0 { throw PyError.valueError("factorial() not defined for negative values") }
            return .int(try checkedProduct(1, n, "factorial"))
        }
        fn("gcd") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "gcd", 0...Int.max)
            var g: UInt = 0
            for v in args {
                var a = try mathInt(interp, v).magnitude
                while a != 0 { (g, a) = (a, g % a) }
            }
            guard let r = Int(exactly: g) else { throw PyError.overflow("gcd() result does not fit in a 64-bit int") }
            return .int(r)
        }
        fn("isqrt") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "isqrt", 1...1)
            let n = try mathInt(interp, args[0])
            if n < 0 { throw PyError.valueError("isqrt() argument must be nonnegative") }
            var r = Int(Double(n).squareRoot())
            while r > 0 && r.multipliedReportingOverflow(by: r).overflow || r * r > n { r -= 1 }
            while !(r + 1).multipliedReportingOverflow(by: r + 1).overflow && (r + 1) * (r + 1) <= n { r += 1 }
            return .int(r)
        }
        fn("comb") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "comb", 2...2)
            let n = try mathInt(interp, args[0]), k = try mathInt(interp, args[1])
            if n < 0 { throw PyError.valueError("n must be a non-negative integer") }
            if k < 0 { throw PyError.valueError("k must be a non-negative integer") }
            if k > n { return .int(0) }
            let kk = min(k, n - k)
            var r: UInt128 = 1
            for i in 0..<kk {   // r stays C(n, i + 1) <= C(n, kk), so r * (n - i) fits in 128 bits until it overflows Int
                r = r * UInt128(n - i) / UInt128(i + 1)
                if r > UInt128(Int.max) { throw PyError.overflow("comb() result does not fit in a 64-bit int") }
            }
            return .int(Int(r))
        }
        fn("perm") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "perm", 1...2)
            let n = try mathInt(interp, args[0])
            let k = args.count == 2 && !args[1].isNone ? try mathInt(interp, args[1]) : n
            if n < 0 { throw PyError.valueError("n must be a non-negative integer") }
            if k < 0 { throw PyError.valueError("k must be a non-negative integer") }
            if k > n { return .int(0) }
            return .int(try checkedProduct(n - k + 1, n, "perm"))
        }
        return m
    }
}

/// `math_1`: NaN from a non-NaN is a domain error; infinity from a finite is a range (or domain) error.
private func mathResult(_ f: (Double) -> Double, _ x: Double, canOverflow: Bool) throws -> Double {
    let r = f(x)
    if r.isNaN && !x.isNaN { throw PyError.valueError("math domain error") }
    if r.isInfinite && x.isFinite {
        if canOverflow { throw PyError.overflow("math range error") }
        throw PyError.valueError("math domain error")
    }
    return r
}

/// `math_pow`, with C99's special cases spelled out as CPython does.
private func mathPow(_ x: Double, _ y: Double) throws -> Double {
    if !x.isFinite || !y.isFinite {
        if x.isNaN { return y == 0 ? 1 : x }
        if y.isNaN { return x == 1 ? 1 : y }
        if x.isInfinite {
            let oddY = y.isFinite && Foundation.fmod(Swift.abs(y), 2) == 1
            if y > 0 { return oddY ? x : Swift.abs(x) }
            if y == 0 { return 1 }
            return oddY ? Foundation.copysign(0, x) : 0
        }
        if Swift.abs(x) == 1 { return 1 }
        if y > 0 && Swift.abs(x) > 1 { return y }
        if y < 0 && Swift.abs(x) < 1 { return -y }
        return 0
    }
    let r = Foundation.pow(x, y)
    if r.isNaN { throw PyError.valueError("math domain error") }
    if r.isInfinite {
        if x == 0 { throw PyError.valueError("math domain error") }
        throw PyError.overflow("math range error")
    }
    return r
}

private func floatToInt(_ d: Double) throws -> Int {
    if d.isNaN { throw PyError.valueError("cannot convert float NaN to integer") }
    if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
    guard let i = Int(exactly: d) else { throw PyError.overflow("int too large to convert to a 64-bit int") }
    return i
}

/// Integer arguments (`factorial`, `gcd`, `comb`): floats are a TypeError, as in CPython 3.10+.
private func mathInt(_ interp: Interpreter, _ v: Value) throws -> Int {
    if case .float = v { throw PyError.typeError("'float' object cannot be interpreted as an integer") }
    return try interp.indexValue(v)
}

private func checkedProduct(_ lo: Int, _ hi: Int, _ name: String) throws -> Int {
    var r = 1
    if lo > hi { return 1 }
    for i in lo...hi {
        let (p, o) = r.multipliedReportingOverflow(by: i)
        if o { throw PyError.overflow("\(name)() result does not fit in a 64-bit int") }
        r = p
    }
    return r
}

/// `vector_norm` from CPython 3.11 (`hypot`, `dist`): exact squares and sums in double-length arithmetic,
/// then one correction step, so results match CPython's to the last bit.
private func vectorNorm(_ xs: [Double], max: Double) -> Double {
    if max == 0 || xs.count <= 1 { return max }
    if max.exponent < -1022 {   // frexp exponent < -1023: scale subnormals up first
        return Double.leastNormalMagnitude * vectorNorm(xs.map { $0 / .leastNormalMagnitude }, max: max / .leastNormalMagnitude)
    }
    let scale = Foundation.scalbn(1.0, -(Int(max.exponent) + 1))
    var csum = 1.0, frac1 = 0.0, frac2 = 0.0
    func mul(_ x: Double, _ y: Double) -> (Double, Double) { let z = x * y; return (z, Foundation.fma(x, y, -z)) }
    func fastSum(_ a: Double, _ b: Double) -> (Double, Double) { let x = a + b; return (x, b - (x - a)) }
    for v in xs {
        let x = v * scale
        let pr = mul(x, x)
        let sm = fastSum(csum, pr.0)
        csum = sm.0
        frac1 += pr.1
        frac2 += sm.1
    }
    var h = (csum - 1.0 + (frac1 + frac2)).squareRoot()
    let pr = mul(-h, h)
    let sm = fastSum(csum, pr.0)
    csum = sm.0
    frac1 += pr.1
    frac2 += sm.1
    let x = csum - 1.0 + (frac1 + frac2)
    h += x / (2.0 * h)
    return h / scale
}

/// Shewchuk's exact summation, as `math.fsum` does it (`msum`), with its rounding fix-up at the end.

private func checkedFsum(_ xs: [Double]) throws -> Double {
    var partials: [Double] = []
    var special = 0.0, infSum = 0.0
    for original in xs {
        var x = original
        if !x.isFinite {
            if x.isInfinite { infSum += x }
            special += x
            continue
        }
        var i = 0
        for j in partials.indices {
            var y = partials[j]
            if Swift.abs(x) < Swift.abs(y) { swap(&x, &y) }
            let hi = x + y
            let lo = y - (hi - x)
            if lo != 0 { partials[i] = lo; i += 1 }
            x = hi
        }
        if !x.isFinite { throw PyError.overflow("intermediate overflow in fsum") }
        partials.removeSubrange(i...)
        partials.append(x)
    }
    if special != 0 {
        if infSum.isNaN { throw PyError.valueError("-inf + inf in fsum") }
        return special
    }
    var n = partials.count
    var hi = 0.0, lo = 0.0
    if n > 0 {
        n -= 1
        hi = partials[n]
        while n > 0 {
            let x = hi
            n -= 1
            let y = partials[n]
            hi = x + y
            lo = y - (hi - x)
            if lo != 0 { break }
        }
        if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
            let y = lo * 2
            let x = hi + y
            if y == x - hi { hi = x }
        }
    }
    return hi
}
