import Foundation
import KontorModel

/// The dashboard's figures as far as they are known: each family is nil
/// until it has been read once, and keeps its last value while a fresh one
/// is computed.
struct DashboardFigures: Sendable {
    var tickets: OpenTicketFigures?
    var pipeline: [DealStageTotal]?
    var revenue: [MonthRevenue]?
    var receivables: ReceivableFigures?
    var lowStock: LowStockFigures?
    var topCustomers: [CustomerRevenue]?
    /// When the last complete set was read.
    var readAt: Date?
    /// How long reading the last complete set took.
    var seconds: Double?
    /// Why the last reading failed, if it did.
    var failure: String?
    /// Counts the changes, so that what is derived from the figures can be
    /// kept until they change.
    var version = 0
}

/// Reads the dashboard's figures on a background queue, away from the
/// keyboard: a key never waits for a sum over a million rows.
///
/// The screen asks for a fresh set when it is shown and when the data
/// changes; the loader reads the families one after another through the
/// database's read pool (other sessions' reads and writes carry on) and
/// publishes each as soon as it is known, so the figures appear as they
/// arrive. Requests that come while a set is being read are folded into one
/// more reading afterwards. A reading waits until ten times its predecessor's
/// duration has passed since that one started, so that however busy the
/// database, keeping the dashboard current costs at most a tenth of a core.
final class DashboardLoader: @unchecked Sendable {
    private let reports: ReportRepository
    private let staffID: Int64
    private let now: @Sendable () -> Date
    private let queue = DispatchQueue(label: "kontor.dashboard", qos: .utility)
    /// Guards everything below it.
    private let lock = NSLock()
    private var current = DashboardFigures()
    private var running = false
    private var wanted = false
    private var lastStart: Date?
    private var lastDuration: TimeInterval = 0

    /// The share of a core the dashboard may use to keep itself current.
    static let dutyCycle = 0.1

    init(reports: ReportRepository, staffID: Int64, now: @escaping @Sendable () -> Date) {
        self.reports = reports
        self.staffID = staffID
        self.now = now
    }

    /// The figures known now.
    var figures: DashboardFigures { lock.withLock { current } }

    /// Whether a reading is under way or waiting to start.
    var isReading: Bool { lock.withLock { running } }

    /// Asks for a fresh set of figures. `immediately` skips the wait that
    /// spreads readings out (when the person asked for it).
    func refresh(immediately: Bool = false) {
        let start: Bool = lock.withLock {
            wanted = true
            if immediately { lastStart = nil }
            if running { return false }
            running = true
            return true
        }
        if start { schedule() }
    }

    private func schedule() {
        let delay: TimeInterval = lock.withLock {
            guard let lastStart else { return 0 }
            let earliest = lastStart.addingTimeInterval(lastDuration / Self.dutyCycle)
            return max(0, earliest.timeIntervalSinceNow)
        }
        queue.asyncAfter(deadline: .now() + delay) { [self] in read() }
    }

    private func read() {
        let started = Date()
        lock.withLock {
            wanted = false
            lastStart = started
        }
        let moment = now()
        let today = CalendarDate.string(from: moment)
        do {
            // Cheapest first, so the screen fills quickly.
            let lowStock = try reports.lowStock()
            publish { $0.lowStock = lowStock }
            let receivables = try reports.receivables(today: today)
            publish { $0.receivables = receivables }
            let tickets = try reports.openTickets(now: moment, staffID: staffID)
            publish { $0.tickets = tickets }
            let pipeline = try reports.pipeline()
            publish { $0.pipeline = pipeline }
            let revenue = try reports.revenueByMonth(today: today)
            publish { $0.revenue = revenue }
            let top = try reports.topCustomers(today: today)
            let seconds = Date().timeIntervalSince(started)
            publish {
                $0.topCustomers = top
                $0.readAt = moment
                $0.seconds = seconds
                $0.failure = nil
            }
        } catch {
            publish { $0.failure = "\(error)" }
        }
        let again: Bool = lock.withLock {
            lastDuration = Date().timeIntervalSince(started)
            if wanted { return true }
            running = false
            return false
        }
        if again { schedule() }
    }

    private func publish(_ change: (inout DashboardFigures) -> Void) {
        lock.withLock {
            change(&current)
            current.version += 1
        }
    }
}
