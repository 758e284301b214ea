import Foundation

/// Service-level deadlines: how soon a ticket must first be answered and
/// resolved, by priority, counted in calendar hours from its creation.
///
/// The deadlines are stored on the ticket rather than computed on reading,
/// so the queue can be walked in `sla_due` order from an index; every change
/// that affects them (priority, a first reply, status) recomputes them in the
/// same transaction.
public enum TicketSLA {
    /// The promised response and resolution times of one priority.
    public struct Target: Equatable, Sendable {
        public let firstResponseHours: Int
        public let resolutionHours: Int
    }

    public static func target(for priority: TicketPriority) -> Target {
        switch priority {
        case .urgent: return Target(firstResponseHours: 1, resolutionHours: 4)
        case .high: return Target(firstResponseHours: 4, resolutionHours: 24)
        case .normal: return Target(firstResponseHours: 8, resolutionHours: 72)
        case .low: return Target(firstResponseHours: 24, resolutionHours: 168)
        }
    }

    /// The first-response and resolution deadlines of a ticket created at
    /// `createdAt` (a stored timestamp).
    static func dueTimes(createdAt: String, priority: TicketPriority) -> (firstResponse: String, resolution: String) {
        let created = TicketTime.date(from: createdAt) ?? Date()
        let target = target(for: priority)
        return (TicketTime.string(created, plusHours: target.firstResponseHours),
                TicketTime.string(created, plusHours: target.resolutionHours))
    }

    /// The deadline the queue sorts by: the first response until one was
    /// sent, then the resolution; none once the ticket no longer needs work.
    /// While pending, the clock stops: the ticket is due again when the wait
    /// for the customer ends.
    static func nextDeadline(status: TicketStatus, firstResponseAt: String?, firstResponseDue: String, resolutionDue: String,
                             pendingUntil: String? = nil) -> String? {
        guard status.isOpen else { return nil }
        if status == .pending, let pendingUntil { return pendingDeadline(pendingUntil) }
        return firstResponseAt == nil ? firstResponseDue : resolutionDue
    }

    /// "2026-12-03" → the start of that day as a stored timestamp.
    static func pendingDeadline(_ until: String) -> String { until.count == 10 ? until + "T00:00:00Z" : until }
}

extension Ticket {
    /// The same ticket with its derived SLA columns brought up to date with
    /// its priority, status and first response.
    func withSLA() -> Ticket {
        var copy = self
        (copy.firstResponseDue, copy.resolutionDue) = TicketSLA.dueTimes(createdAt: createdAt, priority: priority)
        copy.slaDue = TicketSLA.nextDeadline(status: status, firstResponseAt: firstResponseAt,
                                             firstResponseDue: copy.firstResponseDue, resolutionDue: copy.resolutionDue,
                                             pendingUntil: pendingUntil)
        return copy
    }
}

/// Reading and shifting stored timestamps ("2026-11-29T10:00:00Z").
///
/// UTC has no daylight-saving jumps, so calendar hours are plain multiples
/// of 3 600 seconds.
enum TicketTime {
    static func date(from text: String) -> Date? { Timestamp.date(from: text) }

    static func string(_ date: Date, plusHours hours: Int) -> String {
        Timestamp.string(from: date.addingTimeInterval(TimeInterval(hours) * 3600))
    }
}
