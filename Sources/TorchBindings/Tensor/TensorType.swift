import Language
import NN
import TensorEngine

/// `torch.Tensor`, `nn.Parameter`, `nn.UninitializedParameter`: construction, attributes and protocols.
extension TorchLibrary {
    func installTensorType() {
        let t = types.tensor
        t.newInstance = { [unowned self] _, args, kwargs in
            // torch.Tensor(2, 3) (uninitialised) or torch.Tensor([1, 2]) (float32 data).
            let rest = Array(args.dropFirst())
            if rest.count == 1, Convert.sequenceItems(rest[0]) != nil || tensor(rest[0]) != nil {
                if let src = tensor(rest[0]) { return wrap(src) }
                return wrap(try tensorFromData(rest[0], dtype: .float32))
            }
            _ = kwargs
            return wrap(Tensor.zeros(try Convert.shape(rest, "Tensor"), dtype: .float32))
        }
        installTensorAttributes(t)
        installTensorMethods(t)
        installTensorOperators(t)
        installTensorIndexing(t)
        installTutorialTensorMethods(t)
        installMoreTensorMethods(t)

        let p = types.parameter
        p.newInstance = { [unowned self] _, args, kwargs in
            let a = try Arguments("Parameter", Array(args.dropFirst()), kwargs, ["data", "requires_grad"])
            let data = try a.optionalTensor("data") ?? Tensor.empty([0])
            return wrap(try bridged { try Parameter.make(data, requiresGrad: try a.bool("requires_grad", default: true)) })
        }
        p.method("__repr__") { [unowned self] _, args, _ in
            .str(try requireTensor(args[0], "self").description)
        }
        let u = types.uninitializedParameter
        u.newInstance = { [unowned self] _, args, kwargs in
            let a = try Arguments("UninitializedParameter", Array(args.dropFirst()), kwargs, ["requires_grad", "device", "dtype"])
            return wrap(Parameter.uninitialized(requiresGrad: try a.bool("requires_grad", default: true),
                                                dtype: try a.dtype() ?? .float32))
        }
        u.method("materialize") { [unowned self] _, args, kwargs in
            let a = try Arguments("materialize", args, kwargs, ["shape", "device", "dtype"], dropSelf: true)
            let shape = try Convert.shape([try a.required("shape")], "materialize")
            let p = try requireTensor(args[0], "self")
            try Parameter.materialize(p, shape: shape)
            return .none
        }
        installGradFnType()
    }

    private func installTensorAttributes(_ t: PyType) {
        t.property("shape") { [unowned self] _, o in
            let x = try requireTensor(o, "self")
            if x.isUninitializedParameter {
                throw PyError.runtimeError("Can't access the shape of an uninitialized parameter or buffer. This error usually happens in `load_state_dict` when trying to load an uninitialized parameter into an initialized one. Call `forward` to initialize the parameters before accessing their attributes.")
            }
            return size(x.shape)
        }
        t.property("dtype") { [unowned self] _, o in dtypeValue(try requireTensor(o, "self").dtype) }
        t.property("ndim") { [unowned self] _, o in .int(try requireTensor(o, "self").dim) }
        t.property("is_leaf") { [unowned self] _, o in .bool(try requireTensor(o, "self").isLeaf) }
        t.property("is_cuda") { _, _ in .bool(false) }
        t.property("requires_grad", get: { [unowned self] _, o in .bool(try requireTensor(o, "self").requiresGrad) },
                   set: { [unowned self] _, o, v in
                       try requireTensor(o, "self").setRequiresGrad(try Convert.bool(v, "requires_grad", "value"), route: .attribute)
                   })
        t.property("grad", get: { [unowned self] _, o in wrap(try requireTensor(o, "self").grad) },
                   set: { [unowned self] _, o, v in
                       let g: Tensor? = v.isNone ? nil : try requireTensor(v, "assigned grad")
                       try requireTensor(o, "self").setGrad(g)
                   })
        t.property("grad_fn") { [unowned self] _, o in
            guard let g = try requireTensor(o, "self").gradFn else { return .none }
            return wrap(g)
        }
        t.property("data", get: { [unowned self] _, o in wrap(try requireTensor(o, "self").data) },
                   set: { [unowned self] _, o, v in
                       let target = try requireTensor(o, "self")
                       target.data = try requireTensor(v, "data")
                   })
        t.property("T") { [unowned self] _, o in wrap(try requireTensor(o, "self").reversedDims()) }
        t.property("mT") { [unowned self] _, o in wrap(try requireTensor(o, "self").matrixTranspose()) }
    }

