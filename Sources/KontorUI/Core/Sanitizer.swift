import KontorText

/// Makes text from the database safe to put on a terminal.
///
/// A customer name is data, and data can hold anything: an escape sequence
/// that retitles the window or rewrites the screen, a bidi override that makes
/// "exe.txt" read as "txt.exe". Such characters are shown as visible
/// placeholders, never sent. The rules are `VisibleText`'s, which the
/// printed documents follow too.
public enum Sanitizer {
    /// Shown for C1 controls and direction overrides.
    public static let placeholder: Unicode.Scalar = VisibleText.placeholder

    public static func clean(_ text: String) -> String {
        VisibleText.clean(text)
    }
}
