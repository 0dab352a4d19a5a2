import Foundation

extension ModelArchive {
  /// The file's bytes.
  public func encoded() -> Data {
    var payload = ByteWriter()
    payload.string(toolVersion)
    payload.string(task)
    payload.bytes(metadata)
    payload.u32(UInt32(tensors.count))
    for name in tensors.keys.sorted() {
      guard let t = tensors[name] else { continue }
      payload.string(name)
      payload.u32(UInt32(t.shape.count))
      for d in t.shape { payload.u64(UInt64(d)) }
      payload.floats(t.data)
    }
    payload.u32(UInt32(blobs.count))
    for name in blobs.keys.sorted() {
      guard let b = blobs[name] else { continue }
      payload.string(name)
      payload.bytes(b)
    }
    var file = ByteWriter()
    file.data.append(contentsOf: Self.magic)
    file.u16(formatVersion)
    file.u64(UInt64(payload.data.count))
    file.data.append(payload.data)
    let crc = file.data.withUnsafeBytes { CRC32.checksum($0) }
    file.u32(crc)
    return file.data
  }

  /// Parses and verifies file bytes; `path` names the file in errors.
  public static func decode(_ data: Data, path: String) throws -> ModelArchive {
    func fail(_ reason: String) -> NeuralCoreError { .modelFile(path: path, reason: reason) }
    return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> ModelArchive in
      let size = raw.count
      let minimum = headerSize + 4
      if !raw.prefix(magic.count).elementsEqual(magic.prefix(min(size, magic.count))) {
        throw fail(
          "not a Traction model file (it does not start with \"TRACTN\") — pass a file "
            + "written by `traction … train --model`")
      }
      guard size >= minimum else {
        throw fail(
          "file is truncated: \(size) bytes, shorter than the \(minimum)-byte header — "
            + "the file was cut off while copying or writing; copy it again or retrain")
      }
      var header = ByteReader(raw, start: magic.count, end: headerSize)
      let version = try header.u16().orThrow(fail("unreadable header"))
      guard version == currentFormatVersion else {
        throw fail(
          "format version \(version), but Traction \(TractionVersion.string) reads format "
            + "version \(currentFormatVersion) — retrain the model with this version of Traction")
      }
      let payloadLength = try header.u64().orThrow(fail("unreadable header"))
      let expected = UInt64(headerSize) &+ payloadLength &+ 4
      guard payloadLength <= UInt64(Int.max - minimum), expected == UInt64(size) else {
        if payloadLength > UInt64(Int.max - minimum) || expected > UInt64(size) {
          throw fail(
            "file is truncated: \(size) bytes, the header announces \(expected) — the "
              + "file was cut off while copying or writing; copy it again or retrain")
        }
        throw fail(
          "file is damaged: \(UInt64(size) - expected) unexpected bytes after the "
            + "checksum — copy it again or retrain")
      }
      let body = UnsafeRawBufferPointer(rebasing: raw[0..<(size - 4)])
      var tail = ByteReader(raw, start: size - 4, end: size)
      let stored = try tail.u32().orThrow(fail("unreadable checksum"))
      guard CRC32.checksum(body) == stored else {
        throw fail(
          "checksum mismatch: the file is damaged (changed bytes or a partial write) — "
            + "restore it from a copy or retrain")
      }
      var r = ByteReader(raw, start: headerSize, end: size - 4)
      let corrupt = fail(
        "payload is inconsistent although the checksum matches — the file was "
          + "not written by Traction; retrain")
      var archive = ModelArchive(task: "")
      archive.formatVersion = version
      archive.toolVersion = try r.string().orThrow(corrupt)
      archive.task = try r.string().orThrow(corrupt)
      archive.metadata = try r.bytes().orThrow(corrupt)
      let tensorCount = try r.u32().orThrow(corrupt)
      for _ in 0..<tensorCount {
        let name = try r.string().orThrow(corrupt)
        let rank = try r.u32().orThrow(corrupt)
        guard rank <= 8 else { throw corrupt }
        var shape: [Int] = []
        var count = 1
        for _ in 0..<rank {
          let d = try r.u64().orThrow(corrupt)
          guard d <= UInt64(r.remaining) else { throw corrupt }
          shape.append(Int(d))
          let (product, overflow) = count.multipliedReportingOverflow(by: Int(d))
          guard !overflow, product <= r.remaining / 4 else { throw corrupt }
          count = product
        }
        let values = try r.floats(count).orThrow(corrupt)
        archive.tensors[name] = Tensor(shape: shape, data: values)
      }
      let blobCount = try r.u32().orThrow(corrupt)
      for _ in 0..<blobCount {
        let name = try r.string().orThrow(corrupt)
        archive.blobs[name] = try r.bytes().orThrow(corrupt)
      }
      guard r.remaining == 0 else { throw corrupt }
      return archive
    }
  }
}