    private func installTensorMethods(_ t: PyType) {
        func m(_ name: String, _ body: @escaping (Tensor, Arguments) throws -> Value,
               _ names: [String] = [], varargs: Bool = false) {
            t.method(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, names, dropSelf: true, varargs: varargs)
                return try body(try requireTensor(args[0], "self"), a)
            }
        }
        func unary(_ name: String, _ op: @escaping (Tensor) throws -> Tensor) {
            m(name) { [unowned self] x, _ in wrap(try op(x)) }
        }
        unary("abs") { try $0.abs() }
        unary("exp") { try $0.exp() }
        unary("log") { try $0.log() }
        unary("sqrt") { try $0.sqrt() }
        unary("rsqrt") { try $0.rsqrt() }
        unary("sin") { try $0.sin() }
        unary("cos") { try $0.cos() }
        unary("tanh") { try $0.tanh() }
        unary("sigmoid") { try $0.sigmoid() }
        unary("relu") { try $0.relu() }
        unary("neg") { try $0.neg() }
        unary("negative") { try $0.neg() }
        unary("log1p") { try $0.log1p() }
        unary("expm1") { try $0.expm1() }
        unary("reciprocal") { try $0.reciprocal() }
        unary("sign") { try $0.sign() }
        unary("floor") { try $0.floor() }
        unary("ceil") { try $0.ceil() }
        unary("trunc") { try $0.trunc() }
        unary("square") { try $0.square() }
        unary("t") { try $0.t() }
        unary("contiguous") { try $0.contiguous() }
        unary("clone") { try $0.clone() }
        unary("detach") { $0.detach() }
        unary("logical_not") { $0.logicalNot() }
        unary("float") { try $0.to(.float32) }
        unary("double") { try $0.to(.float64) }
        unary("long") { try $0.to(.int64) }
        unary("int") { try $0.to(.int64) }
        unary("bool") { try $0.to(.bool) }
        unary("relu_") { try $0.relu_() }
        unary("sigmoid_") { try $0.sigmoid_() }
        unary("tanh_") { try $0.tanh_() }
        unary("exp_") { try $0.exp_() }
        unary("log_") { try $0.log_() }
        unary("sqrt_") { try $0.sqrt_() }
        unary("abs_") { try $0.abs_() }
        unary("neg_") { try $0.neg_() }
        unary("zero_") { try $0.zero_() }
        m("round", { [unowned self] x, a in
            if let d = try a.optionalInt("decimals"), d != 0 {
                let scale = Foundation_pow10(d)
                return wrap(try x.mul(.double(scale)).round().div(.double(scale)))
            }
            return wrap(try x.round())
        }, ["decimals"])

        m("size", { [unowned self] x, a in
            if let d = try a.optionalInt("dim") { return .int(try x.size(d)) }
            return size(x.shape)
        }, ["dim"])
        m("stride", { x, a in
            if let d = try a.optionalInt("dim") {
                let n = x.dim
                if n == 0 { throw PyError.indexError("Dimension specified as \(d) but tensor has no dimensions") }
                let i = d < 0 ? d + n : d
                guard i >= 0 && i < max(n, 1) else {
                    throw PyError.indexError("Dimension out of range (expected to be in range of [\(-max(n, 1)), \(max(n, 1) - 1)], but got \(d))")
                }
                return .int(x.strides[i])
            }
            return .object(PyTuple(x.strides.map { .int($0) }))
        }, ["dim"])
        m("dim") { x, _ in .int(x.dim) }
        m("ndimension") { x, _ in .int(x.dim) }
        m("numel") { x, _ in .int(x.numel) }
        m("nelement") { x, _ in .int(x.numel) }
        m("element_size") { x, _ in .int(x.dtype == .float64 || x.dtype == .int64 ? 8 : x.dtype == .bool ? 1 : 4) }
        m("is_contiguous") { x, _ in .bool(x.isContiguous) }
        m("is_floating_point") { x, _ in .bool(x.dtype.isFloatingPoint) }
        m("storage_offset") { x, _ in .int(x.storageOffset) }
        m("item") { [unowned self] x, _ in try item(x) }
        m("tolist") { [unowned self] x, _ in
            // CPython's MemoryError where the list of a huge (expanded) tensor cannot fit.
            do { try Tensor.validateShape([x.numel, 4], dtype: .float64) } catch { throw PyError(type: Types.memoryError, "") }
            return toList(x)
        }
        m("data_ptr") { x, _ in .int(ObjectIdentifier(x).hashValue) }

