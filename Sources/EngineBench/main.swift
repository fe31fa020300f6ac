/// Times small tensor ops through the engine's Swift API, for `scripts/bench.py` (issue 3, item 6).
///
///     EngineBench [--iterations N] [--repeats R] [--only NAME]
///
/// Prints one line per workload, `NAME SECONDS_PER_OP`, the median over R runs of N iterations.
/// With `--only`, callgrind can count one workload: run it at two iteration counts and divide the difference.
import Glibc
import TensorEngine

struct Workload {
    let name: String
    let body: () throws -> Tensor
}

func workloads() throws -> [Workload] {
    let x = Tensor.rand([2, 4])
    let m = Tensor.rand([4, 3])
    let w = Tensor.rand([2, 4])
    try w.setRequiresGrad(true)
    return [
        Workload(name: "add") { try x + x },
        Workload(name: "mul") { try x * x },
        Workload(name: "sum") { try x.sum() },
        Workload(name: "relu") { try x.relu() },
        Workload(name: "matmul") { try x.matmul(m) },
        Workload(name: "backward") {
            // `(w * x).sum().backward()` with the gradient reset, as a training step would.
            let loss = try (w * x).sum()
            try loss.backward()
            w.grad = nil
            return loss
        },
    ]
}

func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func main() throws {
    var iterations = 200_000, repeats = 5
    var only: String?
    var args = CommandLine.arguments.dropFirst()
    while let flag = args.popFirst() {
        guard let value = args.popFirst() else { throw BenchError.usage }
        switch flag {
        case "--iterations": iterations = Int(value) ?? iterations
        case "--repeats": repeats = Int(value) ?? repeats
        case "--only": only = value
        default: throw BenchError.usage
        }
    }
    var checksum = 0
    for workload in try workloads() where only == nil || workload.name == only {
        var times: [Double] = []
        for _ in 0..<max(repeats, 1) {
            let body = workload.body
            let start = seconds()
            for _ in 0..<iterations { checksum &+= try body().dim }
            times.append((seconds() - start) / Double(max(iterations, 1)))
        }
        times.sort()
        print("\(workload.name) \(times[times.count / 2])")
    }
    if checksum == -1 { print(checksum) }  // keeps the results observable
}

enum BenchError: Error { case usage }

do {
    try main()
} catch {
    fputs("usage: EngineBench [--iterations N] [--repeats R] [--only add|mul|sum|relu|matmul|backward]\n", stderr)
    exit(2)
}
