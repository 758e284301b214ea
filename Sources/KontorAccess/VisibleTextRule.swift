import KontorText

/// The product's one text rule, as the access layer words it.
enum VisibleTextRule {
    static func forbiddenReason(_ text: String) -> String? { VisibleText.forbiddenReason(in: text) }
    static func shown(_ text: String) -> String { VisibleText.clean(String(text.prefix(60))) }
}
