import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Renders a `Report` as XML data following `schemas/report.xsd` (schema version 1).
///
/// Free text (titles, labels, cell values, names) always goes into element content, never into
/// attributes, so that it round-trips exactly; attributes hold numbers and machine tokens.
/// Line series are thinned like the HTML charts (at most 400 points each); table rows are all kept.
public enum XMLRenderer {
  /// Version written to `report/@schemaVersion`; bumped on incompatible changes.
  public static let schemaVersion = "1"

  /// Renders the report as a pretty-printed UTF-8 XML document.
  public static func render(_ report: Report) -> String {
    let root = XMLElement(name: "report")
    root.addAttribute(attr("schemaVersion", schemaVersion))
    root.addAttribute(attr("kind", report.kind))
    if let date = report.generatedAt {
      root.addAttribute(attr("generatedAt", ReportFormat.timestamp(date)))
    }
    root.addChild(el("title", report.title))
    root.addChild(el("summary", report.summary))

    let figures = XMLElement(name: "keyFigures")
    for figure in report.keyFigures { figures.addChild(keyFigure(figure)) }
    root.addChild(figures)

    let sections = XMLElement(name: "sections")
    for section in report.sections {
      let node = XMLElement(name: "section")
      node.addChild(el("title", section.title))
      for block in section.blocks { node.addChild(self.block(block)) }
      sections.addChild(node)
    }
    root.addChild(sections)
    root.addChild(dataSummary(report.dataSummary))
    root.addChild(modelCard(report.modelCard))

    let provenance = XMLElement(name: "provenance")
    for file in report.provenance {
      let node = XMLElement(name: "inputFile")
      node.addAttribute(attr("bytes", String(file.bytes)))
      node.addAttribute(attr("sha256", file.sha256))
      node.addChild(el("name", file.name))
      if let role = file.role { node.addChild(el("role", role)) }
      provenance.addChild(node)
    }
    root.addChild(provenance)

    let document = XMLDocument(rootElement: root)
    document.version = "1.0"
    document.characterEncoding = "UTF-8"
    return document.xmlString(options: [.nodePrettyPrint]) + "\n"
  }

  static func el(_ name: String, _ text: String) -> XMLElement {
    XMLElement(name: name, stringValue: Escaping.xmlSafe(text))
  }

  static func attr(_ name: String, _ value: String) -> XMLNode {
    // `attribute(withName:stringValue:)` returns `Any` on Linux; build the node directly.
    let node = XMLNode(kind: .attribute)
    node.name = name
    node.stringValue = Escaping.xmlSafe(value)
    return node
  }

  static func num(_ value: Double) -> String { ReportFormat.xmlNumber(value) }

  private static func keyFigure(_ figure: KeyFigure) -> XMLElement {
    let node = XMLElement(name: "keyFigure")
    if let key = figure.key { node.addAttribute(attr("key", key)) }
    node.addAttribute(attr("value", num(figure.value)))
    node.addAttribute(attr("unit", ReportFormat.unitToken(figure.unit)))
    if let higher = figure.higherIsBetter {
      node.addAttribute(attr("higherIsBetter", higher ? "true" : "false"))
    }
    node.addChild(el("label", figure.label))
    node.addChild(el("formatted", ReportFormat.value(figure.value, unit: figure.unit)))
    for comparison in figure.comparisons {
      let c = XMLElement(name: "comparison")
      c.addAttribute(attr("value", num(comparison.value)))
      c.addAttribute(attr("delta", num(figure.value - comparison.value)))
      c.addChild(el("label", comparison.label))
      node.addChild(c)
    }
    return node
  }

  private static func block(_ block: Block) -> XMLElement {
    switch block {
    case .paragraph(let text): return el("paragraph", text)
    case .note(let text): return el("note", text)
    case .table(let table): return self.table(table)
    case .chart(let chart): return self.chart(chart)
    }
  }

  static func table(_ table: Table) -> XMLElement {
    let node = XMLElement(name: "table")
    node.addAttribute(attr("sortable", table.sortable ? "true" : "false"))
    if let caption = table.caption { node.addChild(el("caption", caption)) }
    for column in table.columns { node.addChild(el("column", column)) }
    for row in table.rows {
      let r = XMLElement(name: "row")
      for cell in row { r.addChild(el("cell", cell)) }
      node.addChild(r)
    }
    return node
  }

  private static func dataSummary(_ data: DataSummary) -> XMLElement {
    let node = XMLElement(name: "dataSummary")
    node.addAttribute(attr("rows", String(data.rows)))
    node.addAttribute(attr("columns", String(data.columns)))
    for fact in data.facts { node.addChild(entry("fact", fact)) }
    for field in data.fields {
      let f = XMLElement(name: "field")
      f.addAttribute(attr("missing", String(field.missing)))
      if let distinct = field.distinct { f.addAttribute(attr("distinct", String(distinct))) }
      f.addChild(el("name", field.name))
      f.addChild(el("kind", field.kind))
      f.addChild(el("role", field.role))
      node.addChild(f)
    }
    return node
  }

  static func entry(_ name: String, _ item: KeyValue) -> XMLElement {
    let node = XMLElement(name: name)
    node.addChild(el("key", item.key))
    node.addChild(el("value", item.value))
    return node
  }

  private static func modelCard(_ card: ModelCard) -> XMLElement {
    let node = XMLElement(name: "modelCard")
    node.addChild(el("modelType", card.modelType))
    node.addChild(el("intendedUse", card.intendedUse))
    node.addChild(el("trainingData", card.trainingData))
    node.addChild(el("evaluationData", card.evaluationData))
    let configuration = XMLElement(name: "configuration")
    for item in card.configuration { configuration.addChild(entry("setting", item)) }
    node.addChild(configuration)
    let limitations = XMLElement(name: "limitations")
    for item in card.limitations { limitations.addChild(el("limitation", item)) }
    node.addChild(limitations)
    node.addChild(el("date", card.date))
    node.addChild(el("toolVersion", card.toolVersion))
    return node
  }
}
