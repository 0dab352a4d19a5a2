import Tabular

/// Which rows each ensemble member fits on and which it is early-stopped on, and which rows the
/// calibration, threshold and training report are measured on.
///
/// - Hold-out (`crossFit == false`): one stratified validation split; every member fits on the
///   rest and is judged on it, and the ensemble's validation logits are the members' mean.
/// - Cross-fitting (`crossFit == true`, at least two members): stratified k-fold with one fold
///   per member (`k = ensembleSize`). Member `i` fits on every fold but `i` and is early-stopped
///   on fold `i`, so the ensemble as a whole learns from every row; each row's validation logit
///   is the out-of-fold logit of the member that did not fit on it, and calibration and the
///   threshold use all rows (the "cross-fitting" of Chernozhukov et al. 2018; out-of-fold
///   stacking as in Wolpert 1992).
struct ValidationPlan {
  /// Fit and early-stopping rows of every member, in member order.
  var members: [Split]
  /// Rows the calibration, threshold and report use (sorted ascending).
  var validationRows: [Int]
  /// Rows the feature encoder and the reason-code baseline are fitted on.
  var encoderRows: [Int]
  /// Whether members hold out different folds.
  var crossFit: Bool

  /// Rows a member fits on (the first member's count).
  var fitRows: Int { members.first?.train.count ?? 0 }

  /// One log phrase, e.g. "10485 training rows, 1851 validation rows".
  var describe: String {
    crossFit
      ? "\(members.count)-fold cross-fitting: each member fits on \(fitRows) rows, "
        + "\(validationRows.count) out-of-fold validation rows"
      : "\(fitRows) training rows, \(validationRows.count) validation rows"
  }

  /// Plans the members of `configuration` over rows with 0/1 `labels`.
  /// - Throws: `RiskScoringError.trainingFailed` when a validation split or fold would hold
  ///   fewer than two rows of a class.
  static func make(
    labels: [Int], configuration: RiskModelConfiguration, source: String, positive: String
  ) throws -> ValidationPlan {
    let count = configuration.ensembleSize
    let plan: ValidationPlan
    if configuration.crossFit == true, count >= 2 {
      let folds = Splits.stratifiedKFold(labels: labels, folds: count, seed: configuration.seed)
      plan = ValidationPlan(
        members: folds, validationRows: Array(labels.indices), encoderRows: Array(labels.indices),
        crossFit: true)
    } else {
      let split = Splits.stratified(
        labels: labels, fraction: configuration.validationFraction, seed: configuration.seed)
      plan = ValidationPlan(
        members: Array(repeating: split, count: count), validationRows: split.test,
        encoderRows: split.train, crossFit: false)
    }
    for member in plan.members {
      let positives = member.test.filter { labels[$0] == 1 }.count
      guard positives >= 2, member.test.count - positives >= 2 else {
        throw RiskScoringError.trainingFailed(
          reason: "\(source): too few rows of one class to hold out a validation split "
            + "(need at least 10 of each; '\(positive)' occurs "
            + "\(labels.reduce(0, +)) times)")
      }
    }
    return plan
  }

  /// The ensemble's validation logit of every row of `validationRows`, from each member's logits
  /// on its own held-out rows (`memberLogits[i]` follows `members[i].test`): the mean over the
  /// members that held the row out.
  func validationLogits(_ memberLogits: [[Float]]) -> [Float] {
    precondition(memberLogits.count == members.count)
    var position: [Int: Int] = [:]
    for (k, row) in validationRows.enumerated() { position[row] = k }
    var sums = [Float](repeating: 0, count: validationRows.count)
    var counts = [Float](repeating: 0, count: validationRows.count)
    for (member, logits) in zip(members, memberLogits) {
      precondition(logits.count == member.test.count)
      for (row, logit) in zip(member.test, logits) {
        guard let k = position[row] else { continue }
        sums[k] += logit
        counts[k] += 1
      }
    }
    return zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
  }
}
