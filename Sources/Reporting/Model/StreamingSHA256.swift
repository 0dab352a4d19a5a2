import Foundation

/// SHA-256 (FIPS 180-4) computed incrementally, for provenance digests of input files.
///
/// Foundation on Linux has no CryptoKit; this ~100-line implementation avoids adding
/// swift-crypto (and a minute of clean build) for one hash. Checked against the FIPS 180-4
/// example vectors in the tests.
///
/// ```swift
/// var hash = StreamingSHA256()
/// hash.update(Array("abc".utf8))
/// print(hash.finalize())  // ba7816bf…
/// ```
public struct StreamingSHA256: Sendable {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19,
  ]
  private var buffer: [UInt8] = []
  private var totalBytes: UInt64 = 0

  /// Creates a hash over no bytes yet.
  public init() { buffer.reserveCapacity(64) }

  /// Adds bytes to the message.
  /// - Complexity: O(bytes.count).
  public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
    if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
  }

  /// Adds raw bytes to the message: whole 64-byte blocks are hashed in place.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    totalBytes &+= UInt64(bytes.count)
    var offset = 0
    if !buffer.isEmpty {
      let take = min(64 - buffer.count, bytes.count)
      buffer.append(contentsOf: bytes[0..<take])
      offset = take
      if buffer.count == 64 {
        buffer.withUnsafeBytes { Self.compress(&state, $0) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
    while bytes.count - offset >= 64 {
      Self.compress(&state, UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 64]))
      offset += 64
    }
    if offset < bytes.count { buffer.append(contentsOf: bytes[offset...]) }
  }

  /// Pads the message and returns the digest as 64 lower-case hexadecimal characters.
  public mutating func finalize() -> String {
    let bitLength = totalBytes &* 8
    buffer.append(0x80)
    while buffer.count % 64 != 56 { buffer.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      buffer.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    buffer.withUnsafeBytes { all in
      var start = 0
      while start < all.count {
        Self.compress(&state, UnsafeRawBufferPointer(rebasing: all[start..<start + 64]))
        start += 64
      }
    }
    buffer.removeAll()
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for word in state {
      for shift in stride(from: 28, through: 0, by: -4) {
        out.append(hex[Int((word >> UInt32(shift)) & 0xf)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// SHA-256 of a byte string, as hexadecimal.
  public static func hexDigest<Bytes: Collection>(_ bytes: Bytes) -> String
  where Bytes.Element == UInt8 {
    var hash = StreamingSHA256()
    hash.update(bytes)
    return hash.finalize()
  }

  /// SHA-256 and size of a file, read in 64 KiB chunks.
  /// - Throws: `ReportingError.unreadableFile` when the file cannot be opened or read.
  public static func hexDigest(fileAt url: URL) throws -> (digest: String, bytes: Int64) {
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw ReportingError.unreadableFile(path: url.path, reason: error.localizedDescription)
    }
    defer { try? handle.close() }
    var hash = StreamingSHA256()
    var size: Int64 = 0
    while true {
      let chunk: Data?
      do {
        chunk = try handle.read(upToCount: 1 << 16)
      } catch {
        throw ReportingError.unreadableFile(path: url.path, reason: error.localizedDescription)
      }
      guard let chunk, !chunk.isEmpty else { break }
      size += Int64(chunk.count)
      chunk.withUnsafeBytes { hash.update($0) }
    }
    return (hash.finalize(), size)
  }

  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// Hashes one 64-byte block into `state` (FIPS 180-4, section 6.2.2).
  private static func compress(_ state: inout [UInt32], _ block: UnsafeRawBufferPointer) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for t in 0..<16 {
        let i = 4 * t
        w[t] =
          UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8
          | UInt32(block[i + 3])
      }
      for t in 16..<64 {
        let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
        let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
      }
      var a = state[0]
      var b = state[1]
      var c = state[2]
      var d = state[3]
      var e = state[4]
      var f = state[5]
      var g = state[6]
      var h = state[7]
      roundConstants.withUnsafeBufferPointer { k in
        for t in 0..<64 {
          let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
          let choice = (e & f) ^ (~e & g)
          let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
          let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
          let majority = (a & b) ^ (a & c) ^ (b & c)
          let t2 = s0 &+ majority
          h = g
          g = f
          f = e
          e = d &+ t1
          d = c
          c = b
          b = a
          a = t1 &+ t2
        }
      }
      state[0] &+= a
      state[1] &+= b
      state[2] &+= c
      state[3] &+= d
      state[4] &+= e
      state[5] &+= f
      state[6] &+= g
      state[7] &+= h
    }
  }

  @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
  }
}
