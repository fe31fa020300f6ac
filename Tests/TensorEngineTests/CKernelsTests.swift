@testable import TensorEngine
import Testing

/// CKernels (the C loops behind dense float32 add/sub/mul/div, exp, neg, relu and float sums): every ISA
/// level this CPU has gives the same bits, and those are the Swift reference's (or PyTorch's).
@Suite(.serialized)
struct CKernelsTests {
    static let sizes = [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 255, 1000, 4099, 32768, 32769, 100_003]
    static var levels: [Int] { Array(0...DenseKernels.maxISALevel) }

    /// Deterministic floats: any bit pattern (NaN, infinities, subnormals) every 5th, else moderate values.
    static func inputs(_ n: Int, seed: UInt64, range: ClosedRange<Float> = -3...3) -> [Float] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<n).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let bits = UInt32(truncatingIfNeeded: state >> 32)
            if i % 5 == 4 { return Float(bitPattern: bits) }
            return range.lowerBound + (range.upperBound - range.lowerBound) * Float(bits >> 8) / Float(1 << 24)
        }
    }

    static func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// `kernel` over `x` at one level, into a fresh array.
    static func run(_ x: [Float], level: Int,
                    _ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> [Float] {
        var out = [Float](repeating: 0, count: x.count)
        DenseKernels.withISALevel(level) {
            x.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    if let s = src.baseAddress, let d = dst.baseAddress { kernel(s, d, x.count) }
                }
            }
        }
        return out
    }

    @Test(arguments: [BinaryOp.add, .sub, .mul, .div])
    func binaryOpsAreOneIEEEOperationAtEveryLevel(_ op: BinaryOp) {
        for n in Self.sizes {
            let x = Self.inputs(n, seed: 1), y = Self.inputs(n, seed: 2)
            let expected: [Float] = zip(x, y).map { a, b in
                switch op {
                case .add: a + b
                case .sub: a - b
                case .mul: a * b
                default: a / b
                }
            }
            for level in Self.levels {
                let got = y.withUnsafeBufferPointer { yb in
                    Self.run(x, level: level) { s, d, count in
                        if let yp = yb.baseAddress { DenseKernels.binary(op, s, yp, d, count) }
                    }
                }
                #expect(zip(got, expected).allSatisfy(Self.same), "\(op) n=\(n) level \(level)")
            }
        }
    }

    @Test func negAndReluMatchTheScalarDefinitionsAtEveryLevel() {
        for n in Self.sizes {
            let x = Self.inputs(n, seed: 3) + [0, -0.0, .nan, -.infinity]
            for level in Self.levels {
                let neg = Self.run(x, level: level, DenseKernels.neg)
                let relu = Self.run(x, level: level, DenseKernels.relu)
                #expect(zip(neg, x).allSatisfy { $0.bitPattern == (-$1).bitPattern }, "neg n=\(n) level \(level)")
                #expect(zip(relu, x).allSatisfy { r, v in r.bitPattern == (v.isNaN ? v : (v > 0 ? v : 0)).bitPattern },
                        "relu n=\(n) level \(level)")
            }
        }
    }

    @Test func expIsTheSameAtEveryLevelAndForEveryTailLength() {
        let x = Self.inputs(4099, seed: 4, range: -110...95)
        let reference = Self.run(x, level: 0, DenseKernels.exp)
        for level in Self.levels {
            #expect(zip(Self.run(x, level: level, DenseKernels.exp), reference).allSatisfy(Self.same), "level \(level)")
            for length in 1...17 {
                let piece = Array(x[100..<(100 + length)])
                #expect(zip(Self.run(piece, level: level, DenseKernels.exp), reference[100...]).allSatisfy(Self.same),
                        "level \(level) length \(length)")
            }
        }
    }

    /// Golden values from real PyTorch and CPython (scripts/golden_exp.py): our exp is float32(exp in
    /// double), bit for bit; PyTorch's (MKL's vsExp) is within one ulp of it and equal in ~99% of cases.
    @Test func expMatchesCPythonExactlyAndPyTorchWithinOneUlp() throws {
        let n = goldenExpValues.count
        let t = Tensor(overwritten: [n], dtype: .float32)
        let p = t.storage.pointer(Float.self)
        for (i, row) in goldenExpValues.enumerated() { p[i] = Float(bitPattern: row.x) }
        for level in Self.levels {
            let got = try DenseKernels.withISALevel(level) { try t.exp() }
            let q = got.storage.pointer(Float.self) + got.offset
            var agreeWithTorch = 0
            for (i, row) in goldenExpValues.enumerated() {
                let bits = q[i].bitPattern
                #expect(bits == row.rounded, "x bits \(String(row.x, radix: 16)) level \(level)")
                let distance = bits > row.torch ? bits - row.torch : row.torch - bits
                #expect(distance <= 1 || (q[i].isNaN && Float(bitPattern: row.torch).isNaN))
                if bits == row.torch { agreeWithTorch += 1 }
            }
            #expect(agreeWithTorch * 100 >= n * 98, "\(agreeWithTorch) of \(n) equal to torch")
        }
    }

    /// PyTorch's sigmoid bits (scripts/golden_exp.py): exact, for the whole tensor and for pieces of 37,
    /// where the vectorised blocks and the scalar tail fall elsewhere. NaN only as NaN (its sign differs
    /// between ATen's two paths).
    @Test func sigmoidMatchesPyTorchBitForBit() throws {
        let n = goldenSigmoidValues.count
        let t = Tensor(overwritten: [n], dtype: .float32)
        let p = t.storage.pointer(Float.self)
        for (i, row) in goldenSigmoidValues.enumerated() { p[i] = Float(bitPattern: row.x) }
        for level in Self.levels {
            let whole = try DenseKernels.withISALevel(level) { try t.sigmoid() }
            let w = whole.storage.pointer(Float.self) + whole.offset
            for (i, row) in goldenSigmoidValues.enumerated() {
                #expect(Self.same(w[i], Float(bitPattern: row.whole)), "x bits \(String(row.x, radix: 16)) level \(level)")
            }
            for start in stride(from: 0, to: n, by: 37) {
                let piece = try t.narrow(dim: 0, start: start, length: Swift.min(37, n - start)).contiguous()
                let out = try DenseKernels.withISALevel(level) { try piece.sigmoid() }
                let q = out.storage.pointer(Float.self) + out.offset
                for k in 0..<piece.numel {
                    let row = goldenSigmoidValues[start + k]
                    #expect(Self.same(q[k], Float(bitPattern: row.pieces)), "piece at \(start + k) level \(level)")
                }
            }
        }
    }

    @Test func sumsAreTheSwiftCascadeBitForBitAtEveryLevel() {
        for n in Self.sizes + [1_000_003] {
            let x = Self.inputs(n, seed: 5, range: -1...1).map { $0.isFinite ? $0 : 0.5 }
            let d = x.map { Double($0) * 1.000000123 }
            x.withUnsafeBufferPointer { xb in
                d.withUnsafeBufferPointer { db in
                    guard let xp = xb.baseAddress, let dp = db.baseAddress else { return }
                    let f32 = CascadeSum.swiftInnerSum(xp, n), f64 = CascadeSum.swiftInnerSum(dp, n)
                    for level in Self.levels {
                        DenseKernels.withISALevel(level) {
                            #expect(CascadeSum.innerSum(xp, n).bitPattern == f32.bitPattern, "float n=\(n) level \(level)")
                            #expect(CascadeSum.innerSum(dp, n).bitPattern == f64.bitPattern, "double n=\(n) level \(level)")
                        }
                    }
                }
            }
        }
    }
}
