import Foundation
import Language
import TensorEngine

/// `torch.xxx` forms of the methods in `TensorType+More.swift`, and the functions with no method form:
/// `einsum`, one-argument `where`, `meshgrid`, `cartesian_prod`, `combinations`, `block_diag`, `logspace`,
/// and the fused `baddbmm`/`addbmm`/`addmv`/`addr`.
extension TorchLibrary {
    func installMoreTorchFunctions(_ torch: PyModule) {
        let forwarded = [
            "sort", "argsort", "topk", "flip", "fliplr", "flipud", "roll", "nonzero", "tril", "triu", "cumprod",
            "cummax", "cummin", "outer", "ger", "trace", "diag", "kron", "tile", "lerp", "frac", "count_nonzero",
            "isnan", "isinf", "isfinite", "signbit", "clamp_min", "clamp_max", "bincount", "histc", "unique",
            "scatter", "scatter_add", "index_add", "index_copy", "index_fill", "gather",
        ] + TorchLibrary.statisticsFunctionNames
        for name in forwarded {
            torch.define(name) { interp, args, kwargs in
                var args = args, kwargs = kwargs
                if args.isEmpty, let i = kwargs.firstIndex(where: { $0.0 == "input" }) { args = [kwargs.remove(at: i).1] }
                guard let first = args.first, first.native(as: Tensor.self) != nil else {
                    throw PyError.typeError("\(name)(): argument 'input' (position 1) must be Tensor, not \(args.first?.typeName ?? "nothing")")
                }
                return try interp.callMethod(first, name, Array(args.dropFirst()), kwargs)
            }
        }
        if let threeArgumentWhere = torch.dict["where"] {
            torch.define("where") { [unowned self] interp, args, kwargs in
                guard args.count == 1 && kwargs.isEmpty else { return try interp.call(threeArgumentWhere, args, kwargs) }
                return try interp.callMethod(wrap(try requireTensor(args[0], "where(): condition")), "nonzero", [], [("as_tuple", .bool(true))])
            }
        }
        torch.define("einsum") { [unowned self] _, args, _ in
            guard case .str(let equation)? = args.first else {
                throw PyError.typeError("einsum(): argument 'equation' (position 1) must be str, not \(args.first?.typeName ?? "nothing")")
            }
            var rest = Array(args.dropFirst())
            if rest.count == 1, tensor(rest[0]) == nil, let items = Convert.sequenceItems(rest[0]) { rest = items }
            return wrap(try Tensor.einsum(equation, try rest.map { try requireTensor($0, "einsum(): operands") }))
        }
        torch.define("meshgrid") { [unowned self] _, args, kwargs in
            let a = try Arguments("meshgrid", args, kwargs, ["indexing"], varargs: true)
            return .object(PyTuple(try meshgrid(try tensorList(a.rest, "meshgrid"), indexing: try a.string("indexing", default: "ij")).map { wrap($0) }))
        }
        torch.define("cartesian_prod") { [unowned self] _, args, _ in
            let ts = try tensorList(args, "cartesian_prod")
            if ts.count == 1 { return wrap(ts[0]) }
            let grids = try meshgrid(ts, indexing: "ij")
            return wrap(try Tensor.stack(grids.map { try $0.reshape([$0.numel]) }, dim: 1))
        }
        torch.define("combinations") { [unowned self] _, args, kwargs in
            let a = try Arguments("combinations", args, kwargs, ["input", "r", "with_replacement"])
            let x = try a.tensor("input"), r = try a.int("r", default: 2)
            if x.dim != 1 { throw PyError.runtimeError("Expect a 1D vector, but got shape \(x.shape)") }
            if r < 0 { throw PyError.runtimeError("Expect a non-negative number, but got \(r)") }
            let combos = combinationIndices(x.shape[0], r, withReplacement: try a.bool("with_replacement", default: false))
            if r == 0 || combos.isEmpty { return wrap(Tensor.empty(r == 0 ? [0] : [0, r], dtype: x.dtype)) }
            let columns = try (0..<r).map { k in
                try x.indexSelect(dim: 0, index: Tensor(int64Values: combos.map { Int64($0[k]) }, shape: [combos.count]))
            }
            return wrap(try Tensor.stack(columns, dim: 1))
        }
        torch.define("block_diag") { [unowned self] _, args, _ in
            let ts = try tensorList(args, "block_diag").map { t -> Tensor in
                t.dim == 0 ? try t.reshape([1, 1]) : t.dim == 1 ? try t.reshape([1, t.shape[0]]) : t
            }
            if let bad = ts.firstIndex(where: { $0.dim > 2 }) {
                throw PyError.runtimeError("torch.block_diag: Input tensors must have 2 or fewer dimensions. Input \(bad) has \(ts[bad].dim) dimensions")
            }
            return wrap(try Tensor.blockDiag(ts))
        }
        torch.define("logspace") { [unowned self] _, args, kwargs in
            let a = try Arguments("logspace", args, kwargs, ["start", "end", "steps", "base", "dtype", "requires_grad"])
            let (start, end, steps) = (try a.double("start"), try a.double("end"), try a.int("steps"))
            let base = try a.double("base", default: 10)
            if steps < 0 { throw PyError.runtimeError("number of steps must be non-negative") }
            try Tensor.validateShape([steps], dtype: .float64)
            let step = steps > 1 ? (end - start) / Double(steps - 1) : 0
            let values = (0..<steps).map { i in
                Foundation.pow(base, steps == 1 ? start : i < steps / 2 ? start + step * Double(i) : end - step * Double(steps - i - 1))
            }
            return wrap(Tensor(values: values, shape: [steps], dtype: try a.dtype() ?? .float32))
        }
        installFusedMultiplyAdds(torch)
        installLinalg(torch)
        installStackingFunctions(torch)
    }

