import Testing
@testable import Language

/// `math`, `random`, `time`, `typing`: each snippet's stdout and error line against CPython's
/// (`scripts/golden_stdlib.py`). `random` streams must be bit-identical for the same seed.
@Suite struct StdlibModulesTests {
    @Test(arguments: stdlibGoldens)
    func matchesCPython(_ golden: StdlibGolden) {
        let (out, err) = runPython(golden.source)
        #expect(out == golden.stdout)
        #expect(err == golden.error)
    }
}
