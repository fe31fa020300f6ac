import TensorEngine

/// `register_forward_pre_hook` / `register_forward_hook`: hooks are kept in one table keyed by module (weakly,
/// so a module dies with its hooks unreachable) and run by `callHooked`, the call containers make for each child.
/// The hook bodies are the bindings' (Python functions); NN only orders and runs them.
public enum ModuleHooks {
    public enum Kind { case forwardPre, forward }

    public struct Hook {
        public let id: Int
        weak var module: Module?
        public let kind: Kind
        /// Pre-hook: `(input) -> replacement?`; forward hook: `(input, output) -> replacement?`.
        public let body: (_ input: Tensor, _ output: Tensor?) throws -> Tensor?
        /// The bindings' own handle on the hook (the Python function), for calls with several arguments.
        public let payload: AnyObject?
    }

    nonisolated(unsafe) static var table: [Hook] = []
    nonisolated(unsafe) static var nextID = 0

    public static func add(_ module: Module, _ kind: Kind, payload: AnyObject?,
                           _ body: @escaping (Tensor, Tensor?) throws -> Tensor?) -> Int {
        nextID += 1
        table.removeAll { $0.module == nil }
        table.append(Hook(id: nextID, module: module, kind: kind, body: body, payload: payload))
        return nextID
    }

    public static func remove(_ id: Int) { table.removeAll { $0.id == id } }

    /// The module's hooks of one kind, in registration order.
    public static func hooks(for module: Module, _ kind: Kind) -> [Hook] {
        table.isEmpty ? [] : table.filter { $0.module === module && $0.kind == kind }
    }
}

extension Module {
    /// `module(input)` as a container makes it: forward pre-hooks, `forward`, forward hooks.
    public func callHooked(_ input: Tensor) throws -> Tensor {
        if ModuleHooks.table.isEmpty { return try forward(input) }
        var x = input
        for h in ModuleHooks.hooks(for: self, .forwardPre) { if let r = try h.body(x, nil) { x = r } }
        var y = try forward(x)
        for h in ModuleHooks.hooks(for: self, .forward) { if let r = try h.body(x, y) { y = r } }
        return y
    }
}
