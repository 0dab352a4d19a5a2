import Foundation

/// libFuzzer entry for the Tabular CSV reader: every input must either parse or throw
/// `TabularError`, never trap, hang or leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    var reader = try CSVReader(bytes: bytes, name: "fuzz.csv")
    var row = CSVRow()
    var rows = 0
    while try reader.nextRow(into: &row), rows < 10_000 { rows += 1 }
  } catch {
    _ = "\(error)"
  }
  do {
    var reader = try CSVReader(bytes: bytes, name: "fuzz.csv", delimiter: UInt8(ascii: ";"))
    _ = try reader.readAll()
  } catch {
    _ = "\(error)"
  }
  return 0
}
