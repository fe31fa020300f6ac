/// A unified diff of two texts by lines, as `difflib.unified_diff(..., n=2)` lays it out (hunk headers and
/// `-`/`+`/` ` lines, without the file header), for reporting a transcript mismatch.
public enum UnifiedDiff {
    public static func lines(expected: String, actual: String, context: Int = 2) -> [String] {
        let old = splitLines(expected)
        let new = splitLines(actual)
        let edits = editScript(old, new)
        var output: [String] = []
        var index = 0
        while index < edits.count {
            guard let changeStart = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var hunkEnd = changeStart
            var cursor = changeStart
            while cursor < edits.count {
                if edits[cursor].kind != .same { hunkEnd = cursor; cursor += 1; continue }
                let run = edits[cursor...].prefix(while: { $0.kind == .same }).count
                if cursor + run >= edits.count || run > 2 * context { break }
                cursor += run
            }
            let lower = max(index, changeStart - context)
            let upper = min(edits.count, hunkEnd + 1 + context)
            let hunk = edits[lower..<upper]
            let oldStart = hunk.first.map { $0.oldIndex } ?? 0
            let newStart = hunk.first.map { $0.newIndex } ?? 0
            let oldCount = hunk.filter { $0.kind != .inserted }.count
            let newCount = hunk.filter { $0.kind != .deleted }.count
            output.append("@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@")
            for edit in hunk {
                switch edit.kind {
                case .same: output.append(" " + old[edit.oldIndex])
                case .deleted: output.append("-" + old[edit.oldIndex])
                case .inserted: output.append("+" + new[edit.newIndex])
                }
            }
            index = upper
        }
        return output
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        // difflib: one-line ranges print just the line; empty ranges point before the gap.
        if count == 1 { return "\(start + 1)" }
        if count == 0 { return "\(start),0" }
        return "\(start + 1),\(count)"
    }

    private static func splitLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    struct Edit {
        enum Kind { case same, deleted, inserted }
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    /// Longest-common-subsequence edit script. Transcript outputs are small; past a size bound we fall back
    /// to "all deleted, all inserted" rather than spend quadratic memory.
    static func editScript(_ old: [String], _ new: [String]) -> [Edit] {
        let n = old.count, m = new.count
        guard n * m <= 4_000_000 else {
            return old.indices.map { Edit(kind: .deleted, oldIndex: $0, newIndex: 0) }
                + new.indices.map { Edit(kind: .inserted, oldIndex: n, newIndex: $0) }
        }
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                edits.append(Edit(kind: .same, oldIndex: i, newIndex: j)); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                // Deletions first, as difflib prints a replaced block.
                edits.append(Edit(kind: .deleted, oldIndex: i, newIndex: j)); i += 1
            } else {
                edits.append(Edit(kind: .inserted, oldIndex: i, newIndex: j)); j += 1
            }
        }
        return edits
    }
}
