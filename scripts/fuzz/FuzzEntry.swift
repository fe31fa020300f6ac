// libFuzzer entry point: every input is lexed, parsed (in both modes, and asked whether it is
// incomplete) and, if it parses, run by the interpreter with output discarded. A watchdog interrupts
// programs that run too long, so `while True: pass` is a KeyboardInterrupt, not a hang. Any crash,
// trap or sanitizer report is a bug: user input must never stop the process.
import Foundation

private let interpreterForFuzzing = Interpreter(stdout: { _ in }, stderr: { _ in })
private let watchdog = DispatchQueue(label: "fuzz-watchdog")
private var generation = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = Parser.isIncomplete(source)
    _ = try? Parser.parse(source, filename: "<fuzz>", mode: .interactive)
    guard let program = try? Parser.parse(source, filename: "<fuzz>", mode: .file) else { return 0 }
    generation += 1
    let mine = generation
    watchdog.asyncAfter(deadline: .now() + .milliseconds(200)) {
        if mine == generation { Interpreter.requestInterrupt() }
    }
    _ = try? interpreterForFuzzing.execute(program, filename: "<fuzz>", echo: true)
    generation += 1
    return 0
}
