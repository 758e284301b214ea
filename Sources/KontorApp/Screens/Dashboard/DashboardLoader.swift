import Foundation
import KontorLocale
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

/// Reads the dashboard's figures in the background, away from the
/// keyboard: a key never waits for a sum over a million rows.
///
/// The screen asks for a fresh set when it is shown and when the data
/// changes; the loader reads the families one after another through the
/// database's read pool (other sessions' reads and writes carry on) and
/// sends each home as soon as it is known, so the figures appear as they
/// arrive, each in the update step after it was read (see `Background`).
/// Requests that come while a set is being read are folded into one more
/// reading afterwards. A reading waits until ten times its predecessor's
/// duration has passed since that one started, times the number of
/// sessions on a dashboard now, so that however busy the database and
/// however many colleagues watch their dashboards, keeping all of them
/// current costs at most a tenth of a core together.
///
/// Everything here runs on the screens' thread; only `read` runs in the
/// background, and it shares nothing but what it sends.
final class DashboardLoader {
    /// What a reading sends home.
    enum Message: Sendable {
        /// One more family of figures is known.
        case figures(@Sendable (inout DashboardFigures) -> Void)
        /// When the reading started and how long it took.
        case took(started: Date, seconds: TimeInterval)
    }

    private let reports: ReportRepository
    private let staffID: Int64
    private let now: @Sendable () -> Date
    private let background: Background
    /// The figures known now.
    private(set) var figures = DashboardFigures()
    /// Whether a reading is under way or waiting to start.
    private(set) var isReading = false
    /// Called after the figures changed, in the update step.
    var changed: () -> Void = {}
    private var wanted = false
    /// Tells the reading under way to stop; a new one for each reading.
    private var stopping = StopFlag()
    /// When the reading under way starts (or started).
    private var startsAt: Date?
    private var lastStart: Date?
    private var lastDuration: TimeInterval = 0

    /// The share of a core the dashboards open at once may use together
    /// to keep themselves current.
    static let dutyCycle = 0.1
    /// How many sessions show a dashboard now, this one included (at least 1).
    var sharers: () -> Int = { 1 }

    init(reports: ReportRepository, staffID: Int64, now: @escaping @Sendable () -> Date, background: Background) {
        self.reports = reports
        self.staffID = staffID
        self.now = now
        self.background = background
    }

    /// Asks for a fresh set of figures. `immediately` skips the wait that
    /// spreads readings out (when the person asked for it).
    func refresh(immediately: Bool = false) {
        if immediately { lastStart = nil }
        guard isReading else { return schedule() }
        // Back before a reading told to stop has ended: a whole one follows it.
        if stopping.isRaised { wanted = true; return }
        // A reading still waiting to start will see the change; one under
        // way may not, so another follows it.
        if let startsAt, startsAt > Date() { return }
        wanted = true
    }

    /// The person left the dashboard: the reading under way stops after
    /// the family it is reading, and none waiting starts. The figures
    /// read so far stay; coming back reads a whole set again.
    func stop() {
        stopping.raise()
        wanted = false
    }

    /// Whether the last reading was told to stop.
    var stopRequested: Bool { stopping.isRaised }

    private func schedule() {
        isReading = true
        wanted = false
        stopping = StopFlag()
        let stopping = self.stopping
        let delay = lastStart.map { Self.wait(after: $0, took: lastDuration, sharers: sharers(), now: Date()) } ?? 0
        startsAt = Date().addingTimeInterval(delay)
        let (reports, staffID, now) = (self.reports, self.staffID, self.now)
        background.start(after: delay, { outbox in
            Self.read(reports: reports, staffID: staffID, now: now, stopping: stopping, send: outbox.send)
        }, receive: { [weak self] (message: Message) in
            self?.receive(message)
        }, finished: { [weak self] in
            self?.finished()
        })
    }

    /// How long a reading waits when the last one started at `start` and
    /// took `took`, with `sharers` sessions on a dashboard: each keeps to
    /// its share of `dutyCycle`.
    static func wait(after start: Date, took: TimeInterval, sharers: Int, now: Date) -> TimeInterval {
        let share = dutyCycle / Double(max(1, sharers))
        return max(0, start.addingTimeInterval(took / share).timeIntervalSince(now))
    }

    private func receive(_ message: Message) {
        switch message {
        case let .figures(change):
            change(&figures)
            figures.version += 1
            changed()
        case let .took(started, seconds):
            lastStart = started
            lastDuration = seconds
        }
    }

    private func finished() {
        isReading = false
        startsAt = nil
        if wanted { schedule() }
    }

    /// One reading, in the background: each family sent home as soon as it is known.
    static func read(reports: ReportRepository, staffID: Int64, now: () -> Date, stopping: StopFlag, send: (Message) -> Void) {
        let started = Date()
        let moment = now()
        let today = CalendarDate.string(from: moment)
        // What a reading read counts in the wait that spreads readings out,
        // also when it was told to stop halfway: a person passing through
        // the dashboard again and again reads it no more often than one who
        // stays (with 200 sessions at a million rows, counting only whole
        // readings let passing visits read on nearly every visit, half a
        // core). One stopped before its first family read nothing and
        // counts for nothing.
        var readSomething = false
        defer { if readSomething { send(.took(started: started, seconds: Date().timeIntervalSince(started))) } }
        do {
            // Cheapest first, so the screen fills quickly. A reading told
            // to stop ends between two families.
            guard !stopping.isRaised else { return }
            readSomething = true
            let lowStock = try reports.lowStock()
            send(.figures { $0.lowStock = lowStock })
            guard !stopping.isRaised else { return }
            let receivables = try reports.receivables(today: today)
            send(.figures { $0.receivables = receivables })
            guard !stopping.isRaised else { return }
            let tickets = try reports.openTickets(now: moment, staffID: staffID)
            send(.figures { $0.tickets = tickets })
            guard !stopping.isRaised else { return }
            let pipeline = try reports.pipeline()
            send(.figures { $0.pipeline = pipeline })
            guard !stopping.isRaised else { return }
            let revenue = try reports.revenueByMonth(today: today)
            send(.figures { $0.revenue = revenue })
            guard !stopping.isRaised else { return }
            let top = try reports.topCustomers(today: today)
            let seconds = Date().timeIntervalSince(started)
            send(.figures {
                $0.topCustomers = top
                $0.readAt = moment
                $0.seconds = seconds
                $0.failure = nil
            })
        } catch {
            let failure = ErrorText.describe(error)
            send(.figures { $0.failure = failure })
        }
    }
}

