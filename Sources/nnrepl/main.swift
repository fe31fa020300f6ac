import ArgumentParser
import Glibc
import REPL
import TorchBindings
import Transcripts

struct NNRepl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnrepl",
        abstract: "Build neural networks by typing PyTorch code at a prompt.",
        discussion: """
            With no FILE and a terminal, starts the interactive prompt. A program piped on standard input \
            runs as a whole. `nnrepl replay FILE... [--check]` replays transcripts (see `nnrepl replay --help`).
            """,
        version: Session.version)

    @Option(name: .customShort("c"), help: "Run CODE as a program.")
    var command: String?

    @Option(name: .customLong("allow-path"), help: "Also let the program read and write files under PATH.")
    var allowedPaths: [String] = []

    @Argument(help: "A program file to run (`-`: read the program from standard input, as python does).")
    var file: String?

    func run() throws {
        let session = Session(allowedPaths: allowedPaths)
        let status: Int32
        if let command {
            status = ProgramRunner.run(source: command, filename: "<string>", session: session)
        } else if let file, file != "-" {
            guard let source = ProgramRunner.readFile(file) else { throw ExitCode(2) }
            status = ProgramRunner.run(source: source, filename: file, session: session)
        } else if ProgramRunner.standardInputIsTerminal {
            InteractiveLoop.run(session: session)
            status = 0
        } else {
            status = ProgramRunner.run(source: ProgramRunner.readAll(stdin), filename: "<stdin>", session: session)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnrepl replay",
        abstract: "Replay doctest-format transcripts (Markdown or text with >>> examples).",
        discussion: "Without --check, shows each example and what nnrepl prints for it. With --check, compares with the expected output as doctest does and prints a unified diff per mismatch.")

    @Flag(help: "Compare each example's output with the transcript's expected output.")
    var check = false

    @Option(name: .customLong("allow-path"), help: "Also let the transcript read and write files under PATH.")
    var allowedPaths: [String] = []

    @Argument(help: "Transcript files.")
    var files: [String]

    func run() throws {
        var passed = 0, failed = 0, skipped = 0
        for path in files {
            guard let text = ProgramRunner.readFile(path) else { failed += 1; continue }
            let session = Session(allowedPaths: allowedPaths)
            if check {
                let report = TranscriptChecker.check(text: text, path: path, runner: SessionExampleRunner(session: session))
                report.failures.forEach { print($0, terminator: "") }
                passed += report.passed
                failed += report.failed
                skipped += report.skipped
            } else {
                TranscriptReplayer.show(text: text, path: path, session: session)
            }
        }
        if check {
            print("\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : ""))
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

// `replay` is dispatched by hand: ArgumentParser does not look for a subcommand in front of the root
// command's optional FILE argument.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "replay" {
    Replay.main(Array(arguments.dropFirst()))
} else {
    NNRepl.main(arguments)
}
