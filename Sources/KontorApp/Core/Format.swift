/// How numbers read on screen.
enum Format {
    /// 1234567 → "1 234 567": grouped with thin spaces, as in German and
    /// international usage, without depending on the process locale.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append("\u{202F}") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
