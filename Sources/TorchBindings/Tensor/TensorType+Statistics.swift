import Language
import TensorEngine

/// Methods for order statistics and the smaller elementwise helpers (`median`, `kthvalue`, `quantile`,
/// `aminmax`, `std_mean`, `erf`, `nan_to_num`, `cdist`, `repeat_interleave`, `diagonal`, `isclose`, `diff`,
/// `masked_select`, ...), plus `torch.hstack`-style joins. Installed from `installMoreTensorMethods`.
extension TorchLibrary {
    static let statisticsFunctionNames = [
        "median", "kthvalue", "quantile", "aminmax", "std_mean", "var_mean", "logcumsumexp", "nan_to_num", "erf",
        "cdist", "repeat_interleave", "diagonal", "isclose", "diff", "ravel", "argwhere", "masked_select", "msort",
        "dist", "sgn",
    ]

    func installStatisticsMethods(_ t: PyType) {
        func m(_ name: String, _ names: [String] = [], _ body: @escaping (Tensor, Arguments) throws -> Value) {
            t.method(name) { [unowned self] _, args, kwargs in
                try body(try requireTensor(args[0], "self"), try Arguments(name, args, kwargs, names, dropSelf: true))
            }
        }
        m("median", ["dim", "keepdim"]) { [unowned self] x, a in
            guard let d = try a.optionalInt("dim") else { return wrap(try x.median()) }
            let r = try x.median(dim: d, keepDim: try a.bool("keepdim", default: false))
            return returnType("median", values: wrap(r.values), indices: wrap(r.indices))
        }
        m("kthvalue", ["k", "dim", "keepdim"]) { [unowned self] x, a in
            let r = try x.kthvalue(try a.int("k"), dim: try a.int("dim", default: -1), keepDim: try a.bool("keepdim", default: false))
            return returnType("kthvalue", values: wrap(r.values), indices: wrap(r.indices))
        }
        m("quantile", ["q", "dim", "keepdim", "interpolation"]) { [unowned self] x, a in
            if try a.string("interpolation", default: "linear") != "linear" {
                throw PyError.notImplemented("quantile(interpolation=...) supports only 'linear'")
            }
            let qv = try a.required("q")
            let q: [Double], scalar: Bool
            if let qt = tensor(qv) { q = qt.toDoubleArray(); scalar = qt.dim == 0 } else { q = [try Convert.double(qv, "quantile", "q")]; scalar = true }
            return wrap(try x.quantile(q, scalarQ: scalar, dim: try a.optionalInt("dim"), keepDim: try a.bool("keepdim", default: false)))
        }
        m("aminmax", ["dim", "keepdim"]) { [unowned self] x, a in
            let keep = try a.bool("keepdim", default: false)
            let lo: Tensor, hi: Tensor
            if let d = try a.optionalInt("dim") {
                lo = try x.min(dim: d, keepDim: keep).values; hi = try x.max(dim: d, keepDim: keep).values
            } else { lo = try x.min(); hi = try x.max() }
            return namedPair("aminmax", ("min", wrap(lo)), ("max", wrap(hi)))
        }
        for name in ["std_mean", "var_mean"] {
            m(name, ["dim", "unbiased", "keepdim", "correction"]) { [unowned self] x, a in
                var correction = 1
                if let c = a["correction"] { correction = try Convert.int(c, name, "correction") }
                if let u = a["unbiased"] { correction = try Convert.bool(u, name, "unbiased") ? 1 : 0 }
                let dims = try a.dims(), keep = try a.bool("keepdim", default: false)
                let spread = name == "std_mean" ? try x.std(dims: dims, correction: correction, keepDim: keep)
                                                : try x.variance(dims: dims, correction: correction, keepDim: keep)
                let mean = dims.map { try? x.mean(dims: $0, keepDim: keep) } ?? (try? x.mean())
                return .object(PyTuple([wrap(spread), wrap(try mean ?? x.mean())]))
            }
        }
        m("logcumsumexp", ["dim"]) { [unowned self] x, a in wrap(try x.logcumsumexp(dim: try a.int("dim"))) }
        m("nan_to_num", ["nan", "posinf", "neginf"]) { [unowned self] x, a in
            wrap(try x.nanToNum(nan: try a.double("nan", default: 0), posinf: try a.optionalDouble("posinf"), neginf: try a.optionalDouble("neginf")))
        }
        m("erf") { [unowned self] x, _ in wrap(try x.erf()) }
        m("sgn") { [unowned self] x, _ in wrap(try x.sign()) }
        m("cdist", ["x2", "p", "compute_mode"]) { [unowned self] x, a in wrap(try x.cdist(try a.tensor("x2"), p: try a.double("p", default: 2))) }
        m("repeat_interleave", ["repeats", "dim", "output_size"]) { [unowned self] x, a in
            let r = try a.required("repeats")
            let repeats = try tensor(r).map { $0.toInt64Array().map { Int($0) } } ?? [try Convert.int(r, "repeat_interleave", "repeats")]
            return wrap(try x.repeatInterleave(repeats, dim: try a.optionalInt("dim")))
        }
        m("diagonal", ["offset", "dim1", "dim2"]) { [unowned self] x, a in
            let (d1, d2) = (try a.int("dim1", default: 0), try a.int("dim2", default: 1))
            guard x.dim == 2 && Set([d1, d2].map { $0 < 0 ? $0 + 2 : $0 }) == [0, 1] else {
                throw PyError.notImplemented("diagonal() is supported for matrices only")
            }
            let base = d1 == 0 || d1 == -2 ? x : try x.t()
            return wrap(try base.matrixDiagonal(offset: try a.int("offset", default: 0)).labelingGradFn("DiagonalBackward0"))
        }
        m("isclose", ["other", "rtol", "atol", "equal_nan"]) { [unowned self] x, a in
            wrap(try x.isClose(try a.tensor("other"), rtol: try a.double("rtol", default: 1e-5), atol: try a.double("atol", default: 1e-8),
                               equalNaN: try a.bool("equal_nan", default: false)))
        }
        m("diff", ["n", "dim", "prepend", "append"]) { [unowned self] x, a in
            var x = x
            if let p = try a.optionalTensor("prepend") { x = try Tensor.cat([p, x], dim: try a.int("dim", default: -1)) }
            if let p = try a.optionalTensor("append") { x = try Tensor.cat([x, p], dim: try a.int("dim", default: -1)) }
            return wrap(try x.diff(n: try a.int("n", default: 1), dim: try a.int("dim", default: -1)))
        }
        m("ravel") { [unowned self] x, _ in wrap(try x.reshape([x.numel])) }
        m("argwhere") { [unowned self] x, _ in wrap(x.nonzero()) }
        m("msort") { [unowned self] x, _ in wrap(try x.sort(dim: 0).values) }
        m("masked_select", ["mask"]) { [unowned self] x, a in
            let mask = try a.tensor("mask")
            if mask.dtype != .bool { throw PyError.runtimeError("masked_select: expected BoolTensor for mask") }
            let shape = try Tensor.broadcastShapes(x.shape, mask.shape)
            return wrap(try x.expand(shape).index([try mask.expand(shape)]).labelingGradFn("MaskedSelectBackward0"))
        }
        m("dist", ["other", "p"]) { [unowned self] x, a in
            let d = try x.sub(try a.tensor("other")).vectorNorm(p: try a.double("p", default: 2))
            return wrap(d.labelingGradFn("DistBackward0"))
        }
    }

