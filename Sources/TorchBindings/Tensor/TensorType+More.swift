import Language
import TensorEngine

/// Tensor methods for ordering, triangles, scatter/gather, `new_*` factories, cumulative ops and the small
/// composites (`outer`, `trace`, `diag`, `kron`, `tile`, `lerp`, ...). `torch.xxx` forms live in
/// `TorchFunctions+More.swift`.
extension TorchLibrary {
    func installMoreTensorMethods(_ t: PyType) {
        func m(_ name: String, _ names: [String] = [], varargs: Bool = false,
               _ body: @escaping (Tensor, Arguments) throws -> Value) {
            t.method(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, names, dropSelf: true, varargs: varargs)
                return try body(try requireTensor(args[0], "self"), a)
            }
        }
        installOrdering(m)
        installScatter(m)
        installFactories(m)
        installStatisticsMethods(t)
        m("tril", ["diagonal"]) { [unowned self] x, a in wrap(try x.tril(diagonal: try a.int("diagonal", default: 0)).labelingGradFn("TrilBackward0")) }
        m("triu", ["diagonal"]) { [unowned self] x, a in wrap(try x.triu(diagonal: try a.int("diagonal", default: 0)).labelingGradFn("TriuBackward0")) }
        m("tril_", ["diagonal"]) { [unowned self] x, a in
            let k = try a.int("diagonal", default: 0)
            return wrap(try x.applyingInPlace { try $0.tril(diagonal: k).labelingGradFn("TrilBackward0") })
        }
        m("triu_", ["diagonal"]) { [unowned self] x, a in
            let k = try a.int("diagonal", default: 0)
            return wrap(try x.applyingInPlace { try $0.triu(diagonal: k).labelingGradFn("TriuBackward0") })
        }
        m("cumprod", ["dim", "dtype"]) { [unowned self] x, a in
            var x = x
            if let d = try a.dtype() { x = try x.to(d) }
            return wrap(try x.cumprod(dim: try a.int("dim")))
        }
        for isMax in [true, false] {
            let name = isMax ? "cummax" : "cummin"
            m(name, ["dim"]) { [unowned self] x, a in
                let r = try x.cumulativeExtremum(dim: try a.int("dim"), isMax: isMax)
                return returnType(name, values: wrap(r.values), indices: wrap(r.indices))
            }
        }
        m("outer", ["vec2"]) { [unowned self] x, a in wrap(try x.outer(try a.tensor("vec2"))) }
        m("ger", ["vec2"]) { [unowned self] x, a in wrap(try x.outer(try a.tensor("vec2"))) }
        m("trace") { [unowned self] x, _ in wrap(try x.trace()) }
        m("diag", ["diagonal"]) { [unowned self] x, a in wrap(try x.diag(try a.int("diagonal", default: 0))) }
        m("kron", ["other"]) { [unowned self] x, a in wrap(try x.kron(try a.tensor("other"))) }
        m("tile", ["dims"], varargs: true) { [unowned self] x, a in
            wrap(try x.tile(try a.dims("dims") ?? (try Convert.shape(a.rest, "tile"))))
        }
        m("lerp", ["end", "weight"]) { [unowned self] x, a in
            let end = try a.tensor("end")
            if let w = tensor(try a.required("weight")) { return wrap(try x.lerp(end, weight: w)) }
            return wrap(try x.lerp(end, weight: try a.double("weight")))
        }
        m("frac") { [unowned self] x, _ in wrap(try x.frac()) }
        m("count_nonzero", ["dim"]) { [unowned self] x, a in wrap(try x.countNonzero(dims: try a.dims())) }
        m("isnan") { [unowned self] x, _ in wrap(x.isNaN()) }
        m("isinf") { [unowned self] x, _ in wrap(x.isInf()) }
        m("isfinite") { [unowned self] x, _ in wrap(x.isFinite()) }
        m("signbit") { [unowned self] x, _ in
            wrap(Tensor(boolValues: x.toDoubleArray().map { $0.sign == .minus }, shape: x.shape))
        }
        m("clamp_min", ["min"]) { [unowned self] x, a in wrap(try x.clamp(min: try a.scalar("min"), max: nil)) }
        m("clamp_max", ["max"]) { [unowned self] x, a in wrap(try x.clamp(min: nil, max: try a.scalar("max"))) }
        m("bincount", ["weights", "minlength"]) { [unowned self] x, a in
            wrap(try x.bincount(weights: try a.optionalTensor("weights"), minLength: try a.int("minlength", default: 0)))
        }
        m("histc", ["bins", "min", "max"]) { [unowned self] x, a in
            wrap(try x.histc(bins: try a.int("bins", default: 100), min: try a.double("min", default: 0), max: try a.double("max", default: 0)))
        }
        m("unique", ["sorted", "return_inverse", "return_counts", "dim"]) { [unowned self] x, a in
            if a["dim"] != nil { throw PyError.notImplemented("unique(dim=...) is not supported") }
            let inverse = try a.bool("return_inverse", default: false), counts = try a.bool("return_counts", default: false)
            let r = try x.unique(returnInverse: inverse, returnCounts: counts)
            if !inverse && !counts { return wrap(r.values) }
            var items = [wrap(r.values)]
            if inverse { items.append(wrap(r.inverse)) }
            if counts { items.append(wrap(r.counts)) }
            return .object(PyTuple(items))
        }
    }

    private func installOrdering(_ m: (String, [String], Bool, @escaping (Tensor, Arguments) throws -> Value) -> Void) {
        m("sort", ["dim", "descending", "stable"], false) { [unowned self] x, a in
            let r = try x.sort(dim: try a.int("dim", default: -1), descending: try a.bool("descending", default: false))
            return returnType("sort", values: wrap(r.values), indices: wrap(r.indices))
        }
        m("argsort", ["dim", "descending", "stable"], false) { [unowned self] x, a in
            wrap(try x.argsort(dim: try a.int("dim", default: -1), descending: try a.bool("descending", default: false)))
        }
        m("topk", ["k", "dim", "largest", "sorted"], false) { [unowned self] x, a in
            let r = try x.topk(try a.int("k"), dim: try a.int("dim", default: -1), largest: try a.bool("largest", default: true))
            return returnType("topk", values: wrap(r.values), indices: wrap(r.indices))
        }
        m("flip", ["dims"], true) { [unowned self] x, a in
            wrap(try x.flip(try a.dims("dims") ?? (try Convert.shape(a.rest, "flip"))))
        }
        m("fliplr", [], false) { [unowned self] x, _ in
            if x.dim < 2 { throw PyError.runtimeError("Input must be >= 2-d.") }
            return wrap(try x.flip([1]))
        }
        m("flipud", [], false) { [unowned self] x, _ in
            if x.dim < 1 { throw PyError.runtimeError("Input must be >= 1-d.") }
            return wrap(try x.flip([0]))
        }
        m("roll", ["shifts", "dims"], false) { [unowned self] x, a in
            let shifts = try a.dims("shifts") ?? []
            return wrap(try x.roll(shifts: shifts, dims: try a.dims("dims") ?? []))
        }
        m("nonzero", ["as_tuple"], false) { [unowned self] x, a in
            let nz = x.nonzero()
            guard try a.bool("as_tuple", default: false) else { return wrap(nz) }
            if x.dim == 0 { return .object(PyTuple([wrap(try nz.reshape([nz.shape[0]]))])) }
            return .object(PyTuple(try (0..<x.dim).map { wrap(try nz.select(dim: 1, index: $0).contiguous()) }))
        }
    }

    private func installScatter(_ m: (String, [String], Bool, @escaping (Tensor, Arguments) throws -> Value) -> Void) {
        m("gather", ["dim", "index", "sparse_grad"], false) { [unowned self] x, a in
            wrap(try x.gatherWithGrad(dim: try a.int("dim"), index: try a.tensor("index")))
        }
        for inPlace in [false, true] {
            let suffix = inPlace ? "_" : ""
            func run(_ x: Tensor, _ op: @escaping (Tensor) throws -> Tensor) throws -> Value {
                inPlace ? wrap(try x.applyingInPlace(op)) : wrap(try op(x))
            }
            m("scatter" + suffix, ["dim", "index", "src", "value", "reduce"], false) { x, a in
                if a["reduce"] != nil { throw PyError.notImplemented("scatter(reduce=...) is not supported") }
                let d = try a.int("dim"), index = try a.tensor("index")
                let srcValue = try a["src"] ?? a.required("value")
                if let src = self.tensor(srcValue) { return try run(x) { try $0.scatter(dim: d, index: index, source: src, accumulate: false) } }
                let v = try Convert.double(srcValue, "scatter", "value")
                return try run(x) { try $0.scatter(dim: d, index: index, value: .double(v)) }
            }
            m("scatter_add" + suffix, ["dim", "index", "src"], false) { x, a in
                let d = try a.int("dim"), index = try a.tensor("index"), src = try a.tensor("src")
                return try run(x) { try $0.scatter(dim: d, index: index, source: src, accumulate: true) }
            }
            m("index_add" + suffix, ["dim", "index", "source", "alpha"], false) { x, a in
                let d = try a.int("dim"), index = try a.tensor("index")
                var src = try a.tensor("source")
                if let alpha = try a.optionalScalar("alpha") { src = try src.mul(alpha) }
                return try run(x) { try $0.indexAlong(dim: d, index: index, source: src, accumulate: true, name: "index_add") }
            }
            m("index_copy" + suffix, ["dim", "index", "source"], false) { x, a in
                let d = try a.int("dim"), index = try a.tensor("index"), src = try a.tensor("source")
                return try run(x) { try $0.indexAlong(dim: d, index: index, source: src, accumulate: false, name: "index_copy") }
            }
            m("index_fill" + suffix, ["dim", "index", "value"], false) { x, a in
                let d = try a.int("dim"), index = try a.tensor("index")
                let value = Tensor.full([], value: try a.double("value"), dtype: x.dtype)
                return try run(x) { try $0.indexAlong(dim: d, index: index, source: value, accumulate: false, name: "index_fill") }
            }
        }
    }

    /// `x.new_zeros(size)` and friends: the new tensor takes `x`'s dtype unless `dtype=` says otherwise.
    private func installFactories(_ m: (String, [String], Bool, @escaping (Tensor, Arguments) throws -> Value) -> Void) {
        for (name, fill) in [("new_zeros", 0.0), ("new_ones", 1.0), ("new_empty", 0.0)] {
            m(name, ["dtype", "requires_grad"], true) { [unowned self] x, a in
                let shape = try Convert.shape(a.rest, name)
                try Tensor.validateShape(shape, dtype: try a.dtype() ?? x.dtype)
                let out = Tensor.full(shape, value: fill, dtype: try a.dtype() ?? x.dtype)
                if try a.bool("requires_grad", default: false) { try out.setRequiresGrad(true) }
                return wrap(out)
            }
        }
        m("new_full", ["size", "fill_value", "dtype", "requires_grad"], false) { [unowned self] x, a in
            let shape = try Convert.shape([try a.required("size")], "new_full")
            try Tensor.validateShape(shape, dtype: try a.dtype() ?? x.dtype)
            let out = Tensor.full(shape, value: try a.double("fill_value"), dtype: try a.dtype() ?? x.dtype)
            if try a.bool("requires_grad", default: false) { try out.setRequiresGrad(true) }
            return wrap(out)
        }
        m("new_tensor", ["data", "dtype", "requires_grad"], false) { [unowned self] x, a in
            let data = try a.required("data")
            let dt = try a.dtype() ?? x.dtype
            let out = try tensor(data).map { try $0.detach().to(dt).clone() } ?? (try tensorFromData(data, dtype: dt))
            if try a.bool("requires_grad", default: false) { try out.setRequiresGrad(true) }
            return wrap(out)
        }
    }
}
