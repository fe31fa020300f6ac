// swift-tools-version: 6.0
import PackageDescription

// Layers depend one way, bottom to top:
// CEditLine, CBLAS, CKernels → TensorEngine → NN → Language → TorchBindings → Transcripts → REPL → nnrepl
// Language (the Python subset) knows nothing of tensors; TorchBindings plugs torch/nn into it.
let package = Package(
    name: "nnrepl",
    products: [
        .executable(name: "nnrepl", targets: ["nnrepl"]),
        .executable(name: "EngineBench", targets: ["EngineBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        // Contiguous float kernels in C, one copy per x86 ISA level, chosen at run time.
        // DWARF 4 like the Swift objects: valgrind 3.19 (callgrind) cannot read clang's default DWARF 5.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        .target(name: "TensorEngine", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "NN", dependencies: ["TensorEngine"]),
        .target(name: "Language"),
        .target(name: "TorchBindings", dependencies: ["Language", "NN", "TensorEngine"]),
        .target(name: "Transcripts", dependencies: ["TorchBindings", "Language"]),
        .target(name: "REPL", dependencies: ["CEditLine", "Transcripts", "TorchBindings", "Language"]),
        .executableTarget(
            name: "nnrepl",
            dependencies: ["REPL", "Transcripts", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Times small ops through the Swift API for scripts/bench.py.
        .executableTarget(name: "EngineBench", dependencies: ["TensorEngine"]),
        .testTarget(name: "TensorEngineTests", dependencies: ["TensorEngine"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "TensorEngine"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"]),
        .testTarget(name: "TranscriptsTests", dependencies: ["Transcripts", "TorchBindings", "Language"]),
    ],
    swiftLanguageModes: [.v5]
)
