import Testing
@testable import NeuralCore

@Test func tensorIndexesRowMajor() {
  let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
  #expect(x[1, 2] == 6)
  #expect(x.rows == 2 && x.columns == 3)
}
