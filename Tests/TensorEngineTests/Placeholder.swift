import Testing

@Test func TensorEngineTestsPlaceholder() { #expect(1 + 1 == 2) }
