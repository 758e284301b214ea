import KontorModel
import KontorLocale
import KontorUI

/// A question on the stack: a few answers, each on its key, each with the
/// work it does. Answering closes the question first, so an answer may
/// push what comes next.
final class Ask: Layer {
    struct Answer {
        var key: Key
        var label: String
        var run: (ScreenHost) throws -> Void

        init(_ key: Key, _ label: String, run: @escaping (ScreenHost) throws -> Void = { _ in }) {
            self.key = key
            self.label = label
            self.run = run
        }
    }

    let dialog: Dialog
    private let answers: [Answer]
    private let cancel: Answer

    /// - Parameter cancel: what Esc does; by default nothing but close the
    ///   question. (Never an answer that does work: Esc, shown as "cancel",
    ///   once booked a payment by taking the last answer, "leave it open".)
    init(_ title: String, _ message: [String], _ answers: [Answer], cancel: Answer? = nil) {
        precondition(!answers.isEmpty, "a question needs an answer")
        self.answers = answers
        self.cancel = cancel ?? Answer(.escape, tr("cancel"))
        dialog = Dialog(title: title, message: message,
                        choices: answers.enumerated().map { Dialog.Choice($1.key, $1.label, id: String($0)) }, cancelID: "cancel")
    }

    override var floats: Bool { true }
    /// Letters answer; they must not switch screens or quit behind the question.
    override var capturesText: Bool { true }

    override var actions: [Action] {
        answers.map { answer in
            Action("dialog.answer", Dialog.keys(for: answer.key, among: answers.map(\.key)), answer.label, help: answer.label, group: dialog.title) { [unowned self] host in
                try self.choose(answer, host)
            }
        } + [Action("dialog.cancel", [.escape], "cancel", help: "Cancel", group: dialog.title) { [unowned self] host in
            try self.choose(self.cancel, host)
        }]
    }

    /// Letters pick regardless of case. Enter answers nothing (see
    /// `Dialog.choice(for:)`): it says which keys do, and goes no further.
    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        if key == .enter, dialog.choice(for: key) == nil {
            host.show(tr("Enter does not answer this: press {0}", answers.map { Dialog.keys(for: $0.key, among: answers.map(\.key))[0].description }
                .joined(separator: ", ") + ", Esc"), isError: false)
            return true
        }
        guard let id = dialog.choice(for: key) else { return false }
        let answer = Int(id).map { answers[$0] } ?? cancel
        do { try choose(answer, host) } catch { host.show(ErrorText.describe(error), isError: true) }
        return true
    }

    private func choose(_ answer: Answer, _ host: ScreenHost) throws {
        close()
        try answer.run(host)
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        dialog.draw(in: rect, grid: &grid, theme: theme)
        return nil
    }
}
