import Foundation
import Language
import NN
import TensorEngine

/// The schedulers whose constructor or `step` is their own: `ReduceLROnPlateau`, `CosineAnnealingWarmRestarts`,
/// `OneCycleLR` (PyTorch's `lr_scheduler.py`, transcribed).
extension TorchLibrary {
    // MARK: ReduceLROnPlateau

    func makePlateau(_ interp: Interpreter, _ o: PyObject, _ args: [Value], _ kwargs: Kwargs) throws {
        let a = try Arguments("ReduceLROnPlateau.__init__", args, kwargs,
                              ["optimizer", "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps"])
        let factor = a["factor"] ?? .float(0.1)
        if try Convert.double(factor) >= 1 { throw PyError.valueError("Factor should be < 1.0.") }
        o.attributes?["factor"] = factor
        let optimizer = try a.required("optimizer")
        guard optimizer.native(as: Optimizer.self) != nil else { throw PyError.typeError("\(optimizer.typeName) is not an Optimizer") }
        o.attributes?["optimizer"] = optimizer
        let groups = try paramGroupDicts(o).count
        let minLr = a["min_lr"] ?? .int(0)
        if minLr.as(PyList.self) != nil || minLr.as(PyTuple.self) != nil {
            let items = Convert.sequenceItems(minLr) ?? []
            guard items.count == groups else { throw PyError.valueError("expected \(groups) min_lrs, got \(items.count)") }
            o.attributes?["default_min_lr"] = Value.none
            o.attributes?["min_lrs"] = .object(PyList(items))
        } else {
            o.attributes?["default_min_lr"] = minLr
            o.attributes?["min_lrs"] = .object(PyList(Array(repeating: minLr, count: groups)))
        }
        o.attributes?["patience"] = a["patience"] ?? .int(10)
        o.attributes?["cooldown"] = a["cooldown"] ?? .int(0)
        o.attributes?["eps"] = a["eps"] ?? .float(1e-8)
        o.attributes?["last_epoch"] = .int(0)
        o.attributes?["_last_lr"] = .object(PyList(try groupRates(o)))
        let mode = try a.string("mode", default: "min"), thresholdMode = try a.string("threshold_mode", default: "rel")
        guard mode == "min" || mode == "max" else { throw PyError.valueError("mode \(mode) is unknown!") }
        guard thresholdMode == "rel" || thresholdMode == "abs" else {
            throw PyError.valueError("threshold mode \(thresholdMode) is unknown!")
        }
        o.attributes?["mode_worse"] = .float(mode == "min" ? .infinity : -.infinity)
        o.attributes?["mode"] = .str(mode)
        o.attributes?["threshold"] = a["threshold"] ?? .float(1e-4)
        o.attributes?["threshold_mode"] = .str(thresholdMode)
        o.attributes?["best"] = o.attributes?["mode_worse"]
        o.attributes?["cooldown_counter"] = .int(0)
        o.attributes?["num_bad_epochs"] = .int(0)
    }

    func installPlateauMethods(_ t: PyType) {
        t.method("step") { [unowned self] interp, args, kwargs in
            let a = try Arguments("step", args, kwargs, ["metrics", "epoch"], dropSelf: true)
            let o = try schedulerObject(args[0])
            try plateauStep(interp, o, current: try Convert.double(try a.required("metrics"), "float", "metrics"), epoch: a["epoch"])
            return .none
        }
    }

    private func plateauStep(_ interp: Interpreter, _ o: PyObject, current: Double, epoch: Value?) throws {
        func attr(_ name: String) throws -> Value { try schedulerAttribute(o, name) }
        func int(_ name: String) throws -> Int { try Convert.int(try attr(name)) }
        if epoch != nil { warnOnce(o, Self.epochDeprecation) }
        let epochValue = try epoch ?? interp.binaryOp(.add, try attr("last_epoch"), .int(1))
        o.attributes?["last_epoch"] = epochValue
        let best = try Convert.double(try attr("best")), threshold = try Convert.double(try attr("threshold"))
        let better: Bool
        switch (try interp.str(try attr("mode")), try interp.str(try attr("threshold_mode"))) {
        case ("min", "rel"): better = current < best * (1.0 - threshold)
        case ("min", _): better = current < best - threshold
        case (_, "rel"): better = current > best * (threshold + 1.0)
        default: better = current > best + threshold
        }
        if better {
            o.attributes?["best"] = .float(current)
            o.attributes?["num_bad_epochs"] = .int(0)
        } else {
            o.attributes?["num_bad_epochs"] = .int(try int("num_bad_epochs") + 1)
        }
        if try int("cooldown_counter") > 0 {
            o.attributes?["cooldown_counter"] = .int(try int("cooldown_counter") - 1)
            o.attributes?["num_bad_epochs"] = .int(0)
        }
        if try int("num_bad_epochs") > int("patience") {
            try reduceRates(interp, o)
            o.attributes?["cooldown_counter"] = try attr("cooldown")
            o.attributes?["num_bad_epochs"] = .int(0)
        }
        o.attributes?["_last_lr"] = .object(PyList(try groupRates(o)))
    }

