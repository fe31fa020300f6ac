import Language
import NN
import TensorEngine

/// The Swift side of a user class such as `class Net(nn.Module)`: its stores live here (so containers,
/// `named_parameters` and `state_dict` see it like any layer), and `forward`, `extra_repr` and the class
/// name come from the Python object.
///
/// The module keeps its Python object alive (plain attributes such as `self.weight2` live there), so a
/// user module that is only referenced from a container still finds its `forward`.
final class PythonModule: Module {
    private(set) var object: PyObject?
    unowned let interpreter: Interpreter
    weak var library: TorchLibrary?
    /// The native `Module.forward`; a class that does not override it has no forward.
    let nativeForward: Value?

    init(object: PyObject, interpreter: Interpreter, library: TorchLibrary, nativeForward: Value?) {
        self.object = object
        self.interpreter = interpreter
        self.library = library
        self.nativeForward = nativeForward
        super.init()
        plainAttributeExists = { [unowned object] name in
            object.attributes?[name] != nil || object.type.lookup(name) != nil
        }
    }

    override var typeName: String { object?.type.name ?? "Module" }
    override var pythonModuleName: String { object?.type.module ?? "__main__" }

    override var builtinAttributeNames: Set<String> { Module.pythonMethodNames }

    override func forward(_ input: Tensor) throws -> Tensor {
        guard let object, let library else { return try super.forward(input) }
        if let f = object.type.lookup("forward"), let native = nativeForward, isSame(f, native) {
            return try super.forward(input)
        }
        let result = try interpreter.callMethod(.object(object), "forward", [library.wrap(input)])
        guard let t = result.native(as: Tensor.self) else {
            throw PyError.typeError("\(typeName).forward() returned \(result.typeName), where a Tensor was expected")
        }
        return t
    }

    override func extraRepr() -> String {
        guard let object, overrides("extra_repr") else { return "" }
        if case .str(let s)? = try? interpreter.callMethod(.object(object), "extra_repr") { return s }
        return ""
    }

    override func resetParameters() throws {
        guard let object, overrides("reset_parameters") else { return }
        _ = try interpreter.callMethod(.object(object), "reset_parameters")
    }

    override var description: String {
        if let object, overrides("__repr__"), case .str(let s)? = try? interpreter.callMethod(.object(object), "__repr__") {
            return s
        }
        return standardRepr()
    }

    /// True when a Python class (not the native `Module`) defines `name`.
    private func overrides(_ name: String) -> Bool {
        guard let object else { return false }
        for t in object.type.mro {
            if t.dict[name] != nil { return t.dict[name]?.as(PyBuiltinFunction.self) == nil }
        }
        return false
    }

    private func isSame(_ a: Value, _ b: Value) -> Bool {
        if case .object(let x) = a, case .object(let y) = b { return x === y }
        return false
    }
}

extension Module {
    static let pythonMethodNames: Set<String> = [
        "training", "forward", "register_buffer", "register_parameter", "add_module", "register_module",
        "get_submodule", "get_parameter", "get_buffer", "apply", "cuda", "cpu", "type", "float", "double",
        "half", "to", "state_dict", "load_state_dict", "parameters", "named_parameters", "buffers",
        "named_buffers", "children", "named_children", "modules", "named_modules", "train", "eval",
        "requires_grad_", "zero_grad", "extra_repr", "dump_patches", "call_super_init",
    ]
}
