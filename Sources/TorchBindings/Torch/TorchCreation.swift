import Language
import TensorEngine

/// `torch.tensor`, `zeros`, `ones`, `full`, `empty`, `eye`, `arange`, `linspace`, the random creators and
/// the `*_like` forms.
extension TorchLibrary {
    func installCreation(_ torch: PyModule) {
        torch.define("tensor") { [unowned self] _, args, kwargs in
            let a = try Arguments("tensor", args, kwargs, ["data", "dtype", "device", "requires_grad", "pin_memory"])
            let t = try tensorFromData(try a.required("data"), dtype: try a.dtype())
            return wrap(try finish(t, a))
        }
        torch.define("as_tensor") { [unowned self] _, args, kwargs in
            let a = try Arguments("as_tensor", args, kwargs, ["data", "dtype", "device"])
            if let t = try a.optionalTensor("data") { return wrap(try a.dtype().map { try t.to($0) } ?? t) }
            return wrap(try tensorFromData(try a.required("data"), dtype: try a.dtype()))
        }
        let sized: [(String, ([Int], DType, Arguments) throws -> Tensor)] = [
            ("zeros", { s, d, _ in Tensor.zeros(s, dtype: d) }),
            ("ones", { s, d, _ in Tensor.ones(s, dtype: d) }),
            ("empty", { s, d, _ in Tensor.empty(s, dtype: d) }),
            ("rand", { [unowned self] s, d, a in Tensor.rand(s, dtype: d, generator: try generator(a)) }),
            ("randn", { [unowned self] s, d, a in Tensor.randn(s, dtype: d, generator: try generator(a)) }),
        ]
        for (name, make) in sized {
            torch.define(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["dtype", "requires_grad", "generator", "out", "size"],
                                      varargs: true)
                let shape = try Convert.shape(a.rest.isEmpty ? (a["size"].map { [$0] } ?? []) : a.rest, name)
                if shape.contains(where: { $0 < 0 }) {
                    throw PyError.runtimeError("\(name): Dimension size must be non-negative.")
                }
                let dtype = try a.dtype() ?? .float32
                try Tensor.validateShape(shape, dtype: dtype)  // overflowing or larger than memory
                if (name == "rand" || name == "randn") && !dtype.isFloatingPoint {
                    throw PyError.runtimeError("\"\(name == "rand" ? "check_uniform_bounds" : "normal_kernel_cpu")\" not implemented for '\(dtype.scalarTypeName)'")
                }
                return wrap(try finish(try make(shape, dtype, a), a))
            }
            torch.define(name + "_like") { [unowned self] _, args, kwargs in
                let a = try Arguments(name + "_like", args, kwargs, ["input", "dtype", "requires_grad", "memory_format", "generator"])
                let x = try a.tensor("input")
                return wrap(try finish(try make(x.shape, try a.dtype() ?? x.dtype, a), a))
            }
        }
        torch.define("full") { [unowned self] _, args, kwargs in
            let a = try Arguments("full", args, kwargs, ["size", "fill_value", "dtype", "requires_grad"])
            let shape = try Convert.shape([try a.required("size")], "full")
            return wrap(try finish(try full(shape, try a.scalar("fill_value"), try a.dtype()), a))
        }
        torch.define("full_like") { [unowned self] _, args, kwargs in
            let a = try Arguments("full_like", args, kwargs, ["input", "fill_value", "dtype", "requires_grad"])
            let x = try a.tensor("input")
            return wrap(try finish(try full(x.shape, try a.scalar("fill_value"), try a.dtype() ?? x.dtype), a))
        }
        torch.define("eye") { [unowned self] _, args, kwargs in
            let a = try Arguments("eye", args, kwargs, ["n", "m", "dtype", "requires_grad"])
            let (n, m, dtype) = (try a.int("n"), try a.optionalInt("m"), try a.dtype() ?? .float32)
            if n < 0 { throw PyError.runtimeError("n must be greater or equal to 0, got \(n)") }
            if let m, m < 0 { throw PyError.runtimeError("m must be greater or equal to 0, got \(m)") }
            try Tensor.validateShape([n, m ?? n], dtype: dtype)  // overflowing or larger than memory
            return wrap(try finish(Tensor.eye(n, m, dtype: dtype), a))
        }
        torch.define("arange") { [unowned self] _, args, kwargs in
            let a = try Arguments("arange", args, kwargs, ["start", "end", "step", "dtype", "requires_grad"])
            var start: Scalar = .int(0)
            var end = try a.scalar("start")
            if a["end"] != nil { start = end; end = try a.scalar("end") }
            let step = try a.optionalScalar("step") ?? .int(1)
            return wrap(try finish(try Tensor.arange(start, end, step: step, dtype: try a.dtype()), a))
        }
        torch.define("linspace") { [unowned self] _, args, kwargs in
            let a = try Arguments("linspace", args, kwargs, ["start", "end", "steps", "dtype", "requires_grad"])
            return wrap(try finish(try Tensor.linspace(try a.double("start"), try a.double("end"), steps: try a.int("steps"),
                                                       dtype: try a.dtype() ?? .float32), a))
        }
        // torch.normal's three forms, drawn as ATen's normal_out_impl draws them: N(0, std) or N(0, 1) first,
        // then scaled by a std tensor and shifted by the mean.
        torch.define("normal") { [unowned self] _, args, kwargs in
            let a = try Arguments("normal", args, kwargs, ["mean", "std", "size", "generator", "dtype", "requires_grad"])
            let mean = try a.required("mean"), std = a["std"] ?? .float(1)
            let gen = try generator(a)
            switch (tensor(mean), tensor(std)) {
            case (nil, nil):
                guard let size = a["size"] else {
                    throw PyError.typeError("normal() received an invalid combination of arguments - got (float, float), but expected a size")
                }
                let shape = try Convert.shape([size], "normal")
                try Tensor.validateShape(shape, dtype: try a.dtype() ?? .float32)  // overflowing or larger than memory
                let t = Tensor.empty(shape, dtype: try a.dtype() ?? .float32)
                try t.normal_(mean: try Convert.double(mean, "normal", "mean"), std: try Convert.double(std, "normal", "std"), generator: gen)
                return wrap(try finish(t, a))
            case (let m?, nil):
                let t = Tensor.empty(m.shape, dtype: m.dtype)
                try t.normal_(mean: 0, std: try Convert.double(std, "normal", "std"), generator: gen)
                return wrap(try GradMode.withNoGrad { try t.add(m) })
            case (nil, let s?):
                let t = Tensor.empty(s.shape, dtype: s.dtype)
                try t.normal_(mean: 0, std: 1, generator: gen)
                return wrap(try GradMode.withNoGrad { try t.mul(s).add(.double(try Convert.double(mean, "normal", "mean"))) })
            case (let m?, let s?):
                let t = Tensor.empty(try Tensor.broadcastShapes(m.shape, s.shape), dtype: m.dtype)
                try t.normal_(mean: 0, std: 1, generator: gen)
                return wrap(try GradMode.withNoGrad { try t.mul(s).add(m) })
            }
        }
        torch.define("randint") { [unowned self] _, args, kwargs in
            // randint(high, size) or randint(low, high, size)
            var positional = args
            var low: Value = .int(0)
            if positional.count >= 3 { low = positional.removeFirst() }
            let a = try Arguments("randint", positional, kwargs, ["high", "size", "generator", "dtype", "requires_grad", "low"])
            if let l = a["low"] { low = l }
            let shape = try Convert.shape([try a.required("size")], "randint")
            var t = try Tensor.randint(low: Int64(try Convert.int(low, "randint", "low")), high: Int64(try a.int("high")),
                                       shape, generator: try generator(a))
            if let d = try a.dtype() { t = try t.to(d) }
            return wrap(t)
        }
        torch.define("randperm") { [unowned self] _, args, kwargs in
            let a = try Arguments("randperm", args, kwargs, ["n", "generator", "dtype", "requires_grad"])
            var t = try Tensor.randperm(count: try a.int("n"), generator: try generator(a))
            if let d = try a.dtype() { t = try t.to(d) }
            return wrap(t)
        }
    }

    func checkShape(_ shape: [Int]) throws {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw PyError.runtimeError("Trying to create tensor with negative dimension \(bad): [\(shape.map(String.init).joined(separator: ", "))]")
        }
        try Tensor.validateShape(shape, dtype: .float64)  // overflowing or larger than memory
    }

    /// `torch.full`: the dtype follows the fill value (int → int64, bool → bool, float → float32).
    func full(_ shape: [Int], _ value: Scalar, _ dtype: DType?) throws -> Tensor {
        try checkShape(shape)
        let d: DType = dtype ?? {
            switch value {
            case .int: return .int64
            case .bool: return .bool
            case .double: return .float32
            }
        }()
        return Tensor.full(shape, value: value.doubleValue, dtype: d)
    }

    /// Applies `requires_grad=` from the call.
    private func finish(_ t: Tensor, _ a: Arguments) throws -> Tensor {
        if try a.bool("requires_grad", default: false) { try t.setRequiresGrad(true) }
        return t
    }
}
