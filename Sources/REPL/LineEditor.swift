import CEditLine
import Glibc

/// Reads lines at a terminal with libedit: editing, arrow-key history and a persistent history file.
///
/// libedit's readline-compatible *callback* interface is used, as CPython's readline module does, so
/// this loop owns the wait for input and can notice Ctrl-C itself: the line is abandoned and
/// `.interrupted` returned, with no longjmp out of libedit.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        case endOfFile
        case interrupted
    }

    private let historyPath: String?

    init(historyPath: String?) {
        self.historyPath = historyPath
        rl_catch_signals = 0
        stifle_history(10_000)
        if let historyPath { _ = read_history(historyPath) }
    }

    func readLine(prompt: String) -> Input {
        LineEditor.received = nil
        rl_callback_handler_install(prompt) { line in
            // libedit hands over a malloc'd buffer, or nil at end of file.
            if let line {
                LineEditor.received = .line(String(cString: line))
                free(line)
            } else {
                LineEditor.received = .endOfFile
            }
            rl_callback_handler_remove()
        }
        while LineEditor.received == nil {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, -1)
            if Interrupts.consume() {
                rl_callback_handler_remove()
                rl_free_line_state()
                fputs("\n", stdout)
                return .interrupted
            }
            if ready > 0 { rl_callback_read_char() }
            if ready < 0 && errno != EINTR { rl_callback_handler_remove(); return .endOfFile }
        }
        let input = LineEditor.received ?? .endOfFile
        LineEditor.received = nil
        return input
    }

    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        _ = add_history(line)
        if let historyPath { _ = write_history(historyPath) }
    }

    /// The callback cannot capture context; one editor reads at a time, so a static slot is enough.
    nonisolated(unsafe) private static var received: Input?

    /// `$XDG_STATE_HOME/nnrepl/history`, or `~/.local/state/nnrepl/history`; nil if neither can be made.
    static func defaultHistoryPath() -> String? {
        let environment = { (name: String) -> String? in getenv(name).map { String(cString: $0) } }
        let stateHome: String
        if let xdg = environment("XDG_STATE_HOME"), xdg.hasPrefix("/") {
            stateHome = xdg
        } else if let home = environment("HOME"), !home.isEmpty {
            stateHome = home + "/.local/state"
        } else {
            return nil
        }
        let directory = stateHome + "/nnrepl"
        var path = ""
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o700) != 0 && errno != EEXIST { return nil }
        }
        return directory + "/history"
    }
}
