/// CPython 3.11's "Did you mean" suggestions (Python/suggestions.c): a Levenshtein distance where a
/// case-only change costs 1 and any other edit 2, accepted within `(len(a) + len(b) + 3) * 2 / 6`.

private let moveCost = 2
private let caseCost = 1

private func substitutionCost(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
    if a == b { return 0 }
    if a.properties.lowercaseMapping == b.properties.lowercaseMapping { return caseCost }
    return moveCost
}

func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], max maxCost: Int) -> Int {
    var a = a[...], b = b[...]
    while let x = a.first, let y = b.first, x == y { a.removeFirst(); b.removeFirst() }
    while let x = a.last, let y = b.last, x == y { a.removeLast(); b.removeLast() }
    if a.isEmpty || b.isEmpty { return (a.count + b.count) * moveCost }
    if abs(a.count - b.count) * moveCost > maxCost { return maxCost + 1 }
    if a.count > b.count { swap(&a, &b) }
    var buffer = (0..<a.count).map { ($0 + 1) * moveCost }
    var result = 0
    for (bIndex, bc) in b.enumerated() {
        var distance = bIndex * moveCost
        result = distance
        var minimum = Int.max
        for (i, ac) in a.enumerated() {
            let substitute = distance + substitutionCost(bc, ac)
            distance = buffer[i]
            let insertDelete = min(result, distance) + moveCost
            result = min(insertDelete, substitute)
            buffer[i] = result
            minimum = min(minimum, result)
        }
        if minimum > maxCost { return maxCost + 1 }
    }
    return result
}

/// The closest candidate to `name`, or nil.
func suggest(_ name: String, _ candidates: [String]) -> String? {
    let n = Array(name.unicodeScalars)
    guard n.count <= 40, candidates.count <= 750 else { return nil }
    var best: String?
    var bestDistance = 0
    for item in candidates where item != name {
        let m = Array(item.unicodeScalars)
        var maxDistance = (n.count + m.count + 3) * moveCost / 6
        if bestDistance > 0 && bestDistance - 1 < maxDistance { maxDistance = bestDistance - 1 }
        let d = levenshtein(n, m, max: maxDistance)
        if d > maxDistance { continue }
        if best == nil || d < bestDistance {
            best = item
            bestDistance = d
        }
    }
    return best
}
