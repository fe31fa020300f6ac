import Foundation
import Language
import NN
import TensorEngine

/// Each scheduler's constructor and its `get_lr` / `_get_closed_form_lr`, transcribed from PyTorch's
/// `torch/optim/lr_scheduler.py` expression by expression (the order of operations fixes the last bits).
extension TorchLibrary {
    func makeScheduler(_ interp: Interpreter, _ o: PyObject, _ kind: SchedulerKind, _ args: [Value], _ kwargs: Kwargs) throws {
        let name = kind.rawValue + ".__init__"
        func parse(_ names: [String]) throws -> Arguments { try Arguments(name, args, kwargs, ["optimizer"] + names + ["last_epoch"]) }
        func setOptimizer(_ a: Arguments) throws {
            let v = try a.required("optimizer")
            guard v.native(as: Optimizer.self) != nil else { throw PyError.typeError("\(v.typeName) is not an Optimizer") }
            o.attributes?["optimizer"] = v
        }
        func number(_ a: Arguments, _ key: String, _ d: Value) throws -> Value {
            guard let v = a[key] else { return d }
            _ = try Convert.double(v, name, key)
            return v
        }
        let attrs: [(String, Value)]
        var a: Arguments
        switch kind {
        case .lambdaLR, .multiplicativeLR:
            a = try parse(["lr_lambda"])
            try setOptimizer(a)
            let groups = try paramGroupDicts(o).count
            let fn = try a.required("lr_lambda")
            var lambdas = Array(repeating: fn, count: groups)
            if fn.as(PyList.self) != nil || fn.as(PyTuple.self) != nil {
                let items = Convert.sequenceItems(fn) ?? []
                guard items.count == groups else { throw PyError.valueError("Expected \(groups) lr_lambdas, but got \(items.count)") }
                lambdas = items
            }
            attrs = [("lr_lambdas", .object(PyList(lambdas)))]
        case .stepLR:
            a = try parse(["step_size", "gamma"])
            attrs = [("step_size", try a.required("step_size")), ("gamma", try number(a, "gamma", .float(0.1)))]
        case .multiStepLR:
            a = try parse(["milestones", "gamma"])
            // PyTorch keeps a `Counter`; a dict of counts in first-seen order holds the same.
            let counts = PyDict()
            for m in try interp.toArray(try a.required("milestones")) {
                try counts.set(m, try interp.binaryOp(.add, try counts.get(m) ?? .int(0), .int(1)))
            }
            attrs = [("milestones", .object(counts)), ("gamma", try number(a, "gamma", .float(0.1)))]
        case .constantLR:
            a = try parse(["factor", "total_iters"])
            let factor = try number(a, "factor", .float(1.0 / 3))
            let f = try Convert.double(factor)
            if f > 1 || f < 0 { throw PyError.valueError("Constant multiplicative factor expected to be between 0 and 1.") }
            attrs = [("factor", factor), ("total_iters", a["total_iters"] ?? .int(5))]
        case .linearLR:
            a = try parse(["start_factor", "end_factor", "total_iters"])
            let start = try number(a, "start_factor", .float(1.0 / 3)), end = try number(a, "end_factor", .float(1.0))
            let s = try Convert.double(start), e = try Convert.double(end)
            if s > 1 || s <= 0 {
                throw PyError.valueError("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
            }
            if e > 1 || e < 0 { throw PyError.valueError("Ending multiplicative factor expected to be between 0 and 1.") }
            attrs = [("start_factor", start), ("end_factor", end), ("total_iters", a["total_iters"] ?? .int(5))]
        case .exponentialLR:
            a = try parse(["gamma"])
            attrs = [("gamma", try a.required("gamma"))]
        case .polynomialLR:
            a = try parse(["total_iters", "power"])
            attrs = [("total_iters", a["total_iters"] ?? .int(5)), ("power", try number(a, "power", .float(1.0)))]
        case .cosineAnnealingLR:
            a = try parse(["T_max", "eta_min"])
            attrs = [("T_max", try a.required("T_max")), ("eta_min", try number(a, "eta_min", .float(0.0)))]
        case .cosineAnnealingWarmRestarts:
            a = try parse(["T_0", "T_mult", "eta_min"])
            let t0 = try a.required("T_0"), tMult = a["T_mult"] ?? .int(1)
            guard case .int(let t0Int) = t0, t0Int > 0 else {
                throw PyError.valueError("Expected positive integer T_0, but got \(try interp.str(t0))")
            }
            guard case .int(let m) = tMult, m >= 1 else {
                throw PyError.valueError("Expected integer T_mult >= 1, but got \(try interp.str(tMult))")
            }
            attrs = [("T_0", t0), ("T_i", t0), ("T_mult", tMult), ("eta_min", try number(a, "eta_min", .float(0.0))),
                     ("T_cur", a["last_epoch"] ?? .int(-1))]
        case .oneCycleLR:
            return try makeOneCycle(interp, o, args, kwargs)
        case .reduceLROnPlateau:
            return try makePlateau(interp, o, args, kwargs)
        }
        for (k, v) in attrs { o.attributes?[k] = v }
        if o.attributes?["optimizer"] == nil { try setOptimizer(a) }
        try schedulerBaseInit(interp, o, lastEpoch: a["last_epoch"] ?? .int(-1))
    }

    /// `get_lr()`: the chainable form.
    func learningRates(_ interp: Interpreter, _ o: PyObject) throws -> [Value] {
        guard let kind = (o.native as? SchedulerBox)?.kind else { return [] }
        let p = PyArith(interp: interp)
        func attr(_ name: String) throws -> Value { try schedulerAttribute(o, name) }
        let epoch = try attr("last_epoch")
        let initial = isTrue(o.attributes?["_is_initial"])
        let groups = try groupRates(o)
        let bases = try attr("base_lrs").as(PyList.self)?.items ?? []
        func isZero(_ v: Value) -> Bool { if case .int(0) = v { return true }; return false }
        switch kind {
        case .lambdaLR:
            let lambdas = try attr("lr_lambdas").as(PyList.self)?.items ?? []
            return try zip(lambdas, bases).map { fn, base in try p.mul(base, try interp.call(fn, [epoch])) }
        case .multiplicativeLR:
            if initial { return groups }
            let lambdas = try attr("lr_lambdas").as(PyList.self)?.items ?? []
            return try zip(lambdas, groups).map { fn, lr in try p.mul(lr, try interp.call(fn, [epoch])) }
        case .stepLR:
            if try isZero(epoch) || !isZero(p.mod(epoch, attr("step_size"))) { return groups }
            return try groups.map { try p.mul($0, try attr("gamma")) }
        case .multiStepLR:
            guard let count = try attr("milestones").as(PyDict.self)?.get(epoch) else { return groups }
            return try groups.map { try p.mul($0, try p.pow(try attr("gamma"), count)) }
        case .constantLR:
            let factor = try attr("factor")
            if isZero(epoch) { return try groups.map { try p.mul($0, factor) } }
            if try interp.isTruthy(try interp.compareOp(.notEq, epoch, try attr("total_iters"))) { return groups }
            return try groups.map { try p.mul($0, try p.div(.float(1.0), factor)) }
        case .linearLR:
            let start = try attr("start_factor"), end = try attr("end_factor"), total = try attr("total_iters")
            if isZero(epoch) { return try groups.map { try p.mul($0, start) } }
            if try initial || p.less(total, epoch) { return groups }
            let span = try p.sub(end, start)
            let factor = try p.add(.float(1.0), try p.div(span, try p.add(try p.mul(total, start),
                                                                          try p.mul(try p.sub(epoch, .int(1)), span))))
            return try groups.map { try p.mul($0, factor) }
        case .exponentialLR:
            if initial { return groups }
            return try groups.map { try p.mul($0, try attr("gamma")) }
        case .polynomialLR:
            let total = try attr("total_iters")
            if try initial || p.less(total, epoch) { return groups }
            let decay = try p.pow(try p.div(try p.sub(.float(1.0), try p.div(epoch, total)),
                                            try p.sub(.float(1.0), try p.div(try p.sub(epoch, .int(1)), total))),
                                  try attr("power"))
            return try groups.map { try p.mul($0, decay) }
        case .cosineAnnealingLR:
            if initial { return groups }
            let eta = try attr("eta_min"), tMax = try attr("T_max")
            if case .int(1) = try attr("_step_count"), try p.less(.int(0), epoch) {
                return try bases.map { base in
                    try p.add(eta, try p.div(try p.mul(try p.sub(base, eta),
                                                       try p.add(.int(1), try p.cos(try p.div(try p.mul(epoch, PyArith.pi), tMax)))),
                                             .int(2)))
                }
            }
            let phase = try p.mod(try p.sub(try p.sub(epoch, .int(1)), tMax), try p.mul(.int(2), tMax))
            if try isZero(phase) || Convert.double(phase) == 0 {
                return try zip(bases, groups).map { base, lr in
                    try p.add(lr, try p.div(try p.mul(try p.sub(base, eta), try p.sub(.int(1), try p.cos(try p.div(PyArith.pi, tMax)))),
                                            .int(2)))
                }
            }
            let ratio = try p.div(try p.add(.int(1), try p.cos(try p.div(try p.mul(PyArith.pi, epoch), tMax))),
                                  try p.add(.int(1), try p.cos(try p.div(try p.mul(PyArith.pi, try p.sub(epoch, .int(1))), tMax))))
            return try groups.map { lr in try p.add(try p.mul(ratio, try p.sub(lr, eta)), eta) }
        case .cosineAnnealingWarmRestarts:
            let eta = try attr("eta_min")
            let cosine = try p.add(.int(1), try p.cos(try p.div(try p.mul(PyArith.pi, try attr("T_cur")), try attr("T_i"))))
            return try bases.map { base in try p.add(eta, try p.div(try p.mul(try p.sub(base, eta), cosine), .int(2))) }
        case .oneCycleLR:
            return try oneCycleRates(interp, o)
        case .reduceLROnPlateau:
            return groups
        }
    }

    /// `_get_closed_form_lr()`, used when `step(epoch)` is given one; nil where PyTorch has none.
    func closedFormRates(_ interp: Interpreter, _ o: PyObject) throws -> [Value]? {
        guard let kind = (o.native as? SchedulerBox)?.kind else { return nil }
        let p = PyArith(interp: interp)
        func attr(_ name: String) throws -> Value { try schedulerAttribute(o, name) }
        let epoch = try attr("last_epoch")
        let bases = try attr("base_lrs").as(PyList.self)?.items ?? []
        let factor: Value
        switch kind {
        case .stepLR:
            factor = try p.pow(try attr("gamma"), try p.floorDiv(epoch, try attr("step_size")))
        case .multiStepLR:
            var sorted: [Value] = []
            for (m, count) in try attr("milestones").as(PyDict.self)?.items ?? [] {
                sorted += Array(repeating: m, count: (try? Convert.int(count)) ?? 0)
            }
            sorted = try sorted.sorted { try p.less($0, $1) }
            let index = try sorted.filter { !(try p.less(epoch, $0)) }.count
            factor = try p.pow(try attr("gamma"), .int(index))
        case .constantLR:
            let f = try attr("factor")
            let reached: Value = .int(try p.less(epoch, try attr("total_iters")) ? 0 : 1)
            factor = try p.add(f, try p.mul(reached, try p.sub(.int(1), f)))
        case .linearLR:
            let start = try attr("start_factor"), total = try attr("total_iters")
            factor = try p.add(start, try p.div(try p.mul(try p.sub(try attr("end_factor"), start), try p.min(total, epoch)), total))
        case .exponentialLR:
            factor = try p.pow(try attr("gamma"), epoch)
        case .polynomialLR:
            let total = try attr("total_iters")
            factor = try p.pow(try p.sub(.float(1.0), try p.div(try p.min(total, epoch), total)), try attr("power"))
        case .cosineAnnealingLR:
            let eta = try attr("eta_min")
            let cosine = try p.add(.int(1), try p.cos(try p.div(try p.mul(PyArith.pi, epoch), try attr("T_max"))))
            return try bases.map { base in try p.add(eta, try p.div(try p.mul(try p.sub(base, eta), cosine), .int(2))) }
        default:
            return nil
        }
        return try bases.map { try p.mul($0, factor) }
    }
}
