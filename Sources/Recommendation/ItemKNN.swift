import Foundation

/// Item-item neighbourhood model with cosine similarity (Sarwar et al., "Item-based
/// collaborative filtering recommendation algorithms", WWW 2001; Deshpande and Karypis,
/// "Item-based top-N recommendation algorithms", TOIS 2004).
///
/// Similarity is the cosine of binary item columns, `|U_i ∩ U_j| / sqrt(|U_i| |U_j|)`; each item
/// keeps its `neighbours` most similar items. A user's score for item `j` sums, over the items
/// `i` of the user's history, the user's weight of `i` times `sim(i, j)`, where `i` must be
/// among `j`'s neighbours (`.target`) or `j` among `i`'s (`.source`, the `implicit` library's
/// rule). The user's weight of an item decays with its age in the history (`recencyDecay`),
/// which matters when the task is to predict what a user does next.
///
/// ```swift
/// let knn = ItemKNN(neighbours: 20).fit(UserItemMatrix(log))
/// ```
public struct ItemKNN: Sendable, Codable, Equatable {
  /// Which side of a pair must list the other as a neighbour for it to count.
  public enum Direction: String, Sendable, Codable, CaseIterable {
    /// Item `j` is scored from its own `neighbours` nearest items (Sarwar et al.).
    case target
    /// Each history item adds to its own `neighbours` nearest items (the `implicit` library).
    case source
  }

  /// Neighbours kept per item.
  public var neighbours: Int
  /// Recency decay of history weights (0 = every history item counts the same).
  public var recencyDecay: Float
  /// Neighbourhood rule.
  public var direction: Direction

  /// Stores hyper-parameters; defaults were chosen on a time-ordered validation split of
  /// MovieLens-100k (see `benchmarks/cases/recommend.py`).
  public init(neighbours: Int = 20, recencyDecay: Float = 3, direction: Direction = .target) {
    self.neighbours = neighbours
    self.recencyDecay = recencyDecay
    self.direction = direction
  }

  /// Computes each item's nearest neighbours on all cores.
  /// - Complexity: O(sum over users of |history|^2) time, O(items × neighbours) memory.
  public func fit(_ matrix: UserItemMatrix) -> ItemNeighbourhood {
    precondition(neighbours > 0, "neighbours must be positive")
    let itemCount = matrix.itemCount
    let k = neighbours
    let lists = SharedBuffer<Int32>(repeating: -1, count: itemCount * k)
    let sims = SharedBuffer<Float>(repeating: 0, count: itemCount * k)
    let norms = matrix.itemPopularity.map { Float($0).squareRoot() }
    WorkSplitter.forEachChunk(count: itemCount, minimumChunk: 16) { range in
      var overlap = [Float](repeating: 0, count: itemCount)
      var touched: [Int32] = []
      var candidates: [Float] = []
      for i in range {
        touched.removeAll(keepingCapacity: true)
        for p in matrix.columnStart[i]..<matrix.columnStart[i + 1] {
          let u = Int(matrix.usersByItem[p])
          for q in matrix.rowStart[u]..<matrix.rowStart[u + 1] {
            let j = Int(matrix.itemsByUser[q])
            if overlap[j] == 0 { touched.append(Int32(j)) }
            overlap[j] += 1
          }
        }
        candidates.removeAll(keepingCapacity: true)
        for j in touched {
          candidates.append(
            Int(j) == i ? -Float.infinity : overlap[Int(j)] / (norms[i] * norms[Int(j)]))
        }
        for j in touched { overlap[Int(j)] = 0 }
        let best = TopK.best(ids: touched, scores: candidates, k: k)
        for (slot, pair) in best.enumerated() {
          lists[i * k + slot] = pair.id
          sims[i * k + slot] = pair.score
        }
      }
    }
    return ItemNeighbourhood(
      configuration: self, itemCount: itemCount, neighbourItems: lists.array,
      similarities: sims.array)
  }
}

