import Foundation
import Testing
import _TestSupport

@testable import Reporting

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A tiny hand-built network over every feature kind (weights from a fixed formula).
enum ToyNetwork {
  static let fields: [PMMLField] = [
    .continuous("tenure"), .continuous("charges", missingReplacement: 50), .categorical("plan"),
    .categorical("region"),
  ]
  static let features: [PMMLFeature] = [
    .standardized(field: "tenure", mean: 30, standardDeviation: 12),
    .missingIndicator(field: "tenure"),
    .standardized(field: "charges", mean: 70, standardDeviation: 20),
    .oneHot(field: "plan", value: "basic"),
    .oneHot(field: "plan", value: "premium"), .missingIndicator(field: "plan"),
    .otherCategory(field: "region", known: ["north", "south"]),
    .oneHot(field: "region", value: "north"),
  ]

  static func layer(_ outputs: Int, _ inputs: Int, seed: Double, _ activation: PMMLActivation)
    -> PMMLLayer
  {
    PMMLLayer(
      weights: (0..<outputs).map { k in
        (0..<inputs).map { j in 0.9 * sin(seed + Double(k * inputs + j) * 1.7) }
      },
      biases: (0..<outputs).map { 0.2 * cos(seed + Double($0)) }, activation: activation)
  }

  static func binary(credit: Bool = false) -> PMMLNeuralNetworkModel {
    PMMLNeuralNetworkModel(
      modelName: "toy churn <&>", description: "toy network for tests", fields: fields,
      features: features,
      layers: [
        layer(3, 8, seed: 1, .rectifier), layer(2, 3, seed: 2, .tanh),
        layer(1, 2, seed: 3, .logistic),
      ],
      target: PMMLTarget(name: "churned", classes: ["no", "yes"]),
      creditPoints: credit ? PMMLCreditPoints() : nil, toolVersion: "0.1.0")
  }

  static func multiClass() -> PMMLNeuralNetworkModel {
    PMMLNeuralNetworkModel(
      modelName: "toy plan", fields: [fields[0], fields[1], fields[3]],
      features: [features[0], features[1], features[2], features[6], features[7]],
      layers: [layer(4, 5, seed: 4, .rectifier), layer(3, 4, seed: 5, .identity)],
      target: PMMLTarget(name: "plan", classes: ["basic", "premium", "other"]))
  }

  static var csv: URL { FixtureReport.fixtures.appendingPathComponent("pmml_toy.csv") }

  /// The fixture rows as dictionaries (the file has no quoted cells).
  static func rows() throws -> [[String: String]] {
    let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }
}

@Suite struct PMMLTests {
  @Test func swiftForwardPassHandlesEveryFeatureKind() throws {
    let model = ToyNetwork.binary()
    let rows = try ToyNetwork.rows()
    // Row 3: tenure "NA" (missing), charges "abc" (text → missing → 50), region unseen.
    #expect(model.features(row: rows[2]) == [0, 1, -1, 1, 0, 0, 1, 0])
    // Row 4: charges empty → 50; plan "a<b&c" unseen; region empty → missing.
    #expect(model.features(row: rows[3]) == [1.5, 0, -1, 0, 0, 0, 0, 0])
    // Row 7: plan "NA" is a missing token.
    #expect(model.features(row: rows[6])[5] == 1)
    for row in rows {
      let p = model.probabilities(row: row)
      #expect(p.count == 2 && abs(p[0] + p[1] - 1) < 1e-12 && p[1] > 0 && p[1] < 1)
    }
    let three = ToyNetwork.multiClass().probabilities(row: rows[0])
    #expect(three.count == 3 && abs(three.reduce(0, +) - 1) < 1e-12)
  }

