/// Slides change groups to the places GNU diff prints them (its `shift_boundaries`).
///
/// A run of changed elements can move by one whenever the element just past one end equals the
/// element at the other end: the script stays valid and equally long. The shifter first slides
/// each run up to merge it with earlier runs, then down as far as it goes (merging with later
/// runs), and finally back up until its end lines up with a change on the other side, if it
/// passed one. So among equivalent placements it picks the lowest one, unless that would split
/// a replacement into a deletion and an insertion at different places.
enum BoundaryShifter {
  /// Shifts the runs of one side.
  ///
  /// - Parameters:
  ///   - changed: Per element of this side, whether it is changed; updated in place.
  ///   - ids: This side's ids.
  ///   - otherChanged: The other side's flags; unchanged elements of both sides pair up in order.
  /// - Complexity: O(n) amortised over the runs for typical input, where n is the length.
  static func shift(changed: inout [Bool], ids: [Int], otherChanged: [Bool]) {
    // Both flag arrays get a `false` guard at each end, so index -1 and index n read as
    // unchanged without bounds checks in the scanning loops.
    var flags = GuardedFlags(changed)
    let other = GuardedFlags(otherChanged)
    let end = ids.count
    var index = 0
    var otherIndex = 0

    while true {
      // Find the start of the next run, keeping otherIndex on the matching unchanged element.
      while index < end && !flags[index] {
        while other[otherIndex] { otherIndex += 1 }
        otherIndex += 1
        index += 1
      }
      if index == end { break }

      var start = index
      index += 1
      while flags[index] { index += 1 }
      while other[otherIndex] { otherIndex += 1 }

      // `corresponding` is the end of the run at the last point where it lined up with a run
      // on the other side; `end` means no such point.
      var corresponding = end
      var runLength = 0
      repeat {
        runLength = index - start

        // Slide up while the element before the run equals the run's last element.
        while start > 0 && ids[start - 1] == ids[index - 1] {
          start -= 1
          flags[start] = true
          index -= 1
          flags[index] = false
          while flags[start - 1] { start -= 1 }
          otherIndex -= 1
          while other[otherIndex] { otherIndex -= 1 }
        }

        corresponding = other[otherIndex - 1] ? index : end

        // Slide down while the run's first element equals the element after the run.
        while index != end && ids[start] == ids[index] {
          flags[start] = false
          start += 1
          flags[index] = true
          index += 1
          while flags[index] { index += 1 }
          otherIndex += 1
          while other[otherIndex] {
            corresponding = index
            otherIndex += 1
          }
        }
      } while runLength != index - start

      // Move the merged run back up to where it last lined up with a change on the other side.
      while corresponding < index {
        start -= 1
        flags[start] = true
        index -= 1
        flags[index] = false
        otherIndex -= 1
        while other[otherIndex] { otherIndex -= 1 }
      }
    }
    changed = flags.unguarded
  }
}

/// Change flags with an unchanged guard before the first and after the last element, indexed
/// from -1 to n.
private struct GuardedFlags {
  /// The flags, shifted by one: `storage[i + 1]` is element i.
  private var storage: [Bool]

  /// Wraps flags in guards.
  init(_ flags: [Bool]) {
    storage = [false] + flags + [false]
  }

  /// The flag of element `index`, for `index` in -1...n.
  subscript(index: Int) -> Bool {
    get { storage[index + 1] }
    set { storage[index + 1] = newValue }
  }

  /// The flags without guards.
  var unguarded: [Bool] { Array(storage.dropFirst().dropLast()) }
}
