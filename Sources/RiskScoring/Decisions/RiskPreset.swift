/// The business framing of one risk-scoring pipeline: `churn`, `fraud` or `credit`.
///
/// Presets share one model; they differ in default costs, the words used in reports and the
/// extra credit sections (scorecard points and adverse-action reasons).
public enum RiskPreset: String, Codable, Sendable, CaseIterable {
  /// Which customers will leave.
  case churn
  /// Which claims or transactions are fraudulent.
  case fraud
  /// Which applicants will default.
  case credit

  /// Default cost of acting on a row that turns out negative (a false positive).
  ///
  /// churn: a retention offer given to a customer who would have stayed; fraud: an
  /// investigation of a legitimate claim; credit: the margin lost on a rejected good applicant.
  public var defaultFalsePositiveCost: Double {
    switch self {
    case .churn: return 50
    case .fraud: return 100
    case .credit: return 1
    }
  }

  /// Default cost of not acting on a row that turns out positive (a false negative).
  ///
  /// churn: the value of a lost customer; fraud: an average paid fraud; credit: the loss on a
  /// defaulted loan, five times the lost margin (the German credit cost matrix of Hofmann, 1994).
  public var defaultFalseNegativeCost: Double {
    switch self {
    case .churn: return 400
    case .fraud: return 2500
    case .credit: return 5
    }
  }

  /// Plural noun for the scored rows ("customers", "claims", "applicants").
  public var rowNoun: String {
    switch self {
    case .churn: return "customers"
    case .fraud: return "cases"
    case .credit: return "applicants"
    }
  }

  /// Verb phrase for a positive row ("will leave", "are fraudulent", "will default").
  public var positivePhrase: String {
    switch self {
    case .churn: return "will leave"
    case .fraud: return "are fraudulent"
    case .credit: return "will default"
    }
  }

  /// The action taken on a flagged row ("contact", "investigate", "decline").
  public var action: String {
    switch self {
    case .churn: return "contact"
    case .fraud: return "investigate"
    case .credit: return "decline"
    }
  }

  /// Word for the decision column of a flagged row.
  public var flaggedDecision: String {
    switch self {
    case .churn: return "contact"
    case .fraud: return "investigate"
    case .credit: return "decline"
    }
  }

  /// Word for the decision column of a row below the threshold.
  public var clearedDecision: String {
    switch self {
    case .churn: return "no_action"
    case .fraud: return "pass"
    case .credit: return "approve"
    }
  }

  /// Report title.
  public var title: String {
    switch self {
    case .churn: return "Customer churn risk"
    case .fraud: return "Fraud risk"
    case .credit: return "Credit default risk"
    }
  }

  /// Gerund of the action ("contacting", "investigating", "declining").
  public var actionGerund: String {
    switch self {
    case .churn: return "contacting"
    case .fraud: return "investigating"
    case .credit: return "declining"
    }
  }

  /// Plural noun for positive rows ("customers who leave", "fraud cases", "defaulters").
  public var positiveNoun: String {
    switch self {
    case .churn: return "customers who leave"
    case .fraud: return "fraud cases"
    case .credit: return "defaulters"
    }
  }
}
