/// Finds the known name an unknown one was probably meant to be, for `did you mean` hints.
enum NameSuggestion {
    /// The largest edit distance (after lowercasing) still worth suggesting.
    static let maximumDistance = 2

    /// The candidate closest to `name`, ignoring case, within `maximumDistance` edits;
    /// ties go to the alphabetically first candidate.
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased())
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            guard distance <= maximumDistance else { continue }
            if let best, (best.distance, best.name) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.name
    }

    /// The Levenshtein distance between two character sequences.
    private static func editDistance(_ source: [Character], _ target: [Character]) -> Int {
        var previous = Array(0...target.count)
        for (sourceIndex, sourceCharacter) in source.enumerated() {
            var current = [sourceIndex + 1]
            for (targetIndex, targetCharacter) in target.enumerated() {
                let substitution = previous[targetIndex] + (sourceCharacter == targetCharacter ? 0 : 1)
                current.append(min(substitution, previous[targetIndex + 1] + 1, current[targetIndex] + 1))
            }
            previous = current
        }
        return previous[target.count]
    }
}
