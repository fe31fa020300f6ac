/// One `>>>` example of a doctest-format transcript, as Python's `doctest.Example` holds it.
public struct DoctestExample: Sendable, Equatable {
    /// The code, prompts and indentation stripped; always ends with a newline.
    public var source: String
    /// The expected output, indentation stripped; empty, or ending with a newline.
    public var want: String
    /// For an expected traceback, the part doctest compares: the lines from `Type: message` on.
    public var exceptionMessage: String?
    /// 0-based line of the `>>>` line in the file (doctest reports `lineNumber + 1`).
    public var lineNumber: Int
    public var indent: Int
    /// Option directives of this example (`# doctest: +ELLIPSIS`), by name, true for `+`.
    public var options: [String: Bool]

    public init(source: String, want: String, exceptionMessage: String?, lineNumber: Int, indent: Int, options: [String: Bool]) {
        self.source = source.hasSuffix("\n") ? source : source + "\n"
        self.want = want.isEmpty || want.hasSuffix("\n") ? want : want + "\n"
        if let message = exceptionMessage {
            self.exceptionMessage = message.hasSuffix("\n") ? message : message + "\n"
        }
        self.lineNumber = lineNumber
        self.indent = indent
        self.options = options
    }
}

/// Option flags of doctest that change how output is compared.
public struct DoctestOptions: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let dontAcceptTrueFor1 = DoctestOptions(rawValue: 1 << 0)
    public static let dontAcceptBlankline = DoctestOptions(rawValue: 1 << 1)
    public static let normalizeWhitespace = DoctestOptions(rawValue: 1 << 2)
    public static let ellipsis = DoctestOptions(rawValue: 1 << 3)
    public static let skip = DoctestOptions(rawValue: 1 << 4)
    public static let ignoreExceptionDetail = DoctestOptions(rawValue: 1 << 5)

    /// doctest's `OPTIONFLAGS_BY_NAME` for the comparison flags; reporting flags are accepted and ignored.
    public static let byName: [String: DoctestOptions] = [
        "DONT_ACCEPT_TRUE_FOR_1": .dontAcceptTrueFor1,
        "DONT_ACCEPT_BLANKLINE": .dontAcceptBlankline,
        "NORMALIZE_WHITESPACE": .normalizeWhitespace,
        "ELLIPSIS": .ellipsis,
        "SKIP": .skip,
        "IGNORE_EXCEPTION_DETAIL": .ignoreExceptionDetail,
        "REPORT_UDIFF": [], "REPORT_CDIFF": [], "REPORT_NDIFF": [],
        "REPORT_ONLY_FIRST_FAILURE": [], "FAIL_FAST": [],
    ]

    public func applying(_ overrides: [String: Bool]) -> DoctestOptions {
        var result = self
        for (name, on) in overrides {
            guard let flag = Self.byName[name] else { continue }
            if on { result.formUnion(flag) } else { result.subtract(flag) }
        }
        return result
    }
}
