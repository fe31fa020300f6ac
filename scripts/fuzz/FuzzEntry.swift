// libFuzzer entry point: every input is lexed, parsed (in both modes, and asked whether it is
// incomplete) and, if it parses, run by the interpreter with output discarded. A watchdog interrupts
// programs that run too long, so `while True: pass` is a KeyboardInterrupt, not a hang. Any crash,
// trap or sanitizer report is a bug: user input must never stop the process.
//
// Speed: libFuzzer's whole loop runs on one thread with a 1 GB stack (our own `main` calls
// LLVMFuzzerRunDriver there), so the parser's and the interpreter's "run on a big stack" helpers run
// inline instead of starting a thread per input; the watchdog is one long-lived thread, not a timer
// per input. An interpreter serves 1,000 inputs with `__main__` emptied between them: a new one per
// input would leak (its builtins hold closures over it), and cost more than the input.
import Foundation
import Synchronization

/// Milliseconds a program may run before the watchdog raises KeyboardInterrupt in it (FUZZ_WATCHDOG_MS).
private let watchdogMilliseconds = Int(ProcessInfo.processInfo.environment["FUZZ_WATCHDOG_MS"] ?? "") ?? 100
/// Number of the input being executed, 0 between executions; the watchdog interrupts one that lasts.
private let executing = Atomic<Int>(0)
private nonisolated(unsafe) var inputNumber = 0
private nonisolated(unsafe) var interpreter = Interpreter(stdout: { _ in }, stderr: { _ in })
private nonisolated(unsafe) var initialGlobals = interpreter.mainModule.dict.items

/// The interpreter for the next input, with `__main__` as a new interpreter has it.
private func interpreterForInput() -> Interpreter {
    if inputNumber % 1000 == 0 {
        interpreter = Interpreter(stdout: { _ in }, stderr: { _ in })
        initialGlobals = interpreter.mainModule.dict.items
    } else {
        interpreter.mainModule.dict.removeAll()
        for (key, value) in initialGlobals { try? interpreter.mainModule.dict.set(key, value) }
    }
    return interpreter
}

private func startWatchdog() {
    let tick = 10
    Thread.detachNewThread {
        var seen = 0, ticks = 0
        while true {
            usleep(useconds_t(tick * 1000))
            let now = executing.load(ordering: .relaxed)
            if now == 0 || now != seen {
                seen = now
                ticks = 0
            } else {
                ticks += 1
                if ticks * tick >= watchdogMilliseconds {
                    Interpreter.requestInterrupt()
                    ticks = 0
                }
            }
        }
    }
}

/// libFuzzer's -timeout is a process-wide SIGALRM that it ignores unless it lands on the fuzzing thread,
/// so every other thread blocks it (they inherit main's mask) and the fuzzing thread unblocks it here.
private func setAlarmBlocked(_ blocked: Bool) {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGALRM)
    pthread_sigmask(blocked ? SIG_BLOCK : SIG_UNBLOCK, &set, nil)
}
private nonisolated(unsafe) var alarmUnblocked = false

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if !alarmUnblocked {
        alarmUnblocked = true
        setAlarmBlocked(false)
    }
    guard let data else { return 0 }
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = Parser.isIncomplete(source)
    _ = try? Parser.parse(source, filename: "<fuzz>", mode: .interactive)
    guard let program = try? Parser.parse(source, filename: "<fuzz>", mode: .file) else { return 0 }
    let interpreter = interpreterForInput()
    inputNumber += 1
    executing.store(inputNumber, ordering: .relaxed)
    _ = try? interpreter.execute(program, filename: "<fuzz>", echo: true)
    executing.store(0, ordering: .relaxed)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum FuzzMain {
    static func main() {
        setAlarmBlocked(true)
        startWatchdog()
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        var status: CInt = 1
        let started = runOnDedicatedStack(size: 1 << 30) {
            status = runFuzzerDriver(&argc, &argv, { data, size in fuzzOneInput(data, size) })
        }
        if !started { status = runFuzzerDriver(&argc, &argv, { data, size in fuzzOneInput(data, size) }) }
        exit(status)
    }
}