    /// `torch.linalg.det/inv/solve/norm` and the `torch.det`/`torch.inverse` spellings and methods.
    private func installLinalg(_ torch: PyModule) {
        let linalg = PyModule(name: "torch.linalg")
        torch.dict["linalg"] = .object(linalg)
        let linAlgError = PyType(name: "_LinAlgError", module: "torch._C", base: Types.runtimeError)
        linalg.dict["LinAlgError"] = .object(linAlgError)
        // A singular matrix is PyTorch's `torch._C._LinAlgError` (a RuntimeError), not a plain RuntimeError.
        func solving(_ body: () throws -> Tensor) throws -> Tensor {
            do { return try body() } catch let e as TensorError where e.message.contains("singular") {
                throw PyError(type: linAlgError, e.message)
            }
        }
        let unaries: [(String, String, (Tensor) throws -> Tensor)] = [
            ("det", "A", { try $0.det() }), ("inv", "A", { try $0.inv() }),
        ]
        for (name, argument, op) in unaries {
            let f: NativeFunction = { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, [argument, "out"])
                if a["out"] != nil { throw PyError.notImplemented("\(name)(out=...) is not supported") }
                return wrap(try solving { try op(try a.tensor(argument)) })
            }
            linalg.define(name, f)
        }
        let det: NativeFunction = { [unowned self] _, args, kwargs in
            wrap(try Arguments("det", args, kwargs, ["input"]).tensor("input").det())
        }
        let inverse: NativeFunction = { [unowned self] _, args, kwargs in
            wrap(try solving { try Arguments("inverse", args, kwargs, ["input"]).tensor("input").inv() })
        }
        torch.define("det", det)
        torch.define("inverse", inverse)
        types.tensor.method("det") { interp, args, kwargs in try det(interp, args, kwargs) }
        types.tensor.method("inverse") { interp, args, kwargs in try inverse(interp, args, kwargs) }
        linalg.define("solve") { [unowned self] _, args, kwargs in
            let a = try Arguments("solve", args, kwargs, ["A", "B", "left", "out"])
            return wrap(try solving { try a.tensor("A").solve(try a.tensor("B"), op: "torch.linalg.solve") })
        }
        linalg.define("vector_norm") { [unowned self] _, args, kwargs in
            let a = try Arguments("vector_norm", args, kwargs, ["x", "ord", "dim", "keepdim", "dtype"])
            return wrap(try a.tensor("x").vectorNorm(p: try a.double("ord", default: 2), dims: try a.dims(), keepDim: try a.bool("keepdim", default: false)))
        }
        linalg.define("matrix_norm") { [unowned self] _, args, kwargs in
            let a = try Arguments("matrix_norm", args, kwargs, ["A", "ord", "dim", "keepdim", "dtype"])
            if let o = a["ord"], { if case .str("fro") = o { return false }; return true }() { throw PyError.notImplemented("matrix_norm(ord=...) supports only 'fro'") }
            let x = try a.tensor("A")
            return wrap(try x.vectorNorm(p: 2, dims: try a.dims() ?? [-2, -1], keepDim: try a.bool("keepdim", default: false)))
        }
        linalg.define("norm") { [unowned self] interp, args, kwargs in
            let a = try Arguments("norm", args, kwargs, ["A", "ord", "dim", "keepdim", "dtype"])
            if a["ord"] != nil { throw PyError.notImplemented("linalg.norm(ord=...) is not supported") }
            let x = try a.tensor("A")
            return try interp.callMethod(wrap(x), "norm", [], [("dim", a["dim"] ?? .none), ("keepdim", .bool(try a.bool("keepdim", default: false)))])
        }
    }

    private func tensorList(_ args: [Value], _ function: String) throws -> [Tensor] {
        var items = args
        if items.count == 1, tensor(items[0]) == nil, let seq = Convert.sequenceItems(items[0]) { items = seq }
        return try items.map { try requireTensor($0, "\(function)(): tensors") }
    }

    private func meshgrid(_ ts: [Tensor], indexing: String) throws -> [Tensor] {
        if ts.isEmpty { throw PyError.runtimeError("meshgrid expects a non-empty TensorList") }
        guard indexing == "ij" || indexing == "xy" else {
            throw PyError.runtimeError("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: \(indexing)")
        }
        if let bad = ts.firstIndex(where: { $0.dim > 1 }) {
            throw PyError.runtimeError("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: \(ts[bad].dim)D")
        }
        var inputs = ts
        let swap = indexing == "xy" && ts.count >= 2
        if swap { inputs.swapAt(0, 1) }
        let shape = inputs.map(\.numel)
        var grids = try inputs.enumerated().map { i, t in
            var view = [Int](repeating: 1, count: shape.count)
            view[i] = shape[i]
            return try t.reshape(view).expand(shape)
        }
        if swap { grids.swapAt(0, 1) }
        return grids
    }

    private func combinationIndices(_ n: Int, _ r: Int, withReplacement: Bool) -> [[Int]] {
        var out: [[Int]] = [], current: [Int] = []
        func walk(_ from: Int) {
            if current.count == r { out.append(current); return }
            guard from < n else { return }
            for i in from..<n {
                current.append(i)
                walk(withReplacement ? i : i + 1)
                current.removeLast()
            }
        }
        walk(0)
        return out
    }

    /// `beta * input + alpha * product`, named as PyTorch's fused op.
    private func installFusedMultiplyAdds(_ torch: PyModule) {
        let ops: [(String, [String], String, (Tensor, Tensor) throws -> Tensor)] = [
            ("baddbmm", ["batch1", "batch2"], "BaddbmmBackward0", { try $0.bmm($1) }),
            ("addbmm", ["batch1", "batch2"], "AddbmmBackward0", { try $0.bmm($1).sum(dim: 0) }),
            ("addmv", ["mat", "vec"], "AddmvBackward0", { try $0.mv($1) }),
            ("addr", ["vec1", "vec2"], "AddrBackward0", { try $0.outer($1) }),
        ]
        for (name, operands, label, product) in ops {
            let fused: NativeFunction = { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["input"] + operands + ["beta", "alpha"])
                let input = try a.tensor("input")
                let beta = try a.double("beta", default: 1), alpha = try a.double("alpha", default: 1)
                var p = try product(try a.tensor(operands[0]), try a.tensor(operands[1]))
                if alpha != 1 { p = try p.mul(.double(alpha)) }
                let out = beta == 0 ? try p.add(Tensor.zeros(input.shape, dtype: input.dtype)) : beta == 1 ? try input.add(p) : try input.mul(.double(beta)).add(p)
                return wrap(out.labelingGradFn(label))
            }
            torch.define(name, fused)
            types.tensor.method(name) { interp, args, kwargs in try fused(interp, args, kwargs) }
        }
    }
}
