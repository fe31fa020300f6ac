import Language
import TensorEngine

/// The right-hand side of a tensor operator: another tensor or a Python number.
enum Operand {
    case tensor(Tensor)
    case scalar(Scalar)
}

extension TorchLibrary {
    func operand(_ v: Value) throws -> Operand {
        if let t = tensor(v) { return .tensor(t) }
        if let s = Convert.scalar(v) { return .scalar(s) }
        throw PyError.typeError("unsupported operand type: '\(v.typeName)'")
    }

    /// Like `operand`, but nil (→ NotImplemented) for values a tensor cannot combine with.
    func operandOrNil(_ v: Value) -> Operand? {
        if let t = tensor(v) { return .tensor(t) }
        return Convert.scalar(v).map { .scalar($0) }
    }

    var binaryOps: [(String, (Tensor, Operand) throws -> Tensor)] {
        [
            ("add", { x, o in switch o { case .tensor(let t): try x.add(t); case .scalar(let s): try x.add(s) } }),
            ("sub", { x, o in switch o { case .tensor(let t): try x.sub(t); case .scalar(let s): try x.sub(s) } }),
            ("subtract", { x, o in switch o { case .tensor(let t): try x.sub(t); case .scalar(let s): try x.sub(s) } }),
            ("mul", { x, o in switch o { case .tensor(let t): try x.mul(t); case .scalar(let s): try x.mul(s) } }),
            ("multiply", { x, o in switch o { case .tensor(let t): try x.mul(t); case .scalar(let s): try x.mul(s) } }),
            ("div", { x, o in switch o { case .tensor(let t): try x.div(t); case .scalar(let s): try x.div(s) } }),
            ("divide", { x, o in switch o { case .tensor(let t): try x.div(t); case .scalar(let s): try x.div(s) } }),
            ("true_divide", { x, o in switch o { case .tensor(let t): try x.div(t); case .scalar(let s): try x.div(s) } }),
            ("remainder", { x, o in switch o { case .tensor(let t): try x.remainder(t); case .scalar(let s): try x.remainder(s) } }),
            ("floor_divide", { x, o in switch o { case .tensor(let t): try x.floorDivide(t); case .scalar(let s): try x.floorDivide(s) } }),
            ("eq", { x, o in switch o { case .tensor(let t): try x.eq(t); case .scalar(let s): try x.eq(s) } }),
            ("ne", { x, o in switch o { case .tensor(let t): try x.ne(t); case .scalar(let s): try x.ne(s) } }),
            ("lt", { x, o in switch o { case .tensor(let t): try x.lt(t); case .scalar(let s): try x.lt(s) } }),
            ("le", { x, o in switch o { case .tensor(let t): try x.le(t); case .scalar(let s): try x.le(s) } }),
            ("gt", { x, o in switch o { case .tensor(let t): try x.gt(t); case .scalar(let s): try x.gt(s) } }),
            ("ge", { x, o in switch o { case .tensor(let t): try x.ge(t); case .scalar(let s): try x.ge(s) } }),
            ("logical_and", { x, o in try x.logicalAnd(Self.asTensor(o)) }),
            ("logical_or", { x, o in try x.logicalOr(Self.asTensor(o)) }),
            ("logical_xor", { x, o in try x.logicalXor(Self.asTensor(o)) }),
        ]
    }

    var inPlaceOps: [(String, (Tensor, Operand) throws -> Tensor)] {
        [
            ("add_", { x, o in switch o { case .tensor(let t): try x.add_(t); case .scalar(let s): try x.add_(s) } }),
            ("sub_", { x, o in switch o { case .tensor(let t): try x.sub_(t); case .scalar(let s): try x.sub_(s) } }),
            ("mul_", { x, o in switch o { case .tensor(let t): try x.mul_(t); case .scalar(let s): try x.mul_(s) } }),
            ("div_", { x, o in switch o { case .tensor(let t): try x.div_(t); case .scalar(let s): try x.div_(s) } }),
        ]
    }

