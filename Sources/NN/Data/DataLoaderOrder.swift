import TensorEngine

/// The index order of one `DataLoader` epoch, drawn exactly as PyTorch draws it.
///
/// Creating the iterator (`iter(loader)`) draws a base seed (`random64() % 2^63`, from `generator` or the
/// global one) even without shuffling. On the first batch, a shuffling `RandomSampler` without its own
/// generator draws a second seed from the global generator and runs `randperm(n)` on a fresh generator
/// seeded with it; with a generator it runs `randperm(n)` on that generator directly.
///
///     Generator.default.manualSeed(0)
///     var epoch = DataLoaderEpoch(count: 10, shuffle: true)   // draws the base seed
///     epoch.indices()                                          // [6, 7, 1, 4, 2, 0, 9, 8, 3, 5]
public struct DataLoaderEpoch {
    public let count: Int
    public let shuffle: Bool
    public let generator: Generator?
    /// The `_base_seed` of PyTorch's iterator (worker seeding); drawn for its effect on the generator.
    public let baseSeed: UInt64
    private var order: [Int]?
    private var drained = false

    public init(count: Int, shuffle: Bool, generator: Generator? = nil) {
        self.count = count
        self.shuffle = shuffle
        self.generator = generator
        baseSeed = DataLoaderEpoch.drawSeed(generator ?? .default)
    }

    /// The sample indices of the epoch; the shuffle's draws happen on the first call.
    public mutating func indices() -> [Int] {
        if let order { return order }
        let result: [Int]
        if !shuffle {
            result = Array(0..<count)
        } else {
            let g = generator ?? Generator(seed: DataLoaderEpoch.drawSeed(.default))
            result = g.randperm(count).map { Int($0) }
        }
        order = result
        return result
    }

    /// Called when the loader asks for the index past the last one (building a short last batch, or
    /// finding the end): PyTorch's sampler then runs its trailing `randperm(n)[:0]`, which only shows as
    /// draws from a generator the user passed in.
    public mutating func drain() {
        guard !drained else { return }
        drained = true
        if shuffle, let generator { _ = generator.randperm(count) }
    }

    /// `int(torch.empty((), dtype=torch.int64).random_(generator=g).item())`.
    public static func drawSeed(_ g: Generator) -> UInt64 {
        g.random64() % (UInt64(1) << 63)
    }

    /// The epoch's index batches: `batchSize` at a time, the short last one dropped when `dropLast`.
    public static func batches(_ indices: [Int], batchSize: Int, dropLast: Bool) -> [[Int]] {
        stride(from: 0, to: indices.count, by: batchSize).compactMap { start in
            let batch = Array(indices[start..<min(start + batchSize, indices.count)])
            return dropLast && batch.count < batchSize ? nil : batch
        }
    }

    /// `len(loader)`.
    public static func batchCount(_ count: Int, batchSize: Int, dropLast: Bool) -> Int {
        dropLast ? count / batchSize : (count + batchSize - 1) / batchSize
    }
}
