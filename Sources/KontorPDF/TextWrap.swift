extension PDFCanvas {
    /// `text` broken into lines no wider than `width` millimetres: at spaces
    /// where it can, inside a word too long for a line where it must. Nothing
    /// is cut off: a description of any length prints whole.
    func wrap(_ text: String, width: Double, _ font: PDFFont) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if self.width(candidate, font) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            var rest = Substring(word)
            // A word wider than the column goes character by character.
            while self.width(String(rest), font) > width {
                var cut = rest.startIndex
                var piece = ""
                while cut < rest.endIndex, self.width(piece + String(rest[cut]), font) <= width {
                    piece.append(rest[cut])
                    cut = rest.index(after: cut)
                }
                if piece.isEmpty { piece = String(rest[cut]); cut = rest.index(after: cut) }
                lines.append(piece)
                rest = rest[cut...]
            }
            current = String(rest)
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }
}