    private func reduceRates(_ interp: Interpreter, _ o: PyObject) throws {
        let groups = try paramGroupDicts(o)
        var minLrs = try schedulerAttribute(o, "min_lrs").as(PyList.self)?.items ?? []
        if minLrs.count != groups.count {
            guard let d = o.attributes?["default_min_lr"], !d.isNone else {
                throw PyError.runtimeError("The number of param groups in the `optimizer` (\(groups.count)) differs from when "
                    + "`ReduceLROnPlateau` was initialized (\(minLrs.count)), usually due to a new param group being added to "
                    + "the optimizer. Please modify the `min_lrs` field to match the length of the `optimizer` param groups.")
            }
            minLrs = Array(repeating: d, count: groups.count)
            o.attributes?["min_lrs"] = .object(PyList(minLrs))
        }
        let factor = try Convert.double(try schedulerAttribute(o, "factor"))
        let eps = try Convert.double(try schedulerAttribute(o, "eps"))
        for (g, minLr) in zip(groups, minLrs) {
            let old = try Convert.double(g["lr"] ?? .none)
            // max(old * factor, min_lr): the first of equals, as Python's max.
            let scaled = old * factor
            let new: Value = try Convert.double(minLr) > scaled ? minLr : .float(scaled)
            if old - (try Convert.double(new)) > eps { try g.set(.str("lr"), new) }
        }
    }

    // MARK: CosineAnnealingWarmRestarts

    func installWarmRestartsStep(_ t: PyType) {
        t.method("step") { [unowned self] interp, args, kwargs in
            let a = try Arguments("step", args, kwargs, ["epoch"], dropSelf: true)
            try warmRestartsStep(interp, try schedulerObject(args[0]), epoch: a["epoch"])
            return .none
        }
    }

    /// `CosineAnnealingWarmRestarts.step(epoch=None)`: its own bookkeeping of `T_cur` and `T_i`, no step count.
    func warmRestartsStep(_ interp: Interpreter, _ o: PyObject, epoch given: Value?) throws {
            let p = PyArith(interp: interp)
            func attr(_ name: String) throws -> Value { try schedulerAttribute(o, name) }
            var epoch = given
            if epoch == nil, try p.less(try attr("last_epoch"), .int(0)) { epoch = .int(0) }
            if let e = epoch {
                if try p.less(e, .int(0)) { throw PyError.valueError("Expected non-negative epoch, but got \(try interp.str(e))") }
                let t0 = try attr("T_0"), tMult = try attr("T_mult")
                if !(try p.less(e, t0)) {
                    if case .int(1) = tMult {
                        o.attributes?["T_cur"] = try p.mod(e, t0)
                    } else {
                        let x = try Convert.double(try p.add(try p.mul(try p.div(e, t0), try p.sub(tMult, .int(1))), .int(1)))
                        let n = Int(Foundation.log(x) / Foundation.log(try Convert.double(tMult)))
                        let powered = try p.pow(tMult, .int(n))
                        o.attributes?["T_cur"] = try p.sub(e, try p.div(try p.mul(t0, try p.sub(powered, .int(1))),
                                                                        try p.sub(tMult, .int(1))))
                        o.attributes?["T_i"] = try p.mul(t0, powered)
                    }
                } else {
                    o.attributes?["T_i"] = t0
                    o.attributes?["T_cur"] = e
                }
            } else {
                epoch = try p.add(try attr("last_epoch"), .int(1))
                var tCur = try p.add(try attr("T_cur"), .int(1))
                if !(try p.less(tCur, try attr("T_i"))) {
                    tCur = try p.mod(tCur, try attr("T_i"))
                    o.attributes?["T_i"] = try p.mul(try attr("T_i"), try attr("T_mult"))
                }
                o.attributes?["T_cur"] = tCur
            }
            let e = epoch ?? .int(0)
            if case .float(let d) = e { o.attributes?["last_epoch"] = .int(Int(d.rounded(.down))) } else { o.attributes?["last_epoch"] = e }
            o.attributes?["_get_lr_called_within_step"] = .bool(true)
            defer { o.attributes?["_get_lr_called_within_step"] = .bool(false) }
            let groups = try paramGroupDicts(o)
            for (g, lr) in zip(groups, try learningRates(interp, o)) { try g.set(.str("lr"), lr) }
            o.attributes?["_last_lr"] = .object(PyList(try groupRates(o)))
    }

