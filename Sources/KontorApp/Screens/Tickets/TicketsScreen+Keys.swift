import KontorModel
import KontorUI

/// The keys of the Tickets screen: one registry that drives dispatch, the
/// footer and the help.
extension TicketsScreen {
    var bindings: [KeyBinding] {
        if let overlay { return overlayBindings(overlay) }
        if detail != nil { return detailBindings }
        if filter != nil {
            return [
                KeyBinding("filter.done", [.enter], "keep filter", help: "Stop typing, keep the filter", group: "Filter"),
                KeyBinding("filter.clear", [.escape], "clear", help: "Clear the filter", group: "Filter"),
                KeyBinding("list.down", [.down], "down", help: "Next row", group: "Filter", inFooter: false),
                KeyBinding("list.up", [.up], "up", help: "Previous row", group: "Filter", inFooter: false),
            ] + Form.bindings.filter { $0.group == "Editing" }
        }
        return listBindings
    }

    private var bulkSuffix: String { marked.isEmpty ? "" : " \(marked.count)" }

    private var listBindings: [KeyBinding] {
        var keys = [
            KeyBinding("ticket.open", [.enter], "open", help: "Open the highlighted ticket: its thread and customer", group: "Tickets"),
            KeyBinding("list.filter", [.char("/")], "filter", help: "Filter as you type: subject, customer or #number", group: "Tickets"),
            KeyBinding("ticket.take", [.char("t")], "take" + bulkSuffix, help: "Assign to me (the marked tickets, if any)", group: "Tickets"),
            KeyBinding("ticket.assign", [.char("a")], "assign" + bulkSuffix, help: "Assign to a colleague (the marked tickets, if any)", group: "Tickets"),
            KeyBinding("ticket.status", [.char("s")], "status" + bulkSuffix, help: "Change the status (the marked tickets, if any)", group: "Tickets"),
            KeyBinding("ticket.priority", [.char("p")], "priority" + bulkSuffix, help: "Change the priority (the marked tickets, if any)", group: "Tickets"),
            KeyBinding("ticket.mark", [.space], "mark", help: "Mark or unmark the row for a bulk change (PgDn pages)", group: "Tickets"),
            KeyBinding("ticket.new", [.char("n")], "new", help: "New ticket: choose the customer, then subject and message", group: "Tickets"),
            KeyBinding("view.next", [.char("v")], "view", help: "Next view: all open, mine, unassigned, pending, breached", group: "Views"),
            KeyBinding("view.queue", [.char("Q")], "queue", help: "Next queue: all, support, billing, sales, …", group: "Views"),
            KeyBinding("ticket.reply", [.char("r")], "reply", help: "Reply to the customer on the highlighted ticket", group: "Tickets"),
            KeyBinding("ticket.note", [.char("i")], "note", help: "Add an internal note (never shown to the customer)", group: "Tickets"),
            KeyBinding("ticket.pending", [.char("w")], "wait until", help: "Set pending until a date (the marked tickets, if any)", group: "Tickets"),
            KeyBinding("ticket.merge", [.char("m")], "merge", help: "Merge the highlighted ticket into another of the same customer", group: "Tickets"),
        ]
        for view in QueueView.allCases {
            keys.append(KeyBinding("view.\(view.key)", [.char(view.key)], view.label.lowercased(), help: "View: \(view.label.lowercased())",
                                   group: "Views", inFooter: false))
        }
        if !marked.isEmpty {
            keys.insert(KeyBinding("marks.clear", [.escape], "unmark all", help: "Unmark every marked ticket", group: "Tickets"), at: 2)
        } else if !text.isEmpty {
            keys.insert(KeyBinding("filter.clear", [.escape], "clear filter", help: "Clear the filter", group: "Tickets"), at: 2)
        }
        if list.isEmpty {
            let needRow: Set<String> = ["ticket.open", "ticket.reply", "ticket.note", "ticket.merge", "ticket.mark"]
            keys.removeAll { needRow.contains($0.id) && marked.isEmpty }
            if marked.isEmpty {
                keys.removeAll { ["ticket.take", "ticket.assign", "ticket.status", "ticket.priority", "ticket.pending"].contains($0.id) }
            }
        }
        let movement = ListKeys.movement.map { binding -> KeyBinding in
            // Space marks rows here; PgDn and Ctrl-F still page.
            var b = binding
            b.keys.removeAll { $0 == .space }
            return b
        }
        return keys + movement
    }

