import TensorEngine

/// The window geometry shared by MaxPool2d and AvgPool2d: checks, output size, and the padding that
/// makes every window fit (ceil mode may need extra on the bottom/right).
struct PoolGeometry {
    let kernel: [Int], stride: [Int], padding: [Int], dilation: [Int]
    let input: [Int], output: [Int]
    /// F.pad's (before, after) for H and W.
    let pads: [(Int, Int)]

    /// ATen's check of a size argument: one int (repeated) or two; an empty stride means "the kernel's".
    static func pair(_ value: IntOrTuple, _ message: String, empty: IntOrTuple? = nil) throws -> [Int] {
        let values = value.expanded(2)
        if values.isEmpty, let empty { return try pair(empty, message) }
        switch values.count {
        case 1: return [values[0], values[0]]
        case 2: return values
        default: throw TensorError(.runtime, message)
        }
    }

    init(input x: Tensor, kernel: [Int], stride: [Int], padding: [Int], dilation: [Int], ceilMode: Bool) throws {
        (self.kernel, self.stride, self.padding, self.dilation) = (kernel, stride, padding, dilation)
        // Wrapping arithmetic, as ATen's int64 arithmetic does: huge sizes must give its errors, not trap.
        for d in 0..<2 where padding[d] > ((kernel[d] &- 1) &* dilation[d] &+ 1) / 2 {
            throw TensorError(.runtime, "pad should be at most half of effective kernel size, but got pad=\(padding[d]), "
                + "kernel_size=\(kernel[d]) and dilation=\(dilation[d])")
        }
        let input = Array(x.shape.suffix(2))
        let output = (0..<2).map {
            poolOutputSize(input: input[$0], kernel: kernel[$0], pad: padding[$0], stride: stride[$0],
                           dilation: dilation[$0], ceilMode: ceilMode)
        }
        (self.input, self.output) = (input, output)
        if output.contains(where: { $0 < 1 }) {
            let c = x.dim == 4 ? x.shape[1] : x.shape[0]
            throw TensorError(.runtime, "Given input size: (\(c)x\(input[0])x\(input[1])). Calculated output size: "
                + "(\(c)x\(output[0])x\(output[1])). Output size is too small")
        }
        pads = (0..<2).map { d in
            let needed = (output[d] &- 1) &* stride[d] &+ dilation[d] &* (kernel[d] &- 1) &+ 1
            return (padding[d], Swift.max(padding[d], needed &- input[d] &- padding[d]))
        }
    }
}

/// `nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
///
/// `forward` returns the values; with `return_indices` the bindings call `forwardWithIndices`, whose
/// indices are flat positions in each (H, W) input plane, as PyTorch's.
open class MaxPool2d: Module {
    public let kernelSize: IntOrTuple
    public let stride: IntOrTuple
    public let padding: IntOrTuple
    public let dilation: IntOrTuple
    public let returnIndices: Bool
    public let ceilMode: Bool

    public init(kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
                returnIndices: Bool = false, ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }

    open override var typeName: String { "MaxPool2d" }
    open override var pythonModuleName: String { "torch.nn.modules.pooling" }

