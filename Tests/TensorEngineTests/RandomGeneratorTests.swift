import Testing
@testable import TensorEngine

/// API behaviour of `Generator` beyond the replayed streams of RandomGoldenTests.
@Suite("Generator API")
struct RandomGeneratorTests {
    private func normals(_ g: Generator, _ n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { g.fillNormal($0, mean: 0, std: 1, blockPath: false) }
        return out
    }

    @Test func freshGeneratorUsesTorchSeed() {
        let g = Generator()
        #expect(g.initialSeed == 67_280_421_310_721)
        let h = Generator(seed: 12)
        h.manualSeed(67_280_421_310_721)
        #expect((0..<5).map { _ in g.random32() } == (0..<5).map { _ in h.random32() })
    }

    @Test func onlyLowSeedBitsReachTheEngine() {
        let a = Generator(seed: 7), b = Generator(seed: 7 + (1 << 32))
        #expect(a.random64() == b.random64())
        #expect(b.initialSeed == 7 + (1 << 32))
    }

    @Test func seedReseedsAndReports() {
        let g = Generator(seed: 0)
        let s = g.seed()
        #expect(g.initialSeed == s)
        let h = Generator(seed: s)
        #expect(g.random32() == h.random32())
    }

    @Test func stateRoundTripKeepsCachedNormal() throws {
        let g = Generator(seed: 3)
        _ = normals(g, 3)                      // leaves a cached sample
        let saved = g.state
        #expect(saved.count == Generator.stateByteCount)
        let first = normals(g, 5)
        g.manualSeed(99)
        try g.setState(saved)
        #expect(normals(g, 5) == first)
        #expect(g.initialSeed == 3)
        let other = Generator(seed: 1)
        try other.setState(saved)
        #expect(normals(other, 5) == first)
    }

    @Test func wrongStateSizeThrowsTorchsMessage() {
        #expect(throws: GeneratorStateError.wrongSize(10)) { try Generator().setState([UInt8](repeating: 0, count: 10)) }
        #expect(GeneratorStateError.wrongSize(10).description
            == "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10")
    }

    @Test func blockPathRequestBelowSixteenFallsBackToScalarPath() {
        let a = Generator(seed: 4), b = Generator(seed: 4)
        var x = [Float](repeating: 0, count: 5)
        x.withUnsafeMutableBufferPointer { a.fillNormal($0, mean: 0, std: 1, blockPath: true) }
        #expect(x == normals(b, 5))
    }

    @Test func emptyFillsDrawNothing() {
        let a = Generator(seed: 4), b = Generator(seed: 4)
        var none: [Float] = []
        none.withUnsafeMutableBufferPointer {
            a.fillUniform($0, from: 0, to: 1)
            a.fillNormal($0, mean: 0, std: 1, blockPath: true)
        }
        #expect(a.randperm(0).isEmpty && a.randperm(1) == [0])
        #expect(a.random32() == b.random32())
    }
}
