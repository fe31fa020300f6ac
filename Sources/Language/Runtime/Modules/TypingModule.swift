/// The `typing` module, enough for annotations: every name is a form that can be subscripted and prints
/// like CPython's (`Dict[str, int]` is `typing.Dict[str, int]`); nothing is checked. Also `__future__`.
final class TypingForm {
    let name: String
    let args: [String]?
    init(name: String, args: [String]? = nil) {
        self.name = name
        self.args = args
    }
}

extension Interpreter {
    func makeTypingModule() -> PyModule {
        let m = PyModule(name: "typing")
        let formType = PyType(name: "_GenericAlias", module: "typing", base: Types.object)
        func form(_ f: TypingForm) -> Value {
            let o = PyObject(type: formType)
            o.native = f
            return .object(o)
        }
        formType.addMethod("__repr__") { _, args, _ in
            guard let f = args[0].native(as: TypingForm.self) else { return .str("typing") }
            guard let a = f.args else { return .str(f.name.hasPrefix("~") ? f.name : "typing.\(f.name)") }
            return .str("typing.\(f.name)[\(a.joined(separator: ", "))]")
        }
        formType.addMethod("__getitem__") { interp, args, _ in
            guard let f = args[0].native(as: TypingForm.self), args.count == 2 else { throw PyError.typeError("bad subscript") }
            if f.args != nil && f.name != "Generic" {
                throw PyError.typeError("typing.\(f.name)[...] is already subscripted")
            }
            var items = args[1].as(PyTuple.self)?.items ?? [args[1]]
            var name = f.name
            if name == "Optional" { items.append(.none) }
            if name == "Optional" || name == "Union" {
                if items.count == 2, items[1].isNone || (items[1].as(PyType.self) === Types.noneType) {
                    name = "Optional"
                    items.removeLast()
                } else {
                    name = "Union"
                }
            }
            return form(TypingForm(name: name, args: try items.map { try interp.typeRepr($0) }))
        }
        formType.addMethod("__call__") { _, args, _ in
            let name = args[0].native(as: TypingForm.self)?.name ?? "typing"
            throw PyError.typeError("Type \(name) cannot be instantiated; use \(name.lowercased())() instead")
        }
        for name in ["List", "Tuple", "Dict", "Set", "FrozenSet", "Optional", "Union", "Any", "Callable", "Iterable",
                     "Iterator", "Sequence", "Mapping", "MutableMapping", "Generator", "Type", "Literal", "ClassVar",
                     "Final", "NoReturn", "DefaultDict", "Deque", "Generic", "Protocol", "Hashable", "Sized"] {
            m.dict[name] = form(TypingForm(name: name))
        }
        m.dict["TYPE_CHECKING"] = .bool(false)
        m.dict["TypeVar"] = .object(PyBuiltinFunction(name: "TypeVar", owner: nil) { interp, args, _ in
            guard let first = args.first else { throw PyError.typeError("TypeVar() missing required argument: 'name'") }
            return form(TypingForm(name: "~" + (try interp.toStr(first, "name"))))
        })
        m.dict["cast"] = .object(PyBuiltinFunction(name: "cast", owner: nil) { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "cast", 2...2)
            return args[1]
        })
        for name in ["overload", "final", "no_type_check", "runtime_checkable"] {
            m.dict[name] = .object(PyBuiltinFunction(name: name, owner: nil) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, name, 1...1)
                return args[0]
            })
        }
        return m
    }

    /// `typing._type_repr`: builtin classes by bare name, other classes by `module.qualname`.
    func typeRepr(_ v: Value) throws -> String {
        if v.isNone { return "NoneType" }
        if v.isEllipsis { return "..." }
        if let t = v.as(PyType.self) { return t.fullName }
        if let l = v.as(PyList.self) { return "[" + (try l.items.map(typeRepr)).joined(separator: ", ") + "]" }
        return try repr(v)
    }

    func makeFutureModule() -> PyModule {
        let m = PyModule(name: "__future__")
        for name in ["annotations", "division", "print_function", "absolute_import", "generators", "with_statement"] {
            m.dict[name] = .bool(true)
        }
        return m
    }
}

extension Value {
    var isEllipsis: Bool {
        if case .object(let o) = self { return o === PySingleton.ellipsis }
        return false
    }
}
