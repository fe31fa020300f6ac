import Foundation
import TensorEngine

/// A size argument as Python passed it: `2` or `(2, 3)`. Modules that echo their arguments
/// (`MaxPool2d(kernel_size=2, ...)`) print it back in the same form.
public enum IntOrTuple: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, CustomStringConvertible {
    case int(Int)
    case tuple([Int])

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: Int...) { self = .tuple(elements) }

    /// `_single`/`_pair`: the value repeated to `n` entries (a tuple is taken as given).
    public func expanded(_ n: Int) -> [Int] {
        switch self {
        case .int(let v): Array(repeating: v, count: n)
        case .tuple(let vs): vs
        }
    }

    /// Python's repr: `2`, `(2, 3)`, `(2,)`.
    public var description: String {
        switch self {
        case .int(let v): String(v)
        case .tuple(let vs): pythonTupleRepr(vs)
        }
    }
}

/// Conv's `padding`: a size, or the strings `'same'` / `'valid'` (checked by the constructor).
public enum ConvPadding: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    ExpressibleByStringLiteral {
    case size(IntOrTuple)
    case string(String)

    public init(integerLiteral value: Int) { self = .size(.int(value)) }
    public init(arrayLiteral elements: Int...) { self = .size(.tuple(elements)) }
    public init(stringLiteral value: String) { self = .string(value) }
}

/// `_ConvNd` for Conv1d/Conv2d: y = x ⋆ W + b over `spatialDims` trailing dimensions.
///
/// `weight` is (out, in/groups, *kernel) and `bias` (out); `reset_parameters` draws the whole weight
/// (Kaiming uniform, a = √5, fan_in = in/groups·∏kernel) and then the bias (uniform ±1/√fan_in), like
/// Linear. Conv1d runs as a Conv2d of height 1.
open class ConvNd: Module {
    public let spatialDims: Int
    public internal(set) var inChannels: Int
    public let outChannels: Int
    public let kernelSize: [Int]
    public let stride: [Int]
    /// Explicit padding per spatial dim, or nil when `paddingString` is set.
    public let padding: [Int]?
    /// `'same'` or `'valid'`.
    public let paddingString: String?
    public let dilation: [Int]
    public let groups: Int
    public let paddingMode: String
    /// F.pad's (before, after) per spatial dim, for `'same'` and the non-zero padding modes.
    let paddingPairs: [(Int, Int)]
    let generator: Generator

    init(spatialDims: Int, inChannels: Int, outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple,
         padding: ConvPadding, dilation: IntOrTuple, groups: Int, bias: Bool, paddingMode: String, dtype: DType,
         generator: Generator, lazy: Bool) throws {
        self.spatialDims = spatialDims
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize.expanded(spatialDims)
        self.stride = stride.expanded(spatialDims)
        self.dilation = dilation.expanded(spatialDims)
        self.groups = groups
        self.paddingMode = paddingMode
        self.generator = generator
        guard groups > 0 else { throw TensorError.valueError("groups must be a positive integer") }
        if !lazy && inChannels % groups != 0 { throw TensorError.valueError("in_channels must be divisible by groups") }
        guard outChannels % groups == 0 else { throw TensorError.valueError("out_channels must be divisible by groups") }
        let resolved = try ConvNd.resolvePadding(padding, kernel: self.kernelSize, stride: self.stride,
                                                 dilation: self.dilation, functional: false)
        (self.padding, self.paddingString, paddingPairs) = (resolved.explicit, resolved.string, resolved.pairs)
        guard ["zeros", "reflect", "replicate", "circular"].contains(paddingMode) else {
            throw TensorError.valueError("padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, "
                + "but got padding_mode='\(paddingMode)'")
        }
        super.init()
        if lazy {
            try registerParameter("weight", Parameter.uninitialized(dtype: dtype))
            try registerParameter("bias", bias ? Parameter.uninitialized(dtype: dtype) : nil)
            return
        }
        let shape = [outChannels, inChannels / groups] + self.kernelSize
        try Parameter.checkShape(shape)
        try Parameter.checkShape([shape[0]])  // the bias, large even when the weight is empty
        try registerParameter("weight", Parameter.make(Tensor.empty(shape, dtype: dtype)))
        try registerParameter("bias", bias ? Parameter.make(Tensor.empty([outChannels], dtype: dtype)) : nil)
        try resetParameters()
    }

    public var weight: Tensor? { parameter("weight") }
    public var bias: Tensor? { parameter("bias") }

    open override var pythonModuleName: String { "torch.nn.modules.conv" }
    open override var builtinAttributeNames: Set<String> {
        super.builtinAttributeNames.union(["in_channels", "out_channels", "kernel_size", "stride", "padding",
                                           "dilation", "groups", "padding_mode", "reset_parameters"])
    }