extension Optional {
  /// The wrapped value, or throws `error`.
  fileprivate func orThrow(_ error: @autoclosure () -> NeuralCoreError) throws -> Wrapped {
    guard let value = self else { throw error() }
    return value
  }
}

/// Appends little-endian values to a `Data`.
struct ByteWriter {
  var data = Data()

  mutating func u16(_ v: UInt16) {
    withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
  }
  mutating func u32(_ v: UInt32) {
    withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
  }
  mutating func u64(_ v: UInt64) {
    withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
  }

  mutating func string(_ s: String) {
    let utf8 = Array(s.utf8)
    u32(UInt32(utf8.count))
    data.append(contentsOf: utf8)
  }

  mutating func bytes(_ d: Data) {
    u64(UInt64(d.count))
    data.append(d)
  }

  mutating func floats(_ values: [Float]) {
    #if _endian(little)
      values.withUnsafeBytes { data.append(contentsOf: $0) }
    #else
      for v in values { u32(v.bitPattern) }
    #endif
  }
}

/// Bounds-checked little-endian reads; every read returns `nil` past the end.
struct ByteReader {
  let raw: UnsafeRawBufferPointer
  var position: Int
  let end: Int

  init(_ raw: UnsafeRawBufferPointer, start: Int, end: Int) {
    self.raw = raw
    self.position = start
    self.end = end
  }

  var remaining: Int { end - position }

  private mutating func fixed<T: FixedWidthInteger>(_: T.Type) -> T? {
    let n = MemoryLayout<T>.size
    guard remaining >= n else { return nil }
    var v: T = 0
    withUnsafeMutableBytes(of: &v) { dst in
      dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[position..<(position + n)]))
    }
    position += n
    return T(littleEndian: v)
  }

  mutating func u16() -> UInt16? { fixed(UInt16.self) }
  mutating func u32() -> UInt32? { fixed(UInt32.self) }
  mutating func u64() -> UInt64? { fixed(UInt64.self) }

  mutating func string() -> String? {
    guard let n = u32(), Int(n) <= remaining else { return nil }
    let s = String(
      decoding: UnsafeRawBufferPointer(rebasing: raw[position..<(position + Int(n))]),
      as: UTF8.self)
    position += Int(n)
    return s
  }

  mutating func bytes() -> Data? {
    guard let n = u64(), n <= UInt64(remaining) else { return nil }
    let d = Data(UnsafeRawBufferPointer(rebasing: raw[position..<(position + Int(n))]))
    position += Int(n)
    return d
  }

  mutating func floats(_ count: Int) -> [Float]? {
    guard count >= 0, count <= remaining / 4 else { return nil }
    let src = UnsafeRawBufferPointer(rebasing: raw[position..<(position + count * 4)])
    let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      if count > 0, let dst = buffer.baseAddress {
        UnsafeMutableRawPointer(dst).copyMemory(
          from: src.baseAddress ?? UnsafeRawPointer(dst), byteCount: count * 4)
      }
      initialized = count
    }
    position += count * 4
    #if _endian(little)
      return values
    #else
      return values.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
    #endif
  }
}
