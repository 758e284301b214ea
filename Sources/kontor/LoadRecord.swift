import Foundation

/// One line a load-test worker writes (JSON lines, one file per worker):
/// an action with its time, or at the end the worker's summary.
struct LoadRecord: Codable {
    /// The action's kind: a key's ("move", "filter", "open", "close",
    /// "pane", "screen", "start") or a save's ("take ticket", "counter", …);
    /// "summary" for the last line.
    var kind: String
    /// Which key on which screen, where the kind alone says too little
    /// (a filter's letters: "1 mül"); see `ScheduledKey.detail`.
    var detail: String?
    /// Whether this was a save (a write) rather than a key.
    var save: Bool = false
    /// Key to frame, or the save's time, in milliseconds.
    var ms: Double = 0
    /// What the user was shown as an error, if anything.
    var error: String?
    /// A save with nothing to act on (no open ticket left): not timed.
    var skipped: Bool = false
    /// Seconds since the load test started (by the wall clock, which all
    /// processes share), when the record was written.
    var at: Double?
    /// Saves someone else made first, met by this action.
    var conflicts: Int = 0

    // The summary's fields.
    var counter: Int?
    var busyWaits: Int?
    var busyRetries: Int?
    var cpuSeconds: Double?
    var peakRSSKB: Int?
    /// CPU seconds used after the first frame, and the seconds since it:
    /// the session's running cost without its start-up.
    var cpuSinceFirstFrame: Double?
    var secondsSinceFirstFrame: Double?
    /// Proportional set size at the end (kB): resident memory with pages
    /// shared between sessions (the binary, libraries) split among them.
    var pssKB: Int?
}

/// Appends records to a worker's file, one `write` each, so that what was
/// done before a SIGKILL is still there for the parent to read.
final class LoadRecordFile {
    private let handle: FileHandle
    private let encoder = JSONEncoder()
    /// When the load test started, in seconds since 1970.
    private let epoch: Double

    init(path: String, epoch: Double) throws {
        self.epoch = epoch
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw KontorFailure("cannot write \(path)")
        }
        self.handle = handle
    }

    func append(_ record: LoadRecord) {
        var record = record
        record.at = Date().timeIntervalSince1970 - epoch
        guard var data = try? encoder.encode(record) else { return }
        data.append(0x0A)
        handle.write(data)
    }

    static func read(path: String) -> [LoadRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(LoadRecord.self, from: Data($0)) }
    }
}
