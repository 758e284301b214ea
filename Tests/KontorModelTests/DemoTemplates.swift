import Foundation
import GRDB
@testable import KontorModel

/// Demo businesses seeded once per test run, one per scale, and copied for
/// each test that asks for one (`TestDatabase(demoScale:)`).
///
/// Seeding a few hundred customers and their year of business takes a
/// second or more in a debug build; several suites compare figures on the
/// same demo business, test by test. A file copy takes milliseconds and
/// gives each test its own database to write to. The seeder is
/// deterministic, so the copy holds what a fresh seeding would.
final class DemoTemplates: @unchecked Sendable {
    static let shared = DemoTemplates()

    /// Where the templates live; removed when the test process exits.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-test-templates-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: DemoTemplates.folder) }
        return url
    }()

    private let lock = NSLock()
    /// Kept open for the whole run: a test database removes its folder when it goes.
    private var templates: [Int: TestDatabase] = [:]

    /// Copies the demo business of `scale` customers to `path`, seeding it
    /// first if no test has asked for that scale yet. Tests asking at the
    /// same time wait for the one seeding.
    func copy(scale: Int, to path: String) throws {
        let source = try template(scale: scale)
        let fm = FileManager.default
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try fm.copyItem(atPath: source, toPath: path)
    }

    private func template(scale: Int) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let made = templates[scale] { return made.path }
        let made = try TestDatabase(folder: Self.folder.appendingPathComponent("scale-\(scale)"))
        // Today whole, whatever the hour the tests run at: the tests' demo
        // holds the same records all day.
        try DemoSeeder.seed(made.database, scale: scale, actor: Actor(username: "alice"), now: DemoMoment.endOfToday)
        // Everything into the main file, so that copying that one file is enough.
        try made.database.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        templates[scale] = made
        return made.path
    }
}

/// The moment demo seedings that are compared with each other are made:
/// the demo's day ends at its moment, so two made seconds apart might
/// differ by what happened in between.
enum DemoMoment {
    static let fixed = Date()
    /// The last second of today.
    static let endOfToday = Calendar.current.startOfDay(for: Date()).addingTimeInterval(86_399)
}
