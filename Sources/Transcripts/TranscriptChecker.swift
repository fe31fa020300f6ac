/// What running one example produced.
public struct ExampleOutcome: Sendable {
    /// Everything written to standard output while the example ran.
    public var output: String
    /// If an exception escaped: what doctest compares, `traceback.format_exception_only` from the
    /// `Type: message` line on (for a SyntaxError, without the caret lines).
    public var exceptionMessage: String?
    /// The full traceback as the user would see it, for reports.
    public var traceback: String?

    public init(output: String, exceptionMessage: String? = nil, traceback: String? = nil) {
        self.output = output
        self.exceptionMessage = exceptionMessage
        self.traceback = traceback
    }
}

/// Runs the examples of one transcript in one session, in order, as `doctest` does (shared globals).
public protocol ExampleRunner: AnyObject {
    func run(_ example: DoctestExample, name: String) -> ExampleOutcome
}

/// The result of checking a transcript: counts and a doctest-style report of each failure.
public struct TranscriptReport: Sendable {
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    public var failures: [String] = []
    public init() {}
}

public enum TranscriptChecker {
    static let separator = String(repeating: "*", count: 70)

    public static func check(text: String, path: String, runner: ExampleRunner, options: DoctestOptions = []) -> TranscriptReport {
        var report = TranscriptReport()
        let name = baseName(path)
        let examples: [DoctestExample]
        do {
            examples = try DoctestParser.examples(in: text, name: name)
        } catch {
            report.failed = 1
            report.failures.append("\(separator)\nFile \"\(path)\"\nValueError: \(error.message)\n")
            return report
        }
        for example in examples {
            let effective = options.applying(example.options)
            if effective.contains(.skip) {
                report.skipped += 1
                continue
            }
            let outcome = runner.run(example, name: name)
            if let failure = failureText(example, outcome: outcome, options: effective, path: path, name: name) {
                report.failed += 1
                report.failures.append(failure)
            } else {
                report.passed += 1
            }
        }
        return report
    }

    /// nil when the outcome matches the example, else doctest's failure report with a unified diff.
    static func failureText(_ example: DoctestExample, outcome: ExampleOutcome, options: DoctestOptions, path: String, name: String) -> String? {
        var header = "\(separator)\nFile \"\(path)\", line \(example.lineNumber + 1), in \(name)\nFailed example:\n"
        header += indented(example.source)
        guard let raised = outcome.exceptionMessage else {
            if OutputChecker.matches(want: example.want, got: outcome.output, options: options) { return nil }
            return header + difference(want: example.want, got: outcome.output)
        }
        guard let expected = example.exceptionMessage else {
            return header + "Exception raised:\n" + indented(outcome.traceback ?? raised)
        }
        if OutputChecker.matches(want: expected, got: raised, options: options) { return nil }
        if options.contains(.ignoreExceptionDetail),
           OutputChecker.matches(want: strippingExceptionDetails(expected), got: strippingExceptionDetails(raised), options: options) {
            return nil
        }
        return header + difference(want: example.want, got: outcome.output + (outcome.traceback ?? raised))
    }

    private static func difference(want: String, got: String) -> String {
        if want.isEmpty { return "Expected nothing\nGot:\n" + indented(got) }
        if got.isEmpty { return "Expected:\n" + indented(want) + "Got nothing\n" }
        let diff = UnifiedDiff.lines(expected: want, actual: got)
        return "Differences (unified diff with -expected +actual):\n" + diff.map { "    " + $0 + "\n" }.joined()
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast(text.hasSuffix("\n") ? 1 : 0)
            .map { "    " + $0 + "\n" }.joined()
    }

    /// `_strip_exception_details`: keep only the exception's name, without module path or message.
    static func strippingExceptionDetails(_ message: String) -> String {
        var firstLine = message.prefix(while: { $0 != "\n" })
        if let colon = firstLine.firstIndex(of: ":") { firstLine = firstLine[..<colon] }
        if let dot = firstLine.lastIndex(of: ".") { firstLine = firstLine[firstLine.index(after: dot)...] }
        return String(firstLine)
    }

    private static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
