import Language
import NN
import TensorEngine

/// `torch.utils.data`: `Dataset`, `TensorDataset`, `DataLoader`.
///
/// A loader works over any object with `__len__` and `__getitem__`; batches are collated as PyTorch's
/// `default_collate` does (tensors stacked, numbers to a tensor, tuples and lists to a list of fields).
/// The sample order and its random draws come from NN's `DataLoaderEpoch`.
extension TorchLibrary {
    func installData(into data: PyModule) {
        let dataset = PyType(name: "Dataset", module: "torch.utils.data.dataset", base: Types.object)
        dataset.addMethod("__init__") { _, _, _ in .none }
        data.dict["Dataset"] = .object(dataset)

        let datasetType = PyType(name: "TensorDataset", module: "torch.utils.data.dataset", base: dataset)
        datasetType.newInstance = { [unowned self] _, args, kwargs in
            guard case .object(let cls as PyType)? = args.first else { throw PyError.typeError("TensorDataset.__new__: no class") }
            if !kwargs.isEmpty { throw PyError.typeError("TensorDataset.__init__() got an unexpected keyword argument '\(kwargs[0].0)'") }
            let tensors = try args.dropFirst().map { try requireTensor($0, "TensorDataset argument") }
            let o = PyObject(type: cls)
            o.native = try bridged { try TensorDataset(Array(tensors)) }
            return .object(o)
        }
        datasetType.addMethod("__init__") { _, _, _ in .none }
        datasetType.method("__len__") { [unowned self] _, args, _ in .int(try tensorDataset(args[0]).count) }
        datasetType.method("__getitem__") { [unowned self] interp, args, _ in
            let ds = try tensorDataset(args[0])
            if case .int(let i) = args[1] { return .object(PyTuple(try ds.sample(i).map { wrap($0) })) }
            return .object(PyTuple(try ds.tensors.map { try interp.getItem(wrap($0), args[1]) }))
        }
        datasetType.property("tensors") { [unowned self] _, o in
            .object(PyTuple(try tensorDataset(o).tensors.map { wrap($0) }))
        }
        data.dict["TensorDataset"] = .object(datasetType)

        let loader = PyType(name: "DataLoader", module: "torch.utils.data.dataloader", base: Types.object)
        loader.newInstance = { [unowned self] _, args, kwargs in
            let a = try Arguments("DataLoader", Array(args.dropFirst()), kwargs,
                                  ["dataset", "batch_size", "shuffle", "sampler", "batch_sampler", "num_workers", "collate_fn",
                                   "pin_memory", "drop_last", "timeout", "worker_init_fn", "multiprocessing_context",
                                   "generator", "prefetch_factor", "persistent_workers", "pin_memory_device", "in_order"])
            for unsupported in ["sampler", "batch_sampler", "collate_fn"] where a[unsupported] != nil {
                throw PyError.notImplemented("DataLoader(\(unsupported)=...) is not supported")
            }
            let batchSize = a.has("batch_size") ? try a.optionalInt("batch_size") : 1
            if let b = batchSize, b <= 0 {
                throw PyError.valueError("batch_size should be a positive integer value, but got batch_size=\(b)")
            }
            var generator: Generator?
            if let g = a["generator"] {
                guard let native = g.native(as: Generator.self) else {
                    throw PyError.typeError("generator must be a torch.Generator, not \(g.typeName)")
                }
                generator = native
            }
            let box = LoaderState(dataset: try a.required("dataset"), batchSize: batchSize,
                                  shuffle: try a.bool("shuffle", default: false), dropLast: try a.bool("drop_last", default: false),
                                  generator: generator)
            let o = PyObject(type: loader)
            o.native = box
            o.attributes?["dataset"] = box.dataset
            o.attributes?["batch_size"] = batchSize.map { .int($0) } ?? .none
            o.attributes?["drop_last"] = .bool(box.dropLast)
            o.attributes?["generator"] = a["generator"] ?? .none
            o.attributes?["num_workers"] = .int(0)
            return .object(o)
        }
        loader.addMethod("__init__") { _, _, _ in .none }
        loader.method("__len__") { [unowned self] interp, args, _ in
            let s = try loaderState(args[0])
            let n = try interp.length(s.dataset)
            guard let b = s.batchSize else { return .int(n) }
            return .int(DataLoaderEpoch.batchCount(n, batchSize: b, dropLast: s.dropLast))
        }
        loader.method("__iter__") { [unowned self] interp, args, _ in
            let s = try loaderState(args[0])
            let n = try interp.length(s.dataset)
            var epoch = DataLoaderEpoch(count: n, shuffle: s.shuffle, generator: s.generator)
            var batches: [[Int]]?
            var position = 0
            return .object(PyIterator(type: Types.iterator, qualname: "_SingleProcessDataLoaderIter") { [unowned self] interp in
                if batches == nil {
                    let order = epoch.indices()
                    batches = s.batchSize.map { DataLoaderEpoch.batches(order, batchSize: $0, dropLast: s.dropLast) }
                        ?? order.map { [$0] }
                }
                guard let all = batches, position < all.count else {
                    epoch.drain()
                    return nil
                }
                if let size = s.batchSize, all[position].count < size { epoch.drain() }
                defer { position += 1 }
                return try bridged { try batch(interp, s, all[position]) }
            })
        }
        data.dict["DataLoader"] = .object(loader)
    }

