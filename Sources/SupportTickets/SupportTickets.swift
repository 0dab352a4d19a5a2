import NeuralCore

/// Errors raised by the SupportTickets module.
public enum SupportTicketsError: Error, Equatable, Sendable {
  /// The input data cannot be used; the message names the file, line and field.
  case invalidInput(String)
}
