import Language
import NN
import TensorEngine

/// The `torch` module: creation functions, dtypes, `Size`, generators, grad mode, and `torch.xxx(t, ...)`
/// forms of the tensor methods.
extension TorchLibrary {
    func installTorchFunctions(into torch: PyModule) {
        torch.dict["Tensor"] = .object(types.tensor)
        torch.dict["Size"] = .object(types.size)
        torch.dict["dtype"] = .object(types.dtype)
        torch.dict["Generator"] = .object(types.generator)
        torch.dict["__version__"] = .str("2.15.0")
        for (name, d) in [("float32", DType.float32), ("float", .float32), ("float64", .float64), ("double", .float64),
                          ("int64", .int64), ("long", .int64), ("bool", .bool)] {
            torch.dict[name] = dtypeValue(d)
        }
        installDTypeAndSize()
        installGenerator(torch)
        installGradMode(torch)
        installCreation(torch)
        installTutorialFunctions(torch)

        // torch.xxx(input, ...) → input.xxx(...)
        let forwarded = [
            "abs", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid", "relu", "neg", "negative", "log1p",
            "expm1", "reciprocal", "sign", "floor", "ceil", "round", "trunc", "square", "t", "clone", "detach",
            "logical_not", "sum", "mean", "max", "min", "amax", "amin", "argmax", "argmin", "prod", "var", "std",
            "logsumexp", "softmax", "log_softmax", "reshape", "flatten", "transpose", "swapaxes", "permute",
            "unsqueeze", "squeeze", "narrow", "select", "chunk", "split", "unbind", "index_select", "gather", "clamp",
            "clip", "masked_fill", "add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide",
            "remainder", "floor_divide", "eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or",
            "logical_xor", "pow", "matmul", "mm", "mv", "dot", "bmm", "maximum", "minimum", "equal", "allclose",
            "numel", "all", "any", "is_floating_point", "tolist",
        ]
        for name in forwarded {
            torch.define(name) { interp, args, kwargs in
                var args = args
                var kwargs = kwargs
                if args.isEmpty, let i = kwargs.firstIndex(where: { $0.0 == "input" }) {
                    args = [kwargs[i].1]
                    kwargs.remove(at: i)
                }
                guard let first = args.first, first.native(as: Tensor.self) != nil else {
                    throw PyError.typeError("\(name)(): argument 'input' (position 1) must be Tensor, not \(args.first?.typeName ?? "nothing")")
                }
                return try interp.callMethod(first, name, Array(args.dropFirst()), kwargs)
            }
        }
        torch.define("is_tensor") { [unowned self] _, args, _ in .bool(args.first.flatMap { tensor($0) } != nil) }
        torch.define("is_grad_enabled") { _, _, _ in .bool(GradMode.isEnabled) }
        torch.define("get_default_dtype") { [unowned self] _, _, _ in dtypeValue(.float32) }
        torch.define("where") { [unowned self] _, args, kwargs in
            let a = try Arguments("where", args, kwargs, ["condition", "input", "other"])
            let cond = try a.tensor("condition")
            let x = try operand(try a.required("input"))
            let y = try operand(try a.required("other"))
            guard case .tensor(let xt) = x else { return wrap(try Tensor.where(cond, Self.asTensor(x), Self.asTensor(y))) }
            if case .scalar(let s) = y { return wrap(try Tensor.where(cond, xt, s)) }
            return wrap(try Tensor.where(cond, xt, Self.asTensor(y)))
        }
        torch.define("cat") { [unowned self] _, args, kwargs in
            let a = try Arguments("cat", args, kwargs, ["tensors", "dim"])
            let ts = try (Convert.sequenceItems(try a.required("tensors")) ?? []).map { try requireTensor($0, "cat(): tensors") }
            return wrap(try Tensor.cat(ts, dim: try a.int("dim", default: 0)))
        }
        torch.dict["concat"] = torch.dict["cat"]
        torch.define("stack") { [unowned self] _, args, kwargs in
            let a = try Arguments("stack", args, kwargs, ["tensors", "dim"])
            let ts = try (Convert.sequenceItems(try a.required("tensors")) ?? []).map { try requireTensor($0, "stack(): tensors") }
            return wrap(try Tensor.stack(ts, dim: try a.int("dim", default: 0)))
        }
        torch.define("addmm") { [unowned self] _, args, kwargs in
            let a = try Arguments("addmm", args, kwargs, ["input", "mat1", "mat2", "beta", "alpha"])
            return wrap(try Tensor.addmm(try a.tensor("input"), try a.tensor("mat1"), try a.tensor("mat2"),
                                         beta: try a.double("beta", default: 1), alpha: try a.double("alpha", default: 1)))
        }
        torch.define("set_printoptions") { _, args, kwargs in
            let a = try Arguments("set_printoptions", args, kwargs,
                                  ["precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode"])
            if let p = a["profile"], case .str(let name) = p, let base = PrintOptions.profile(name) {
                PrintOptions.current = base
            }
            PrintOptions.current.update(precision: try a.optionalInt("precision"), threshold: try a.optionalInt("threshold"),
                                        edgeItems: try a.optionalInt("edgeitems"), lineWidth: try a.optionalInt("linewidth"))
            if a.has("sci_mode") { PrintOptions.current.sciMode = a["sci_mode"].map { v in (try? Convert.bool(v)) ?? false } }
            return .none
        }
        installMoreTorchFunctions(torch)
    }