  @Test func pmmlHasTheExpectedStructure() throws {
    let xml = try ToyNetwork.binary(credit: true).pmmlString()
    let document = try XMLDocument(xmlString: xml, options: [])
    guard let root = document.rootElement() else { throw PMMLTools.Unavailable(reason: "no root") }
    #expect(root.name == "PMML")
    #expect(xml.contains("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">"))
    #expect(xml.contains("modelName=\"toy churn &lt;&amp;&gt;\""))
    for element in [
      "DataDictionary", "MiningSchema", "Output", "LocalTransformations", "NormContinuous",
      "NormDiscrete", "NeuralInputs", "NeuralLayer", "NeuralOutputs", "LinearNorm",
    ] {
      #expect(xml.contains("<\(element)"), "missing \(element)")
    }
    #expect(xml.contains("activationFunction=\"rectifier\""))
    #expect(xml.contains("activationFunction=\"logistic\""))
    // charges has no missing indicator, so its replacement goes into the mining schema.
    #expect(xml.contains("missingValueReplacement=\"50\""))
    #expect(xml.contains("<NormContinuous field=\"tenure\" mapMissingTo=\"0\">"))
    #expect(xml.contains("name=\"credit_points\""))
    #expect(
      ToyNetwork.binary(credit: true).outputFieldNames
        == ["predicted_churned", "probability_no", "probability_yes", "credit_points"])
    #expect(try ToyNetwork.multiClass().pmmlString().contains("normalizationMethod=\"softmax\""))
  }

  @Test func inconsistentModelsAreRejected() {
    var model = ToyNetwork.binary()
    model.layers[1].weights[0].removeLast()
    #expect(
      throws: ReportingError.invalidModel(
        field: "layers[1].weights[0]", reason: "has 2 inputs, expected 3")
    ) {
      try model.pmmlString()
    }
    model = ToyNetwork.binary()
    model.features.append(.oneHot(field: "tenure", value: "x"))
    #expect(throws: ReportingError.self) { try model.pmmlString() }
    model = ToyNetwork.binary()
    model.features.append(.standardized(field: "nope", mean: 0, standardDeviation: 1))
    #expect(throws: ReportingError.self) { try model.pmmlString() }
    model = ToyNetwork.binary()
    model.target.classes = ["a", "b", "c"]
    #expect(throws: ReportingError.self) { try model.pmmlString() }
  }

  @Test func layerFromInputMajorBuffer() {
    // Dense stores W as (inputs, outputs) row-major: W[j][k] at j * outputs + k.
    let layer = PMMLLayer(
      inputMajor: [1, 2, 3, 4, 5, 6], inputs: 2, outputs: 3, biases: [0, 0, 0],
      activation: .identity)
    #expect(layer.weights == [[1, 4], [2, 5], [3, 6]])
  }

  @Test func creditPointsScaling() {
    let scaling = PMMLCreditPoints(baseScore: 600, baseOdds: 50, pointsToDoubleOdds: 20)
    // At good:bad odds 50 (p = 1/51) the score is 600; doubling the odds adds 20 points.
    #expect(abs(scaling.points(probabilityOfBad: 1.0 / 51) - 600) < 1e-9)
    #expect(abs(scaling.points(probabilityOfBad: 1.0 / 101) - 620) < 1e-9)
  }

  @Test func generatedPMMLFollowsTheOfficialSchema() throws {
    let schema: URL
    switch PMMLTools.schema {
    case .success(let url): schema = url
    case .failure(let why): try Test.cancel(Comment(rawValue: why.reason))
    }
    let compiled = try XSDValidator.CompiledSchema(url: schema)
    try compiled.validate(
      xml: ToyNetwork.binary(credit: true).pmmlString(), documentName: "toy.pmml")
    try compiled.validate(xml: ToyNetwork.multiClass().pmmlString(), documentName: "toy3.pmml")
    let broken = try ToyNetwork.binary().pmmlString()
      .replacingOccurrences(of: "activationFunction=\"tanh\"", with: "activationFunction=\"gelu\"")
    #expect {
      try compiled.validate(xml: broken, documentName: "broken.pmml")
    } throws: { error in
      guard case ReportingError.schemaViolation(_, let messages) = error else { return false }
      return messages.contains { $0.contains("gelu") }
    }
  }

  @Test func pypmmlScoresLikeTheSwiftForwardPass() throws {
    let python: String
    switch PMMLTools.python {
    case .success(let path): python = path
    case .failure(let why): try Test.cancel(Comment(rawValue: why.reason))
    }
    let dir = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let rows = try ToyNetwork.rows()

    let binary = ToyNetwork.binary(credit: true)
    let binaryURL = dir.appendingPathComponent("toy.pmml")
    try binary.write(to: binaryURL)
    let scored = try PMMLTools.score(
      python: python, pmml: binaryURL, csv: ToyNetwork.csv,
      fields: ["probability_yes", "credit_points", "predicted_churned"])
    #expect(scored.count == rows.count)
    var worst = 0.0
    for (row, line) in zip(rows, scored) {
      let p = binary.probabilities(row: row)[1]
      let engine = Double(line[0]) ?? .nan
      worst = max(worst, abs(engine - p))
      #expect(abs(engine - p) < 1e-9, "row \(row): pypmml \(line[0]) vs Swift \(p)")
      let points = PMMLCreditPoints().points(probabilityOfBad: p)
      #expect(abs((Double(line[1]) ?? .nan) - points) < 1e-6)
      #expect(line[2] == (p > 0.5 ? "yes" : "no"))
    }
    #expect(worst < 1e-5)
    print("PMML parity (pypmml vs Swift forward pass): max |Δp| = \(worst) over \(rows.count) rows")

    let three = ToyNetwork.multiClass()
    let threeURL = dir.appendingPathComponent("toy3.pmml")
    try three.write(to: threeURL)
    let scored3 = try PMMLTools.score(
      python: python, pmml: threeURL, csv: ToyNetwork.csv,
      fields: ["probability_basic", "probability_premium", "probability_other"])
    for (row, line) in zip(rows, scored3) {
      let p = three.probabilities(row: row)
      for c in 0..<3 { #expect(abs((Double(line[c]) ?? .nan) - p[c]) < 1e-9) }
    }
  }
}
