import Foundation
import Testing
import _TestSupport

@testable import Reporting

/// Renders HTML in headless Chromium (Debian package `chromium`) and collects what a person or
/// a console would see: a PNG screenshot, the DOM after scripts ran, and console messages.
enum Chromium {
  static let executable: String? = {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      let r = PMMLTools.run("sh", ["-c", "command -v \(name)"])
      let path = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      if r.status == 0, !path.isEmpty { return path }
    }
    return nil
  }()

  struct Render {
    var png: URL
    var pngBytes: Int
    var width: Int
    var height: Int
    var dom: String
    /// Console messages (errors, CSP violations, uncaught exceptions); a clean report has none.
    var console: [String]
  }

  static let outputDirectory: URL = {
    let url = TestSupport.repositoryRoot.appendingPathComponent(".build/render")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  static func render(_ html: URL, to png: URL, width: Int = 1200, height: Int = 2000) throws
    -> Render
  {
    guard let executable else { throw PMMLTools.Unavailable(reason: "no chromium") }
    let profile = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: profile) }
    try? FileManager.default.removeItem(at: png)
    let r = PMMLTools.run(
      executable,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)", "--enable-logging=stderr",
        "--v=0",
        "--dump-dom", "--screenshot=\(png.path)", "--window-size=\(width),\(height)",
        html.absoluteString,
      ])
    guard r.status == 0, let data = try? Data(contentsOf: png) else {
      throw PMMLTools.Unavailable(
        reason: "chromium exited \(r.status) without a screenshot: \(r.stderr.suffix(500))")
    }
    let console = r.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(
      String.init)
    let size = pngSize(data)
    return Render(
      png: png, pngBytes: data.count, width: size?.width ?? 0, height: size?.height ?? 0,
      dom: r.stdout, console: console)
  }

  /// Width and height from the IHDR chunk of a PNG.
  static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
      bytes[12..<16] == [0x49, 0x48, 0x44, 0x52]
    else { return nil }
    func be(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
  }

  /// Size of a screenshot of an empty page: a uniform PNG compresses to a small file, so a
  /// report's screenshot must be several times larger to count as "not blank".
  static let blankBytes: Int? = {
    guard let dir = try? TestSupport.temporaryDirectory() else { return nil }
    let html = dir.appendingPathComponent("blank.html")
    try? "<!DOCTYPE html><html><body></body></html>".write(
      to: html, atomically: true, encoding: .utf8)
    return try? render(html, to: dir.appendingPathComponent("blank.png")).pngBytes
  }()

  static func requireChromium() throws {
    if executable == nil {
      try Test.cancel(
        "Chromium render check skipped: no chromium on PATH (run scripts/ensure-deps.sh browser as root)"
      )
    }
  }

  /// Renders `html`, failing on console messages, a wrong size or a blank page.
  static func check(
    _ html: URL, name: String, expectText: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let shot = try render(html, to: outputDirectory.appendingPathComponent("\(name).png"))
    #expect(
      shot.console.isEmpty, "console output from \(name): \(shot.console)",
      sourceLocation: sourceLocation)
    #expect(shot.width == 1200 && shot.height == 2000, sourceLocation: sourceLocation)
    let blank = try #require(blankBytes)
    #expect(
      shot.pngBytes > 3 * blank, "\(name) looks blank: \(shot.pngBytes) bytes vs blank \(blank)",
      sourceLocation: sourceLocation)
    for text in expectText {
      #expect(shot.dom.contains(text), "\(name): DOM lacks \(text)", sourceLocation: sourceLocation)
    }
  }
}

@Suite struct ChromiumRenderTests {
  @Test func fixtureReportRendersWithoutErrors() throws {
    try Chromium.requireChromium()
    let html = Chromium.outputDirectory.appendingPathComponent("fixture.html")
    var report = FixtureReport.make()
    report.sections[0].blocks.append(.paragraph(FixtureReport.evil))
    try ReportWriter.writeAtomically(HTMLRenderer.render(report), to: html)
    // The escaped payload must appear as text, and the sort script must have run (tabindex).
    try Chromium.check(
      html, name: "fixture",
      expectText: [
        "Churn risk — fixture", "&lt;script&gt;alert(1)&lt;/script&gt;", "tabindex=\"0\"", "<svg",
      ])
  }

  @Test func brokenPageIsDetected() throws {
    try Chromium.requireChromium()
    let dir = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("bad.html")
    try """
    <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
    script-src 'unsafe-inline'"></head><body><script>nosuch();</script></body></html>
    """.write(to: html, atomically: true, encoding: .utf8)
    let shot = try Chromium.render(html, to: dir.appendingPathComponent("bad.png"))
    #expect(shot.console.contains { $0.contains("nosuch is not defined") })
    let blank = try #require(Chromium.blankBytes)
    #expect(shot.pngBytes <= 3 * blank)
  }

  /// Every committed example report (`reports/*/report.html`) renders cleanly too.
  @Test func committedReportsRenderWithoutErrors() throws {
    try Chromium.requireChromium()
    let reports = TestSupport.repositoryRoot.appendingPathComponent("reports")
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
    let pages = folders.sorted().map {
      reports.appendingPathComponent($0).appendingPathComponent("report.html")
    }
    .filter { FileManager.default.fileExists(atPath: $0.path) }
    for page in pages {
      try Chromium.check(
        page, name: "report-" + page.deletingLastPathComponent().lastPathComponent,
        expectText: ["<svg"])
    }
  }
}