        m("view", { [unowned self] x, a in
            if a.rest.count == 1, let d = a.rest[0].native(as: DTypeBox.self) {
                if d.dtype == x.dtype { return wrap(try x.view(x.shape)) }
                throw PyError.runtimeError("view(dtype) is not supported")
            }
            return wrap(try x.view(try Convert.shape(a.rest, "view")))
        }, [], varargs: true)
        m("reshape", { [unowned self] x, a in wrap(try x.reshape(try Convert.shape(a.rest, "reshape"))) }, [], varargs: true)
        m("view_as", { [unowned self] x, a in wrap(try x.view(try a.tensor("other").shape)) }, ["other"])
        m("reshape_as", { [unowned self] x, a in wrap(try x.reshape(as: try a.tensor("other"))) }, ["other"])
        m("expand", { [unowned self] x, a in wrap(try x.expand(try Convert.shape(a.rest, "expand"))) }, [], varargs: true)
        m("expand_as", { [unowned self] x, a in wrap(try x.expand(as: try a.tensor("other"))) }, ["other"])
        m("permute", { [unowned self] x, a in wrap(try x.permute(try Convert.shape(a.rest, "permute"))) }, [], varargs: true)
        m("transpose", { [unowned self] x, a in wrap(try x.transpose(try a.int("dim0"), try a.int("dim1"))) }, ["dim0", "dim1"])
        m("swapaxes", { [unowned self] x, a in wrap(try x.transpose(try a.int("dim0"), try a.int("dim1"))) }, ["dim0", "dim1"])
        m("unsqueeze", { [unowned self] x, a in wrap(try x.unsqueeze(try a.int("dim"))) }, ["dim"])
        m("squeeze", { [unowned self] x, a in
            if let d = try a.optionalInt("dim") { return wrap(try x.squeeze(dim: d)) }
            return wrap(try x.squeeze())
        }, ["dim"])
        m("flatten", { [unowned self] x, a in
            wrap(try x.flatten(startDim: try a.int("start_dim", default: 0), endDim: try a.int("end_dim", default: -1)))
        }, ["start_dim", "end_dim"])
        m("narrow", { [unowned self] x, a in
            wrap(try x.narrow(dim: try a.int("dim"), start: try a.int("start"), length: try a.int("length")))
        }, ["dim", "start", "length"])
        m("select", { [unowned self] x, a in wrap(try x.select(dim: try a.int("dim"), index: try a.int("index"))) }, ["dim", "index"])
        m("chunk", { [unowned self] x, a in
            .object(PyTuple(try x.chunk(try a.int("chunks"), dim: try a.int("dim", default: 0)).map { wrap($0) }))
        }, ["chunks", "dim"])
        m("split", { [unowned self] x, a in
            .object(PyTuple(try x.split(try a.int("split_size"), dim: try a.int("dim", default: 0)).map { wrap($0) }))
        }, ["split_size", "dim"])
        m("unbind", { [unowned self] x, a in
            .object(PyTuple(try x.unbind(dim: try a.int("dim", default: 0)).map { wrap($0) }))
        }, ["dim"])
        m("index_select", { [unowned self] x, a in
            wrap(try x.indexSelect(dim: try a.int("dim"), index: try a.tensor("index")))
        }, ["dim", "index"])
        m("gather", { [unowned self] x, a in wrap(try x.gather(dim: try a.int("dim"), index: try a.tensor("index"))) }, ["dim", "index"])

