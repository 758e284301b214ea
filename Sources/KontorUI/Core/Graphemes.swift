import KontorText

/// Editing by grapheme cluster: what a person sees as one letter is one
/// step of the cursor and one Backspace.
///
/// A terminal delivers text a code point at a time, so "é" typed as e plus
/// a combining accent, or 👩‍💻 pasted, arrives in pieces. Each piece is
/// joined to the character before the cursor when the two form one
/// grapheme, the way Swift's `String` would read them.
extension Array where Element == Character {
    /// Inserts `character` at `cursor` (joining it to the one before when
    /// they form one grapheme) and returns where the cursor goes.
    mutating func insertJoining(_ character: Character, at cursor: Int) -> Int {
        // Invisible formatting stays a character of its own, shown as �, so
        // that it can be seen and deleted; the joiner after an emoji is
        // part of the picture being pasted.
        if cursor > 0, !isInvisible(character) || joinsAnEmoji(character, after: self[cursor - 1]) {
            let joined = String(self[cursor - 1]) + String(character)
            if joined.count == 1 {
                self[cursor - 1] = Character(joined)
                return cursor
            }
        }
        insert(character, at: cursor)
        return cursor + 1
    }

    private func isInvisible(_ character: Character) -> Bool {
        character.unicodeScalars.contains(where: VisibleText.isFormat)
    }

    private func joinsAnEmoji(_ character: Character, after previous: Character) -> Bool {
        character == "\u{200D}" && previous.unicodeScalars.contains { $0.properties.isEmojiPresentation || $0 == "\u{FE0F}" }
    }
}
