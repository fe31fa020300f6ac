/// `torch.einsum`: parsed into labels, then composed of diagonals, sums, permutes and `bmm`, so autograd
/// comes from those primitives' rules. Pairs contract left to right with `bmm`, as ATen does without
/// opt_einsum, which keeps float sums in the same order as PyTorch's for the usual matmul patterns.
extension Tensor {
    /// One operand's subscripts: letters as label ids 0..<52 (A-Z then a-z, ATen's order), `nil` for `...`.
    private typealias Subscripts = [Int?]

    private static func einsumLabel(_ c: Character) -> Int? {
        guard let a = c.asciiValue else { return nil }
        if a >= 65 && a <= 90 { return Int(a) - 65 }
        if a >= 97 && a <= 122 { return Int(a) - 97 + 26 }
        return nil
    }

    private static func einsumLetter(_ label: Int) -> Character {
        Character(UnicodeScalar(UInt8(label < 26 ? 65 + label : 97 + label - 26)))
    }

    /// Splits `equation` into the operands' subscripts and the explicit output (nil when there is no `->`).
    private static func parseEinsum(_ equation: String, operands: Int) throws -> (inputs: [Subscripts], output: Subscripts?) {
        let chars = Array(equation)
        var inputs: [Subscripts] = [[]], output: Subscripts? = nil
        var i = 0
        func append(_ s: Int?) { if output != nil { output?.append(s) } else { inputs[inputs.count - 1].append(s) } }
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            if c == "," && output == nil { inputs.append([]); i += 1; continue }
            if c == "-" && output == nil && i + 1 < chars.count && chars[i + 1] == ">" { output = []; i += 2; continue }
            if c == "." {
                guard i + 2 < chars.count, chars[i + 1] == ".", chars[i + 2] == "." else {
                    throw TensorError.runtime("einsum(): found '.' for operand \(output == nil ? inputs.count - 1 : inputs.count) that is not part of any ellipsis")
                }
                append(nil); i += 3; continue
            }
            guard let label = einsumLabel(c) else {
                throw TensorError.runtime("einsum(): invalid subscript given at index \(i) in the equation string, subscripts must be in [a-zA-Z]")
            }
            append(label); i += 1
        }
        if inputs.count > operands { throw TensorError.runtime("einsum(): fewer operands were provided than specified in the equation") }
        if inputs.count < operands { throw TensorError.runtime("einsum(): more operands were provided than specified in the equation") }
        return (inputs, output)
    }

    /// `torch.einsum(equation, *operands)`.
    public static func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
        if operands.isEmpty { throw TensorError.runtime("einsum(): must provide at least one operand") }
        let (inputs, explicit) = try parseEinsum(equation, operands: operands.count)
        // Ellipsis dims become labels 52, 53, ... right-aligned across operands, so they broadcast.
        var ellipsisRank = 0
        for (k, (subs, t)) in zip(inputs, operands).enumerated() {
            let named = subs.filter { $0 != nil }.count
            if subs.contains(where: { $0 == nil }) {
                if t.dim < named {
                    throw TensorError.runtime("einsum(): the number of subscripts in the equation (\(named)) is more than the number of dimensions (\(t.dim)) for operand \(k)")
                }
                ellipsisRank = Swift.max(ellipsisRank, t.dim - named)
            } else if named != t.dim {
                throw TensorError.runtime("einsum(): the number of subscripts in the equation (\(named)) does not match the number of dimensions (\(t.dim)) for operand \(k) and no ellipsis was given")
            }
        }
        func expand(_ subs: Subscripts, rank: Int) -> [Int] {
            var out: [Int] = []
            for s in subs {
                if let s { out.append(s) } else {
                    let e = rank - subs.filter { $0 != nil }.count
                    out += (0..<e).map { 52 + ellipsisRank - e + $0 }
                }
            }
            return out
        }
        let labels = zip(inputs, operands).map { expand($0.0, rank: $0.1.dim) }
        var counts = [Int](repeating: 0, count: 52 + ellipsisRank)
        for ls in labels { for l in ls { counts[l] += 1 } }
        let output: [Int]
        if let explicit {
            var seen = Set<Int>(), out: [Int] = []
            for s in explicit {
                guard let s else { out += (0..<ellipsisRank).map { 52 + $0 }; continue }
                if seen.contains(s) { throw TensorError.runtime("einsum(): output subscript \(einsumLetter(s)) appears more than once in the output") }
                if counts[s] == 0 { throw TensorError.runtime("einsum(): output subscript \(einsumLetter(s)) does not appear in the equation for any input operand") }
                seen.insert(s); out.append(s)
            }
            output = out
        } else {
            output = (0..<ellipsisRank).map { 52 + $0 } + (0..<52).filter { counts[$0] == 1 }
        }
        // Sizes per label, checked for broadcasting as ATen does (1 broadcasts).
        var sizes = [Int](repeating: 1, count: counts.count)
        for (k, (ls, t)) in zip(labels, operands).enumerated() {
            for (d, l) in ls.enumerated() {
                let n = t.shape[d]
                if sizes[l] != 1 && n != 1 && n != sizes[l] {
                    let name = l < 52 ? "subscript \(einsumLetter(l))" : "dimension \(l - 52) of ellipsis"
                    throw TensorError.runtime("einsum(): \(name) has size \(n) for operand \(k) which does not broadcast with previously seen size \(sizes[l])")
                }
                if n != 1 { sizes[l] = n }
            }
        }
        // Each operand with repeated labels reduced to its diagonal, and labels only it has summed out.
        var terms: [(tensor: Tensor, labels: [Int])] = []
        for (k, (ls, t)) in zip(labels, operands).enumerated() {
            var (x, xl) = try diagonalized(t, ls)
            let later = Set(labels[(k + 1)...].flatMap { $0 } + labels[..<k].flatMap { $0 } + output)
            let lonely = xl.indices.filter { !later.contains(xl[$0]) }
            if !lonely.isEmpty {
                x = try x.sum(dims: lonely)
                xl = xl.enumerated().filter { !lonely.contains($0.offset) }.map(\.element)
            }
            terms.append((x, xl))
        }
        var (acc, accLabels) = terms[0]
        for k in 1..<Swift.max(terms.count, 1) {
            let needed = Set(terms[(k + 1)...].flatMap(\.labels) + output)
            (acc, accLabels) = try contract(acc, accLabels, terms[k].tensor, terms[k].labels, needed: needed, sizes: sizes)
        }
        let extra = accLabels.indices.filter { !output.contains(accLabels[$0]) }
        if !extra.isEmpty {
            acc = try acc.sum(dims: extra)
            accLabels = accLabels.enumerated().filter { !extra.contains($0.offset) }.map(\.element)
        }
        // Every output label survives the contractions; this only guards the permutation below.
        for l in output where !accLabels.contains(l) { acc = try acc.unsqueeze(acc.dim); accLabels.append(l) }
        let perm = try output.map { l -> Int in
            guard let i = accLabels.firstIndex(of: l) else { throw TensorError.runtime("einsum(): internal label error") }
            return i
        }
        if perm != Array(0..<perm.count) { acc = try acc.permute(perm) }
        let want = output.map { sizes[$0] }
        return acc.shape == want ? acc : try acc.expand(want)
    }

    /// Takes the diagonal over every repeated label (`ii->i`), by masking with the identity and summing.
    private static func diagonalized(_ t: Tensor, _ ls: [Int]) throws -> (Tensor, [Int]) {
        var x = t, xl = ls
        while let j = xl.indices.first(where: { xl.firstIndex(of: xl[$0]) != $0 }) {
            guard let i = xl.firstIndex(of: xl[j]) else { break }
            let n = x.shape[i]
            var eyeShape = [Int](repeating: 1, count: x.dim)
            eyeShape[i] = n; eyeShape[j] = x.shape[j]
            let eye = try Tensor.eye(n, x.shape[j], dtype: x.dtype).reshape(eyeShape)
            x = try x.mul(eye).sum(dim: j)
            xl.remove(at: j)
        }
        return (x, xl)
    }

    /// Contracts two terms with one `bmm`: batch labels (both, still needed), the left's own, the right's
    /// own, and summed labels (both, no longer needed).
    private static func contract(_ a: Tensor, _ al: [Int], _ b: Tensor, _ bl: [Int], needed: Set<Int>,
                                 sizes: [Int]) throws -> (Tensor, [Int]) {
        let batch = al.filter { bl.contains($0) && needed.contains($0) }
        let summed = al.filter { bl.contains($0) && !needed.contains($0) }
        let left = al.filter { !bl.contains($0) }, right = bl.filter { !al.contains($0) }
        func arrange(_ t: Tensor, _ tl: [Int], _ order: [Int]) throws -> Tensor {
            let perm = order.compactMap { tl.firstIndex(of: $0) }
            var x = perm == Array(0..<perm.count) ? t : try t.permute(perm)
            let full = order.map { sizes[$0] }
            if x.shape != full { x = try x.expand(full) }
            return x
        }
        let size = { (ls: [Int]) in ls.reduce(1) { $0 * sizes[$1] } }
        let (nb, nl, nr, ns) = (size(batch), size(left), size(right), size(summed))
        let a2 = try arrange(a, al, batch + left + summed).reshape([nb, nl, ns])
        let b2 = try arrange(b, bl, batch + summed + right).reshape([nb, ns, nr])
        let out = try a2.bmm(b2).reshape((batch + left + right).map { sizes[$0] })
        return (out, batch + left + right)
    }
}
