import TensorEngine

/// `torch.nn.functional` for the layers with windows and statistics; each is the layer's own forward
/// with explicit weights, so `F.conv2d(x, conv.weight, conv.bias)` and `conv(x)` agree exactly.
public enum Functional {
    /// `F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`.
    public static func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                              padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1) throws -> Tensor {
        try conv(input, weight: weight, bias: bias, spatialDims: 2, stride: stride, padding: padding,
                 dilation: dilation, groups: groups)
    }

    /// `F.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`.
    public static func conv1d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                              padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1) throws -> Tensor {
        try conv(input, weight: weight, bias: bias, spatialDims: 1, stride: stride, padding: padding,
                 dilation: dilation, groups: groups)
    }

    private static func conv(_ input: Tensor, weight: Tensor, bias: Tensor?, spatialDims: Int, stride: IntOrTuple,
                             padding: ConvPadding, dilation: IntOrTuple, groups: Int) throws -> Tensor {
        guard weight.dim == spatialDims + 2 else {
            throw TensorError(.runtime, "conv\(spatialDims)d(): expected a \(spatialDims + 2)-D weight, got weight of size "
                + shapeText(weight.shape))
        }
        guard groups > 0 else { throw TensorError(.runtime, "non-positive groups is not supported") }
        let kernel = Array(weight.shape.suffix(spatialDims))
        let (st, dil) = (stride.expanded(spatialDims), dilation.expanded(spatialDims))
        let pads = try ConvNd.resolvePadding(padding, kernel: kernel, stride: st, dilation: dil, functional: true).pairs
        return try ConvNd.convolution(input, weight: weight, bias: bias, stride: st, padding: pads, paddingMode: "zeros",
                                      dilation: dil, groups: groups)
    }

    /// `F.pad(input, pad, mode='constant', value=0)`: `pad` lists (left, right) pairs from the last dimension
    /// backwards; negative amounts crop (constant mode).
    public static func pad(_ input: Tensor, _ pad: [Int], mode: String = "constant", value: Double = 0) throws -> Tensor {
        guard pad.count % 2 == 0 else { throw TensorError(.runtime, "Padding length must be divisible by 2") }
        guard pad.count / 2 <= input.dim else {
            throw TensorError(.runtime, "Padding length should be less than or equal to two times the input dimension "
                + "but got padding length \(pad.count) and input of dimension \(input.dim)")
        }
        guard ["constant", "reflect", "replicate", "circular"].contains(mode) else {
            throw TensorError(.notImplemented, "Unrecognised padding mode \(mode)")
        }
        let k = pad.count / 2
        if mode != "constant" && !(k >= 1 && k <= 3 && (input.dim == k + 1 || input.dim == k + 2)) {
            throw TensorError(.notImplemented, "Padding size \(pad.count) is not supported for \(input.dim)D input tensor.\n"
                + "Supported combinations for non-constant padding:\n"
                + "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
                + "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
                + "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
        }
        let pairs = (0..<k).reversed().map { (pad[2 * $0], pad[2 * $0 + 1]) }
        return try input.nnPad(pairs, mode: mode, value: value)
    }

    /// `F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`.
    public static func maxPool2d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil,
                                 padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
                                 ceilMode: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try MaxPool2d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
            .forwardWithIndices(input)
    }

    /// `F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
    /// divisor_override=None)`.
    public static func avgPool2d(_ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil,
                                 padding: IntOrTuple = 0, ceilMode: Bool = false, countIncludePad: Bool = true,
                                 divisorOverride: Int? = nil) throws -> Tensor {
        try AvgPool2d(kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                      countIncludePad: countIncludePad, divisorOverride: divisorOverride).forward(input)
    }

    /// `F.adaptive_avg_pool2d(input, output_size)`; nil keeps that input size.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: [Int?]) throws -> Tensor {
        try AdaptiveAvgPool2d(outputSize: outputSize).forward(input)
    }

    /// `F.batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1,
    /// eps=1e-05)`.
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil,
                                 bias: Tensor? = nil, training: Bool = false, momentum: Double = 0.1,
                                 eps: Double = 1e-5) throws -> Tensor {
        try BatchNorm.batchNorm(input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                                training: training, momentum: momentum, eps: eps)
    }

    /// `F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05)`.
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Double = 1e-5) throws -> Tensor {
        try LayerNorm.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    /// `F.embedding(input, weight, padding_idx=None)`.
    public static func embedding(_ input: Tensor, weight: Tensor, paddingIdx: Int? = nil) throws -> Tensor {
        try Embedding.embedding(input, weight: weight, paddingIdx: paddingIdx)
    }
}
