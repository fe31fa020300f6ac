import Testing

@Test func TranscriptsTestsPlaceholder() { #expect(1 + 1 == 2) }