        m("cuda") { _, _ in throw unavailableDeviceError(.str("cuda")) ?? PyError.runtimeError("cuda") }
        m("to", { [unowned self] x, a in
            for v in a.rest {
                if let error = unavailableDeviceError(v) { throw error }
                if let d = v.native(as: DTypeBox.self) { return wrap(try x.to(d.dtype)) }
                if let other = tensor(v) { return wrap(try x.to(other.dtype)) }
            }
            if let d = try a.dtype() { return wrap(try x.to(d)) }
            return wrap(x)
        }, ["dtype"], varargs: true)
        m("type", { [unowned self] x, a in
            guard let v = a["dtype"] else { return .str(x.dtype.legacyTensorTypeName) }
            if let d = v.native(as: DTypeBox.self) { return wrap(try x.to(d.dtype)) }
            throw PyError.typeError("type(): dtype must be a torch.dtype")
        }, ["dtype"])
        m("type_as", { [unowned self] x, a in wrap(try x.to(try a.tensor("other").dtype)) }, ["other"])
        m("cpu") { [unowned self] x, _ in wrap(x) }
        m("numpy") { _, _ in throw PyError.runtimeError("numpy is not available in nnrepl") }

        m("requires_grad_", { [unowned self] x, a in
            try x.setRequiresGrad(try a.bool("requires_grad", default: true), route: .method)
            return wrap(x)
        }, ["requires_grad"])
        m("backward", { x, a in
            try x.backward(gradient: try a.optionalTensor("gradient"),
                           retainGraph: try a.bool("retain_graph", default: try a.bool("create_graph", default: false)))
            return .none
        }, ["gradient", "retain_graph", "create_graph", "inputs"])
        m("retain_grad") { _, _ in .none }

        m("fill_", { [unowned self] x, a in wrap(try x.fill_(try a.double("value"))) }, ["value"])
        m("uniform_", { [unowned self] x, a in
            wrap(try x.uniform_(from: try a.double("from", default: 0), to: try a.double("to", default: 1),
                                generator: try generator(a)))
        }, ["from", "to", "generator"])
        m("normal_", { [unowned self] x, a in
            wrap(try x.normal_(mean: try a.double("mean", default: 0), std: try a.double("std", default: 1),
                               generator: try generator(a)))
        }, ["mean", "std", "generator"])
        m("copy_", { [unowned self] x, a in wrap(try x.copy_(try a.tensor("src"))) }, ["src", "non_blocking"])
        m("clamp_", { [unowned self] x, a in
            wrap(try x.clamp_(min: try a.optionalScalar("min"), max: try a.optionalScalar("max")))
        }, ["min", "max"])
        m("clamp", { [unowned self] x, a in
            wrap(try clamp(x, try a.optionalScalar("min"), try a.optionalScalar("max")))
        }, ["min", "max"])
        m("clip", { [unowned self] x, a in
            wrap(try clamp(x, try a.optionalScalar("min"), try a.optionalScalar("max")))
        }, ["min", "max"])
        m("masked_fill", { [unowned self] x, a in
            wrap(try x.maskedFill(try a.tensor("mask"), value: try a.scalar("value")))
        }, ["mask", "value"])
        m("masked_fill_", { [unowned self] x, a in
            wrap(try x.maskedFill_(try a.tensor("mask"), value: try a.scalar("value")))
        }, ["mask", "value"])

