/// Escaping for text that goes into HTML, SVG and XML.
///
/// Every string that comes from data (column names, category values, ticket texts) passes
/// through `Escaping.text` or `Escaping.attribute` before it reaches a document.
public enum Escaping {
  /// Escapes `&`, `<`, `>`, `"` and `'` and drops characters XML 1.0 forbids, so the result is
  /// safe as element content and inside single- or double-quoted attributes.
  public static func text(_ string: String) -> String {
    var out = ""
    out.reserveCapacity(string.utf8.count)
    for scalar in string.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if isAllowedInXML(scalar) { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// Same as `text`; also encodes line breaks and tabs so attribute values survive normalisation.
  public static func attribute(_ string: String) -> String {
    text(string).replacingOccurrences(of: "\n", with: "&#10;")
      .replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;")
  }

  /// Removes characters XML 1.0 does not allow (C0 controls other than tab, LF, CR; U+FFFE/F).
  public static func xmlSafe(_ string: String) -> String {
    if string.unicodeScalars.allSatisfy(isAllowedInXML) { return string }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: string.unicodeScalars.filter(isAllowedInXML))
    return String(out)
  }

  /// Whether XML 1.0 allows the scalar (section 2.2, `Char`).
  public static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: return true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
  }

  /// A token safe for an `id` attribute: letters, digits and `-`, built from any text.
  public static func identifier(_ string: String) -> String {
    var out = ""
    var lastDash = false
    for ch in string.lowercased().unicodeScalars {
      if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
        out.unicodeScalars.append(ch)
        lastDash = false
      } else if !lastDash, !out.isEmpty {
        out += "-"
        lastDash = true
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "x" : out
  }
}
