import TensorEngine

/// Walks over the stores with dotted prefixes; every walk but `stateDict` skips objects already seen.
extension Module {
    /// `named_modules(memo, prefix, remove_duplicate)`: self first (named `prefix`, "" at the root), depth first.
    public func namedModules(prefix: String = "", removeDuplicate: Bool = true) -> [(String, Module)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(String, Module)] = []
        collectModules(prefix: prefix, removeDuplicate: removeDuplicate, seen: &seen, into: &out)
        return out
    }

    private func collectModules(prefix: String, removeDuplicate: Bool, seen: inout Set<ObjectIdentifier>,
                                into out: inout [(String, Module)]) {
        let id = ObjectIdentifier(self)
        if seen.contains(id) { return }
        if removeDuplicate { seen.insert(id) }
        out.append((prefix, self))
        for (name, child) in moduleStore.items {
            guard let child else { continue }
            child.collectModules(prefix: prefix.isEmpty ? name : prefix + "." + name,
                                 removeDuplicate: removeDuplicate, seen: &seen, into: &out)
        }
    }

    public func modules() -> [Module] { namedModules().map(\.1) }

    /// `named_children()`: direct submodules, None and repeats skipped.
    public func namedChildren() -> [(String, Module)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(String, Module)] = []
        for (name, child) in moduleStore.items {
            guard let child, seen.insert(ObjectIdentifier(child)).inserted else { continue }
            out.append((name, child))
        }
        return out
    }

    public func children() -> [Module] { namedChildren().map(\.1) }

    /// `_named_members`: one store's non-nil entries over `named_modules`, each tensor once.
    private func namedMembers(_ store: (Module) -> [(key: String, value: Tensor?)], prefix: String,
                              recurse: Bool, removeDuplicate: Bool) -> [(String, Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(String, Tensor)] = []
        let mods = recurse ? namedModules(prefix: prefix, removeDuplicate: removeDuplicate) : [(prefix, self)]
        for (modulePrefix, module) in mods {
            for (name, value) in store(module) {
                guard let value, !seen.contains(ObjectIdentifier(value)) else { continue }
                if removeDuplicate { seen.insert(ObjectIdentifier(value)) }
                out.append((modulePrefix.isEmpty ? name : modulePrefix + "." + name, value))
            }
        }
        return out
    }

    /// `named_parameters(prefix, recurse, remove_duplicate)`: `0.weight`, `0.bias`, `2.weight`, ...
    public func namedParameters(prefix: String = "", recurse: Bool = true,
                                removeDuplicate: Bool = true) -> [(String, Tensor)] {
        namedMembers({ $0.parameterStore.items }, prefix: prefix, recurse: recurse, removeDuplicate: removeDuplicate)
    }

    public func parameters(recurse: Bool = true) -> [Tensor] { namedParameters(recurse: recurse).map(\.1) }

    /// `named_buffers(prefix, recurse, remove_duplicate)` (non-persistent buffers included).
    public func namedBuffers(prefix: String = "", recurse: Bool = true,
                             removeDuplicate: Bool = true) -> [(String, Tensor)] {
        namedMembers({ $0.bufferStore.items }, prefix: prefix, recurse: recurse, removeDuplicate: removeDuplicate)
    }

    public func buffers(recurse: Bool = true) -> [Tensor] { namedBuffers(recurse: recurse).map(\.1) }

    /// `apply(fn)`: children first (each once), then self. Returns self.
    @discardableResult
    public func apply(_ body: (Module) throws -> Void) rethrows -> Module {
        for child in children() { try child.apply(body) }
        try body(self)
        return self
    }

    /// `train(mode)`: sets `training` here and in every child. Returns self.
    @discardableResult
    public func train(_ mode: Bool = true) -> Module {
        training = mode
        for child in children() { child.train(mode) }
        return self
    }

    @discardableResult
    public func eval() -> Module { train(false) }

    /// `requires_grad_(flag)` on every parameter. Returns self.
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) throws -> Module {
        for p in parameters() { try p.setRequiresGrad(flag) }
        return self
    }

    /// `zero_grad(set_to_none=True)`: drops every gradient (or zeroes it in place).
    public func zeroGrad(setToNone: Bool = true) throws {
        for p in parameters() {
            guard let g = p.grad else { continue }
            if setToNone { p.grad = nil } else { try GradMode.withNoGrad { _ = try g.zero_() } }
        }
    }

    /// `get_submodule("a.b")`.
    public func getSubmodule(_ target: String) throws -> Module {
        if target.isEmpty { return self }
        var module: Module = self
        for item in target.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard let next = module.submodule(item) else {
                if module.moduleStore.contains(item) || module.member(item) != nil {
                    throw NNError.attribute("`\(item)` is not an nn.Module")
                }
                throw NNError.attribute("\(module.typeName) has no attribute `\(item)`")
            }
            module = next
        }
        return module
    }
}