    private var detailBindings: [KeyBinding] {
        var keys = [
            KeyBinding("detail.back", [.escape, .backspace], "back", help: "Back to the queue", group: "Ticket"),
            KeyBinding("ticket.reply", [.char("r")], "reply", help: "Reply to the customer", group: "Ticket"),
            KeyBinding("ticket.note", [.char("i")], "note", help: "Add an internal note (never shown to the customer)", group: "Ticket"),
            KeyBinding("ticket.take", [.char("t")], "take", help: "Assign to me", group: "Ticket"),
            KeyBinding("ticket.assign", [.char("a")], "assign", help: "Assign to a colleague", group: "Ticket"),
            KeyBinding("ticket.status", [.char("s")], "status", help: "Change the status", group: "Ticket"),
            KeyBinding("ticket.priority", [.char("p")], "priority", help: "Change the priority", group: "Ticket"),
            KeyBinding("ticket.pending", [.char("w")], "wait until", help: "Set pending until a date", group: "Ticket"),
            KeyBinding("ticket.merge", [.char("m")], "merge", help: "Merge into another ticket of the same customer", group: "Ticket"),
            KeyBinding("ticket.customer", [.enter, .char("c")], "customer", help: "Go to the customer of this ticket", group: "Ticket"),
            KeyBinding("ticket.new", [.char("n")], "new", help: "New ticket", group: "Ticket"),
            KeyBinding("thread.down", [.char("j"), .down], "scroll", help: "Scroll the thread down", group: "Moving", inFooter: false),
            KeyBinding("thread.up", [.char("k"), .up], "scroll up", help: "Scroll the thread up", group: "Moving", inFooter: false),
            KeyBinding("thread.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "Next page of the thread", group: "Moving", inFooter: false),
            KeyBinding("thread.pageUp", [.pageUp, .ctrl("b")], "page up", help: "Previous page of the thread", group: "Moving", inFooter: false),
            KeyBinding("thread.top", [.char("g"), .home], "first message", help: "First message", group: "Moving", inFooter: false),
            KeyBinding("thread.bottom", [.char("G"), .end], "latest message", help: "Latest message", group: "Moving", inFooter: false),
            KeyBinding("detail.next", [.char("J")], "next ticket", help: "Next ticket in the queue", group: "Moving", inFooter: false),
            KeyBinding("detail.previous", [.char("K")], "previous ticket", help: "Previous ticket in the queue", group: "Moving", inFooter: false),
        ]
        if detail?.conflict == true {
            keys.insert(KeyBinding("detail.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version of the ticket", group: "Ticket"), at: 1)
        }
        return keys
    }

    private func overlayBindings(_ overlay: TicketOverlay) -> [KeyBinding] {
        switch overlay {
        case .picker:
            return Picker.bindings
        case let .menu(dialog, _), let .confirm(dialog, _):
            return dialog.bindings
        case let .compose(composer):
            var keys = [
                KeyBinding("compose.save", [.ctrl("s")], composer.kind == .note ? "save note" : "send reply",
                           help: composer.kind == .note ? "Save the note" : "Save the reply to the thread", group: "Message"),
                KeyBinding("compose.cancel", [.escape], "cancel", help: "Close without saving (asks if anything was typed)", group: "Message"),
                KeyBinding("compose.newline", [.enter], "new line", help: "A line break", group: "Editing", inFooter: false, passesThrough: true),
            ] + Form.bindings.filter { $0.group == "Editing" }
            if composer.conflict {
                keys.insert(KeyBinding("compose.reload", [.ctrl("r")], "reload ticket",
                                       help: "Load the saved ticket (your text stays), then save again", group: "Message"), at: 1)
            }
            return keys
        case .pending, .newTicket:
            return [
                KeyBinding("form.save", [.ctrl("s")], "save", help: "Save", group: "Form"),
                KeyBinding("form.cancel", [.escape], "cancel", help: "Close without saving", group: "Form"),
                KeyBinding("form.next", [.tab], "next field", help: "Next field", group: "Form", passesThrough: true),
            ] + Form.bindings.filter { $0.group == "Editing" }
        }
    }
}
