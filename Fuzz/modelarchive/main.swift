import Foundation

/// libFuzzer entry for the NeuralCore model-file loader: damaged or hostile model files must
/// throw `NeuralCoreError.modelFile`, never trap or allocate without bound.
///
/// Each input is decoded twice: as given (exercises the header, length and CRC checks) and
/// with the "TRACTN" magic, version, payload length and CRC-32 patched to be consistent, so the
/// payload parser behind the checksum is reached too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelArchive(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  decode(Data(bytes))
  let header = 16
  if size >= header + 4 {
    var patched = bytes
    patched.replaceSubrange(0..<6, with: Array("TRACTN".utf8))
    withUnsafeBytes(of: UInt64(size - header - 4).littleEndian) {
      patched.replaceSubrange(8..<16, with: $0)
    }
    let crc = CRC32.checksum(Array(patched[0..<(size - 4)]))
    withUnsafeBytes(of: crc.littleEndian) { patched.replaceSubrange((size - 4)..<size, with: $0) }
    decode(Data(patched))
  }
  return 0
}

private func decode(_ bytes: Data) {
  do {
    let archive = try ModelArchive.decode(bytes, path: "fuzz.traction")
    for name in archive.tensors.keys { _ = try? archive.tensor(name) }
  } catch {
    _ = "\(error)"
  }
}