    open override func extraRepr() -> String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), "
            + "ceil_mode=\(ceilMode ? "True" : "False")"
    }

    open override func forward(_ input: Tensor) throws -> Tensor { try forwardWithIndices(input).values }

    /// `F.max_pool2d(..., return_indices=True)`: (values, int64 indices).
    public func forwardWithIndices(_ input: Tensor) throws -> (values: Tensor, indices: Tensor) {
        guard (input.dim == 3 || input.dim == 4) && input.numel > 0 else {
            throw TensorError(.runtime, "non-empty 3D or 4D (batch mode) tensor expected for input")
        }
        let batched = input.dim == 4
        let x = batched ? input : try input.unsqueeze(0)
        let geo = try PoolGeometry(input: x, kernel: PoolGeometry.pair(kernelSize, "max_pool2d: kernel_size must either be a single int, or a tuple of two ints"),
                                   stride: PoolGeometry.pair(stride, "max_pool2d: stride must either be omitted, a single int, or a tuple of two ints", empty: kernelSize),
                                   padding: PoolGeometry.pair(padding, "max_pool2d: padding must either be a single int, or a tuple of two ints"),
                                   dilation: PoolGeometry.pair(dilation, "max_pool2d: dilation must be either a single int, or a tuple of two ints"),
                                   ceilMode: ceilMode)
        let fill = x.dtype.isFloatingPoint ? -Double.infinity : Double(Int64.min)
        let padded = try x.nnPad(geo.pads, mode: "constant", value: fill)
        let (values, local) = try padded.nnMaxPool2d(kernel: geo.kernel, stride: geo.stride, dilation: geo.dilation,
                                                      output: geo.output)
        let indices = flatIndices(local.toInt64Array(), geo: geo, shape: local.shape)
        let result = batched ? (values, indices) : (try values.squeeze(dim: 0), try indices.squeeze(dim: 0))
        result.0.labelingGradFn("MaxPool2DWithIndicesBackward0")
        return result
    }

    /// Window-local argmax (row-major within the kernel) to flat `h·W + w` in the unpadded input.
    private func flatIndices(_ local: [Int64], geo: PoolGeometry, shape: [Int]) -> Tensor {
        let (oh, ow) = (geo.output[0], geo.output[1])
        var out = [Int64](repeating: 0, count: local.count)
        for (i, k) in local.enumerated() {
            let (row, col) = ((i / ow) % oh, i % ow)
            let (ki, kj) = (Int(k) / geo.kernel[1], Int(k) % geo.kernel[1])
            let h = row * geo.stride[0] - geo.padding[0] + ki * geo.dilation[0]
            let w = col * geo.stride[1] - geo.padding[1] + kj * geo.dilation[1]
            out[i] = Int64(h * geo.input[1] + w)
        }
        return Tensor(int64Values: out, shape: shape)
    }
}

/// `nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
/// divisor_override=None)`.
open class AvgPool2d: Module {
    public let kernelSize: IntOrTuple
    public let stride: IntOrTuple
    public let padding: IntOrTuple
    public let ceilMode: Bool
    public let countIncludePad: Bool
    public let divisorOverride: Int?

    public init(kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
        super.init()
    }

    open override var typeName: String { "AvgPool2d" }
    open override var pythonModuleName: String { "torch.nn.modules.pooling" }

    open override func extraRepr() -> String { "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding)" }

    open override func forward(_ input: Tensor) throws -> Tensor {
        if input.dim < 3 {
            throw TensorError(.index, "Dimension out of range (expected to be in range of [\(-Swift.max(input.dim, 1)), "
                + "\(Swift.max(input.dim, 1) - 1)], but got -3)")
        }
        guard input.dim <= 4 && input.numel > 0 else {
            throw TensorError(.runtime, "non-empty 3D or 4D (batch mode) tensor expected for input")
        }
        if divisorOverride == 0 { throw TensorError(.runtime, "divisor must be not zero") }
        let batched = input.dim == 4
        let x = batched ? input : try input.unsqueeze(0)
        let geo = try PoolGeometry(input: x, kernel: PoolGeometry.pair(kernelSize, "avg_pool2d: kernel_size must either be a single int, or a tuple of two ints"),
                                   stride: PoolGeometry.pair(stride, "avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints", empty: kernelSize),
                                   padding: PoolGeometry.pair(padding, "avg_pool2d: padding must either be a single int, or a tuple of two ints"),
                                   dilation: [1, 1], ceilMode: ceilMode)
        let sums = try x.nnPad(geo.pads).nnWindows(kernel: geo.kernel, stride: geo.stride, dilation: [1, 1],
                                                   output: geo.output).sum(dim: 2)
        let out = try sums.div(divisors(geo, dtype: x.dtype))
        return (batched ? out : try out.squeeze(dim: 0)).labelingGradFn("AvgPool2DBackward0")
    }

