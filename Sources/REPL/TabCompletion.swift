import CEditLine
import Glibc

/// Tab at the prompt: libedit asks for the word before the cursor, the session answers with candidates
/// (`Session.completions(for:)`), and libedit completes their common prefix or lists them.
/// On an empty word, as CPython's REPL does, Tab indents instead (four spaces here, rather than a tab
/// character, so indentation typed with Tab and with the space bar can be mixed).
enum TabCompletion {
    /// libedit's callbacks are C functions and cannot capture; one prompt runs at a time.
    nonisolated(unsafe) private static var candidates: (String) -> [String] = { _ in [] }
    nonisolated(unsafe) private static var matches: [String] = []

    /// rlcompleter's delimiters: everything that ends a Python word except `.`, so `net.0.we` stays one word.
    private static let wordBreaks = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?"

    static func install(_ candidates: @escaping (String) -> [String]) {
        TabCompletion.candidates = candidates
        rl_completer_word_break_characters = strdup(wordBreaks)
        rl_completion_append_character = 0
        rl_attempted_completion_function = { text, _, _ in
            rl_attempted_completion_over = 1  // never fall back to file names
            let word = text.map { String(cString: $0) } ?? ""
            if word.allSatisfy(\.isWhitespace) {
                _ = rl_insert_text("    ")
                return nil
            }
            TabCompletion.matches = TabCompletion.candidates(word)
            if TabCompletion.matches.isEmpty { return nil }
            return rl_completion_matches(text) { _, state in
                let index = Int(state)
                return index < TabCompletion.matches.count ? strdup(TabCompletion.matches[index]) : nil
            }
        }
    }
}
