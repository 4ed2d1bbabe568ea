// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .unsafeFlags(["-Xllvm", "-x86-cmov-converter=false"]),
]

func target(_ name: String, _ deps: [Target.Dependency], exclude: [String] = [], resources: [Resource]? = nil) -> Target {
    .target(name: name, dependencies: deps, exclude: exclude, resources: resources, swiftSettings: swiftSettings)
}

func tests(_ name: String, _ deps: [Target.Dependency], exclude: [String] = [], resources: [Resource]? = nil) -> Target {
    .testTarget(name: name, dependencies: deps, exclude: exclude, resources: resources, swiftSettings: swiftSettings)
}

let package = Package(
    name: "zkc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zkc", targets: ["zkc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: Proving stack (imports no compiler module)
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-O3"])]),
        target("Fields", []),
        target("Polynomials", ["Fields"]),
        target("FiatShamir", ["Fields", "CSHA256"]),
        target("Commitments", ["Fields", "Polynomials", "FiatShamir", "CSHA256"]),
        target("Sumcheck", ["Fields", "Polynomials", "FiatShamir"]),
        target("Lookups", ["Fields", "Polynomials", "FiatShamir", "Sumcheck"]),

        // MARK: Compiler stack
        target("TensorIR", []),
        .target(
            name: "COnnx",
            exclude: ["README.md"],
            cSettings: [.unsafeFlags(["-w"])],
            linkerSettings: [.linkedLibrary("protobuf-c")]
        ),
        target("ONNXImport", ["TensorIR", "COnnx"]),
        target("GGUFImport", ["TensorIR"]),
        target("Passes", ["TensorIR"]),
        target("Gadgets", []),

        // MARK: Driver and command line
        target("ZKCompiler", ["TensorIR", "ONNXImport", "GGUFImport", "Passes"]),
        target("Benchmarks", ["Fields", "Polynomials", "FiatShamir", "Commitments", "Sumcheck", "Lookups", "TensorIR", "ONNXImport", "GGUFImport", "Passes"]),
        target("ZKCCommands", [
            "ZKCompiler", "Benchmarks",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "zkc", dependencies: ["ZKCCommands"], swiftSettings: swiftSettings),

        // MARK: Tests
        tests("FieldsTests", ["Fields"]),
        tests("PolynomialsTests", ["Polynomials"]),
        tests("FiatShamirTests", ["FiatShamir", "CSHA256"]),
        tests("TensorIRTests", ["TensorIR", "Fields"]),
        tests("ZKCCommandsTests", ["ZKCCommands"]),
        tests("SumcheckTests", ["Sumcheck"]),
        tests("LookupsTests", ["Lookups"]),
        tests("CommitmentsTests", ["Commitments"]),
        tests("PassesTests", ["Passes", "TensorIR", "Fields"], exclude: ["Inputs"]),
        tests("ONNXImportTests", ["ONNXImport", "ZKCompiler", "Fields"]),
        tests("GGUFImportTests", ["GGUFImport", "TensorIR", "ZKCompiler", "Fields"]),
        tests("GadgetsTests", ["Gadgets", "Fields"]),
    ]
)
