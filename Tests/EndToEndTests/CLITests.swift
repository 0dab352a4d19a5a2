import Foundation
import Testing
import _TestSupport

/// Runs the built `traction` binary (debug build of this package, or $TRACTION_BIN).
func runTraction(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
  let path = ProcessInfo.processInfo.environment["TRACTION_BIN"]
    ?? TestSupport.repositoryRoot.appendingPathComponent(".build/debug/traction").path
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let out = Pipe(), err = Pipe(), input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  try process.run()
  if let stdin { input.fileHandleForWriting.write(stdin) }
  try input.fileHandleForWriting.close()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

@Test func versionFlagPrintsVersion() throws {
  let r = try runTraction(["--version"])
  #expect(r.status == 0)
  #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
}

@Test func unknownSubcommandFails() throws {
  let r = try runTraction(["no-such-command"])
  #expect(r.status != 0)
}
