import Foundation
import Language
import NN
import TensorEngine

/// `torch.optim.lr_scheduler`: the schedulers keep their state in the instance `__dict__`, as PyTorch's do, so
/// `state_dict()`, `last_epoch`, `base_lrs` and attribute writes behave alike; the learning rates live in the
/// optimiser's `param_groups` dicts and are computed with Python arithmetic on Python values (`PyArith`), in
/// PyTorch's expression order, so every printed digit matches (the chainable and closed forms differ in the last
/// bits, and an `int` lr stays an `int` until a factor touches it).
extension TorchLibrary {
    func installLRSchedulers(into optim: PyModule, interpreter: Interpreter) {
        let m = PyModule(name: "torch.optim.lr_scheduler")
        let base = PyType(name: "LRScheduler", module: "torch.optim.lr_scheduler", base: Types.object)
        m.dict["LRScheduler"] = .object(base)
        m.dict["_LRScheduler"] = .object(base)
        installSchedulerMethods(base)
        for kind in SchedulerKind.allCases {
            let t = PyType(name: kind.rawValue, module: "torch.optim.lr_scheduler", base: base)
            t.newInstance = { [unowned self] interp, args, kwargs in
                let o = PyObject(type: t)
                o.native = SchedulerBox(kind)
                try bridged { try makeScheduler(interp, o, kind, Array(args.dropFirst()), kwargs) }
                return .object(o)
            }
            t.addMethod("__init__") { _, _, _ in .none }
            m.dict[kind.rawValue] = .object(t)
            if kind == .reduceLROnPlateau { installPlateauMethods(t) }
            if kind == .cosineAnnealingWarmRestarts { installWarmRestartsStep(t) }
            if kind == .lambdaLR || kind == .multiplicativeLR { installLambdaStateDict(t) }
        }
        optim.dict["lr_scheduler"] = .object(m)
        interpreter.registerModule(m)
    }

    private func installSchedulerMethods(_ t: PyType) {
        t.addMethod("__init__") { _, _, _ in .none }
        t.method("step") { [unowned self] interp, args, kwargs in
            let a = try Arguments("step", args, kwargs, ["epoch"], dropSelf: true)
            try schedulerStep(interp, try schedulerObject(args[0]), epoch: a["epoch"])
            return .none
        }
        t.method("get_last_lr") { [unowned self] _, args, _ in
            try schedulerAttribute(try schedulerObject(args[0]), "_last_lr")
        }
        t.method("get_lr") { [unowned self] interp, args, _ in
            let o = try schedulerObject(args[0])
            if !isTrue(o.attributes?["_get_lr_called_within_step"]) {
                NNWarnings.handler("UserWarning", "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.")
            }
            return .object(PyList(try learningRates(interp, o)))
        }
        t.method("state_dict") { [unowned self] _, args, _ in
            let o = try schedulerObject(args[0])
            let d = PyDict()
            for (k, v) in o.attributes?.items ?? [] where k != "optimizer" { try d.set(.str(k), v) }
            return .object(d)
        }
        t.method("load_state_dict") { [unowned self] _, args, _ in
            let o = try schedulerObject(args[0])
            guard args.count == 2, let d = args[1].as(PyDict.self) else { throw PyError.typeError("state_dict must be a dict") }
            for (k, v) in d.items { if case .str(let key) = k, key != "lr_lambdas" { o.attributes?[key] = v } }
            return .none
        }
    }

    /// `LambdaLR.state_dict()`: plain functions are saved as `None`.
    private func installLambdaStateDict(_ t: PyType) {
        t.method("state_dict") { [unowned self] _, args, _ in
            let o = try schedulerObject(args[0])
            let d = PyDict()
            for (k, v) in o.attributes?.items ?? [] where k != "optimizer" && k != "lr_lambdas" { try d.set(.str(k), v) }
            let lambdas = o.attributes?["lr_lambdas"]?.as(PyList.self)?.items ?? []
            let saved: [Value] = try lambdas.map { fn in
                guard let obj = fn.object, obj.type !== Types.function, let attrs = obj.attributes else { return .none }
                let copy = PyDict()
                for (k, v) in attrs.items { try copy.set(.str(k), v) }
                return .object(copy)
            }
            try d.set(.str("lr_lambdas"), .object(PyList(saved)))
            return .object(d)
        }
    }

    // MARK: LRScheduler.__init__ and step

    /// `LRScheduler.__init__`: `initial_lr` into every group, `base_lrs`, then the initial step.
    func schedulerBaseInit(_ interp: Interpreter, _ o: PyObject, lastEpoch: Value) throws {
        let groups = try paramGroupDicts(o)
        if case .int(-1) = lastEpoch {
            for g in groups where g["initial_lr"] == nil { try g.set(.str("initial_lr"), g["lr"] ?? .none) }
        } else {
            for (i, g) in groups.enumerated() where g["initial_lr"] == nil {
                throw PyError(PyException(type: Types.keyError, args: [.str(
                    "param 'initial_lr' is not specified in param_groups[\(i)] when resuming scheduler with last_epoch >= 0.\n"
                    + "This typically happens when:\n"
                    + "1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state\n"
                    + "2. You're using last_epoch >= 0 for a fresh training run (not recommended)")]))
            }
        }
        o.attributes?["base_lrs"] = .object(PyList(groups.map { $0["initial_lr"] ?? .none }))
        o.attributes?["last_epoch"] = lastEpoch
        o.attributes?["_step_count"] = .int(0)
        o.attributes?["_is_initial"] = .bool(true)
        defer { o.attributes?["_is_initial"] = .bool(false) }
        if (o.native as? SchedulerBox)?.kind == .cosineAnnealingWarmRestarts {
            try warmRestartsStep(interp, o, epoch: nil)
        } else {
            try schedulerStep(interp, o, epoch: nil)
        }
    }