    private func installDTypeAndSize() {
        let d = types.dtype
        d.method("__repr__") { _, args, _ in .str(args[0].native(as: DTypeBox.self)?.dtype.torchName ?? "torch.dtype") }
        d.property("is_floating_point") { _, o in .bool(o.native(as: DTypeBox.self)?.dtype.isFloatingPoint ?? false) }
        d.property("itemsize") { _, o in
            let t = o.native(as: DTypeBox.self)?.dtype ?? .float32
            return .int(t == .float64 || t == .int64 ? 8 : t == .bool ? 1 : 4)
        }

        let s = types.size
        s.newInstance = { [unowned self] _, args, _ in
            let items = args.count > 1 ? (Convert.sequenceItems(args[1]) ?? []) : []
            return size(try items.map { try Convert.int($0, "Size", "sizes") })
        }
        let sizeRepr: NativeFunction = { _, args, _ in
            let items = args[0].as(PyTuple.self)?.items ?? []
            let text = items.map { v -> String in if case .int(let i) = v { return String(i) }; return "?" }
            return .str("torch.Size([" + text.joined(separator: ", ") + "])")
        }
        s.addMethod("__repr__", sizeRepr)
        s.addMethod("__str__", sizeRepr)
        s.method("numel") { _, args, _ in
            .int((args[0].as(PyTuple.self)?.items ?? []).reduce(1) { acc, v in if case .int(let i) = v { return acc &* i }; return acc })  // wraps, as torch.Size.numel() does
        }
        s.method("__getitem__") { [unowned self] interp, args, _ in
            let items = args[0].as(PyTuple.self)?.items ?? []
            if args[1].as(PySlice.self) != nil {
                let sliced = try interp.getItem(.object(PyTuple(items)), args[1])
                return size(try (Convert.sequenceItems(sliced) ?? []).map { try Convert.int($0) })
            }
            return try interp.getItem(.object(PyTuple(items)), args[1])
        }
    }

    private func installGenerator(_ torch: PyModule) {
        let g = types.generator
        g.newInstance = { _, _, _ in
            let o = PyObject(type: g)
            o.native = Generator()
            return .object(o)
        }
        g.method("manual_seed") { _, args, _ in
            guard let gen = args[0].native(as: Generator.self) else { throw PyError.typeError("expected a Generator") }
            gen.manualSeed(try seedValue(args.count > 1 ? args[1] : .int(0)))
            return args[0]
        }
        g.method("initial_seed") { _, args, _ in
            .int(Int(truncatingIfNeeded: args[0].native(as: Generator.self)?.initialSeed ?? 0))
        }
        g.method("seed") { _, args, _ in .int(Int(truncatingIfNeeded: args[0].native(as: Generator.self)?.seed() ?? 0)) }
        g.method("get_state") { [unowned self] _, args, _ in
            let bytes = args[0].native(as: Generator.self)?.state ?? []
            return wrap(Tensor(int64Values: bytes.map { Int64($0) }, shape: [bytes.count]))
        }
        g.method("set_state") { [unowned self] _, args, _ in
            guard let gen = args[0].native(as: Generator.self), args.count > 1 else { return .none }
            let t = try requireTensor(args[1], "new_state")
            do { try gen.setState(t.toInt64Array().map { UInt8(truncatingIfNeeded: $0) }) } catch {
                throw PyError.runtimeError("\(error)")
            }
            return args[0]
        }

        torch.define("manual_seed") { [unowned self] _, args, kwargs in
            let a = try Arguments("manual_seed", args, kwargs, ["seed"])
            Generator.default.manualSeed(try seedValue(try a.required("seed")))
            return .object(defaultGenerator)
        }
        torch.define("initial_seed") { _, _, _ in .int(Int(truncatingIfNeeded: Generator.default.initialSeed)) }
        torch.define("seed") { _, _, _ in .int(Int(truncatingIfNeeded: Generator.default.seed())) }
        torch.define("get_rng_state") { [unowned self] interp, _, _ in
            try interp.callMethod(.object(defaultGenerator), "get_state")
        }
        torch.define("set_rng_state") { [unowned self] interp, args, _ in
            try interp.callMethod(.object(defaultGenerator), "set_state", args)
        }
        torch.dict["default_generator"] = .object(defaultGenerator)
    }

