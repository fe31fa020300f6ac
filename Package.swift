// swift-tools-version: 6.0
import PackageDescription

// Layers depend one way, bottom to top:
// CEditLine, CBLAS → TensorEngine → NN → Language → TorchBindings → Transcripts → REPL → nnrepl
// Language (the Python subset) knows nothing of tensors; TorchBindings plugs torch/nn into it.
let package = Package(
    name: "nnrepl",
    products: [
        .executable(name: "nnrepl", targets: ["nnrepl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "TensorEngine", dependencies: ["CBLAS"]),
        .target(name: "NN", dependencies: ["TensorEngine"]),
        .target(name: "Language"),
        .target(name: "TorchBindings", dependencies: ["Language", "NN", "TensorEngine"]),
        .target(name: "Transcripts", dependencies: ["TorchBindings", "Language"]),
        .target(name: "REPL", dependencies: ["CEditLine", "Transcripts", "TorchBindings", "Language"]),
        .executableTarget(
            name: "nnrepl",
            dependencies: ["REPL", "Transcripts", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "TensorEngineTests", dependencies: ["TensorEngine"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "TensorEngine"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"]),
        .testTarget(name: "TranscriptsTests", dependencies: ["Transcripts", "TorchBindings", "Language"]),
    ],
    swiftLanguageModes: [.v5]
)
