import Foundation
import Testing

/// `kontor demo --seed-only` into a log: the summary with the rows per
/// second and each step's time, and no progress bar (its escapes belong
/// on a terminal only).
@Suite("Seeding a demo from the command line")
struct DemoSeedCommandTests {
    @Test func theSummarySaysEachStepsTimeAndNoBarReachesALog() async throws {
        let workspace = try Workspace()
        let result = try await Processes.run(try KontorBinary.path(), ["demo", "--seed-only", "--scale", "40", "--db", workspace.file("d.sqlite")],
                                             environment: workspace.environment)
        #expect(result.status == 0, "\(result.err)")
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.range(of: #"^kontor: \d+ rows in \d+\.\d\d s \(\d+ rows/s\)$"#, options: .regularExpression) != nil }, "\(lines)")
        let steps = try #require(lines.first { $0.hasPrefix("kontor: steps: ") }, "\(lines)")
        for step in ["staff", "customers", "contacts, products and deals", "a year of invoices and tickets", "indexes",
                     "search index of customers", "search index of tickets", "statistics for the query planner"] {
            #expect(steps.range(of: "(: |· )\(step) \\d+\\.\\d s", options: .regularExpression) != nil, "\(step): \(steps)")
        }
        #expect(!steps.contains("done"))
        #expect(!result.err.contains("\u{1B}") && !result.err.contains("\r"), "no bar in a log")
    }
}