        for (name, op) in binaryOps {
            m(name, { [unowned self] x, a in wrap(try op(x, try operand(try a.required("other")))) }, ["other", "alpha"])
        }
        for (name, op) in inPlaceOps {
            m(name, { [unowned self] x, a in
                let other = try operand(try a.required("other"))
                if let alpha = try a.optionalScalar("alpha") {
                    let scaled: Operand = switch other {
                    case .tensor(let o): .tensor(try o.mul(alpha))
                    case .scalar(let s): .scalar(.double(s.doubleValue * alpha.doubleValue))
                    }
                    return wrap(try op(x, scaled))
                }
                return wrap(try op(x, other))
            }, ["other", "alpha"])
        }
        m("pow", { [unowned self] x, a in wrap(try binaryPow(x, try operand(try a.required("exponent")))) }, ["exponent"])
        m("pow_", { [unowned self] x, a in wrap(try x.pow_(try a.scalar("exponent"))) }, ["exponent"])
        m("matmul", { [unowned self] x, a in wrap(try x.matmul(try a.tensor("other"))) }, ["other"])
        m("mm", { [unowned self] x, a in wrap(try x.mm(try a.tensor("mat2"))) }, ["mat2"])
        m("mv", { [unowned self] x, a in wrap(try x.mv(try a.tensor("vec"))) }, ["vec"])
        m("dot", { [unowned self] x, a in wrap(try x.dot(try a.tensor("other"))) }, ["other"])
        m("bmm", { [unowned self] x, a in wrap(try x.bmm(try a.tensor("mat2"))) }, ["mat2"])
        m("maximum", { [unowned self] x, a in wrap(try x.maximum(try a.tensor("other"))) }, ["other"])
        m("minimum", { [unowned self] x, a in wrap(try x.minimum(try a.tensor("other"))) }, ["other"])
        m("equal", { x, a in .bool(x.equal(try a.tensor("other"))) }, ["other"])
        m("allclose", { x, a in
            .bool(try x.allClose(try a.tensor("other"), rtol: try a.double("rtol", default: 1e-5),
                                 atol: try a.double("atol", default: 1e-8)))
        }, ["other", "rtol", "atol", "equal_nan"])
        m("leaky_relu", { [unowned self] x, a in
            wrap(try x.leakyRelu(negativeSlope: try a.double("negative_slope", default: 0.01)))
        }, ["negative_slope"])