    open override func resetParameters() throws {
        guard let weight else { return }
        try Init.kaimingUniform_(weight, a: 5.0.squareRoot(), generator: generator)
        if let bias {
            let fanIn = try Init.fanInAndFanOut(weight).fanIn
            if fanIn != 0 {
                let bound = 1 / Double(fanIn).squareRoot()
                try Init.uniform_(bias, a: -bound, b: bound, generator: generator)
            }
        }
    }

    open override func extraRepr() -> String {
        var s = "\(inChannels), \(outChannels), kernel_size=\(pythonTupleRepr(kernelSize)), stride=\(pythonTupleRepr(stride))"
        if let paddingString { s += ", padding=\(paddingString)" }
        if let padding, padding.contains(where: { $0 != 0 }) { s += ", padding=\(pythonTupleRepr(padding))" }
        if dilation.contains(where: { $0 != 1 }) { s += ", dilation=\(pythonTupleRepr(dilation))" }
        if groups != 1 { s += ", groups=\(groups)" }
        if bias == nil { s += ", bias=False" }
        if paddingMode != "zeros" { s += ", padding_mode=\(paddingMode)" }
        return s
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        guard let weight else {
            throw TensorError(.type, "conv\(spatialDims)d() received an invalid combination of arguments")
        }
        if paddingString == "same" && paddingMode == "zeros" && paddingPairs.contains(where: { $0.0 != $0.1 }) {
            NNWarnings.warn("Using padding='same' with even kernel lengths and odd dilation may require a zero-padded "
                + "copy of the input be created (Triggered internally at "
                + "/__w/pytorch/pytorch/aten/src/ATen/native/Convolution.cpp:1135.)")
        }
        return try ConvNd.convolution(input, weight: weight, bias: bias, stride: stride, padding: paddingPairs,
                                      paddingMode: paddingMode, dilation: dilation, groups: groups)
    }

    /// `'same'`/`'valid'` or explicit sizes, as F.pad's (before, after) per spatial dim. `functional`
    /// selects F.conv's RuntimeError texts over the module constructor's ValueErrors.
    static func resolvePadding(_ padding: ConvPadding, kernel: [Int], stride: [Int], dilation: [Int],
                               functional: Bool) throws -> (explicit: [Int]?, string: String?, pairs: [(Int, Int)]) {
        switch padding {
        case .size(let size):
            let explicit = size.expanded(kernel.count)
            return (explicit, nil, explicit.map { ($0, $0) })
        case .string(let s):
            guard s == "same" || s == "valid" else {
                throw functional ? TensorError(.runtime, "Invalid padding string: '\(s)'")
                    : TensorError.valueError("Invalid padding string '\(s)', should be one of {'valid', 'same'}")
            }
            if s == "same" && stride.contains(where: { $0 != 1 }) {
                throw TensorError(functional ? .runtime : .value, "padding='same' is not supported for strided convolutions")
            }
            let pairs = zip(dilation, kernel).map { d, k in
                s == "same" ? (d * (k - 1) / 2, d * (k - 1) - d * (k - 1) / 2) : (0, 0)
            }
            return (nil, s, pairs)
        }
    }

    /// `F.conv1d`/`F.conv2d` after padding is resolved: input (N, C, *spatial) or unbatched (C, *spatial),
    /// weight (out, in/groups, *kernel).
    static func convolution(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: [Int], padding: [(Int, Int)],
                            paddingMode: String, dilation: [Int], groups: Int) throws -> Tensor {
        let spatialDims = weight.dim - 2
        guard input.dim == spatialDims + 1 || input.dim == spatialDims + 2 else {
            throw TensorError(.runtime, "Expected \(spatialDims + 1)D (unbatched) or \(spatialDims + 2)D (batched) input to "
                + "conv\(spatialDims)d, but got input of size: \(shapeText(input.shape))")
        }
        let batched = input.dim == spatialDims + 2
        var x = batched ? input : try input.unsqueeze(0)
        if x.dtype != weight.dtype {
            let other = bias != nil ? "bias" : "weight"
            throw TensorError(.runtime, "Input type (\(x.dtype.cTypeName)) and \(other) type (\(weight.dtype.cTypeName)) should be the same")
        }
        if weight.shape[0] % groups != 0 {
            throw TensorError(.runtime, "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, "
                + "but got weight of size [\(shapeText(weight.shape))] instead")
        }
        let inChannels = weight.shape[1] * groups
        if x.shape[1] != inChannels {
            throw TensorError(.runtime, "Given groups=\(groups), weight of size \(shapeText(weight.shape)), expected input"
                + "\(shapeText(x.shape)) to have \(inChannels) channels, but got \(x.shape[1]) channels instead")
        }
        if let bias, bias.shape != [weight.shape[0]] {
            throw TensorError(.runtime, "Given weight of size \(shapeText(weight.shape)), expected bias to be 1-dimensional "
                + "with \(weight.shape[0]) elements, but got bias of size \(shapeText(bias.shape)) instead")
        }
        x = try x.nnPad(padding, mode: paddingMode == "zeros" ? "constant" : paddingMode)
        let padded = Array(x.shape.suffix(spatialDims))
        let kernel = Array(weight.shape.suffix(spatialDims))
        let effective = zip(kernel, dilation).map { k, d in d &* (k &- 1) &+ 1 }  // wrapping, as ATen's int64
        if zip(padded, effective).contains(where: { $0 < $1 }) {
            throw TensorError(.runtime, "Calculated padded input size per channel: (\(padded.map(String.init).joined(separator: " x ")))"
                + ". Kernel size: (\(effective.map(String.init).joined(separator: " x "))). "
                + "Kernel size can't be greater than actual input size")
        }
        var w = weight
        var (st, dil) = (stride, dilation)
        if spatialDims == 1 {
            x = try x.unsqueeze(2)
            w = try weight.unsqueeze(2)
            (st, dil) = ([1] + stride, [1] + dilation)
        }
        var out = try Tensor.nnConv2d(x, weight: w, bias: bias, stride: st, dilation: dil, groups: groups)
        if spatialDims == 1 { out = try out.squeeze(dim: 2) }
        out.labelingGradFn("ConvolutionBackward0")
        return batched ? out : try out.squeeze(dim: 0)
    }
}

