import Language
import TensorEngine

/// Tensor methods the D2L and PyTorch tutorials call that the core tensor type lacks: `cumsum`, `norm`,
/// `index_put_`.
/// Their `torch.xxx(t, ...)` forms are installed with `installTutorialFunctions`.
extension TorchLibrary {
    func installTutorialTensorMethods(_ t: PyType) {
        installIndexPut(t)
        t.method("cumsum") { [unowned self] _, args, kwargs in
            let a = try Arguments("cumsum", args, kwargs, ["dim", "dtype"], dropSelf: true)
            var x = try requireTensor(args[0], "self")
            if let d = try a.dtype() { x = try x.to(d) }
            guard a.has("dim") else {  // PyTorch's argument parser words this one differently
                throw PyError.typeError("cumsum() missing 1 required positional arguments: \"dim\"")
            }
            return wrap(try x.cumsum(dim: try a.int("dim")))
        }
        t.method("norm") { [unowned self] _, args, kwargs in
            let a = try Arguments("norm", args, kwargs, ["p", "dim", "keepdim", "dtype"], dropSelf: true)
            var x = try requireTensor(args[0], "self")
            if let d = try a.dtype() { x = try x.to(d) }
            return wrap(try x.vectorNorm(p: try normOrder(a["p"]), dims: try a.dims(), keepDim: try a.bool("keepdim", default: false)))
        }
    }

    private func installIndexPut(_ t: PyType) {
        for inPlace in [true, false] {
            let name = inPlace ? "index_put_" : "index_put"
            t.method(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["indices", "values", "accumulate"], dropSelf: true)
                let x = try requireTensor(args[0], "self")
                guard let items = Convert.sequenceItems(try a.required("indices")) else {
                    throw PyError.typeError("\(name)(): argument 'indices' must be tuple of Tensors, not \(try a.required("indices").typeName)")
                }
                let indices: [Tensor?] = try items.map { $0.isNone ? nil : try requireTensor($0, "\(name)(): indices") }
                let target = inPlace ? x : try x.clone()
                try target.indexPut_(indices, values: try a.tensor("values"), accumulate: try a.bool("accumulate", default: false))
                return inPlace ? args[0] : wrap(target)
            }
        }
    }

    func installTutorialFunctions(_ torch: PyModule) {
        for name in ["cumsum", "norm"] {
            torch.define(name) { interp, args, kwargs in
                var args = args, kwargs = kwargs
                if args.isEmpty, let i = kwargs.firstIndex(where: { $0.0 == "input" }) {
                    args = [kwargs.remove(at: i).1]
                }
                guard let first = args.first, first.native(as: Tensor.self) != nil else {
                    throw PyError.typeError("\(name)(): argument 'input' (position 1) must be Tensor, not \(args.first?.typeName ?? "nothing")")
                }
                return try interp.callMethod(first, name, Array(args.dropFirst()), kwargs)
            }
        }
    }

    /// `p` as `norm` takes it: a number, `inf`, or `'fro'` (the 2-norm of the flattened tensor).
    private func normOrder(_ v: Value?) throws -> Double {
        guard let v else { return 2 }
        if case .str(let s) = v {
            if s == "fro" { return 2 }
            throw PyError.notImplemented("norm(p='\(s)') is not supported")
        }
        return try Convert.double(v, "norm", "p")
    }
}