    // MARK: OneCycleLR

    func makeOneCycle(_ interp: Interpreter, _ o: PyObject, _ args: [Value], _ kwargs: Kwargs) throws {
        let a = try Arguments("OneCycleLR.__init__", args, kwargs,
                              ["optimizer", "max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy",
                               "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor",
                               "three_phase", "last_epoch"])
        let p = PyArith(interp: interp)
        let optimizer = try a.required("optimizer")
        guard optimizer.native(as: Optimizer.self) != nil else { throw PyError.typeError("\(optimizer.typeName) is not an Optimizer") }
        o.attributes?["optimizer"] = optimizer
        let total: Value
        if let steps = a["total_steps"] {
            guard case .int(let n) = steps, n > 0 else {
                throw PyError.valueError("Expected positive integer total_steps, but got \(try interp.str(steps))")
            }
            total = steps
        } else if let epochs = a["epochs"], let perEpoch = a["steps_per_epoch"] {
            guard case .int(let e) = epochs, e > 0 else { throw PyError.valueError("Expected positive integer epochs, but got \(try interp.str(epochs))") }
            guard case .int(let s) = perEpoch, s > 0 else {
                throw PyError.valueError("Expected positive integer steps_per_epoch, but got \(try interp.str(perEpoch))")
            }
            total = .int(e * s)
        } else {
            throw PyError.valueError("You must define either total_steps OR (epochs AND steps_per_epoch)")
        }
        o.attributes?["total_steps"] = total
        let pctStart = a["pct_start"] ?? .float(0.3)
        func phase(_ end: Value, _ s: String, _ e: String, _ sm: String, _ em: String) throws -> Value {
            let d = PyDict()
            for (k, v) in [("end_step", end), ("start_lr", .str(s)), ("end_lr", .str(e)), ("start_momentum", .str(sm)),
                           ("end_momentum", .str(em))] { try d.set(.str(k), v) }
            return .object(d)
        }
        let lastStep = try p.sub(total, .int(1))
        let first = try p.sub(.float(try Convert.double(try p.mul(pctStart, total))), .int(1))
        let phases: [Value]
        if try a.bool("three_phase", default: false) {
            let second = try p.sub(.float(try Convert.double(try p.mul(try p.mul(.int(2), pctStart), total))), .int(2))
            phases = [try phase(first, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                      try phase(second, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                      try phase(lastStep, "initial_lr", "min_lr", "max_momentum", "max_momentum")]
        } else {
            phases = [try phase(first, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                      try phase(lastStep, "max_lr", "min_lr", "base_momentum", "max_momentum")]
        }
        o.attributes?["_schedule_phases"] = .object(PyList(phases))
        guard case .float(let pct) = pctStart, pct >= 0, pct <= 1 else {
            throw PyError.valueError("Expected float between 0 and 1 pct_start, but got \(try interp.str(pctStart))")
        }
        let strategy = try a.string("anneal_strategy", default: "cos")
        guard strategy == "cos" || strategy == "linear" else {
            throw PyError.valueError("anneal_strategy must be one of 'cos' or 'linear', instead got \(strategy)")
        }
        o.attributes?["_anneal_func_type"] = .str(strategy)
        let groups = try paramGroupDicts(o)
        func perGroup(_ name: String, _ v: Value) throws -> [Value] {
            guard v.as(PyList.self) != nil || v.as(PyTuple.self) != nil else { return Array(repeating: v, count: groups.count) }
            let items = Convert.sequenceItems(v) ?? []
            guard items.count == groups.count else {
                throw PyError.valueError("\(name) must have the same length as optimizer.param_groups. \(name) has \(items.count) "
                    + "values, param_groups has \(groups.count).")
            }
            return items
        }
        let maxLrs = try perGroup("max_lr", try a.required("max_lr"))
        let lastEpoch = a["last_epoch"] ?? .int(-1)
        let fresh: Bool = { if case .int(-1) = lastEpoch { return true }; return false }()
        if fresh {
            for (g, maxLr) in zip(groups, maxLrs) {
                try g.set(.str("initial_lr"), try p.div(maxLr, a["div_factor"] ?? .float(25.0)))
                try g.set(.str("max_lr"), maxLr)
                try g.set(.str("min_lr"), try p.div(g["initial_lr"] ?? .none, a["final_div_factor"] ?? .float(1e4)))
            }
        }
        let cycle = try a.bool("cycle_momentum", default: true)
        o.attributes?["cycle_momentum"] = .bool(cycle)
        if cycle {
            let defaults = optimizer.object?.attributes?["defaults"]?.as(PyDict.self)
            guard defaults?["momentum"] != nil || defaults?["betas"] != nil else {
                throw PyError.valueError("optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
            }
            let useBeta1 = defaults?["betas"] != nil
            o.attributes?["use_beta1"] = .bool(useBeta1)
            let maxMomentums = try perGroup("max_momentum", a["max_momentum"] ?? .float(0.95))
            let baseMomentums = try perGroup("base_momentum", a["base_momentum"] ?? .float(0.85))
            if fresh {
                for (i, g) in groups.enumerated() {
                    try setMomentum(g, maxMomentums[i], useBeta1: useBeta1)
                    try g.set(.str("max_momentum"), maxMomentums[i])
                    try g.set(.str("base_momentum"), baseMomentums[i])
                }
            }
        }
        try schedulerBaseInit(interp, o, lastEpoch: lastEpoch)
    }

    private func setMomentum(_ g: PyDict, _ m: Value, useBeta1: Bool) throws {
        if useBeta1 {
            let rest = Convert.sequenceItems(g["betas"] ?? .none)?.dropFirst() ?? []
            try g.set(.str("betas"), .object(PyTuple([m] + rest)))
        } else {
            try g.set(.str("momentum"), m)
        }
    }

    func oneCycleRates(_ interp: Interpreter, _ o: PyObject) throws -> [Value] {
        let p = PyArith(interp: interp)
        let step = try schedulerAttribute(o, "last_epoch"), total = try schedulerAttribute(o, "total_steps")
        if try p.less(total, step) {
            throw PyError.valueError("Tried to step \(try interp.str(step)) times. The specified number of total steps is \(try interp.str(total))")
        }
        let phases = (try schedulerAttribute(o, "_schedule_phases").as(PyList.self)?.items ?? []).compactMap { $0.as(PyDict.self) }
        let linear = try interp.str(try schedulerAttribute(o, "_anneal_func_type")) == "linear"
        let cycle = isTrue(o.attributes?["cycle_momentum"]), beta1 = isTrue(o.attributes?["use_beta1"])
        func anneal(_ start: Value, _ end: Value, _ pct: Value) throws -> Value {
            if linear { return try p.add(try p.mul(try p.sub(end, start), pct), start) }
            let cosOut = try p.add(try p.cos(try p.mul(PyArith.pi, pct)), .int(1))
            return try p.add(end, try p.mul(try p.div(try p.sub(start, end), .float(2.0)), cosOut))
        }
        func key(_ d: PyDict, _ k: String) throws -> String { try interp.str(d[k] ?? .none) }
        var rates: [Value] = []
        for g in try paramGroupDicts(o) {
            var startStep = Value.float(0.0)
            for (i, phase) in phases.enumerated() {
                let end = phase["end_step"] ?? .none
                guard try !p.less(end, step) || i == phases.count - 1 else {
                    startStep = end
                    continue
                }
                let pct = try p.div(try p.sub(step, startStep), try p.sub(end, startStep))
                rates.append(try anneal(g[try key(phase, "start_lr")] ?? .none, g[try key(phase, "end_lr")] ?? .none, pct))
                if cycle {
                    let m = try anneal(g[try key(phase, "start_momentum")] ?? .none, g[try key(phase, "end_momentum")] ?? .none, pct)
                    try setMomentum(g, m, useBeta1: beta1)
                }
                break
            }
        }
        return rates
    }
}