extension DType {
    /// The C++ type name ATen's dtype checks print (`float`, `double`, `long int`).
    var cTypeName: String {
        switch self {
        case .float32: "float"
        case .float64: "double"
        case .int64: "long int"
        case .bool: "bool"
        }
    }
}

/// `nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
/// padding_mode='zeros')`.
///
///     try Conv2d(1, 6, kernelSize: 5).description == "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))"
open class Conv2d: ConvNd {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: String = "zeros", dtype: DType = .float32, generator: Generator = .default) throws {
        try super.init(spatialDims: 2, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                       stride: stride, padding: padding, dilation: dilation, groups: groups, bias: bias,
                       paddingMode: paddingMode, dtype: dtype, generator: generator, lazy: false)
    }

    init(lazyOutChannels outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple, padding: ConvPadding,
         dilation: IntOrTuple, groups: Int, bias: Bool, paddingMode: String, dtype: DType, generator: Generator) throws {
        try super.init(spatialDims: 2, inChannels: 0, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                       padding: padding, dilation: dilation, groups: groups, bias: bias, paddingMode: paddingMode,
                       dtype: dtype, generator: generator, lazy: true)
    }

    open override var typeName: String { "Conv2d" }
}

/// `nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
/// padding_mode='zeros')`: input (N, C, L) or (C, L).
open class Conv1d: ConvNd {
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1,
                padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true,
                paddingMode: String = "zeros", dtype: DType = .float32, generator: Generator = .default) throws {
        try super.init(spatialDims: 1, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                       stride: stride, padding: padding, dilation: dilation, groups: groups, bias: bias,
                       paddingMode: paddingMode, dtype: dtype, generator: generator, lazy: false)
    }

    open override var typeName: String { "Conv1d" }
}

/// `nn.LazyConv2d(out_channels, kernel_size, ...)`: draws nothing until the first forward, then sets
/// `in_channels` from the input (dim 1, or dim 0 unbatched), materialises and initialises exactly as a
/// `Conv2d` created at that moment, and from then on is a `Conv2d`.
open class LazyConv2d: Conv2d {
    public private(set) var isMaterialized = false

    public init(_ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1, padding: ConvPadding = 0,
                dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true, paddingMode: String = "zeros",
                dtype: DType = .float32, generator: Generator = .default) throws {
        try super.init(lazyOutChannels: outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                       dilation: dilation, groups: groups, bias: bias, paddingMode: paddingMode, dtype: dtype,
                       generator: generator)
    }

    open override var typeName: String { isMaterialized ? "Conv2d" : "LazyConv2d" }

    public var hasUninitializedParameters: Bool {
        parameterStore.values.contains { $0?.isUninitializedParameter ?? false }
    }

    open override func resetParameters() throws {
        if !hasUninitializedParameters && inChannels != 0 { try super.resetParameters() }
    }

    /// `initialize_parameters(input)`: the lazy hook run before the first forward.
    public func initializeParameters(_ input: Tensor) throws {
        if hasUninitializedParameters {
            guard input.dim == 3 || input.dim == 4 else {
                throw TensorError(.runtime, "Expected 3D (unbatched) or 4D (batched) input to LazyConv2d, but got "
                    + "input of size: \(torchSize(input.shape))")
            }
            inChannels = input.dim == 4 ? input.shape[1] : input.shape[0]
            guard inChannels % groups == 0 else { throw TensorError.valueError("in_channels must be divisible by groups") }
            try GradMode.withNoGrad {
                if let weight { try Parameter.materialize(weight, shape: [outChannels, inChannels / groups] + kernelSize) }
                if let bias { try Parameter.materialize(bias, shape: [outChannels]) }
                try resetParameters()
            }
        }
        isMaterialized = true
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        if !isMaterialized { try initializeParameters(input) }
        return try super.forward(input)
    }
}
