import Foundation
import Testing
@testable import NN
import TensorEngine

/// Files written by real PyTorch 2.15 and safetensors (scripts/golden_serialization.py) load with the values
/// PyTorch saved; files nnrepl writes load back here, and in PyTorch via `--verify` (see the script).
@Suite struct SerializationTests {
    @Test(arguments: SerializationGoldens.torchFiles)
    func loadsTorchSaveFiles(_ g: SerializationGolden) throws {
        #expect(canonical(try TorchArchive.decode(g.bytes)) == g.expected)
    }

    @Test(arguments: SerializationGoldens.torchFiles)
    func roundTripsThroughOwnWriter(_ g: SerializationGolden) throws {
        let again = try TorchArchive.decode(try TorchArchive.encode(try TorchArchive.decode(g.bytes)))
        #expect(canonical(again) == g.expected)
    }

    @Test(arguments: SerializationGoldens.safetensorsFiles)
    func loadsSafetensorsFiles(_ g: SerializationGolden) throws {
        let tensors = try Safetensors.decode(g.bytes).tensors
        #expect(sortedCanonical(tensors) == g.expected)
        let again = try Safetensors.decode(try Safetensors.encode(tensors)).tensors
        #expect(sortedCanonical(again) == g.expected)
    }

    @Test func viewsShareTheirStorageAfterLoading() throws {
        let g = SerializationGoldens.torchFiles.first { $0.name == "views" }!
        guard case .dict(let entries) = try TorchArchive.decode(g.bytes) else { Issue.record("not a dict"); return }
        let t = Dictionary(uniqueKeysWithValues: entries.compactMap { e -> (String, Tensor)? in
            if case .string(let k) = e.key, case .tensor(let v) = e.value { return (k, v) }
            return nil
        })
        for name in ["col", "t", "slice", "row"] { #expect(t[name]!.sharesStorage(with: t["base"]!)) }
        #expect(t["t"]!.strides == [1, 4])
        #expect(t["slice"]!.strides == [4, 2] && t["slice"]!.storageOffset == 4)
    }

    /// Writes every golden case, re-encoded by nnrepl, for `golden_serialization.py --verify DIR`.
    @Test func writeFilesForPyTorch() throws {
        let dir = ProcessInfo.processInfo.environment["NNREPL_SERIALIZATION_VERIFY_DIR"] ?? "/tmp/nnrepl-serialization-verify"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for g in SerializationGoldens.torchFiles {
            try SavedFile.save(try TorchArchive.decode(g.bytes), to: "\(dir)/\(g.name).pt")
            #expect(canonical(try SavedFile.load(from: "\(dir)/\(g.name).pt")) == g.expected)
        }
        for g in SerializationGoldens.safetensorsFiles {
            let tensors = try Safetensors.decode(g.bytes).tensors
            let path = "\(dir)/\(g.name).safetensors"
            try SavedFile.save(.orderedDict(tensors.map { (key: .string($0.0), value: .tensor($0.1)) }, metadata: nil), to: path)
            guard case .dict(let back) = try SavedFile.load(from: path) else { Issue.record("not a dict"); continue }
            #expect(sortedCanonical(back.map { e in
                guard case .string(let k) = e.key, case .tensor(let v) = e.value else { fatalError() }
                return (k, v)
            }) == g.expected)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
    }

    /// Views built here, without their base: the storage written covers only what they reach
    /// (checked by `--verify` against `torch.arange(10.)[3:]` and `[1::2]`, sharing one storage).
    @Test func writeSwiftBuiltViewsForPyTorch() throws {
        let dir = ProcessInfo.processInfo.environment["NNREPL_SERIALIZATION_VERIFY_DIR"] ?? "/tmp/nnrepl-serialization-verify"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let a = try Tensor.arange(0, 10, dtype: .float64)
        let tail = try a.slice(dim: 0, start: 3), odd = try a.slice(dim: 0, start: 1, step: 2)
        let value = SavedValue.dict([(key: .string("tail"), value: .tensor(tail)), (key: .string("odd"), value: .tensor(odd)),
                                     (key: .string("again"), value: .tensor(tail))])
        try SavedFile.save(value, to: "\(dir)/swift_views.pt")
        guard case .dict(let back) = try SavedFile.load(from: "\(dir)/swift_views.pt"),
              case .tensor(let t) = back[0].value, case .tensor(let o) = back[1].value, case .tensor(let again) = back[2].value else {
            Issue.record("bad round trip"); return
        }
        #expect(t.toDoubleArray() == [3, 4, 5, 6, 7, 8, 9] && o.toDoubleArray() == [1, 3, 5, 7, 9])
        #expect(t.sharesStorage(with: o) && t === again)
    }

    @Test func safetensorsRefusesValuesThatAreNotStateDicts() {
        #expect(throws: SerializationError.self) { try SavedFile.save(.list([.int(1)]), to: "/tmp/nnrepl-x.safetensors") }
    }
}

/// The same text `canon` prints in scripts/golden_serialization.py.
func canonical(_ v: SavedValue) -> String {
    switch v {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return "int:\(i)"
    case .float(let d): return "float:" + hex(d.bitPattern, 16)
    case .string(let s): return "str:" + s
    case .tensor(let t): return canonical(t)
    case .size(let s): return "Size" + list(s)
    case .tuple(let items): return "(" + items.map(canonical).joined(separator: ",") + ")"
    case .list(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
    case .dict(let entries): return "{" + entries.map { canonical($0.key) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
    case .orderedDict(let entries, let metadata):
        return "OrderedDict{" + entries.map { canonical($0.key) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
            + (metadata.map { "meta=" + canonical($0) } ?? "")
    }
}

func canonical(_ t: Tensor) -> String {
    let values: [String]
    switch t.dtype {
    case .float32: values = t.toDoubleArray().map { hex(UInt64(Float($0).bitPattern), 8) }
    case .float64: values = t.toDoubleArray().map { hex($0.bitPattern, 16) }
    case .int64: values = t.toInt64Array().map { String($0) }
    case .bool: values = t.toBoolArray().map { $0 ? "1" : "0" }
    }
    let dtype = String(t.dtype.torchName.dropFirst(6))
    let grad = t.requiresGrad ? "True" : "False"
    return "\(t.isParameter ? "Parameter" : "Tensor")(\(dtype),\(list(t.shape)),grad=\(grad),[\(values.joined(separator: ","))])"
}

func sortedCanonical(_ tensors: [(String, Tensor)]) -> String {
    "{" + tensors.sorted { $0.0 < $1.0 }.map { "str:\($0.0):" + canonical($0.1) }.joined(separator: ",") + "}"
}

private func hex(_ v: UInt64, _ digits: Int) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: digits - s.count) + s
}

private func list(_ xs: [Int]) -> String { "[" + xs.map(String.init).joined(separator: ", ") + "]" }
