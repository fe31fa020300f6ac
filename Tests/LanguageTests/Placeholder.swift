import Testing

@Test func LanguageTestsPlaceholder() { #expect(1 + 1 == 2) }
