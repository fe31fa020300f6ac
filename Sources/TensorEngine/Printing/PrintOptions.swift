/// What `torch.set_printoptions` controls. `current` is the process-wide setting `repr(t)` uses.
public struct PrintOptions: Sendable, Equatable {
    public var precision = 4, threshold = 1000, edgeItems = 3, lineWidth = 80
    /// nil: decide per tensor (§3.2); true/false: force scientific notation on or off.
    public var sciMode: Bool? = nil

    public init(precision: Int = 4, threshold: Int = 1000, edgeItems: Int = 3, lineWidth: Int = 80,
                sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeItems = edgeItems
        self.lineWidth = lineWidth
        self.sciMode = sciMode
    }

    nonisolated(unsafe) public static var current = PrintOptions()

    /// `torch.set_printoptions(...)` semantics: a profile first, then each given option; `sciMode` is
    /// always assigned, so any call without `sci_mode=` resets it to automatic. Unknown profiles are ignored.
    public mutating func update(precision: Int? = nil, threshold: Int? = nil, edgeItems: Int? = nil,
                                lineWidth: Int? = nil, profile: String? = nil, sciMode: Bool? = nil) {
        if let name = profile, let p = Self.profile(name) { self = p }
        if let precision { self.precision = precision }
        if let threshold { self.threshold = threshold }
        if let edgeItems { self.edgeItems = edgeItems }
        if let lineWidth { self.lineWidth = lineWidth }
        self.sciMode = sciMode
    }

    /// The named profiles of `set_printoptions(profile=...)`: "default", "short", "full".
    /// ("full" has threshold `inf` in torch; `Int.max` here.)
    public static func profile(_ name: String) -> PrintOptions? {
        switch name {
        case "default": PrintOptions()
        case "short": PrintOptions(precision: 2, threshold: 1000, edgeItems: 2, lineWidth: 80)
        case "full": PrintOptions(precision: 4, threshold: Int.max, edgeItems: 3, lineWidth: 80)
        default: nil
        }
    }
}