    private func installGradMode(_ torch: PyModule) {
        /// A context manager (and decorator) that sets grad mode to `enabled` for its body.
        func gradModeType(_ t: PyType, fixed: Bool?) {
            t.newInstance = { _, args, kwargs in
                let o = PyObject(type: t)
                if let fixed {
                    o.attributes?["_mode"] = .bool(fixed)
                } else {
                    let a = try Arguments("set_grad_enabled", Array(args.dropFirst()), kwargs, ["mode"])
                    let mode = try Convert.bool(try a.required("mode"), "set_grad_enabled", "mode")
                    o.attributes?["_prev"] = .bool(GradMode.isEnabled)
                    o.attributes?["_mode"] = .bool(mode)
                    GradMode.isEnabled = mode  // set_grad_enabled also works as a plain function call
                }
                return .object(o)
            }
            t.addMethod("__init__") { _, _, _ in .none }
            t.addMethod("__enter__") { _, args, _ in
                guard let o = args[0].object else { return .none }
                if fixed != nil { o.attributes?["_prev"] = .bool(GradMode.isEnabled) }
                if case .bool(let mode)? = o.attributes?["_mode"] { GradMode.isEnabled = mode }
                return .none
            }
            t.addMethod("__exit__") { _, args, _ in
                if case .bool(let prev)? = args[0].object?.attributes?["_prev"] { GradMode.isEnabled = prev }
                return .bool(false)
            }
            t.addMethod("__call__") { _, args, _ in
                let wrapped = args[1]
                let mode: Bool = if case .bool(let m)? = args[0].object?.attributes?["_mode"] { m } else { false }
                return .object(PyBuiltinFunction(name: "decorate_context", owner: nil) { interp, a, k in
                    try GradMode.withMode(mode) { try interp.call(wrapped, a, k) }
                })
            }
        }
        gradModeType(types.gradMode, fixed: false)
        gradModeType(types.enableGrad, fixed: true)
        gradModeType(types.setGradEnabled, fixed: nil)
        torch.dict["no_grad"] = .object(types.gradMode)
        torch.dict["enable_grad"] = .object(types.enableGrad)
        torch.dict["set_grad_enabled"] = .object(types.setGradEnabled)
        torch.dict["inference_mode"] = .object(types.gradMode)
    }
}

/// `torch.manual_seed(s)`: any Python int, negative ones wrapped to 64 bits as PyTorch does.
func seedValue(_ v: Value) throws -> UInt64 {
    switch v {
    case .int(let i): return UInt64(bitPattern: Int64(i))
    case .bool(let b): return b ? 1 : 0
    case .float(let d):
        if d.isNaN { throw PyError.valueError("cannot convert float NaN to integer") }
        if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
        guard let i = Int64(exactly: d.rounded(.towardZero)) else { throw PyError.valueError("Overflow when unpacking long long") }
        return UInt64(bitPattern: i)
    default:
        if let t = v.native(as: Tensor.self), t.numel == 1 { return UInt64(bitPattern: t.toInt64Array()[0]) }
        throw PyError.typeError("manual_seed expected a long, but got \(v.typeName)")
    }
}
