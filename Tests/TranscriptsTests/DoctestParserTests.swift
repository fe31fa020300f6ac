import Testing
@testable import Transcripts

@Suite struct DoctestParserTests {
    @Test(arguments: parseGoldens)
    func splitsExamplesAsDoctestDoes(_ golden: ParseGolden) throws {
        let examples = try DoctestParser.examples(in: golden.text, name: "t.md")
        #expect(examples.count == golden.examples.count)
        for (example, expected) in zip(examples, golden.examples) {
            #expect(example.source == expected.source)
            #expect(example.want == expected.want)
            #expect(example.exceptionMessage == expected.exceptionMessage)
            #expect(example.lineNumber == expected.lineNumber)
            #expect(example.indent == expected.indent)
            #expect(example.options == expected.options)
        }
    }

    @Test(arguments: parseFailureGoldens)
    func rejectsMalformedTranscriptsWithDoctestsMessage(_ golden: ParseFailureGolden) {
        #expect(throws: DoctestParser.Failure(message: golden.message)) {
            try DoctestParser.examples(in: golden.text, name: "t.md")
        }
    }
}

@Suite struct OutputCheckerTests {
    @Test(arguments: checkGoldens)
    func agreesWithDoctestsOutputChecker(_ golden: CheckGolden) {
        let options = DoctestOptions().applying(Dictionary(uniqueKeysWithValues: golden.flags.map { ($0, true) }))
        #expect(OutputChecker.matches(want: golden.want, got: golden.got, options: options) == golden.matches)
    }
}

@Suite struct UnifiedDiffTests {
    @Test(arguments: diffGoldens)
    func laysOutHunksAsDifflib(_ golden: DiffGolden) {
        #expect(UnifiedDiff.lines(expected: golden.expected, actual: golden.actual) == golden.lines)
    }
}
