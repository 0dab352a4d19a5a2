/// libFuzzer entry for the TextProcessing tokenizer: any bytes (decoded leniently as UTF-8)
/// must tokenize without trapping, with and without normalisation and case folding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let plain = Tokenizer(caseFold: false, normalize: false, placeholders: [])
  for token in plain.tokens(text) where token.isEmpty { fatalError("empty token from \(text.debugDescription)") }
  _ = Tokenizer().tokens(text)
  return 0
}
