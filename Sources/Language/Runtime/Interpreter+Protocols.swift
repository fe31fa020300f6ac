import Foundation

/// The sequence, mapping, iteration, truth and length protocols, with fast paths for builtin containers.

enum IterState {
    case list(PyList, Int)
    case values([Value], Int)
    case range(next: Int, remaining: Int, step: Int)
    case string(String.UnicodeScalarView, String.UnicodeScalarView.Index)
    case dict(PyDict, slot: Int, version: Int, kind: Int)
    case iterator(PyIterator)
    case native((Interpreter) throws -> Value?)
    case object(Value)
    case done

    mutating func next(_ interp: Interpreter) throws -> Value? {
        switch self {
        case .list(let l, let i):
            guard i < l.items.count else { self = .done; return nil }
            self = .list(l, i + 1)
            return l.items[i]
        case .values(let vs, let i):
            guard i < vs.count else { self = .done; return nil }
            self = .values(vs, i + 1)
            return vs[i]
        case .range(let n, let remaining, let step):
            guard remaining > 0 else { return nil }
            self = .range(next: n &+ step, remaining: remaining - 1, step: step)
            return .int(n)
        case .string(let scalars, let i):
            guard i < scalars.endIndex else { return nil }
            self = .string(scalars, scalars.index(after: i))
            return .str(String(scalars[i]))
        case .dict(let d, var slot, let version, let kind):
            if d.version != version {
                self = .done
                throw PyError.runtimeError("dictionary changed size during iteration")
            }
            while let entry = d.entry(at: slot) {
                slot += 1
                if let (k, v) = entry {
                    self = .dict(d, slot: slot, version: version, kind: kind)
                    switch kind {
                    case 0: return k
                    case 1: return v
                    default: return .object(PyTuple([k, v]))
                    }
                }
            }
            self = .done
            return nil
        case .iterator(let it):
            return try it.advance(interp)
        case .native(let fn):
            guard let v = try fn(interp) else { self = .done; return nil }
            return v
        case .object(let obj):
            do {
                guard let v = try interp.callSpecial(obj, "__next__") else {
                    throw PyError.typeError("'\(obj.typeName)' object is not an iterator")
                }
                return v
            } catch let e as PyError where e.exception.type.isSubtype(of: Types.stopIteration) {
                self = .done
                return nil
            }
        case .done:
            return nil
        }
    }
}

/// `d.keys()`, `d.values()`, `d.items()`.
final class PyDictView: PyObject {
    let dict: PyDict
    let kind: Int
    init(_ dict: PyDict, kind: Int) {
        self.dict = dict
        self.kind = kind
        super.init(type: [Types.dictKeys, Types.dictValues, Types.dictItems][kind])
    }
}

extension Interpreter {
    func makeIter(_ v: Value) throws -> IterState {
        switch v {
        case .str(let s): return .string(s.unicodeScalars, s.unicodeScalars.startIndex)
        case .object(let o):
            switch o {
            case let l as PyList: return .list(l, 0)
            case let t as PyTuple: return .values(t.items, 0)
            case let r as PyRange: return .range(next: r.start, remaining: r.count, step: r.step)
            case let d as PyDict: return .dict(d, slot: 0, version: d.version, kind: 0)
            case let v as PyDictView: return .dict(v.dict, slot: 0, version: v.dict.version, kind: v.kind)
            case let s as PySet: return .values(s.items, 0)
            case let it as PyIterator: return .iterator(it)
            case let b as PyBytes: return .values(b.bytes.map { .int(Int($0)) }, 0)
            default: break
            }
            if let r = try callSpecial(v, "__iter__") {
                if let it = r.as(PyIterator.self) { return .iterator(it) }
                guard r.type.lookup("__next__") != nil else {
                    throw PyError.typeError("iter() returned non-iterator of type '\(r.typeName)'")
                }
                return .object(r)
            }
            if o.type.lookup("__getitem__") != nil {
                var i = 0
                return .native { interp in
                    do {
                        let x = try interp.getItem(v, .int(i))
                        i += 1
                        return x
                    } catch let e as PyError where e.exception.type.isSubtype(of: Types.indexError)
                        || e.exception.type.isSubtype(of: Types.stopIteration) {
                        return nil
                    }
                }
            }
        default: break
        }
        throw PyError.typeError("'\(v.typeName)' object is not iterable")
    }

