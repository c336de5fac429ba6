/// Which elements of each sequence an edit script removes (old) or inserts (new).
///
/// Unflagged elements pair up in order: the k-th unflagged old element equals the k-th unflagged
/// new element.
struct ChangeFlags: Equatable {
  /// `old[i]` is true when the i-th old element is removed.
  var old: [Bool]

  /// `new[j]` is true when the j-th new element is inserted.
  var new: [Bool]
}
