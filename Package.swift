// swift-tools-version: 6.1
// Traction: business analytics on one neural core. See ARCHITECTURE in README.md.
import PackageDescription

/// Settings shared by every compute-heavy target: optimise even in debug builds so that
/// `swift test` (a debug build) runs the numeric code at useful speed.
let optimizedInDebug: [SwiftSetting] = [
  .unsafeFlags(["-O"], .when(configuration: .debug)),
  .unsafeFlags(["-enforce-exclusivity=unchecked"]),
]

/// One GEMM micro-kernel target per instruction-set level; `march == nil` is the portable
/// SSE2 baseline. Each gets its own `-Xcc -march` because Swift takes CPU features from the
/// clang importer (see PERFORMANCE-NOTES).
func kernelTarget(_ name: String, march: String?, defines: [String] = []) -> Target {
  var flags = ["-enforce-exclusivity=unchecked"]
  if let march { flags += ["-Xcc", "-march=\(march)"] }
  return .target(
    name: name,
    dependencies: ["CCPUFeatures"],  // for the inline cache-prefetch hint
    swiftSettings: [
      .unsafeFlags(flags),
      .unsafeFlags(["-O"], .when(configuration: .debug)),
      .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
    ] + defines.map { .define($0) })
}

/// `TRACTION_AVX512_MARCH=x86-64-v3 swift test` builds the AVX-512 kernels for AVX2 instead,
/// so that their 8x32 tiling is tested on CPUs without AVX-512 (slowly; a check, not a build).
let avx512March = Context.environment["TRACTION_AVX512_MARCH"] ?? "x86-64-v4"

let package = Package(
  name: "Traction",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "traction", targets: ["traction"]),
    .executable(name: "traction-bench", targets: ["TractionBench"]),
    .library(name: "NeuralCore", targets: ["NeuralCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
  ],
  targets: [
    // Kernels: CPU feature detection, per-ISA micro-kernels and the dispatching GEMM.
    .target(name: "CCPUFeatures"),
    kernelTarget(
      "KernelsAVX512", march: avx512March,
      defines: avx512March == "x86-64-v4" ? [] : ["TRACTION_AVX512_EMULATED"]),
    kernelTarget("KernelsAVX2", march: "x86-64-v3"),
    kernelTarget("KernelsGeneric", march: nil),
    .target(
      name: "Kernels",
      dependencies: ["CCPUFeatures", "KernelsAVX512", "KernelsAVX2", "KernelsGeneric"],
      swiftSettings: optimizedInDebug),

    // Core and data layers.
    // Vectorised C loops of the neural core (Adam); optimised in every configuration.
    .target(
      name: "CNeuralCoreKernels",
      cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
    .target(
      name: "NeuralCore", dependencies: ["Kernels", "CNeuralCoreKernels"],
      swiftSettings: optimizedInDebug),
    .target(name: "Tabular", dependencies: ["NeuralCore"], swiftSettings: optimizedInDebug),
    .target(name: "TextProcessing", dependencies: ["NeuralCore"], swiftSettings: optimizedInDebug),
    .target(name: "Evaluation", dependencies: ["NeuralCore"], swiftSettings: optimizedInDebug),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .target(name: "Reporting", dependencies: ["CLibXML2"], swiftSettings: optimizedInDebug),

    // Shared text model and the domain modules.
    .target(
      name: "TextClassification",
      dependencies: ["NeuralCore", "Tabular", "TextProcessing", "Evaluation", "Reporting"],
      swiftSettings: optimizedInDebug),
    .target(
      name: "RiskScoring",
      dependencies: [
        "NeuralCore", "Kernels", "CNeuralCoreKernels", "Tabular", "Evaluation", "Reporting",
      ],
      swiftSettings: optimizedInDebug),
    .target(
      name: "SupportTickets",
      dependencies: ["TextClassification", "Tabular", "Evaluation", "Reporting"],
      swiftSettings: optimizedInDebug),
    .target(
      name: "Sentiment",
      dependencies: ["TextClassification", "Tabular", "Evaluation", "Reporting"],
      swiftSettings: optimizedInDebug),
    .target(
      name: "Recommendation",
      dependencies: ["NeuralCore", "Tabular", "Evaluation", "Reporting"],
      swiftSettings: optimizedInDebug),

    // The thin command-line tool (the only target that imports ArgumentParser) and the
    // benchmark driver used by `make bench`.
    .executableTarget(
      name: "traction",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "NeuralCore", "Tabular", "Evaluation", "Reporting", "RiskScoring", "SupportTickets",
        "Sentiment", "Recommendation", "TextClassification",
      ],
      swiftSettings: optimizedInDebug),
    .executableTarget(
      name: "TractionBench",
      dependencies: ["Kernels", "NeuralCore"],
      swiftSettings: optimizedInDebug),

    // Tests.
    .target(name: "_TestSupport", dependencies: ["NeuralCore"], path: "Sources/_TestSupport"),
    .testTarget(name: "KernelsTests", dependencies: ["Kernels", "_TestSupport"]),
    .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore", "_TestSupport"]),
    .testTarget(name: "TabularTests", dependencies: ["Tabular", "_TestSupport"]),
    .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "_TestSupport"]),
    .testTarget(name: "ReportingTests", dependencies: ["Reporting", "_TestSupport"]),
    .testTarget(
      name: "TextTests",
      dependencies: ["TextProcessing", "TextClassification", "SupportTickets", "Sentiment",
        "Tabular", "Evaluation", "Reporting", "_TestSupport"]),
    .testTarget(name: "RiskScoringTests", dependencies: ["RiskScoring", "_TestSupport"]),
    .testTarget(name: "RecommendationTests", dependencies: ["Recommendation", "_TestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["_TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
