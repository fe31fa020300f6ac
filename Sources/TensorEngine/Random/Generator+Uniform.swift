extension Generator {
    /// `Tensor.uniform_(from, to)` on float32 storage: one draw per element.
    ///
    /// torch evaluates `x * (to - from) + from` in float32 with the multiply-add fused (AVX2/AVX512
    /// builds); a result that rounds up to `to` is replaced by `from`.
    public func fillUniform(_ out: UnsafeMutableBufferPointer<Float>, from: Double, to: Double) {
        let lo = Float(from), hi = Float(to)
        let span = hi - lo
        for i in out.indices {
            let v = lo.addingProduct(uniform01Float(), span)
            out[i] = v == hi ? lo : v
        }
    }

    /// `Tensor.uniform_(from, to)` on float64 storage: two draws per element, fused in double.
    public func fillUniform(_ out: UnsafeMutableBufferPointer<Double>, from: Double, to: Double) {
        let span = to - from
        for i in out.indices {
            let v = from.addingProduct(uniform01Double(), span)
            out[i] = v == to ? from : v
        }
    }
}
