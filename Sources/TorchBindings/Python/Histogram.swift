import Foundation
import Language
import TensorEngine

/// `hist(t, bins=10)` (a builtin and `nnrepl.hist`): a text histogram of a tensor's values with their
/// count, range, mean and standard deviation, to see what an initialiser drew or where activations sit.
/// Beyond PyTorch, for teaching.
///
///     >>> hist(torch.tensor([0.0, 1.0, 1.0, 2.0, 3.0]), bins=3)
///     [0.0000, 1.0000)  1  █████████████▍
///     [1.0000, 2.0000)  2  ██████████████████████████▋
///     [2.0000, 3.0000]  2  ██████████████████████████▋
///     5 values  min 0.0000  max 3.0000  mean 1.4000  std 1.1402
///
/// Bins split [min, max] into equal widths as `torch.histc` does (the last one includes max); `std` is the
/// unbiased one `t.std()` gives. NaN and infinite values are counted apart, outside the bins.
extension TorchLibrary {
    static let histogramBarWidth = 40
    static let histogramMaxBins = 200

    func histogramText(_ input: Value, bins: Int) throws -> String {
        let t = try requireTensor(input, "hist(): input")
        if bins < 1 || bins > Self.histogramMaxBins {
            throw PyError.valueError("hist(): bins must be between 1 and \(Self.histogramMaxBins), got \(bins)")
        }
        let all = t.toDoubleArray()
        let values = all.filter(\.isFinite)
        let nans = all.count(where: \.isNaN)
        let infinities = all.count - values.count - nans
        var notes: [String] = []
        if nans > 0 { notes.append("\(grouped(nans)) nan") }
        if infinities > 0 { notes.append("\(grouped(infinities)) inf") }
        let leftOut = notes.isEmpty ? "" : "  (" + notes.joined(separator: ", ") + " left out)"
        guard let lo = values.min(), let hi = values.max() else {
            return "no finite values to show: the tensor has \(counted(all.count, "element"))\(leftOut)\n"
        }
        // All values equal: one bin holding them all.
        let binCount = lo == hi ? 1 : bins
        var counts = [Int](repeating: 0, count: binCount)
        for v in values {
            let k = lo == hi ? 0 : Int((v - lo) * Double(binCount) / (hi - lo))
            counts[min(max(k, 0), binCount - 1)] += 1
        }
        let edges = (0...binCount).map { i in i == binCount ? hi : lo + (hi - lo) * Double(i) / Double(binCount) }
        // An edge a rounding error below zero would read "-0.0000".
        let edgeText = edges.map { histogramNumber($0, scale: max(abs(lo), abs(hi))) }.map { $0 == "-0.0000" ? "0.0000" : $0 }
        let edgeWidth = edgeText.map(\.count).max() ?? 0
        let countText = counts.map(grouped)
        let countWidth = countText.map(\.count).max() ?? 0
        let largest = counts.max() ?? 1
        var lines: [String] = []
        for i in 0..<binCount {
            let left = pad(edgeText[i], edgeWidth), right = pad(edgeText[i + 1], edgeWidth)
            let range = "[\(left), \(right)" + (i == binCount - 1 ? "]" : ")")
            let line = range + "  " + pad(countText[i], countWidth) + "  " + bar(counts[i], of: largest)
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let scale = max(abs(lo), abs(hi))
        lines.append("\(counted(values.count, "value"))  min \(histogramNumber(lo, scale: scale))  max \(histogramNumber(hi, scale: scale))"
            + "  mean \(histogramNumber(mean, scale: scale))  std \(histogramNumber(variance.squareRoot(), scale: scale))" + leftOut)
        return lines.joined(separator: "\n") + "\n"
    }

    private func counted(_ n: Int, _ noun: String) -> String { "\(grouped(n)) \(noun)" + (n == 1 ? "" : "s") }

    /// Four decimals as PyTorch prints, unless the values are so small or large that they would all read alike.
    private func histogramNumber(_ v: Double, scale: Double) -> String {
        if v.isNaN { return "nan" }
        if scale != 0 && (scale < 1e-3 || scale >= 1e5) { return String(format: "%.4e", v) }
        return String(format: "%.4f", v)
    }

    /// A bar of full blocks and one partial block, in eighths of a character.
    private func bar(_ count: Int, of largest: Int) -> String {
        let eighths = Int((Double(count) / Double(max(largest, 1)) * Double(Self.histogramBarWidth * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    private func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
