import Foundation
import TensorEngine

/// The functional ops behind Conv and pooling, composed from differentiable engine
/// primitives (slice, stack, matmul, index_select, sum, ...) so that autograd flows through them.
///
/// Gradients are exact; only the `grad_fn` names differ from PyTorch's fused kernels
/// (`ConvolutionBackward0`, `MaxPool2DWithIndicesBackward0`, `NativeBatchNormBackward0`, ...).
extension Tensor {
    /// `F.pad(x, pads, mode, value)` on the trailing dimensions; `pads[i]` is (before, after) for
    /// dimension `dim - pads.count + i`. Modes: `constant`, `reflect`, `replicate`, `circular`.
    func nnPad(_ pads: [(Int, Int)], mode: String = "constant", value: Double = 0) throws -> Tensor {
        var x = self
        // Last dimension first, as F.pad checks them.
        for (i, (before, after)) in pads.enumerated().reversed() where before != 0 || after != 0 {
            let d = dim - pads.count + i
            let n = x.shape[d]
            if mode == "constant" {
                if before < 0 || after < 0 {  // negative padding crops
                    x = try x.slice(dim: d, start: Swift.max(-before, 0), end: n - Swift.max(-after, 0))
                }
                var parts: [Tensor] = []
                var side = x.shape
                for pad in [before, after] where pad > 0 {  // sizes the user gave: check before allocating
                    side[d] = pad
                    try Tensor.validateShape(side, dtype: x.dtype)
                }
                if before > 0 { side[d] = before; parts.append(Tensor.full(side, value: value, dtype: x.dtype)) }
                parts.append(x)
                if after > 0 { side[d] = after; parts.append(Tensor.full(side, value: value, dtype: x.dtype)) }
                if parts.count > 1 { x = try Tensor.cat(parts, dim: d) }
                continue
            }
            let source: [Int]
            switch mode {
            case "reflect":
                guard before < n && after < n else {
                    throw TensorError(.runtime, "Argument #4: Padding size should be less than the corresponding input "
                        + "dimension, but got: padding (\(before), \(after)) at dimension \(d) of input \(shapeText(shape))")
                }
                source = (0..<before).map { before - $0 } + Array(0..<n) + (0..<after).map { n - 2 - $0 }
            case "replicate":
                source = Array(repeating: 0, count: before) + Array(0..<n) + Array(repeating: n - 1, count: after)
            case "circular":
                guard before <= n && after <= n else {
                    throw TensorError(.runtime, "Padding value causes wrapping around more than once.")
                }
                source = Array(n - before..<n) + Array(0..<n) + Array(0..<after)
            default:
                throw TensorError(.notImplemented, "Unrecognised padding mode \(mode)")
            }
            x = try x.indexSelect(dim: d, index: Tensor(int64Values: source.map(Int64.init), shape: [source.count]))
        }
        return x
    }

    /// The sliding windows of a (N, C, H, W) tensor stacked on a new dim 2: (N, C, kh·kw, oh, ow), window
    /// offsets in row-major order. The input must already be padded so that every window fits.
    func nnWindows(kernel: [Int], stride: [Int], dilation: [Int], output: [Int]) throws -> Tensor {
        // The functional forms reach here unchecked: ATen's pooling shape checks, in its order.
        if kernel.contains(where: { $0 <= 0 }) {
            throw TensorError(.runtime, "kernel size should be greater than zero, but got kH: \(kernel[0]) kW: \(kernel[1])")
        }
        if stride.contains(0) { throw TensorError(.runtime, "stride should not be zero") }
        if stride.contains(where: { $0 < 0 }) {
            throw TensorError(.runtime, "stride should be greater than zero, but got dH: \(stride[0]) dW: \(stride[1])")
        }
        if dilation.contains(where: { $0 <= 0 }) {
            throw TensorError(.runtime, "dilation should be greater than zero, but got dilationH: \(dilation[0]) dilationW: \(dilation[1])")
        }
        if output.contains(where: { $0 < 0 }) {
            throw TensorError(.runtime, "Output size is too small: \(output.map(String.init).joined(separator: "x"))")
        }
        var slices: [Tensor] = []
        for i in 0..<kernel[0] {
            let rows = try slice(dim: 2, start: i * dilation[0], end: i * dilation[0] + stride[0] * (output[0] - 1) + 1,
                                 step: stride[0])
            for j in 0..<kernel[1] {
                slices.append(try rows.slice(dim: 3, start: j * dilation[1],
                                             end: j * dilation[1] + stride[1] * (output[1] - 1) + 1, step: stride[1]))
            }
        }
        return try Tensor.stack(slices, dim: 2)
    }

    /// `F.conv2d` on a batched, already padded (N, C, H, W) input: im2col windows times the weight matrix,
    /// group by group in one broadcast matmul.
    static func nnConv2d(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: [Int], dilation: [Int],
                         groups: Int) throws -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (o, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        let oh = (h &- dilation[0] &* (kh &- 1) &- 1) / Swift.max(stride[0], 1) &+ 1  // wrapping, as ATen's
        let ow = (w &- dilation[1] &* (kw &- 1) &- 1) / Swift.max(stride[1], 1) &+ 1
        if oh < 1 || ow < 1 {
            throw TensorError(.runtime, "calculated output size \(oh) \(ow) is too small (all sizes must be non-negative)")
        }
        let cols = try input.nnWindows(kernel: [kh, kw], stride: stride, dilation: dilation, output: [oh, ow])
            .reshape([n, groups, c / groups * kh * kw, oh * ow])
        let kernel = try weight.reshape([groups, o / groups, c / groups * kh * kw])
        var out = try kernel.matmul(cols).reshape([n, o, oh, ow])
        if let bias { out = try out.add(bias.view([1, o, 1, 1])) }
        return out
    }

    /// `F.max_pool2d` on a batched, padded (with -inf) input; also returns the window-local argmax
    /// (N, C, oh, ow) from which the caller derives PyTorch's flat indices.
    func nnMaxPool2d(kernel: [Int], stride: [Int], dilation: [Int], output: [Int]) throws -> (values: Tensor, local: Tensor) {
        let windows = try nnWindows(kernel: kernel, stride: stride, dilation: dilation, output: output)
        let (values, indices) = try windows.max(dim: 2)
        return (values, indices)
    }
}

/// Output length of a sliding window: PyTorch's `pooling_output_shape` (with ceil mode's "last window
/// must start inside the input or left padding" rule).
func poolOutputSize(input: Int, kernel: Int, pad: Int, stride: Int, dilation: Int, ceilMode: Bool) -> Int {
    // Wrapping arithmetic, as ATen's int64 arithmetic does: huge sizes give its errors instead of trapping.
    let span = input &+ 2 &* pad &- dilation &* (kernel &- 1) &- 1 &+ (ceilMode ? stride &- 1 : 0)
    let stride = Swift.max(stride, 1)  // callers reject 0
    var out = (span >= 0 ? span / stride : -((-(span &+ 1)) / stride) - 1) &+ 1
    if ceilMode && (out &- 1) &* stride >= input &+ pad { out -= 1 }
    return out
}