    func isIterable(_ v: Value) -> Bool {
        switch v {
        case .str: return true
        case .object(let o):
            switch o {
            case is PyList, is PyTuple, is PyRange, is PyDict, is PyDictView, is PySet, is PyIterator, is PyBytes:
                return true
            default: return o.type.lookup("__iter__") != nil || o.type.lookup("__getitem__") != nil
            }
        default: return false
        }
    }

    /// Runs `body` for each element of any iterable.
    public func iterate(_ v: Value, _ body: (Value) throws -> Void) throws {
        var it = try makeIter(v)
        while let x = try it.next(self) {
            try checkInterrupt()  // an endless iterator must stay interruptible
            try body(x)
        }
    }

    /// The most items a list built from an iterable may hold: beyond it CPython would raise MemoryError,
    /// where growing the array would trap or get the process OOM-killed.
    static let maxSequenceLength = Int(clamping: ProcessInfo.processInfo.physicalMemory / 32)

    public func toArray(_ v: Value) throws -> [Value] {
        if let l = v.as(PyList.self) { return l.items }
        if let t = v.as(PyTuple.self) { return t.items }
        if let r = v.as(PyRange.self), r.count > Self.maxSequenceLength { throw PyError(type: Types.memoryError, "") }
        var out: [Value] = []
        try iterate(v) {
            if out.count >= Self.maxSequenceLength { throw PyError(type: Types.memoryError, "") }
            out.append($0)
        }
        return out
    }

    /// A Python iterator object over any iterable (`iter(x)`).
    public func makeIterator(_ v: Value) throws -> PyIterator {
        if let it = v.as(PyIterator.self) { return it }
        let state = try makeIter(v)
        let type: PyType
        switch v.object {
        case is PyList: type = Types.listIterator
        case is PyTuple: type = Types.tupleIterator
        case is PyRange: type = Types.rangeIterator
        case is PyDict: type = Types.dictKeyIterator
        case let dv as PyDictView: type = [Types.dictKeyIterator, Types.dictValueIterator, Types.dictItemIterator][dv.kind]
        case is PySet: type = Types.setIterator
        default:
            if case .str = v { type = Types.strIterator } else if case .object(let r) = state {
                _ = r
                return PyIterator(type: Types.iterator, state: state)
            } else {
                type = Types.iterator
            }
        }
        return PyIterator(type: type, state: state)
    }

    /// `next(it)`: nil when exhausted.
    public func next(_ iterator: Value) throws -> Value? {
        if let it = iterator.as(PyIterator.self) { return try it.advance(self) }
        guard iterator.type.lookup("__next__") != nil else {
            throw PyError.typeError("'\(iterator.typeName)' object is not an iterator")
        }
        var state = IterState.object(iterator)
        return try state.next(self)
    }

    // MARK: Truth and length

