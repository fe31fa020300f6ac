import Language

/// `torch.device` and the accelerator queries tutorials start with
/// (`device = "cuda" if torch.cuda.is_available() else "cpu"`). nnrepl computes on the CPU only, so
/// every accelerator reports itself unavailable and moving a tensor to one is refused.
final class DeviceBox {
    let type: String
    let index: Int?
    init(type: String, index: Int?) {
        self.type = type
        self.index = index
    }
    var description: String { index.map { "\(type):\($0)" } ?? type }
}

/// PyTorch's list of device types, in its error message's order.
private let deviceTypes = ["cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga",
                           "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone"]

func installDevices(into interpreter: Interpreter) {
    guard let torch = interpreter.module(named: "torch") else { return }
    let deviceType = PyType(name: "device", module: "torch", base: Types.object)
    func box(_ v: Value) -> DeviceBox? { v.object?.native as? DeviceBox }

    deviceType.newInstance = { _, args, kwargs in
        let a = try Arguments("device", Array(args.dropFirst()), kwargs, ["type", "index"])
        guard case .str(let spec) = try a.required("type") else {
            throw PyError.typeError("device() received an invalid combination of arguments")
        }
        var type = spec
        var index: Int?
        if let colon = spec.firstIndex(of: ":") {
            type = String(spec[..<colon])
            guard let i = Int(spec[spec.index(after: colon)...]), i >= 0 else {
                throw PyError.runtimeError("Invalid device string: '\(spec)'")
            }
            index = i
        }
        if case .int(let i)? = a["index"] { index = i }
        guard deviceTypes.contains(type) else {
            throw PyError.runtimeError("Expected one of \(deviceTypes.joined(separator: ", ")) device type at start of device string: \(spec)")
        }
        let object = PyObject(type: deviceType)
        object.native = DeviceBox(type: type, index: index)
        return .object(object)
    }
    deviceType.addMethod("__repr__") { _, args, _ in
        guard let d = box(args[0]) else { return .str("device()") }
        return .str("device(type='\(d.type)'" + (d.index.map { ", index=\($0)" } ?? "") + ")")
    }
    deviceType.addMethod("__str__") { _, args, _ in .str(box(args[0])?.description ?? "") }
    deviceType.addMethod("__eq__") { _, args, _ in
        guard let a = box(args[0]), args.count > 1, let b = box(args[1]) else { return .bool(false) }
        return .bool(a.type == b.type && a.index == b.index)
    }
    deviceType.addMethod("__hash__") { _, args, _ in .int(box(args[0])?.description.hashValue ?? 0) }
    deviceType.addProperty("type", get: { _, o in .str(box(o)?.type ?? "cpu") })
    deviceType.addProperty("index", get: { _, o in box(o)?.index.map { .int($0) } ?? .none })
    torch.dict["device"] = .object(deviceType)

    let cpu = PyObject(type: deviceType)
    cpu.native = DeviceBox(type: "cpu", index: nil)
    if let tensorType = torch.dict["Tensor"]?.as(PyType.self) {
        tensorType.addProperty("device", get: { _, _ in .object(cpu) })
    }

    func unavailable(_ name: String) -> PyModule {
        let module = PyModule(name: name)
        module.dict["is_available"] = .object(PyBuiltinFunction(name: "is_available", owner: nil) { _, _, _ in .bool(false) })
        module.dict["device_count"] = .object(PyBuiltinFunction(name: "device_count", owner: nil) { _, _, _ in .int(0) })
        module.dict["is_initialized"] = .object(PyBuiltinFunction(name: "is_initialized", owner: nil) { _, _, _ in .bool(false) })
        // Seeding an absent device is silently a no-op in PyTorch too.
        for seeding in ["manual_seed", "manual_seed_all", "seed", "seed_all", "synchronize", "empty_cache"] {
            module.dict[seeding] = .object(PyBuiltinFunction(name: seeding, owner: nil) { _, _, _ in .none })
        }
        interpreter.registerModule(module)
        return module
    }
    torch.dict["cuda"] = .object(unavailable("torch.cuda"))
    let backends = PyModule(name: "torch.backends")
    backends.dict["mps"] = .object(unavailable("torch.backends.mps"))
    let cudnn = unavailable("torch.backends.cudnn")
    cudnn.dict["deterministic"] = .bool(false)
    cudnn.dict["benchmark"] = .bool(false)
    cudnn.dict["enabled"] = .bool(true)
    backends.dict["cudnn"] = .object(cudnn)
    interpreter.registerModule(backends)
    torch.dict["backends"] = .object(backends)
    let accelerator = unavailable("torch.accelerator")
    accelerator.dict["current_accelerator"] = .object(PyBuiltinFunction(name: "current_accelerator", owner: nil) { _, _, _ in .none })
    torch.dict["accelerator"] = .object(accelerator)
}

/// The error for moving data to a device nnrepl does not have; nil for the CPU (a no-op move).
func unavailableDeviceError(_ v: Value) -> PyError? {
    let type: String
    if case .str(let spec) = v {
        type = String(spec.prefix { $0 != ":" })
    } else if let d = v.object?.native as? DeviceBox {
        type = d.type
    } else {
        return nil
    }
    if type == "cpu" { return nil }
    if type == "cuda" { return PyError(typeName: "AssertionError", "Torch not compiled with CUDA enabled") }
    return PyError.runtimeError("nnrepl computes on the CPU only; device '\(type)' is not available")
}