        installReductions(m)
    }

    private func installReductions(_ m: (String, @escaping (Tensor, Arguments) throws -> Value, [String], Bool) -> Void) {
        m("sum", { [unowned self] x, a in
            var x = x
            if let d = try a.dtype() { x = try x.to(d) }
            guard let dims = try a.dims() else { return wrap(try x.sum()) }
            return wrap(try x.sum(dims: dims, keepDim: try a.bool("keepdim", default: false)))
        }, ["dim", "keepdim", "dtype"], false)
        m("mean", { [unowned self] x, a in
            var x = x
            if let d = try a.dtype() { x = try x.to(d) }
            guard let dims = try a.dims() else { return wrap(try x.mean()) }
            return wrap(try x.mean(dims: dims, keepDim: try a.bool("keepdim", default: false)))
        }, ["dim", "keepdim", "dtype"], false)
        for isMax in [true, false] {
            let name = isMax ? "max" : "min"
            m(name, { [unowned self] x, a in
                if let v = a["dim"], let other = tensor(v) {
                    return wrap(isMax ? try x.maximum(other) : try x.minimum(other))
                }
                guard let d = try a.optionalInt("dim") else { return wrap(isMax ? try x.max() : try x.min()) }
                let keep = try a.bool("keepdim", default: false)
                let r = isMax ? try x.max(dim: d, keepDim: keep) : try x.min(dim: d, keepDim: keep)
                return returnType(name, values: wrap(r.values), indices: wrap(r.indices))
            }, ["dim", "keepdim"], false)
            m(isMax ? "amax" : "amin", { [unowned self] x, a in
                let dims = try a.dims() ?? Array(0..<x.dim)
                let keep = try a.bool("keepdim", default: false)
                var r = x
                for d in dims.map({ $0 < 0 ? $0 + x.dim : $0 }).sorted(by: >) {
                    r = isMax ? try r.max(dim: d, keepDim: keep).values : try r.min(dim: d, keepDim: keep).values
                }
                return wrap(r)
            }, ["dim", "keepdim"], false)
        }
        m("argmax", { [unowned self] x, a in
            wrap(try x.argmax(dim: try a.optionalInt("dim"), keepDim: try a.bool("keepdim", default: false)))
        }, ["dim", "keepdim"], false)
        m("argmin", { [unowned self] x, a in
            wrap(try x.argmin(dim: try a.optionalInt("dim"), keepDim: try a.bool("keepdim", default: false)))
        }, ["dim", "keepdim"], false)
        m("prod", { [unowned self] x, a in
            // prod = exp(sum(log|x|)) is inexact; multiply along the flattened tensor instead.
            guard try a.optionalInt("dim") == nil else { throw PyError.notImplemented("prod(dim=...) is not supported yet") }
            var result = x.dtype.isFloatingPoint ? Tensor.scalar(1, dtype: x.dtype) : Tensor.scalar(1, dtype: x.dtype)
            let flat = try x.reshape([x.numel])
            for i in 0..<x.numel { result = try result.mul(try flat.select(dim: 0, index: i)) }
            return wrap(result)
        }, ["dim", "keepdim", "dtype"], false)
        for (name, correctionDefault) in [("var", 1), ("std", 1)] {
            m(name, { [unowned self] x, a in
                var correction = correctionDefault
                if let c = a["correction"] { correction = try Convert.int(c, name, "correction") }
                if let u = a["unbiased"] { correction = try Convert.bool(u, name, "unbiased") ? 1 : 0 }
                let dims = try a.dims()
                let keep = try a.bool("keepdim", default: false)
                return wrap(name == "var" ? try x.variance(dims: dims, correction: correction, keepDim: keep)
                                          : try x.std(dims: dims, correction: correction, keepDim: keep))
            }, ["dim", "unbiased", "keepdim", "correction"], false)
        }
        m("logsumexp", { [unowned self] x, a in
            wrap(try x.logSumExp(dims: try a.dims() ?? [], keepDim: try a.bool("keepdim", default: false)))
        }, ["dim", "keepdim"], false)
        m("softmax", { [unowned self] x, a in wrap(try x.softmax(dim: try a.int("dim"))) }, ["dim", "dtype"], false)
        m("log_softmax", { [unowned self] x, a in wrap(try x.logSoftmax(dim: try a.int("dim"))) }, ["dim", "dtype"], false)
        m("all", { [unowned self] x, _ in wrap(Tensor(boolValues: [x.toBoolArray().allSatisfy { $0 }], shape: [])) }, [], false)
        m("any", { [unowned self] x, _ in wrap(Tensor(boolValues: [x.toBoolArray().contains(true)], shape: [])) }, [], false)
    }

    func generator(_ a: Arguments) throws -> Generator {
        guard let v = a["generator"] else { return .default }
        guard let g = v.native(as: Generator.self) else {
            throw PyError.typeError("\(a.function)(): argument 'generator' must be torch.Generator, not \(v.typeName)")
        }
        return g
    }

    func clamp(_ x: Tensor, _ lo: Scalar?, _ hi: Scalar?) throws -> Tensor {
        if lo == nil && hi == nil {
            throw PyError.runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        return try x.clamp(min: lo, max: hi)
    }

    /// `torch.return_types.max(values=..., indices=...)`.
    func returnType(_ name: String, values: Value, indices: Value) -> Value {
        let type: PyType
        if let t = types.returnTypes[name] {
            type = t
        } else {
            type = PyType(name: name, module: "torch.return_types", base: Types.tuple)
            type.property("values") { _, o in o.as(PyTuple.self)!.items[0] }
            type.property("indices") { _, o in o.as(PyTuple.self)!.items[1] }
            type.method("__repr__") { interp, args, _ in
                let items = args[0].as(PyTuple.self)!.items
                return .str("torch.return_types.\(name)(\nvalues=\(try interp.repr(items[0])),\nindices=\(try interp.repr(items[1])))")
            }
            types.returnTypes[name] = type
        }
        return .object(PyTuple([values, indices], type: type))
    }
}

func Foundation_pow10(_ d: Int) -> Double {
    var r = 1.0
    for _ in 0..<min(d.magnitude, 400) { r *= 10 }  // 10^400 is already inf: torch then gives nan
    return d < 0 ? 1 / r : r
}
