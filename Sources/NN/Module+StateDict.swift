import TensorEngine

/// The result of `load_state_dict`: `<All keys matched successfully>` or
/// `_IncompatibleKeys(missing_keys=[...], unexpected_keys=[...])`.
public struct IncompatibleKeys: CustomStringConvertible, Equatable {
    public var missingKeys: [String]
    public var unexpectedKeys: [String]

    public var description: String {
        if missingKeys.isEmpty && unexpectedKeys.isEmpty { return "<All keys matched successfully>" }
        func list(_ keys: [String]) -> String { "[" + keys.map(pythonStringRepr).joined(separator: ", ") + "]" }
        return "_IncompatibleKeys(missing_keys=\(list(missingKeys)), unexpected_keys=\(list(unexpectedKeys)))"
    }
}

extension Module {
    /// `state_dict()`: persistent, non-None parameters then buffers of each module, then its children,
    /// NOT de-duplicated (a shared layer appears under each of its names). Tensors are detached
    /// (shared storage, no grad) unless `keepVars`; uninitialized parameters are kept as they are.
    public func stateDict(prefix: String = "", keepVars: Bool = false) -> [(String, Tensor)] {
        var out: [(String, Tensor)] = []
        saveStateDict(prefix: prefix, keepVars: keepVars, into: &out)
        return out
    }

    private func saveStateDict(prefix: String, keepVars: Bool, into out: inout [(String, Tensor)]) {
        for (name, param) in parameterStore.items {
            guard let param else { continue }
            out.append((prefix + name, keepVars || param.isUninitializedParameter ? param : param.detach()))
        }
        for (name, buffer) in bufferStore.items where !nonPersistentBuffers.contains(name) {
            guard let buffer else { continue }
            out.append((prefix + name, keepVars ? buffer : buffer.detach()))
        }
        for (name, child) in moduleStore.items {
            child?.saveStateDict(prefix: prefix + name + ".", keepVars: keepVars, into: &out)
        }
    }

    /// `load_state_dict(state_dict, strict)`: copies under `no_grad`, gathering every problem and
    /// throwing them together as PyTorch's `Error(s) in loading state_dict for Linear:` RuntimeError.
    @discardableResult
    public func loadStateDict(_ stateDict: [(String, Tensor)], strict: Bool = true) throws -> IncompatibleKeys {
        var keys: [String] = []
        var values: [String: Tensor] = [:]
        for (key, value) in stateDict {
            if values.updateValue(value, forKey: key) == nil { keys.append(key) }
        }
        var missing: [String] = []
        var unexpected: [String] = []
        var errors: [String] = []
        try load(keys: keys, values: values, prefix: "",
                 missing: &missing, unexpected: &unexpected, errors: &errors)
        if strict {
            if !unexpected.isEmpty {
                errors.insert("Unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ". ", at: 0)
            }
            if !missing.isEmpty {
                errors.insert("Missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ". ", at: 0)
            }
        }
        if !errors.isEmpty {
            throw TensorError(.runtime, "Error(s) in loading state_dict for \(typeName):\n\t" + errors.joined(separator: "\n\t"))
        }
        return IncompatibleKeys(missingKeys: missing, unexpectedKeys: unexpected)
    }

    private func load(keys: [String], values: [String: Tensor], prefix: String,
                      missing: inout [String], unexpected: inout [String], errors: inout [String]) throws {
        var local = parameterStore.items.compactMap { k, v in v.map { (k, $0) } }
        local += bufferStore.items.compactMap { k, v in nonPersistentBuffers.contains(k) ? nil : v.map { (k, $0) } }
        let localNames = Set(local.map(\.0))
        for (name, param) in local {
            let key = prefix + name
            guard let input = values[key] else { missing.append(key); continue }
            if param.isUninitializedParameter {
                try Parameter.materialize(param, shape: input.shape)
            } else if input.shape != param.shape {
                errors.append("size mismatch for \(key): copying a param with shape \(sizeRepr(input.shape)) from "
                    + "checkpoint, the shape in current model is \(sizeRepr(param.shape)).")
                continue
            }
            do {
                try GradMode.withNoGrad { _ = try param.copy_(input) }
            } catch let error as TensorError {
                errors.append("While copying the parameter named \"\(key)\", whose dimensions in the model are "
                    + "\(sizeRepr(param.shape)) and whose dimensions in the checkpoint are \(sizeRepr(input.shape)), "
                    + "an exception occurred : ('\(error.message)',).")
            }
        }
        // PyTorch collects unexpected keys whatever `strict` is; only the error depends on it.
        do {
            for key in keys where key.hasPrefix(prefix) {
                let parts = key.dropFirst(prefix.count).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                let head = String(parts[0])
                if parts.count > 1 ? !moduleStore.contains(head) : !localNames.contains(head) {
                    unexpected.append(key)
                }
            }
        }
        for (name, child) in moduleStore.items {
            guard let child else { continue }
            let childPrefix = prefix + name + "."
            let childKeys = keys.filter { $0.hasPrefix(childPrefix) }
            try child.load(keys: childKeys, values: values, prefix: childPrefix,
                           missing: &missing, unexpected: &unexpected, errors: &errors)
        }
    }
}

/// `repr(torch.Size([3, 4]))`.
public func sizeRepr(_ shape: [Int]) -> String {
    "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
}