/// A fitted item-kNN model: each item's nearest neighbours and their similarities.
public struct ItemNeighbourhood: ItemScorer, Equatable {
  /// The hyper-parameters it was fitted with.
  public let configuration: ItemKNN
  /// Number of items.
  public let itemCount: Int
  /// `neighbours` slots per item, best first; -1 marks an empty slot.
  public let neighbourItems: [Int32]
  /// Similarities aligned with `neighbourItems`.
  public let similarities: [Float]
  /// Scoring lists: history item `i` adds `scatterSimilarities[p]` to item `scatterItems[p]`
  /// for `p` in `scatterStart[i]..<scatterStart[i + 1]`. For `.source` these are the
  /// neighbour lists themselves; for `.target` the reverse lists (items that list `i`).
  private let scatterStart: [Int]
  private let scatterItems: [Int32]
  private let scatterSimilarities: [Float]

  /// Creates a fitted model from its parts (used by `ItemKNN.fit` and model loading).
  /// - Precondition: `neighbourItems.count == similarities.count == itemCount * neighbours`.
  public init(
    configuration: ItemKNN, itemCount: Int, neighbourItems: [Int32], similarities: [Float]
  ) {
    let width = configuration.neighbours
    precondition(
      neighbourItems.count == itemCount * width && similarities.count == itemCount * width,
      "neighbour table size does not match itemCount × neighbours")
    self.configuration = configuration
    self.itemCount = itemCount
    self.neighbourItems = neighbourItems
    self.similarities = similarities
    var start = [Int](repeating: 0, count: itemCount + 1)
    var pairs: [(from: Int32, to: Int32, sim: Float)] = []
    pairs.reserveCapacity(neighbourItems.count)
    for j in 0..<itemCount {
      for slot in 0..<width {
        let i = neighbourItems[j * width + slot]
        if i < 0 || Int(i) >= itemCount { break }
        let sim = similarities[j * width + slot]
        // .source: history item j adds to its neighbour i; .target: history item i adds to j.
        pairs.append(configuration.direction == .source ? (Int32(j), i, sim) : (i, Int32(j), sim))
      }
    }
    for p in pairs { start[Int(p.from) + 1] += 1 }
    for i in 0..<itemCount { start[i + 1] += start[i] }
    var fill = start
    var items = [Int32](repeating: 0, count: pairs.count)
    var sims = [Float](repeating: 0, count: pairs.count)
    for p in pairs {
      items[fill[Int(p.from)]] = p.to
      sims[fill[Int(p.from)]] = p.sim
      fill[Int(p.from)] += 1
    }
    scatterStart = start
    scatterItems = items
    scatterSimilarities = sims
  }

  /// The most similar items to `item` with their cosine similarities, best first.
  public func similar(to item: Int32, k: Int) -> [(item: Int32, similarity: Float)] {
    let width = configuration.neighbours
    var result: [(item: Int32, similarity: Float)] = []
    guard item >= 0 && Int(item) < itemCount else { return result }
    for slot in 0..<width {
      let j = neighbourItems[Int(item) * width + slot]
      if j < 0 || result.count == k { break }
      result.append((j, similarities[Int(item) * width + slot]))
    }
    return result
  }

  /// Scores items from the user's recency-weighted history.
  /// - Complexity: O(items + |history| × neighbours).
  public func score(
    user: Int32?, history: UserHistory, into scores: UnsafeMutableBufferPointer<Float>
  ) {
    let recency = RecencyWeighting.weights(
      count: history.items.count, decay: configuration.recencyDecay)
    for i in 0..<itemCount { scores[i] = 0 }
    scatterStart.withUnsafeBufferPointer { start in
      scatterItems.withUnsafeBufferPointer { items in
        scatterSimilarities.withUnsafeBufferPointer { sims in
          for (position, i) in history.items.enumerated() where i >= 0 && Int(i) < itemCount {
            let w = recency[position]
            for p in start[Int(i)]..<start[Int(i) + 1] {
              scores[Int(items[p])] += w * sims[p]
            }
          }
        }
      }
    }
  }
}
