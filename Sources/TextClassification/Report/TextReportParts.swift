import Evaluation
import Foundation
import Reporting

/// Report sections shared by ticket routing and sentiment: per-class scores, confused pairs
/// with examples, confidence histogram, indicative n-grams and the model card.
public enum TextReportParts {
  /// Shortens `text` to `limit` characters on one line.
  public static func excerpt(_ text: String, limit: Int = 160) -> String {
    let one = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
    return one.count <= limit ? one : String(one.prefix(limit - 1)) + "…"
  }

  /// Formats a number with three decimals.
  public static func fixed(_ v: Double, _ digits: Int = 3) -> String {
    String(format: "%.\(digits)f", v)
  }

  /// A sortable table of precision, recall, F1 and support per class.
  public static func perClassTable(_ report: ClassificationReport, noun: String) -> Block {
    .table(Table(
      caption: "Precision, recall and F1 per \(noun) (click a column to sort)",
      columns: [noun.capitalized, "Precision", "Recall", "F1", "Support"],
      rows: zip(report.labels, report.classes).map { name, k in
        [name, fixed(k.precision), fixed(k.recall), fixed(k.f1), String(k.support)]
      }, sortable: true))
  }

  /// The most frequent (true, predicted) confusions of `matrix` with up to two example texts
  /// each; `truth` and `predicted` are the class names of each text.
  public static func confusedPairs(
    _ matrix: ConfusionMatrix, truth: [String], predicted: [String], texts: [String],
    noun: String, limit: Int = 10
  ) -> [Block] {
    var pairs: [(t: Int, p: Int, n: Int)] = []
    for t in 0..<matrix.classCount {
      for p in 0..<matrix.classCount where p != t && matrix[t, p] > 0 {
        pairs.append((t, p, matrix[t, p]))
      }
    }
    pairs.sort { $0.n > $1.n || ($0.n == $1.n && ($0.t, $0.p) < ($1.t, $1.p)) }
    guard !pairs.isEmpty else { return [.paragraph("No \(noun) was confused with another.")] }
    var rows: [[String]] = []
    for pair in pairs.prefix(limit) {
      let (t, p) = (matrix.labels[pair.t], matrix.labels[pair.p])
      let examples = truth.indices.filter { truth[$0] == t && predicted[$0] == p }
        .prefix(2).map { "“" + excerpt(texts[$0], limit: 120) + "”" }
      rows.append([t, p, String(pair.n), examples.joined(separator: " · ")])
    }
    return [.table(Table(
      caption: "Most confused pairs: true \(noun) predicted as another, with example texts",
      columns: ["True \(noun)", "Predicted as", "Count", "Examples"], rows: rows, sortable: true))]
  }

  /// For multi-label models: each label's 2×2 confusion counts (scikit-learn
  /// `multilabel_confusion_matrix`) as one sortable row — found, missed, wrongly added and
  /// correctly left out.
  public static func labelConfusionTable(
    _ matrices: [ConfusionMatrix], names: [String], noun: String
  ) -> Block {
    .table(Table(
      caption: "Confusion per \(noun): rows that have it and got it (true positives), have it "
        + "but did not get it (missed), got it without having it (false positives), and neither",
      columns: [noun.capitalized, "True positives", "Missed", "False positives", "True negatives"],
      rows: zip(names, matrices).map { name, m in
        [name, String(m[1, 1]), String(m[1, 0]), String(m[0, 1]), String(m[0, 0])]
      }, sortable: true))
  }

  /// Histogram of top-class probability, split into correct and wrong predictions.
  public static func confidenceHistogram(confidence: [Double], correct: [Bool]) -> Block {
    let right = zip(confidence, correct).filter { $0.1 }.map(\.0)
    let wrong = zip(confidence, correct).filter { !$0.1 }.map(\.0)
    return .chart(.histogram(Histogram(
      title: "Confidence of the top prediction", xLabel: "Probability of the predicted class",
      values: [("correct", right), ("wrong", wrong)], bins: 20, range: 0...1,
      normalized: false)))
  }

  /// The n-grams with the largest weights for each class, read back from example texts.
  public static func indicativeNgrams(
    model: FittedTextClassifier, texts: [String], noun: String, perClass: Int = 8
  ) -> Block {
    let c = model.classes.count
    let top = (0..<c).map { model.topFeatures(forClass: $0, count: perClass) }
    let wanted = Set(top.flatMap { $0.map(\.feature) })
    let names = model.features.featureNames(for: wanted, in: texts)
    let rows = (0..<c).map { k -> [String] in
      let grams = top[k].filter { $0.weight > 0 }.compactMap { names[$0.feature] }
      return [model.classes[k], grams.joined(separator: ", ")]
    }
    return .table(Table(
      caption: "Most indicative n-grams per \(noun) (largest model weights; [brackets] mark "
        + "character n-grams, < and > word boundaries)",
      columns: [noun.capitalized, "N-grams"], rows: rows, sortable: true))
  }

  /// A model card describing the text model.
  public static func modelCard(
    model: FittedTextClassifier, intendedUse: String, trainingData: String, evaluationData: String,
    limitations: [String]
  ) -> ModelCard {
    let cfg = model.configuration
    let f = cfg.vectorizer.features
    let output = cfg.multiLabel ? "one-vs-all sigmoids" : "softmax"
    let modelType: String
    if case .hidden(let m) = model.model {
      modelType = "Network on hashed word and character n-gram TF-IDF features: EmbeddingBag "
        + "of \(m.hidden) hidden units, ReLU, dense layer with \(output)"
    } else {
      modelType = (cfg.multiLabel ? "One-vs-all logistic" : "Multinomial logistic")
        + " regression on hashed word and character n-gram TF-IDF features "
        + "(EmbeddingBag with one output per class)"
    }
    return ModelCard(
      modelType: modelType,
      intendedUse: intendedUse, trainingData: trainingData, evaluationData: evaluationData,
      configuration: [
        KeyValue("classes", String(model.classes.count)),
        KeyValue("features kept", String(model.features.featureCount)),
        KeyValue("hidden units", cfg.hidden > 0 ? String(cfg.hidden) : "none (linear)"),
        KeyValue("word n-grams", "1–\(f.wordNgrams)"),
        KeyValue("CJK character n-grams", "1–\(max(f.wordNgrams, f.cjkNgrams))"),
        KeyValue("character n-grams", f.charNgrams.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "off"),
        KeyValue("min document frequency", String(f.minDocumentFrequency)),
        KeyValue("optimizer", cfg.training.optimizer.rawValue),
        KeyValue("epochs", String(cfg.training.epochs)),
        KeyValue("batch size", String(cfg.training.batchSize)),
        KeyValue("learning rate", String(cfg.training.learningRate)),
        KeyValue("seed", String(cfg.training.seed)),
      ],
      limitations: limitations, date: ModelCard.today(), toolVersion: TractionVersionString.value)
  }
}

/// The tool version without importing NeuralCore into every caller.
public enum TractionVersionString {
  /// Semantic version of this build.
  public static var value: String { NeuralCoreVersion.string }
}