    /// A `torch.return_types.NAME(a=..., b=...)` tuple with two named fields.
    func namedPair(_ name: String, _ first: (String, Value), _ second: (String, Value)) -> Value {
        let type: PyType
        if let t = types.returnTypes[name] { type = t } else {
            type = PyType(name: name, module: "torch.return_types", base: Types.tuple)
            type.property(first.0) { _, o in o.as(PyTuple.self)?.items.first ?? .none }
            type.property(second.0) { _, o in o.as(PyTuple.self)?.items.last ?? .none }
            type.method("__repr__") { interp, args, _ in
                let items = args[0].as(PyTuple.self)?.items ?? []
                let shown = try zip([first.0, second.0], items).map { "\($0.0)=\(try interp.repr($0.1))" }
                return .str("torch.return_types.\(name)(\n" + shown.joined(separator: ",\n") + ")")
            }
            types.returnTypes[name] = type
        }
        return .object(PyTuple([first.1, second.1], type: type))
    }

    /// `torch.hstack`, `vstack`/`row_stack`, `dstack`, `column_stack`, `atleast_1d/2d`.
    func installStackingFunctions(_ torch: PyModule) {
        func atLeast(_ t: Tensor, _ n: Int) throws -> Tensor {
            switch (n, t.dim) {
            case (_, let d) where d >= n: return t
            case (1, _): return try t.reshape([1])
            case (2, 0): return try t.reshape([1, 1])
            case (2, _): return try t.unsqueeze(0)
            case (3, 0): return try t.reshape([1, 1, 1])
            case (3, 1): return try t.reshape([1, t.shape[0], 1])
            default: return try t.unsqueeze(-1)
            }
        }
        func list(_ args: [Value], _ name: String) throws -> [Tensor] {
            guard let first = args.first, let items = Convert.sequenceItems(first) else {
                throw PyError.typeError("\(name)(): argument 'tensors' (position 1) must be tuple of Tensors, not \(args.first?.typeName ?? "nothing")")
            }
            return try items.map { try requireTensor($0, "\(name)(): tensors") }
        }
        torch.define("hstack") { [unowned self] _, args, _ in
            let ts = try list(args, "hstack").map { try atLeast($0, 1) }
            return wrap(try Tensor.cat(ts, dim: ts.first?.dim == 1 ? 0 : 1))
        }
        for name in ["vstack", "row_stack"] {
            torch.define(name) { [unowned self] _, args, _ in wrap(try Tensor.cat(try list(args, name).map { try atLeast($0, 2) }, dim: 0)) }
        }
        torch.define("dstack") { [unowned self] _, args, _ in wrap(try Tensor.cat(try list(args, "dstack").map { try atLeast($0, 3) }, dim: 2)) }
        torch.define("column_stack") { [unowned self] _, args, _ in
            let ts = try list(args, "column_stack").map { t in t.dim <= 1 ? try t.reshape([t.numel, 1]) : t }
            return wrap(try Tensor.cat(ts, dim: 1))
        }
        for (name, n) in [("atleast_1d", 1), ("atleast_2d", 2), ("atleast_3d", 3)] {
            torch.define(name) { [unowned self] _, args, _ in
                if args.count == 1, let t = tensor(args[0]) { return wrap(try atLeast(t, n)) }
                let items = args.count == 1 ? (Convert.sequenceItems(args[0]) ?? args) : args
                return .object(PyTuple(try items.map { wrap(try atLeast(try requireTensor($0, name), n)) }))
            }
        }
    }
}
