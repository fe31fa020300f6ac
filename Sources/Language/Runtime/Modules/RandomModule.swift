import Foundation

/// The `random` module, bit-identical to CPython 3.11 for the same seed: the same mt19937 core
/// (`PythonMT`) and the same algorithms as `Lib/random.py` on top of it (`_randbelow` by rejection on
/// `getrandbits`, `gauss` caching its second value, `sample`'s pool/set switch).
///
///     >>> random.seed(42); random.random(), random.randint(1, 100)
///     (0.6394267984578837, 4)
final class RandomGenerator {
    var mt = PythonMT()
    var gaussNext: Double?

    init() { seedFromEntropy() }

    func seedFromEntropy() {
        var g = SystemRandomNumberGenerator()
        mt.seed(key: (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &g) })
        gaussNext = nil
    }

    func seed(_ interp: Interpreter, _ a: Value) throws {
        switch a {
        case .none: seedFromEntropy(); return
        case .int(let i): mt.seed(magnitude: UInt64(i.magnitude))
        case .bool(let b): mt.seed(magnitude: b ? 1 : 0)
        case .float(let d): mt.seed(magnitude: UInt64(bitPattern: Int64(pythonHash(d))))
        case .str(let s):
            // version 2: int.from_bytes(a + sha512(a).digest()), big-endian, then its 32-bit words.
            let bytes = Array(s.utf8) + SHA512.digest(Array(s.utf8))
            var key: [UInt32] = []
            var end = bytes.count
            while end > 0 {
                let start = max(0, end - 4)
                key.append(bytes[start..<end].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                end = start
            }
            while key.count > 1, key.last == 0 { key.removeLast() }
            mt.seed(key: key)
        case .object:
            throw PyError.typeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
        }
        gaussNext = nil
    }

    func getrandbits(_ k: Int) throws -> Int {
        if k < 0 { throw PyError.valueError("number of bits must be non-negative") }
        if k > 63 { throw PyError.overflow("getrandbits(\(k)) does not fit in a 64-bit int") }
        return Int(mt.bits(k))
    }

    /// `_randbelow_with_getrandbits`: n > 0.
    func below(_ n: Int) -> Int { Int(below(UInt(n))) }

    /// Unsigned, so ranges as wide as `randrange(-2**62, 2**62)` work.
    func below(_ n: UInt) -> UInt {
        let k = UInt.bitWidth - n.leadingZeroBitCount
        var r = UInt(mt.bits(k))
        while r >= n { r = UInt(mt.bits(k)) }
        return r
    }

    func gauss(mu: Double, sigma: Double) -> Double {
        var z: Double
        if let g = gaussNext {
            z = g
            gaussNext = nil
        } else {
            let x2pi = mt.random() * (2 * Double.pi)
            let g2rad = (-2.0 * log(1.0 - mt.random())).squareRoot()
            z = cos(x2pi) * g2rad
            gaussNext = sin(x2pi) * g2rad
        }
        return mu + z * sigma
    }

    func normalvariate(mu: Double, sigma: Double) -> Double {
        let magic = 4 * exp(-0.5) / 2.0.squareRoot()
        var z: Double
        while true {
            let u1 = mt.random()
            let u2 = 1.0 - mt.random()
            z = magic * (u1 - 0.5) / u2
            if z * z / 4.0 <= -log(u2) { break }
        }
        return mu + z * sigma
    }
}

/// CPython's `hash(float)` (`_Py_HashDouble`), which is what `random.seed(1.5)` seeds with.
func pythonHash(_ v: Double) -> Int {
    let bits = 61, modulus: UInt64 = (1 << 61) - 1
    if v.isInfinite { return v > 0 ? 314_159 : -314_159 }
    if v.isNaN || v == 0 { return 0 }
    var e = Int(v.exponent) + 1
    var m = v.significand / 2 * (v.sign == .minus ? -1 : 1)
    var sign: Int64 = 1
    if m < 0 { sign = -1; m = -m }
    var x: UInt64 = 0
    while m != 0 {
        x = ((x << 28) & modulus) | x >> UInt64(bits - 28)
        m *= 268_435_456.0
        e -= 28
        let y = UInt64(m)
        m -= Double(y)
        x += y
        if x >= modulus { x -= modulus }
    }
    e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits)
    x = ((x << UInt64(e)) & modulus) | x >> UInt64(bits - e)
    var r = Int64(bitPattern: x) &* sign
    if r == -1 { r = -2 }
    return Int(r)
}

