import Foundation
@testable import KontorApp
import Testing
#if os(Linux)
import Glibc
#endif

/// Background work runs at a lower priority than the thread that takes
/// keys: on a server with many sessions, a person's key comes before
/// anyone's dashboard figures.
@Suite("Background priority")
struct BackgroundPriorityTests {
    static func niceness() -> Int32 {
        #if os(Linux)
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
        0
        #endif
    }

    /// Polls as the App's loop does, on this thread, with a deadline.
    func niceness(of background: Background) throws -> Int32 {
        var seen: Int32?
        background.start({ outbox in outbox.send(Self.niceness()) }, receive: { seen = $0 })
        let deadline = Date().addingTimeInterval(60)
        repeat {
            background.deliver()
            if seen == nil { Thread.sleep(forTimeInterval: 0.002) }
        } while seen == nil && Date() < deadline
        return try #require(seen)
    }

    @Test func backgroundWorkYieldsToKeys() throws {
        #if os(Linux)
        let before = Self.niceness()
        #expect(try niceness(of: Background()) == 10)
        #expect(try niceness(of: Background(label: "kontor.related", qos: .userInitiated)) == 10)
        // The thread that asked keeps its own.
        #expect(Self.niceness() == before)
        #endif
    }
}
