import KontorLocale
import Foundation
import KontorModel
import KontorUI

/// Colleagues in the same record: the App tells the model's `Presence`
/// where this session stands after every key (written only when the place
/// changed, or as a heartbeat every few seconds) and on every idle tick,
/// and reads who else is at work then. A record's band ("Ben Front is
/// editing this invoice") and the Staff screen's "connected now" come
/// from that one reading.
extension App {
    /// Where this session stands, as colleagues see it.
    var presencePlace: PresencePlace {
        let location = activeScreen.location
        let editing = (activeScreen as? LayeredScreen)?.stack.isEditing ?? false
        guard let record = location.record else { return PresencePlace(screen: screens[activeIndex].id.name) }
        let (kind, id) = Self.presenceRecord(record)
        return PresencePlace(screen: screens[activeIndex].id.name, kind: kind, recordID: id, recordTitle: location.title.text, editing: editing)
    }

    static func presenceRecord(_ link: RecordLink) -> (PresencePlace.Kind, Int64) {
        switch link {
        case let .customer(id): return (.customer, id)
        case let .ticket(id): return (.ticket, id)
        case let .deal(id): return (.deal, id)
        case let .invoice(id): return (.invoice, id)
        case let .product(id): return (.product, id)
        case let .staff(id): return (.staff, id)
        }
    }

    /// Says where this session is (when that changed, or a heartbeat is
    /// due) and, when `reading` or the place changed, reads who else is
    /// where — as much as this screen shows: everyone on a screen that
    /// lists who is connected (Staff), the colleagues in the open record
    /// elsewhere, nobody on a plain list. A hundred sessions each reading
    /// every row every second would cost the server in the square of the
    /// sessions; reading only what is shown keeps it in proportion.
    func refreshPresence(reading: Bool) {
        let place = presencePlace
        let moved = place != lastPresencePlace
        presence.update(place)
        lastPresencePlace = place
        guard reading || moved else { return }
        if activeScreen.showsWhoIsConnected {
            presentNow = presence.everyone()
        } else if let record = activeScreen.location.record {
            let (kind, id) = Self.presenceRecord(record)
            presentNow = presence.everyone(at: kind, id)
        } else {
            presentNow = []
        }
    }

    /// The band over an open record when colleagues have it open too:
    /// "Ben Front is editing · Carol Back is viewing". Nil when nobody is.
    var presenceNote: String? {
        guard let record = activeScreen.location.record else { return nil }
        let (kind, id) = Self.presenceRecord(record)
        let others = Presence.others(of: presence.sessionID, at: kind, id, in: presentNow)
        guard !others.isEmpty else { return nil }
        var seen = Set<String>()
        let words = others.compactMap { entry -> String? in
            let phrase = entry.place.editing ? tr("{0} is editing", entry.fullName) : tr("{0} is viewing", entry.fullName)
            return seen.insert(phrase).inserted ? phrase : nil
        }
        return words.joined(separator: " · ")
    }

    func drawPresence(_ note: String, in rect: Rect, grid: inout Grid) {
        grid.fill(rect, style: theme[.warning])
        grid.write("◆ " + note, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: theme[.warning])
    }
}

extension PresenceEntry {
    /// What of the entry a screen shows: all but the heartbeat, which
    /// changes every few seconds while nothing visible does.
    var shown: PresenceEntry {
        var entry = self
        entry.heartbeat = .distantPast
        return entry
    }

    /// "Invoices › Invoice 2026-00042 (editing)", or the screen alone.
    var whereabouts: String {
        guard place.kind != nil else { return Wording.text(place.screen) }
        return "\(Wording.text(place.screen)) › \(place.recordTitle)" + (place.editing ? tr(" (editing)") : "")
    }
}