extension Interpreter {
    func makeRandomModule() -> PyModule {
        let m = PyModule(name: "random")
        let shared = RandomGenerator()
        let randomType = PyType(name: "Random", module: "random", base: Types.object)
        randomType.newInstance = { interp, args, _ in
            let o = PyObject(type: args.first?.as(PyType.self) ?? randomType)
            o.native = RandomGenerator()
            return .object(o)
        }
        randomType.addMethod("__init__") { interp, args, kwargs in
            let a = try interp.bind(Array(args.dropFirst()), kwargs, ["x"], function: "Random")
            if let g = args.first?.native(as: RandomGenerator.self) { try g.seed(interp, a[0] ?? .none) }
            return .none
        }
        m.dict["Random"] = .object(randomType)
        for (name, body) in randomFunctions() {
            m.dict[name] = .object(PyBuiltinFunction(name: name, owner: nil) { interp, args, kwargs in
                try body(interp, shared, args, kwargs)
            })
            randomType.addMethod(name) { interp, args, kwargs in
                guard let g = args.first?.native(as: RandomGenerator.self) else {
                    throw PyError.typeError("descriptor '\(name)' requires a 'Random' object")
                }
                return try body(interp, g, Array(args.dropFirst()), kwargs)
            }
        }
        return m
    }

    /// An integer argument of `randrange`: ints, or integral floats as CPython 3.11 still accepts them.
    private func rangeArg(_ v: Value, _ what: String) throws -> Int {
        if case .float(let d) = v {
            guard d.rounded(.towardZero) == d, let i = Int(exactly: d) else {
                if d.isFinite { throw PyError.valueError("non-integer \(what) for randrange()") }
                throw PyError.overflow("cannot convert float infinity to integer")
            }
            return i
        }
        return try indexValue(v)
    }

    private func randrange(_ g: RandomGenerator, _ a: [Value?]) throws -> Int {
        let start = try rangeArg(a[0] ?? .none, "arg 1")
        guard let stopValue = a[1], !stopValue.isNone else {
            if a[2] != nil { throw PyError.typeError("Missing a non-None stop argument") }
            if start > 0 { return g.below(start) }
            throw PyError.valueError("empty range for randrange()")
        }
        let stop = try rangeArg(stopValue, "stop")
        let step = try a[2].map { try rangeArg($0, "step") } ?? 1
        // Widths and counts are unsigned and the result wraps back: the true result always fits in an Int.
        if step == 1 {
            if stop > start { return start &+ Int(bitPattern: g.below(UInt(bitPattern: stop &- start))) }
            throw PyError.valueError("empty range for randrange() (\(start), \(stop), \(stop &- start))")
        }
        if step == 0 { throw PyError.valueError("zero step for randrange()") }
        if step > 0 ? stop <= start : stop >= start { throw PyError.valueError("empty range for randrange()") }
        let width = step > 0 ? UInt(bitPattern: stop &- start) : UInt(bitPattern: start &- stop)
        let n = (width - 1) / step.magnitude + 1
        return start &+ step &* Int(bitPattern: g.below(n))
    }