    public func isTruthy(_ v: Value) throws -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .object(let o):
            switch o {
            case let l as PyList: return !l.items.isEmpty
            case let t as PyTuple: return !t.items.isEmpty
            case let d as PyDict: return d.count > 0
            case let s as PySet: return s.count > 0
            case let r as PyRange: return r.count > 0
            case is PyType, is PyFunction, is PyModule, is PyBuiltinFunction, is PyBoundMethod: return true
            default: break
            }
            if let r = try callSpecial(v, "__bool__") {
                guard case .bool(let b) = r else {
                    throw PyError.typeError("__bool__ should return bool, returned \(r.typeName)")
                }
                return b
            }
            if o.type.lookup("__len__") != nil { return try length(v) > 0 }
            return true
        }
    }

    public func length(_ v: Value) throws -> Int {
        switch v {
        case .str(let s): return s.unicodeScalars.count
        case .object(let o):
            switch o {
            case let l as PyList: return l.items.count
            case let t as PyTuple: return t.items.count
            case let d as PyDict: return d.count
            case let dv as PyDictView: return dv.dict.count
            case let s as PySet: return s.count
            case let r as PyRange: return r.count
            case let b as PyBytes: return b.bytes.count
            default: break
            }
            if let r = try callSpecial(v, "__len__") {
                guard let n = try? indexValue(r) else {
                    throw PyError.typeError("'\(r.typeName)' object cannot be interpreted as an integer")
                }
                if n < 0 { throw PyError.valueError("__len__() should return >= 0") }
                return n
            }
        default: break
        }
        throw PyError.typeError("object of type '\(v.typeName)' has no len()")
    }

    /// `operator.index`: ints, bools and objects with `__index__`.
    public func indexValue(_ v: Value) throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .object:
            if let r = try callSpecial(v, "__index__"), case .int(let i) = r { return i }
        default: break
        }
        throw PyError.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
    }

    // MARK: Items

    public func getItem(_ obj: Value, _ index: Value) throws -> Value {
        switch obj {
        case .str(let s):
            if let sl = index.as(PySlice.self) {
                let scalars = Array(s.unicodeScalars)
                var out = String.UnicodeScalarView()
                for i in try sliceIndices(sl, scalars.count) { out.append(scalars[i]) }
                return .str(String(out))
            }
            let n = s.unicodeScalars.count
            let i = try sequenceIndex(index, n, "string")
            return .str(String(s.unicodeScalars[s.unicodeScalars.index(s.unicodeScalars.startIndex, offsetBy: i)]))
        case .object(let o):
            // A subclass of a builtin container may define its own `__getitem__` (`torch.Size` slices
            // to a Size); the builtin types themselves define none, so they take the fast paths below.
            if o.type.lookup("__getitem__") != nil, let r = try callSpecial(obj, "__getitem__", [index]) { return r }
            switch o {
            case let l as PyList:
                if let sl = index.as(PySlice.self) { return .object(PyList(try sliceIndices(sl, l.items.count).map { l.items[$0] })) }
                return l.items[try sequenceIndex(index, l.items.count, "list")]
            case let t as PyTuple:
                if let sl = index.as(PySlice.self) { return .object(PyTuple(try sliceIndices(sl, t.items.count).map { t.items[$0] })) }
                return t.items[try sequenceIndex(index, t.items.count, "tuple")]
            case let d as PyDict:
                if let v = try d.get(index) { return v }
                if d.type !== Types.dict, let missing = d.type.lookup("__missing__") {
                    return try callDescriptor(missing, obj, [index], [])
                }
                throw PyError.keyError(index)
            case let r as PyRange:
                if let sl = index.as(PySlice.self) {
                    let (start, stop, step) = try sl.resolve(r.count, self)
                    return .object(PyRange(r.element(start), r.element(stop), r.step &* step))
                }
                return .int(r.element(try sequenceIndex(index, r.count, "range object")))
            case let b as PyBytes:
                if let sl = index.as(PySlice.self) { return .object(PyBytes(try sliceIndices(sl, b.bytes.count).map { b.bytes[$0] })) }
                return .int(Int(b.bytes[try sequenceIndex(index, b.bytes.count, "index")]))
            case is PyType:
                if let cg = try lookupAttr(obj, "__class_getitem__") { return try call(cg, [index]) }
                return obj  // `list[int]` in annotations
            default:
                if let r = try callSpecial(obj, "__getitem__", [index]) { return r }
            }
        default: break
        }
        throw PyError.typeError("'\(obj.typeName)' object is not subscriptable")
    }

    private func sequenceIndex(_ index: Value, _ count: Int, _ what: String) throws -> Int {
        let i: Int
        switch index {
        case .int(let x): i = x
        case .bool(let b): i = b ? 1 : 0
        default:
            guard case .object = index, let x = try? indexValue(index) else {
                let noun = what == "range object" ? "range" : what == "string" ? "string" : what
                throw PyError.typeError("\(noun) indices must be integers or slices, not \(index.typeName)")
            }
            i = x
        }
        let j = i < 0 ? i + count : i
        guard j >= 0 && j < count else { throw PyError.indexError("\(what) index out of range") }
        return j
    }

    func sliceIndices(_ s: PySlice, _ count: Int) throws -> [Int] {
        let (start, stop, step) = try s.resolve(count, self)
        var out: [Int] = []
        var i = start
        if step > 0 {
            while i < stop { out.append(i); i += step }
        } else {
            while i > stop { out.append(i); i += step }
        }
        return out
    }

    public func setItem(_ obj: Value, _ index: Value, _ v: Value) throws {
        if case .object(let o) = obj {
            switch o {
            case let l as PyList:
                if let sl = index.as(PySlice.self) { return try assignSlice(l, sl, v) }
                l.items[try sequenceIndex(index, l.items.count, "list assignment")] = v
                return
            case let d as PyDict:
                try d.set(index, v)
                return
            default:
                if try callSpecial(obj, "__setitem__", [index, v]) != nil { return }
            }
        }
        throw PyError.typeError("'\(obj.typeName)' object does not support item assignment")
    }

    private func assignSlice(_ l: PyList, _ sl: PySlice, _ v: Value) throws {
        let newItems = try toArray(v)
        let (start, stop, step) = try sl.resolve(l.items.count, self)
        if step == 1 {
            l.items.replaceSubrange(start..<max(start, stop), with: newItems)
            return
        }
        let idx = try sliceIndices(sl, l.items.count)
        guard idx.count == newItems.count else {
            throw PyError.valueError("attempt to assign sequence of size \(newItems.count) to extended slice of size \(idx.count)")
        }
        for (i, x) in zip(idx, newItems) { l.items[i] = x }
    }

    public func delItem(_ obj: Value, _ index: Value) throws {
        if case .object(let o) = obj {
            switch o {
            case let l as PyList:
                if let sl = index.as(PySlice.self) {
                    let drop = Set(try sliceIndices(sl, l.items.count))
                    l.items = l.items.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
                    return
                }
                l.items.remove(at: try sequenceIndex(index, l.items.count, "list assignment"))
                return
            case let d as PyDict:
                if try d.remove(index) == nil { throw PyError.keyError(index) }
                return
            default:
                if try callSpecial(obj, "__delitem__", [index]) != nil { return }
            }
        }
        throw PyError.typeError("'\(obj.typeName)' object doesn't support item deletion")
    }

    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw PyError.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .object(let o):
            switch o {
            case let d as PyDict: return try d.get(item) != nil
            case let s as PySet: return try s.contains(item)
            case let r as PyRange:
                guard case .int(let i) = item else { break }
                if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
                return (i - r.start) % r.step == 0
            case is PyList, is PyTuple, is PyDictView: break
            default:
                if let r = try callSpecial(container, "__contains__", [item]) { return try isTruthy(r) }
            }
        default: break
        }
        guard isIterable(container) else {
            throw PyError.typeError("argument of type '\(container.typeName)' is not iterable")
        }
        var found = false
        var it = try makeIter(container)
        while let x = try it.next(self) {
            if try isIdentical(x, item) || equals(x, item) { found = true; break }
        }
        return found
    }
}

extension PySlice {
    /// CPython's `PySlice_GetIndicesEx`: clamped (start, stop, step) for a sequence of `count` items.
    func resolve(_ count: Int, _ interp: Interpreter) throws -> (Int, Int, Int) {
        let step = step.isNone ? 1 : try interp.sliceBound(step)
        if step == 0 { throw PyError.valueError("slice step cannot be zero") }
        func clamp(_ v: Value, _ dflt: Int) throws -> Int {
            if v.isNone { return dflt }
            var i = try interp.sliceBound(v)
            if i < 0 {
                i = i &+ count
                if i < 0 { i = step < 0 ? -1 : 0 }
            } else if i >= count {
                i = step < 0 ? count - 1 : count
            }
            return i
        }
        let start = try clamp(self.start, step < 0 ? count - 1 : 0)
        let stop = try clamp(self.stop, step < 0 ? -1 : count)
        return (start, stop, step)
    }
}

extension Interpreter {
    func sliceBound(_ v: Value) throws -> Int {
        do {
            return try indexValue(v)
        } catch {
            throw PyError.typeError("slice indices must be integers or None or have an __index__ method")
        }
    }
}
