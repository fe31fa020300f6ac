import Testing
@testable import Language

/// Names rebound, deleted and shadowed while the interpreter's inline caches are warm (CPython's output).
@Suite struct NameCacheTests {
    @Test(arguments: nameCacheGoldens)
    func matchesCPython(_ golden: PythonGolden) {
        let (out, err) = runPython(golden.source)
        #expect(out == golden.stdout)
        #expect(err == golden.error)
    }

    /// One parsed program run against two different globals dicts: a cache filled by the first must not
    /// answer for the second.
    @Test func cacheIsPerDict() throws {
        let program = try Parser.parse("print(x)\n", filename: "<stdin>", mode: .file)
        var outs: [String] = []
        for value in ["1", "'two'"] {
            var out = ""
            let interp = Interpreter(stdout: { out += $0 }, stderr: { out += $0 })
            interp.run("x = \(value)\n")
            try interp.execute(program)
            outs.append(out)
        }
        #expect(outs == ["1\n", "two\n"])
    }
}
