import KontorLocale
import KontorModel
import KontorUI

/// The mail settings, for admins: which address each queue sends from, the
/// ticket tag, the sendmail command, the signature under every message,
/// acknowledgements of new tickets and the attachment limit of mail-in.
/// Field ids are the names `MailSettings.validate` gives, so a refusal
/// shows beside its field.
struct MailSettingsEditor: FormEditor {
    var original: MailSettings
    var revision: SettingsRevision
    var form: Form

    static let signatureLines = 4

    init(settings: MailSettings, revision: SettingsRevision) {
        original = settings
        self.revision = revision
        let addresses = settings.queueAddresses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        let signature = settings.signature.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = [
            Form.Field(id: "queue addresses", label: "Queue addresses", value: addresses, maxLength: 500,
                       hint: "support=support@firma.de, billing=rechnung@firma.de"),
            Form.Field(id: "default queue", label: "Default queue", value: settings.defaultQueue, maxLength: 40,
                       hint: "mail to any other address goes here"),
            Form.Field(id: "tag prefix", label: "Ticket tag", value: settings.tagPrefix, maxLength: 10, hint: "# gives [#1234] in subjects"),
            Form.Field(id: "sendmail", label: "Sendmail command", value: settings.sendmailCommand, maxLength: 300,
                       hint: "the message goes to its standard input"),
        ]
        for line in 0..<Self.signatureLines {
            fields.append(Form.Field(id: line == 0 ? "signature" : "signature \(line + 1)", label: line == 0 ? "Signature" : "",
                                     value: signature.indices.contains(line) ? signature[line] : "", maxLength: 200,
                                     hint: line == 0 ? "under every message" : ""))
        }
        fields += [
            Form.Field(id: "acknowledge", label: "Acknowledge", choosing: settings.acknowledgeNewTickets ? "yes" : "no",
                       from: [Form.Choice("yes", "yes"), Form.Choice("no", "no")]),
            Form.Field(id: "attachment limit", label: "Attachment limit", value: String(settings.attachmentLimitKiB), maxLength: 8,
                       hint: "KiB per incoming message"),
        ]
        form = Form(title: tr("Mail settings · sending and receiving"), fields: fields)
    }

    /// The settings typed, or `.invalid` naming every field at once.
    func settings() throws -> MailSettings {
        func value(_ id: String) -> String { form.value(id).trimmingCharacters(in: .whitespaces) }
        var issues: [FieldIssue] = []
        var s = original
        s.queueAddresses = MailSettings.queueAddresses(from: value("queue addresses"))
        if let problem = MailSettings.queueAddressProblem(value("queue addresses")) { issues.append(FieldIssue(field: "queue addresses", message: problem)) }
        s.defaultQueue = value("default queue").isEmpty ? "support" : value("default queue")
        s.tagPrefix = value("tag prefix").isEmpty ? "#" : value("tag prefix")
        s.sendmailCommand = value("sendmail")
        var lines = (0..<Self.signatureLines).map { form.value($0 == 0 ? "signature" : "signature \($0 + 1)") }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        s.signature = lines.joined(separator: "\n")
        switch value("acknowledge").lowercased() {
        case "yes", "ja", "y", "j": s.acknowledgeNewTickets = true
        case "no", "nein", "n", "": s.acknowledgeNewTickets = false
        default: issues.append(FieldIssue(field: "acknowledge", message: tr("must be yes or no")))
        }
        if let limit = Int(value("attachment limit")) {
            s.attachmentLimitKiB = limit
        } else {
            issues.append(FieldIssue(field: "attachment limit", message: tr("must be a number of KiB")))
        }
        let all = issues + (s.validate()?.issues ?? []).filter { issue in !issues.contains { $0.field == issue.field } }
        if !all.isEmpty { throw KontorError.invalid(ValidationFailure(all)) }
        return s
    }
}

extension InvoicesScreen {
    /// `@`, on the list and on a record: where mail goes out from and how.
    var mailSettingsAction: Action {
        Action("settings.mail", [.char("@")], "mail settings", help: "Mail settings: queue addresses, sendmail command, signature, acknowledgements",
               group: "Invoices", inFooter: false) { [unowned self] _ in try openMailSettings() }
            .requires(.editSettings, of: session)
    }

    func openMailSettings() throws {
        try session.require(.editSettings)
        stack.push(FormLayer(try mailSettingsEditor(), noun: tr("the settings"), reload: { [unowned self] _ in try mailSettingsEditor() }) {
            [unowned self] layer, host in
            try session.saveMailSettings(try layer.editor.settings(), expected: layer.editor.revision)
            layer.close()
            host.show(tr("Mail settings saved"), isError: false)
        })
    }

    private func mailSettingsEditor() throws -> MailSettingsEditor {
        MailSettingsEditor(settings: try session.mailSettings(), revision: try session.settingsRevision())
    }
}