    static func asTensor(_ o: Operand) -> Tensor {
        switch o {
        case .tensor(let t): t
        case .scalar(let s): Tensor.wrapping(s)
        }
    }

    func binaryPow(_ x: Tensor, _ o: Operand) throws -> Tensor {
        switch o {
        case .tensor(let t): try x.pow(t)
        case .scalar(let s): try x.pow(s)
        }
    }

    func installTensorOperators(_ t: PyType) {
        /// `__add__`-style: NotImplemented for operands a tensor does not know.
        /// The interpreter calls `binary` directly for `x + y` (no argument array); `x.__add__(y)` goes
        /// through the general entry.
        func dunder(_ name: String, _ op: @escaping (Tensor, Operand) throws -> Tensor) {
            let binary: NativeBinaryFunction = { [unowned self] _, lhs, rhs in
                // Operands resolved without `self`: each use of an unowned capture costs a retain/release.
                guard let x = lhs.native(as: Tensor.self) else { return .notImplemented }
                let o: Operand
                if let y = rhs.native(as: Tensor.self) {
                    o = .tensor(y)
                } else if let s = Convert.scalar(rhs) {
                    o = .scalar(s)
                } else {
                    return .notImplemented
                }
                return wrap(try bridged { try op(x, o) })
            }
            t.addMethod(name, { interp, args, _ in
                guard args.count == 2 else { return .notImplemented }
                return try binary(interp, args[0], args[1])
            }, binary: binary)
        }
        let ops = Dictionary(uniqueKeysWithValues: binaryOps.map { ($0.0, $0.1) })
        let inPlace = Dictionary(uniqueKeysWithValues: inPlaceOps.map { ($0.0, $0.1) })
        dunder("__add__", ops["add"]!)
        dunder("__radd__", ops["add"]!)
        dunder("__sub__", ops["sub"]!)
        dunder("__rsub__") { x, o in
            switch o {
            case .tensor(let t): try t.sub(x)
            case .scalar(let s): try x.rsub(s)
            }
        }
        dunder("__mul__", ops["mul"]!)
        dunder("__rmul__", ops["mul"]!)
        dunder("__truediv__", ops["div"]!)
        dunder("__rtruediv__") { x, o in
            switch o {
            case .tensor(let t): try t.div(x)
            case .scalar(let s): try x.rdiv(s)
            }
        }
        dunder("__floordiv__", ops["floor_divide"]!)
        dunder("__rfloordiv__") { x, o in try Self.asTensor(o).floorDivide(x) }
        dunder("__mod__", ops["remainder"]!)
        dunder("__rmod__") { x, o in try Self.asTensor(o).remainder(x) }
        dunder("__pow__") { [unowned self] x, o in try binaryPow(x, o) }
        dunder("__rpow__") { x, o in
            switch o {
            case .tensor(let t): try t.pow(x)
            case .scalar(let s): try x.rpow(s)
            }
        }
        for (dunderName, opName) in [("__eq__", "eq"), ("__ne__", "ne"), ("__lt__", "lt"), ("__le__", "le"),
                                     ("__gt__", "gt"), ("__ge__", "ge")] {
            dunder(dunderName, ops[opName]!)
        }
        dunder("__and__") { x, o in try Self.bitwise(x, o, "and") }
        dunder("__rand__") { x, o in try Self.bitwise(x, o, "and") }
        dunder("__or__") { x, o in try Self.bitwise(x, o, "or") }
        dunder("__ror__") { x, o in try Self.bitwise(x, o, "or") }
        dunder("__xor__") { x, o in try Self.bitwise(x, o, "xor") }
        dunder("__rxor__") { x, o in try Self.bitwise(x, o, "xor") }
        t.method("__matmul__") { [unowned self] _, args, _ in
            guard let x = tensor(args[0]), let y = tensor(args[1]) else { return .notImplemented }
            return wrap(try x.matmul(y))
        }
        t.method("__rmatmul__") { [unowned self] _, args, _ in
            guard let x = tensor(args[0]), let y = tensor(args[1]) else { return .notImplemented }
            return wrap(try y.matmul(x))
        }

        dunder("__iadd__", inPlace["add_"]!)
        dunder("__isub__", inPlace["sub_"]!)
        dunder("__imul__", inPlace["mul_"]!)
        dunder("__itruediv__", inPlace["div_"]!)
        dunder("__ipow__") { x, o in
            guard case .scalar(let s) = o else { return try x.copy_(try x.pow(Self.asTensor(o))) }
            return try x.pow_(s)
        }

        t.method("__neg__") { [unowned self] _, args, _ in wrap(try requireTensor(args[0], "self").neg()) }
        t.method("__pos__") { [unowned self] _, args, _ in wrap(try requireTensor(args[0], "self").clone()) }
        t.method("__abs__") { [unowned self] _, args, _ in wrap(try requireTensor(args[0], "self").abs()) }
        t.method("__invert__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            guard x.dtype == .bool else {
                throw PyError.typeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
            }
            return wrap(x.logicalNot())
        }

