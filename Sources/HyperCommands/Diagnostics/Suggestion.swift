/// Did-you-mean: the closest known name to a misspelt one.
enum Suggestion {
    /// Never more edits than this: past it, a name is not a likely typo.
    static let maxDistance = 3

    /// The candidate closest to `word` by edit distance (adjacent swaps count
    /// as one edit), if close enough to be a likely typo.
    ///
    /// Bounded whatever the input: a candidate whose length differs from the
    /// word's by more than the allowed edits is skipped at once, and the
    /// distance is computed in a band around the diagonal and abandoned as
    /// soon as it must exceed the limit. A 120 KB unknown name against 10,000
    /// commands costs one length comparison each.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let count = candidate.unicodeScalars.count
            let limit = max(1, min(maxDistance, (max(target.count, count) + 2) / 3))
            guard abs(target.count - count) <= limit else { continue }
            guard let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars), atMost: limit) else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Optimal string alignment distance, or nil when it is over `limit`.
    /// Only cells within `limit` of the diagonal can stay within it, so only
    /// they are computed; a row whose every cell is over `limit` ends it.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let over = limit + 1
        var previous2 = [Int](repeating: over, count: b.count + 1)
        var previous = (0...b.count).map { Swift.min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            let low = Swift.max(1, i - limit)
            let high = Swift.min(b.count, i + limit)
            current[0] = i <= limit ? i : over
            if low > 1 { current[low - 1] = over }
            var rowMinimum = current[0]
            if low <= high {
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = Swift.min(value, previous2[j - 2] + 1)
                    }
                    current[j] = Swift.min(value, over)
                    rowMinimum = Swift.min(rowMinimum, current[j])
                }
            }
            if high < b.count { current[high + 1] = over }
            if rowMinimum > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