    private func randomFunctions() -> [(String, (Interpreter, RandomGenerator, [Value], Kwargs) throws -> Value)] {
        [
            ("seed", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["a", "version"], function: "seed")
                try g.seed(interp, a[0] ?? .none)
                return .none
            }),
            ("random", { interp, g, args, kwargs in
                try interp.expectArgs(args, kwargs, "random", 0...0)
                return .float(g.mt.random())
            }),
            ("getrandbits", { interp, g, args, kwargs in
                try interp.expectArgs(args, kwargs, "getrandbits", 1...1)
                return .int(try g.getrandbits(interp.indexValue(args[0])))
            }),
            ("randrange", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["start", "stop", "step"], function: "randrange", required: 1)
                return .int(try interp.randrange(g, a))
            }),
            ("randint", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["a", "b"], function: "randint", required: 2)
                let b = try interp.rangeArg(a[1] ?? .none, "stop")
                let (stop, o) = b.addingReportingOverflow(1)
                if o { throw PyError.overflow("randint() range too large") }
                return .int(try interp.randrange(g, [a[0], .int(stop), nil]))
            }),
            ("choice", { interp, g, args, kwargs in
                try interp.expectArgs(args, kwargs, "choice", 1...1)
                let n = try interp.length(args[0])
                if n == 0 { throw PyError.indexError("Cannot choose from an empty sequence") }
                return try interp.getItem(args[0], .int(g.below(n)))
            }),
            ("shuffle", { interp, g, args, kwargs in
                try interp.expectArgs(args, kwargs, "shuffle", 1...1)
                let x = args[0]
                let n = try interp.length(x)
                var i = n - 1
                while i >= 1 {
                    let j = g.below(i + 1)
                    let xi = try interp.getItem(x, .int(i)), xj = try interp.getItem(x, .int(j))
                    try interp.setItem(x, .int(i), xj)
                    try interp.setItem(x, .int(j), xi)
                    i -= 1
                }
                return .none
            }),
            ("sample", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["population", "k", "counts"], function: "sample", required: 2)
                let population = a[0] ?? .none
                if population.as(PySet.self) != nil || population.as(PyDict.self) != nil {
                    throw PyError.typeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
                }
                if let c = a[2], !c.isNone { throw PyError.notImplemented("sample(counts=...) is not supported") }
                let n = try interp.length(population)
                let k = try interp.indexValue(a[1] ?? .none)
                if k < 0 || k > n { throw PyError.valueError("Sample larger than population or is negative") }
                if k > Interpreter.maxSequenceLength { throw PyError(type: Types.memoryError, "") }
                var result: [Value] = []
                result.reserveCapacity(k)
                var setsize = 21.0
                if k > 5 { setsize += pow(4.0, ceil(log(Double(k) * 3) / log(4.0))) }
                if Double(n) <= setsize {
                    var pool: [Value] = []
                    try interp.iterate(population) { pool.append($0) }
                    for i in 0..<k {
                        let j = g.below(n - i)
                        result.append(pool[j])
                        pool[j] = pool[n - i - 1]
                    }
                } else {
                    var selected = Set<Int>()
                    for _ in 0..<k {
                        var j = g.below(n)
                        while selected.contains(j) { j = g.below(n) }
                        selected.insert(j)
                        result.append(try interp.getItem(population, .int(j)))
                    }
                }
                return .object(PyList(result))
            }),
            ("uniform", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["a", "b"], function: "uniform", required: 2)
                let lo = try interp.toDouble(a[0] ?? .none), hi = try interp.toDouble(a[1] ?? .none)
                return .float(lo + (hi - lo) * g.mt.random())
            }),
            ("gauss", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["mu", "sigma"], function: "gauss")
                return .float(g.gauss(mu: try a[0].map(interp.toDouble) ?? 0, sigma: try a[1].map(interp.toDouble) ?? 1))
            }),
            ("normalvariate", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["mu", "sigma"], function: "normalvariate")
                return .float(g.normalvariate(mu: try a[0].map(interp.toDouble) ?? 0,
                                              sigma: try a[1].map(interp.toDouble) ?? 1))
            }),
            ("expovariate", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["lambd"], function: "expovariate", required: 1)
                let lambd = try interp.toDouble(a[0] ?? .none)
                if lambd == 0 { throw PyError.zeroDivision("float division by zero") }
                return .float(-log(1.0 - g.mt.random()) / lambd)
            }),
            ("choices", { interp, g, args, kwargs in
                let a = try interp.bind(args, kwargs, ["population", "weights", "cum_weights", "k"], function: "choices",
                                        required: 1)
                let population = a[0] ?? .none
                let n = try interp.length(population)
                let k = try a[3].map(interp.indexValue) ?? 1
                if k > Interpreter.maxSequenceLength { throw PyError(type: Types.memoryError, "") }
                var out: [Value] = []
                let weights = a[1].flatMap { $0.isNone ? nil : $0 }
                var cum: [Double]? = nil
                if let c = a[2], !c.isNone {
                    if weights != nil { throw PyError.typeError("Cannot specify both weights and cumulative weights") }
                    var xs: [Double] = []
                    try interp.iterate(c) { xs.append(try interp.toDouble($0)) }
                    cum = xs
                } else if let w = weights {
                    var xs: [Double] = [], total = 0.0
                    try interp.iterate(w) { total += try interp.toDouble($0); xs.append(total) }
                    cum = xs
                }
                guard let cum else {
                    for _ in 0..<max(k, 0) {
                        out.append(try interp.getItem(population, .int(Int((g.mt.random() * Double(n)).rounded(.down)))))
                    }
                    return .object(PyList(out))
                }
                if cum.count != n { throw PyError.valueError("The number of weights does not match the population") }
                let total = cum.last ?? 0
                if total <= 0 { throw PyError.valueError("Total of weights must be greater than zero") }
                if !total.isFinite { throw PyError.valueError("Total of weights must be finite") }
                for _ in 0..<max(k, 0) {
                    let x = g.mt.random() * total
                    var lo = 0, hi = n - 1
                    while lo < hi {   // bisect_right
                        let mid = (lo + hi) / 2
                        if x < cum[mid] { hi = mid } else { lo = mid + 1 }
                    }
                    out.append(try interp.getItem(population, .int(lo)))
                }
                return .object(PyList(out))
            }),
            ("getstate", { interp, g, args, kwargs in
                try interp.expectArgs(args, kwargs, "getstate", 0...0)
                let words = g.mt.state.map { Value.int(Int($0)) } + [.int(g.mt.index)]
                return .object(PyTuple([.int(3), .object(PyTuple(words)), g.gaussNext.map { .float($0) } ?? .none]))
            }),
            ("setstate", { interp, g, args, kwargs in
                try interp.expectArgs(args, kwargs, "setstate", 1...1)
                guard let t = args[0].as(PyTuple.self), t.items.count == 3, case .int(3) = t.items[0],
                      let words = t.items[1].as(PyTuple.self), words.items.count == PythonMT.n + 1 else {
                    throw PyError.valueError("state with version 3 passed to Random.setstate() of version 3 expected")
                }
                var state: [UInt32] = []
                for w in words.items.prefix(PythonMT.n) {
                    guard case .int(let i) = w, let u = UInt32(exactly: i) else { throw PyError.valueError("invalid state") }
                    state.append(u)
                }
                guard case .int(let index) = words.items[PythonMT.n], (0...PythonMT.n).contains(index) else {
                    throw PyError.valueError("invalid state")
                }
                g.mt.state = state
                g.mt.index = index
                g.gaussNext = t.items[2].isNone ? nil : try interp.toDouble(t.items[2])
                return .none
            }),
        ]
    }
}
