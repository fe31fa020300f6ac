/// The `itertools` module: lazy iterators built from closures over `IterState`, following the pure-Python
/// equivalents in CPython's documentation (same order of results, same laziness).
extension Interpreter {
    func makeItertoolsModule() -> PyModule {
        let m = PyModule(name: "itertools")
        /// A class `itertools.name` whose instances are iterators made by `make(interp, args, kwargs)`.
        func iteratorType(_ name: String, _ make: @escaping (Interpreter, [Value], Kwargs) throws -> (Interpreter) throws -> Value?) -> PyType {
            let t = PyType(name: name, module: "itertools", base: Types.object)
            installIteratorMethods(t)
            t.newInstance = { interp, args, kwargs in
                let next = try make(interp, Array(args.dropFirst()), kwargs)
                return .object(PyIterator(type: t, next: next))
            }
            t.addMethod("__init__") { _, _, _ in .none }
            m.dict[name] = .object(t)
            return t
        }
        _ = iteratorType("count") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["start", "step"], function: "count")
            var current = a[0] ?? .int(0)
            let step = a[1] ?? .int(1)
            return { interp in
                let v = current
                current = try interp.binaryOp(.add, current, step)
                return v
            }
        }
        _ = iteratorType("repeat") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["object", "times"], function: "repeat", required: 1)
            let v = a[0] ?? .none
            var left = try a[1].map { try interp.indexValue($0) }
            return { _ in
                if let l = left {
                    if l <= 0 { return nil }
                    left = l - 1
                }
                return v
            }
        }
        _ = iteratorType("cycle") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "cycle", 1...1)
            var source: IterState? = try interp.makeIter(args[0])
            var saved: [Value] = [], i = 0
            return { interp in
                if var s = source {
                    let v = try s.next(interp)
                    source = s
                    if let v { saved.append(v); return v }
                    source = nil
                }
                if saved.isEmpty { return nil }
                defer { i = (i + 1) % saved.count }
                return saved[i]
            }
        }
        func chained(_ interp: Interpreter, _ iterables: IterState) -> (Interpreter) throws -> Value? {
            var outer = iterables
            var inner: IterState?
            return { interp in
                while true {
                    if var s = inner {
                        let v = try s.next(interp)
                        inner = s
                        if let v { return v }
                    }
                    guard let next = try outer.next(interp) else { return nil }
                    inner = try interp.makeIter(next)
                }
            }
        }
        let chainType = iteratorType("chain") { interp, args, kwargs in
            if !kwargs.isEmpty { throw PyError.typeError("chain() takes no keyword arguments") }
            return chained(interp, try interp.makeIter(.object(PyTuple(args))))
        }
        chainType.dict["from_iterable"] = .object(PyBuiltinFunction(name: "from_iterable", owner: nil) { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "from_iterable", 1...1)
            return .object(PyIterator(type: chainType, next: chained(interp, try interp.makeIter(args[0]))))
        })
        _ = iteratorType("islice") { interp, args, kwargs in
            if !kwargs.isEmpty { throw PyError.typeError("islice() takes no keyword arguments") }
            guard (2...4).contains(args.count) else {
                throw PyError.typeError("islice expected at most 4 arguments, got \(args.count)")
            }
            func index(_ v: Value, _ message: String) throws -> Int? {
                if v.isNone { return nil }
                guard let i = try? interp.indexValue(v), i >= 0 else { throw PyError.valueError(message) }
                return i
            }
            let stopMessage = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            let indexMessage = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            var start = 0, step = 1
            let stop: Int?
            if args.count == 2 {
                stop = try index(args[1], stopMessage)
            } else {
                start = try index(args[1], indexMessage) ?? 0
                stop = try index(args[2], stopMessage)
                if args.count == 4 {
                    let s = try? interp.indexValue(args[3])
                    if !args[3].isNone {
                        guard let s, s >= 1 else { throw PyError.valueError("Step for islice() must be a positive integer or None.") }
                        step = s
                    }
                }
            }
            var source = try interp.makeIter(args[0])
            var consumed = 0, nextIndex = start
            return { interp in
                if let stop, nextIndex >= stop { return nil }
                while consumed < nextIndex {
                    guard try source.next(interp) != nil else { nextIndex = stop ?? 0; return nil }
                    consumed += 1
                }
                guard let v = try source.next(interp) else { return nil }
                consumed += 1
                let (advanced, overflow) = nextIndex.addingReportingOverflow(step)
                nextIndex = overflow ? Int.max : advanced
                if let stop, nextIndex > stop { nextIndex = stop }
                return v
            }
        }
        _ = iteratorType("zip_longest") { interp, args, kwargs in
            var fill = Value.none
            for (k, v) in kwargs {
                guard k == "fillvalue" else { throw PyError.typeError("zip_longest() got an unexpected keyword argument '\(k)'") }
                fill = v
            }
            var sources: [IterState?] = try args.map { try interp.makeIter($0) }
            var active = sources.count
            return { interp in
                if active == 0 { return nil }
                var row: [Value] = []
                for i in sources.indices {
                    guard var s = sources[i] else { row.append(fill); continue }
                    if let v = try s.next(interp) {
                        sources[i] = s
                        row.append(v)
                    } else {
                        sources[i] = nil
                        active -= 1
                        if active == 0 { return nil }
                        row.append(fill)
                    }
                }
                return .object(PyTuple(row))
            }
        }
        _ = iteratorType("product") { interp, args, kwargs in
            var repeatCount = 1
            for (k, v) in kwargs {
                guard k == "repeat" else { throw PyError.typeError("product() got an unexpected keyword argument '\(k)'") }
                repeatCount = try interp.indexValue(v)
                if repeatCount < 0 { throw PyError.valueError("repeat argument cannot be negative") }
            }
            let base = try args.map { try interp.toArray($0) }
            let pools = (0..<repeatCount).flatMap { _ in base }
            var indices: [Int]? = pools.contains { $0.isEmpty } ? nil : [Int](repeating: 0, count: pools.count)
            return { _ in
                guard let idx = indices else { return nil }
                let row = zip(pools, idx).map { $0[$1] }
                var next = idx, i = pools.count - 1
                while i >= 0 {
                    next[i] += 1
                    if next[i] < pools[i].count { break }
                    next[i] = 0
                    i -= 1
                }
                indices = i < 0 ? nil : next
                return .object(PyTuple(row))
            }
        }
        _ = iteratorType("accumulate") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["iterable", "func", "initial"], function: "accumulate", required: 1)
            var source = try interp.makeIter(a[0] ?? .none)
            let function = a[1].flatMap { $0.isNone ? nil : $0 }
            var total: Value? = a[2].flatMap { $0.isNone ? nil : $0 }
            var pendingInitial = total != nil
            return { interp in
                if pendingInitial { pendingInitial = false; return total }
                guard let v = try source.next(interp) else { return nil }
                if let t = total {
                    total = try function.map { try interp.call($0, [t, v]) } ?? interp.binaryOp(.add, t, v)
                } else {
                    total = v
                }
                return total
            }
        }
        _ = iteratorType("pairwise") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "pairwise", 1...1)
            var source = try interp.makeIter(args[0])
            var previous: Value?
            return { interp in
                if previous == nil { previous = try source.next(interp) }
                guard let a = previous, let b = try source.next(interp) else { return nil }
                previous = b
                return .object(PyTuple([a, b]))
            }
        }
        _ = iteratorType("starmap") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "starmap", 2...2)
            var source = try interp.makeIter(args[1])
            return { interp in
                guard let v = try source.next(interp) else { return nil }
                return try interp.call(args[0], interp.toArray(v))
            }
        }
        for dropping in [false, true] {
            _ = iteratorType(dropping ? "dropwhile" : "takewhile") { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, dropping ? "dropwhile" : "takewhile", 2...2)
                var source = try interp.makeIter(args[1])
                var done = false
                return { interp in
                    while let v = try source.next(interp) {
                        if done { return dropping ? v : nil }
                        if try interp.isTruthy(interp.call(args[0], [v])) {
                            if !dropping { return v }
                        } else {
                            done = true
                            return dropping ? v : nil
                        }
                    }
                    return nil
                }
            }
        }
        for withReplacement in [false, true] {
            let name = withReplacement ? "combinations_with_replacement" : "combinations"
            _ = iteratorType(name) { interp, args, kwargs in
                let a = try interp.bind(args, kwargs, ["iterable", "r"], function: name, required: 2)
                let pool = try interp.toArray(a[0] ?? .none)
                let r = try interp.indexValue(a[1] ?? .none)
                if r < 0 { throw PyError.valueError("r must be non-negative") }
                if r > Interpreter.maxSequenceLength { throw PyError(type: Types.memoryError, "") }
                let n = pool.count
                var indices: [Int]? = (withReplacement ? (n > 0 || r == 0) : r <= n)
                    ? (withReplacement ? [Int](repeating: 0, count: r) : Array(0..<r)) : nil
                return { _ in
                    guard var idx = indices else { return nil }
                    let row = Value.object(PyTuple(idx.map { pool[$0] }))
                    var i = r - 1
                    while i >= 0 && idx[i] == (withReplacement ? n - 1 : i + n - r) { i -= 1 }
                    if i < 0 {
                        indices = nil
                    } else {
                        idx[i] += 1
                        for j in (i + 1)..<max(r, i + 1) { idx[j] = withReplacement ? idx[i] : idx[j - 1] + 1 }
                        indices = idx
                    }
                    return row
                }
            }
        }
        _ = iteratorType("permutations") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["iterable", "r"], function: "permutations", required: 1)
            let pool = try interp.toArray(a[0] ?? .none)
            let n = pool.count
            let r = try a[1].flatMap { $0.isNone ? nil : try interp.indexValue($0) } ?? n
            if r < 0 { throw PyError.valueError("r must be non-negative") }
            var indices = Array(0..<n)
            var first = true, finished = r > n
            var cycles = finished ? [] : Array(stride(from: n, to: n - r, by: -1))
            return { _ in
                if finished { return nil }
                if first {
                    first = false
                    return .object(PyTuple(indices.prefix(r).map { pool[$0] }))
                }
                var i = r - 1
                while i >= 0 {
                    cycles[i] -= 1
                    if cycles[i] == 0 {
                        let moved = indices.remove(at: i)
                        indices.append(moved)
                        cycles[i] = n - i
                    } else {
                        let j = cycles[i]
                        indices.swapAt(i, n - j)
                        return .object(PyTuple(indices.prefix(r).map { pool[$0] }))
                    }
                    i -= 1
                }
                finished = true
                return nil
            }
        }
        return m
    }
}
