/// The measures of a German business letter on A4 after DIN 5008, form B
/// (the letterhead 45 mm high), in millimetres from the top left of the
/// page. A window envelope (DL or C5/6) shows the address field.
enum A4Letter {
    static let width = 210.0, height = 297.0
    /// The text column: 25 mm from the left edge, 20 mm from the right.
    static let left = 25.0, right = 190.0

    /// The address field: 20 mm from the left, 45 mm from the top, 85 × 45 mm;
    /// its text starts 5 mm in.
    static let addressTop = 45.0
    static let addressText = 25.0
    /// The return address sits at the foot of the 17.7 mm note zone.
    static let senderBaseline = 45.0 + 17.7 - 1.5
    /// The recipient's lines start below the note zone.
    static let recipientTop = 45.0 + 17.7 + 3.5
    static let addressBottom = 90.0

    /// The information block: from 125 mm to 200 mm, starting 50 mm from
    /// the top; its labels take at most 34 mm of it.
    static let infoLeft = 125.0, infoLabelMax = 34.0, infoRight = 200.0, infoTop = 50.0

    /// The folding marks for a DL envelope (105 mm, 210 mm) and the punch mark (148.5 mm).
    static let foldMarks = [105.0, 210.0], punchMark = 148.5

    /// The body on the first page begins under the address field (the
    /// subject line at about 98 mm), on following pages under a short running head.
    static let firstBodyTop = 100.0, nextBodyTop = 32.0, runningHead = 20.0
    /// The body ends above the page number and the footer.
    static let bodyBottom = 262.0, pageNumber = 267.0, footerRule = 270.0, footerTop = 274.0
    /// The footer's columns.
    static let footerColumns = [25.0, 82.0, 139.0]
}
