import NN
import TensorEngine

struct LinearInitGolden: Sendable {
    let seed: UInt64, inFeatures: Int, outFeatures: Int, bias: Bool
    let weight: [Double], biasValues: [Double]
}

struct InitGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String, seed: UInt64, shape: [Int], dtype: DType
    let run: (Tensor, Generator) throws -> Tensor
    let values: [Double]
    let nextUniform: Double
    var description: String { "\(label) seed \(seed)" }
}

struct GainGolden: Sendable, CustomStringConvertible {
    let name: String, param: Init.GainParameter, repr: String
    var description: String { "\(name) \(param)" }
}

struct ModuleGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String
    let make: (Generator) throws -> Module
    let repr: String, parameterNames: [String], stateDictKeys: [String], moduleNames: [String]
    let childCount: Int
    let stateDictValues: [[Double]?]
    var description: String { label }
}

struct ErrorGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String
    let run: (Generator) throws -> Void
    let expected: String
    var description: String { label }
}

struct LazyGolden: Sendable {
    let seed: UInt64, input: [Double], repr: String, stateDictKeys: [String], stateDictValues: [[Double]]
    let output: [Double], nextUniform: Double
}

struct TutorialGolden: Sendable {
    let seed: UInt64, input: [Double], sum: Double, weight0Grad: [Double], afterCustomInit: [[Double]]
}

/// Float32 values compared bit for bit (as their exact Double images).
func bits(_ values: [Double]) -> [UInt32] { values.map { Float($0).bitPattern } }

func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

struct OptimGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String
    let make: ([Tensor]) throws -> Optimizer
    let repr: String
    let values: [[Double]]
    var description: String { label }
}

struct ForwardGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String
    let make: () throws -> Module
    let input: [Double], shape: [Int], output: [Double], outputShape: [Int]
    var description: String { label }
}

struct LossGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String
    let make: () throws -> Loss
    let input: [Double]
    let target: () -> Tensor
    let repr: String, loss: Double, grad: [Double]
    var description: String { label }
}