        t.method("__repr__") { [unowned self] _, args, _ in .str(try requireTensor(args[0], "self").description) }
        t.method("__str__") { [unowned self] _, args, _ in .str(try requireTensor(args[0], "self").description) }
        t.method("__hash__") { _, args, _ in .int(args[0].object.map { Int(bitPattern: UInt(bitPattern: $0.identity.hashValue)) } ?? 0) }
        t.method("__bool__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            if x.numel == 0 { throw PyError.runtimeError("Boolean value of Tensor with no values is ambiguous") }
            if x.numel > 1 { throw PyError.runtimeError("Boolean value of Tensor with more than one value is ambiguous") }
            return .bool(try x.item() != 0)
        }
        t.method("__float__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            if x.numel != 1 { throw PyError.valueError("only one element tensors can be converted to Python scalars") }
            return .float(try x.item())
        }
        t.method("__int__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            if x.numel != 1 { throw PyError.valueError("only one element tensors can be converted to Python scalars") }
            let v = try x.item()
            guard v.isFinite else {
                throw PyError.valueError(v.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
            }
            return .int(Int(v.rounded(.towardZero)))
        }
        t.method("__index__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            if x.numel != 1 || x.dtype.isFloatingPoint {
                throw PyError.typeError("only integer tensors of a single element can be converted to an index")
            }
            return .int(Int(x.toInt64Array()[0]))
        }
        t.method("__len__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            if x.dim == 0 { throw PyError.typeError("len() of a 0-d tensor") }
            return .int(x.shape[0])
        }
        t.method("__iter__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            if x.dim == 0 { throw PyError.typeError("iteration over a 0-d tensor") }
            var i = 0
            return .object(PyIterator { [unowned self] _ in
                guard i < x.shape[0] else { return nil }
                defer { i += 1 }
                return wrap(try bridged { try x.select(dim: 0, index: i) })
            })
        }
        t.method("__contains__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            guard let o = operandOrNil(args[1]) else { throw PyError.runtimeError("Tensor.__contains__ only supports Tensor or scalar, but you passed in a \(args[1].typeName).") }
            let eq = try x.eq(Self.asTensor(o))
            return .bool(eq.toBoolArray().contains(true))
        }
        t.method("__format__") { [unowned self] interp, args, _ in
            let x = try requireTensor(args[0], "self")
            let spec: String = if case .str(let s) = args[1] { s } else { "" }
            if x.dim == 0 && !spec.isEmpty {
                return try interp.callMethod(try item(x), "__format__", [.str(spec)])
            }
            return .str(x.description)
        }
    }

    static func bitwise(_ x: Tensor, _ o: Operand, _ op: String) throws -> Tensor {
        let y = asTensor(o)
        guard x.dtype == .bool && y.dtype == .bool else {
            throw TensorError(.notImplemented, "bitwise operations are only supported on bool tensors in nnrepl")
        }
        switch op {
        case "and": return try x.logicalAnd(y)
        case "or": return try x.logicalOr(y)
        default: return try x.logicalXor(y)
        }
    }
}
