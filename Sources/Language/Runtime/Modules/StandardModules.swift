/// The standard-library modules tutorials import, registered when an interpreter is created.
extension Interpreter {
    func installStandardModules() {
        for m in [makeMathModule(), makeRandomModule(), makeTimeModule(), makeTypingModule(), makeFutureModule(),
                  makeFunctoolsModule(), makeItertoolsModule()] {
            registerModule(m)
        }
    }
}