    /// ATen's per-window divisor: the window clipped to input+padding, or to the input alone when
    /// `count_include_pad` is off; `divisor_override` replaces it.
    private func divisors(_ geo: PoolGeometry, dtype: DType) -> Tensor {
        var values: [Double] = []
        for i in 0..<geo.output[0] {
            for j in 0..<geo.output[1] {
                if let divisorOverride { values.append(Double(divisorOverride)); continue }
                var (h0, w0) = (i * geo.stride[0] - geo.padding[0], j * geo.stride[1] - geo.padding[1])
                var h1 = Swift.min(h0 + geo.kernel[0], geo.input[0] + geo.padding[0])
                var w1 = Swift.min(w0 + geo.kernel[1], geo.input[1] + geo.padding[1])
                let poolSize = (h1 - h0) * (w1 - w0)
                (h0, w0) = (Swift.max(h0, 0), Swift.max(w0, 0))
                (h1, w1) = (Swift.min(h1, geo.input[0]), Swift.min(w1, geo.input[1]))
                values.append(Double(countIncludePad ? poolSize : (h1 - h0) * (w1 - w0)))
            }
        }
        return Tensor(values: values, shape: geo.output, dtype: dtype)
    }
}

/// `nn.AdaptiveAvgPool2d(output_size)`: window i of n over a length L spans [⌊iL/n⌋, ⌈(i+1)L/n⌉).
/// `nil` in `outputSize` keeps the input's size.
open class AdaptiveAvgPool2d: Module {
    public let outputSize: [Int?]
    let isScalar: Bool

    public init(_ outputSize: IntOrTuple) {
        self.outputSize = outputSize.expanded(2)
        if case .int = outputSize { isScalar = true } else { isScalar = false }
        super.init()
    }

    /// `AdaptiveAvgPool2d((None, 7))`.
    public init(outputSize: [Int?]) {
        self.outputSize = outputSize
        isScalar = false
        super.init()
    }

    open override var typeName: String { "AdaptiveAvgPool2d" }
    open override var pythonModuleName: String { "torch.nn.modules.pooling" }

    open override func extraRepr() -> String {
        let parts = outputSize.map { $0.map(String.init) ?? "None" }
        return "output_size=" + (isScalar ? parts[0] : "(" + parts.joined(separator: ", ") + ")")
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        guard input.dim == 3 || input.dim == 4 else {
            throw TensorError(.runtime, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got \(shapeText(input.shape))")
        }
        let (h, w) = (input.shape[input.dim - 2], input.shape[input.dim - 1])
        guard outputSize.count == 2 else { throw TensorError(.runtime, "adaptive_avg_pool2d: output_size must be 2") }
        let (oh, ow) = (outputSize[0] ?? h, outputSize[1] ?? w)
        if oh < 0 || ow < 0 {
            throw TensorError(.runtime, "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {\(oh), \(ow)}")
        }
        try Tensor.validateShape([oh, h], dtype: .float64)  // the averaging matrices
        try Tensor.validateShape([ow, w], dtype: .float64)
        if oh == 1 && ow == 1 { return try input.mean(dims: [-2, -1], keepDim: true) }
        // Averaging matrices: out = A_h · x · A_wᵀ.
        let ah = averagingMatrix(inputSize: h, outputSize: oh, dtype: input.dtype)
        let aw = try averagingMatrix(inputSize: w, outputSize: ow, dtype: input.dtype).t()
        return try ah.matmul(try input.matmul(aw)).labelingGradFn("AdaptiveAvgPool2DBackward0")
    }

    private func averagingMatrix(inputSize: Int, outputSize: Int, dtype: DType) -> Tensor {
        var values = [Double](repeating: 0, count: outputSize * inputSize)
        for i in 0..<outputSize {
            let start = i * inputSize / outputSize
            let end = ((i + 1) * inputSize + outputSize - 1) / outputSize
            for k in start..<end { values[i * inputSize + k] = 1 / Double(end - start) }
        }
        return Tensor(values: values, shape: [outputSize, inputSize], dtype: dtype)
    }
}
