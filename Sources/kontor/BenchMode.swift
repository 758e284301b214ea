import ArgumentParser
import Foundation
import KontorModel

/// Whether the bench reads a database the system has in memory (warm, the
/// usual case on a busy server) or one it must read from disk (cold, after
/// a night's pause or on a server short of memory).
enum BenchMode: String, CaseIterable, ExpressibleByArgument {
    case warm, cold, both

    /// The modes to measure, in order.
    var runs: [BenchMode] { self == .both ? [.warm, .cold] : [self] }

    var title: String {
        switch self {
        case .warm: "warm: the database in the page cache"
        case .cold: "cold: the database file (and its -wal) evicted from the page cache, and SQLite's own cache emptied, before each measured key"
        case .both: "warm and cold"
        }
    }
}

/// The system's page cache of a database file, which the cold mode empties.
enum PageCache {
    /// Whether this system can evict a file from its page cache without root.
    static var canEvict: Bool {
        #if os(Linux)
        return true
        #else
        return false
        #endif
    }

    /// Asks the kernel to drop its cached pages of the database file and of
    /// its -wal (`posix_fadvise(POSIX_FADV_DONTNEED)`): the next reads go to
    /// the disk. Clean pages go at once; the bench writes nothing.
    static func evict(database path: String) {
        #if os(Linux)
        for file in [path, path + "-wal"] {
            let fd = open(file, O_RDONLY)
            guard fd >= 0 else { continue }
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
            close(fd)
        }
        #endif
    }
}

/// A median and a 99th percentile, in seconds.
struct Stats {
    var median: Double
    var p99: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func at(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))] }
        median = at(0.5)
        p99 = at(0.99)
    }

    /// "  0.123 ms  0.456 ms", right-aligned for the bench's columns.
    var columns: String { KeyTimer.ms(median).leftPad(9) + " " + KeyTimer.ms(p99).leftPad(9) }
}