    private func tensorDataset(_ v: Value) throws -> TensorDataset {
        guard let ds = v.native(as: TensorDataset.self) else { throw PyError.typeError("expected a TensorDataset") }
        return ds
    }

    private func loaderState(_ v: Value) throws -> LoaderState {
        guard let s = v.native(as: LoaderState.self) else { throw PyError.typeError("expected a DataLoader") }
        return s
    }

    private func batch(_ interp: Interpreter, _ s: LoaderState, _ indices: [Int]) throws -> Value {
        if s.batchSize == nil {
            return try interp.getItem(s.dataset, .int(indices[0]))
        }
        if let ds = s.dataset.native(as: TensorDataset.self), ds.tensors.count > 0 {
            return .object(PyList(try ds.batch(indices).map { wrap($0) }))
        }
        return try collate(interp, try indices.map { try interp.getItem(s.dataset, .int($0)) })
    }

    /// `default_collate`.
    private func collate(_ interp: Interpreter, _ samples: [Value]) throws -> Value {
        guard let first = samples.first else { return .object(PyList([])) }
        if tensor(first) != nil {
            return wrap(try Tensor.stack(try samples.map { try requireTensor($0, "batch element") }))
        }
        switch first {
        case .bool:
            return wrap(Tensor(values: try samples.map { try Convert.double($0) }, shape: [samples.count], dtype: .bool))
        case .int:
            return wrap(Tensor(values: try samples.map { try Convert.double($0) }, shape: [samples.count], dtype: .int64))
        case .float:
            return wrap(Tensor(values: try samples.map { try Convert.double($0) }, shape: [samples.count], dtype: .float64))
        case .str:
            return .object(PyList(samples))
        default:
            break
        }
        if let d = first.as(PyDict.self) {
            let out = PyDict()
            for key in d.keys {
                try out.set(key, try collate(interp, try samples.map { sample in
                    guard let v = try sample.as(PyDict.self)?.get(key) else { throw PyError.keyError(key) }
                    return v
                }))
            }
            return .object(out)
        }
        if let items = Convert.sequenceItems(first) {
            let rows = try samples.map { try Convert.sequenceItems($0) ?? interp.toArray($0) }
            guard rows.allSatisfy({ $0.count == items.count }) else {
                throw PyError.runtimeError("each element in list of batch should be of equal size")
            }
            return .object(PyList(try (0..<items.count).map { i in try collate(interp, rows.map { $0[i] }) }))
        }
        throw PyError.typeError("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
            + "found \(first.type.fullName)")
    }
}

/// A `DataLoader`'s settings.
final class LoaderState {
    let dataset: Value
    let batchSize: Int?
    let shuffle: Bool
    let dropLast: Bool
    let generator: Generator?

    init(dataset: Value, batchSize: Int?, shuffle: Bool, dropLast: Bool, generator: Generator?) {
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.generator = generator
    }
}
