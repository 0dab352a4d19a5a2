/// Selection of the k best-scored items.
enum TopK {
  /// Indices of the `k` largest finite scores, best first. Ties go to the item with the lower
  /// `tieRank` (popularity rank), then the lower index, so results are deterministic.
  /// Items whose score is `-Float.infinity` are never returned.
  static func select(
    _ scores: UnsafeBufferPointer<Float>, k: Int, tieRank: UnsafeBufferPointer<Int32>
  ) -> [Int32] {
    guard k > 0 else { return [] }
    var best: [Int32] = []
    var bestScores: [Float] = []
    best.reserveCapacity(k + 1)
    bestScores.reserveCapacity(k + 1)
    var threshold = -Float.infinity
    for i in 0..<scores.count {
      let s = scores[i]
      if s == -Float.infinity { continue }
      if best.count == k {
        if s < threshold { continue }
        if s == threshold, let last = best.last, tieRank[i] >= tieRank[Int(last)] { continue }
      }
      // Insert keeping (score desc, tieRank asc) order.
      var position = best.count
      while position > 0 {
        let other = Int(best[position - 1])
        let so = bestScores[position - 1]
        if so > s || (so == s && tieRank[other] <= tieRank[i]) { break }
        position -= 1
      }
      best.insert(Int32(i), at: position)
      bestScores.insert(s, at: position)
      if best.count > k {
        best.removeLast()
        bestScores.removeLast()
      }
      if best.count == k { threshold = bestScores[k - 1] }
    }
    return best
  }
}

extension TopK {
  /// The `k` best (id, score) pairs among candidates, best first; ties go to the lower id.
  /// Candidates with score `-Float.infinity` are skipped.
  /// - Complexity: O(n k) worst case, O(n) when few candidates beat the running k-th best.
  static func best(ids: [Int32], scores: [Float], k: Int) -> [(id: Int32, score: Float)] {
    var result: [(id: Int32, score: Float)] = []
    result.reserveCapacity(k + 1)
    for n in 0..<ids.count {
      let s = scores[n]
      let id = ids[n]
      if s == -Float.infinity { continue }
      if result.count == k {
        let last = result[k - 1]
        if s < last.score || (s == last.score && id > last.id) { continue }
      }
      var position = result.count
      while position > 0 {
        let other = result[position - 1]
        if other.score > s || (other.score == s && other.id < id) { break }
        position -= 1
      }
      result.insert((id, s), at: position)
      if result.count > k { result.removeLast() }
    }
    return result
  }
}
