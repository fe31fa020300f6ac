import Language
import NN
import TensorEngine

extension TorchLibrary {
    /// `Tensor.__format__`: a one-element tensor formats as its Python number (`f'{loss:f}'`), any other
    /// tensor only with an empty spec (as `str`), as PyTorch does.
    func installTensorFormat() {
        types.tensor.method("__format__") { [unowned self] interp, args, _ in
            let t = try requireTensor(args[0], "self")
            let spec = args.count > 1 ? args[1] : .str("")
            if t.dim == 0 {
                let d: Double = try t.item()
                let number: Value = t.dtype.isFloatingPoint ? .float(d) : t.dtype == .bool ? .bool(d != 0) : .int(Int(d))
                guard case .str(let s) = spec else { throw PyError.typeError("format spec must be a str") }
                return .str(try interp.format(number, s))
            }
            if case .str(let s) = spec, s.isEmpty { return .str(try interp.str(args[0])) }
            throw PyError.typeError("unsupported format string passed to Tensor.__format__")
        }
    }
}
