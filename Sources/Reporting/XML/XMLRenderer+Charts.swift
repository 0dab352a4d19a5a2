import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

extension XMLRenderer {
  /// A chart as data: `lineChart`, `barChart`, `histogram` or `heatMap`.
  static func chart(_ chart: Chart) -> XMLElement {
    switch chart {
    case .line(let c):
      let node = header("lineChart", c.title, chart.resolvedTextAlternative)
      node.addChild(el("xLabel", c.xLabel))
      node.addChild(el("yLabel", c.yLabel))
      if let r = c.xRange { node.addChild(range("xRange", r)) }
      if let r = c.yRange { node.addChild(range("yRange", r)) }
      for s in c.series {
        let series = XMLElement(name: "series")
        series.addAttribute(attr("style", s.style.rawValue))
        series.addChild(el("name", s.name))
        let thinned = s.thinned(to: ChartSVG.maxPointsPerSeries)
        for (x, y) in zip(thinned.x, thinned.y) {
          let point = XMLElement(name: "point")
          point.addAttribute(attr("x", num(x)))
          point.addAttribute(attr("y", num(y)))
          series.addChild(point)
        }
        node.addChild(series)
      }
      return node
    case .bar(let c):
      let node = header("barChart", c.title, chart.resolvedTextAlternative)
      node.addAttribute(attr("horizontal", c.horizontal ? "true" : "false"))
      node.addChild(el("valueLabel", c.valueLabel))
      for category in c.categories { node.addChild(el("category", category)) }
      for s in c.series {
        let series = XMLElement(name: "series")
        series.addChild(el("name", s.name))
        for v in s.values { series.addChild(XMLElement(name: "value", stringValue: num(v))) }
        node.addChild(series)
      }
      return node
    case .histogram(let c):
      let node = header("histogram", c.title, chart.resolvedTextAlternative)
      node.addChild(el("xLabel", c.xLabel))
      node.addChild(el("yLabel", c.yLabel))
      node.addChild(
        XMLElement(name: "binEdges", stringValue: c.binEdges.map(num).joined(separator: " ")))
      for s in c.series {
        let series = XMLElement(name: "series")
        series.addChild(el("name", s.name))
        series.addChild(
          XMLElement(name: "counts", stringValue: s.counts.map(num).joined(separator: " ")))
        node.addChild(series)
      }
      return node
    case .heatmap(let c):
      let node = header("heatMap", c.title, chart.resolvedTextAlternative)
      node.addAttribute(attr("colorByRowShare", c.colorByRowShare ? "true" : "false"))
      node.addChild(el("rowAxisLabel", c.rowAxisLabel))
      node.addChild(el("columnAxisLabel", c.columnAxisLabel))
      for label in c.rowLabels { node.addChild(el("rowLabel", label)) }
      for label in c.columnLabels { node.addChild(el("columnLabel", label)) }
      for row in c.values {
        node.addChild(XMLElement(name: "values", stringValue: row.map(num).joined(separator: " ")))
      }
      return node
    }
  }

  private static func header(_ name: String, _ title: String, _ text: String) -> XMLElement {
    let node = XMLElement(name: name)
    node.addChild(el("title", title))
    node.addChild(el("textAlternative", text))
    return node
  }

  private static func range(_ name: String, _ r: ClosedRange<Double>) -> XMLElement {
    let node = XMLElement(name: name)
    node.addAttribute(attr("min", num(r.lowerBound)))
    node.addAttribute(attr("max", num(r.upperBound)))
    return node
  }
}