    /// `LRScheduler.step(epoch=None)`.
    func schedulerStep(_ interp: Interpreter, _ o: PyObject, epoch: Value?) throws {
        let count = try Convert.int(try schedulerAttribute(o, "_step_count"))
        if count == 1, let opt = o.attributes?["optimizer"]?.object,
           !isTrue(opt.attributes?["_opt_called"]) {
            NNWarnings.handler("UserWarning", "Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
                + "In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before "
                + "`lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the "
                + "learning rate schedule. See more details at "
                + "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate")
        }
        o.attributes?["_step_count"] = .int(count + 1)
        if epoch != nil { warnOnce(o, Self.epochDeprecation) }
        o.attributes?["_get_lr_called_within_step"] = .bool(true)
        let values: [Value]
        do {
            defer { o.attributes?["_get_lr_called_within_step"] = .bool(false) }
            if let epoch {
                o.attributes?["last_epoch"] = epoch
                values = try closedFormRates(interp, o) ?? learningRates(interp, o)
            } else {
                o.attributes?["last_epoch"] = try interp.binaryOp(.add, try schedulerAttribute(o, "last_epoch"), .int(1))
                values = try learningRates(interp, o)
            }
        }
        let groups = try paramGroupDicts(o)
        guard values.count == groups.count else {
            throw PyError.valueError("zip() argument 2 is shorter than argument 1")
        }
        for (g, lr) in zip(groups, values) { try g.set(.str("lr"), lr) }
        o.attributes?["_last_lr"] = .object(PyList(groups.map { $0["lr"] ?? .none }))
    }

    static let epochDeprecation = "The epoch parameter in `scheduler.step()` was not necessary and is being "
        + "deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, "
        + "if epoch is different from None, the closed form is used instead of the new chainable form, where "
        + "available. Please open an issue if you are unable to replicate your use case: "
        + "https://github.com/pytorch/pytorch/issues/new/choose."

    // MARK: Access

    func schedulerObject(_ v: Value) throws -> PyObject {
        guard let o = v.object, o.native is SchedulerBox else {
            throw PyError.typeError("descriptor requires a 'LRScheduler' object but received a '\(v.typeName)'")
        }
        return o
    }

    func schedulerAttribute(_ o: PyObject, _ name: String) throws -> Value {
        guard let v = o.attributes?[name] else {
            throw PyError.attributeError("'\(o.type.name)' object has no attribute '\(name)'")
        }
        return v
    }

    /// The optimiser's `param_groups` dicts (the truth for `lr`).
    func paramGroupDicts(_ o: PyObject) throws -> [PyDict] {
        guard let opt = o.attributes?["optimizer"]?.object,
              let list = opt.attributes?["param_groups"]?.as(PyList.self) else { return [] }
        return list.items.compactMap { $0.as(PyDict.self) }
    }

    func groupRates(_ o: PyObject) throws -> [Value] { try paramGroupDicts(o).map { $0["lr"] ?? .none } }

    /// Python shows a warning once per source line; once per scheduler is the nearest we can tell.
    func warnOnce(_ o: PyObject, _ message: String) {
        guard let box = o.native as? SchedulerBox, box.warned.insert(message).inserted else { return }
        NNWarnings.handler("UserWarning", message)
    }

    func isTrue(_ v: Value?) -> Bool {
        if case .bool(true)? = v { return true }
        return false
    }
}

/// Which scheduler an object is; its state is in the object's `__dict__`.
final class SchedulerBox {
    let kind: SchedulerKind
    var warned: Set<String> = []
    init(_ kind: SchedulerKind) { self.kind = kind }
}

enum SchedulerKind: String, CaseIterable {
    case lambdaLR = "LambdaLR", multiplicativeLR = "MultiplicativeLR", stepLR = "StepLR", multiStepLR = "MultiStepLR"
    case constantLR = "ConstantLR", linearLR = "LinearLR", exponentialLR = "ExponentialLR"
    case polynomialLR = "PolynomialLR", cosineAnnealingLR = "CosineAnnealingLR"
    case reduceLROnPlateau = "ReduceLROnPlateau", cosineAnnealingWarmRestarts = "CosineAnnealingWarmRestarts"
    case oneCycleLR = "OneCycleLR"
}

/// Python's arithmetic on Python values (ints stay ints, floats round as CPython's do).
struct PyArith {
    let interp: Interpreter
    func add(_ a: Value, _ b: Value) throws -> Value { try interp.binaryOp(.add, a, b) }
    func sub(_ a: Value, _ b: Value) throws -> Value { try interp.binaryOp(.sub, a, b) }
    func mul(_ a: Value, _ b: Value) throws -> Value { try interp.binaryOp(.mul, a, b) }
    func div(_ a: Value, _ b: Value) throws -> Value { try interp.binaryOp(.div, a, b) }
    func pow(_ a: Value, _ b: Value) throws -> Value { try interp.binaryOp(.pow, a, b) }
    func floorDiv(_ a: Value, _ b: Value) throws -> Value { try interp.binaryOp(.floorDiv, a, b) }
    func mod(_ a: Value, _ b: Value) throws -> Value { try interp.binaryOp(.mod, a, b) }
    func less(_ a: Value, _ b: Value) throws -> Bool { try interp.lessThan(a, b) }
    /// `math.cos(x)`.
    func cos(_ x: Value) throws -> Value { .float(Foundation.cos(try Convert.double(x))) }
    /// `min(a, b)`: the first of equals, as Python's.
    func min(_ a: Value, _ b: Value) throws -> Value { try less(b, a) ? b : a }
    static let pi = Value.float(Double.pi)
}
