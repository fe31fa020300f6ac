import Testing
@testable import Language

/// Runs `source` in a fresh interpreter; returns stdout and the last line of any uncaught exception.
func runPython(_ source: String) -> (stdout: String, error: String) {
    var out = ""
    var err = ""
    var interactive = false
    var src = source
    if src.hasPrefix("#interactive\n") {
        interactive = true
        src = String(src.dropFirst("#interactive\n".count))
    }
    let interp = Interpreter(stdout: { out += $0 }, stderr: { err += $0 })
    // Interactive goldens hold several prompt entries; echo each top-level expression like the prompt does.
    interp.run(src + "\n", filename: "<stdin>", mode: .file, echo: interactive)
    let last = err.split(separator: "\n").last.map(String.init) ?? ""
    return (out, last)
}

@Suite struct InterpreterGoldenTests {
    @Test(arguments: pythonGoldens)
    func matchesCPython(_ golden: PythonGolden) {
        let (out, err) = runPython(golden.source)
        #expect(out == golden.stdout)
        #expect(err == golden.error)
    }
}
