import Foundation
import GRDB

/// Building an FTS5 index in bulk the way bulk loaders do, and where its
/// one segment then sits.
///
/// An FTS5 index is a set of segments on numbered levels; every write adds
/// a small segment on level 0, and four segments of a level are merged into
/// one a level higher (sixteen, at once, under the write lock: a "crisis
/// merge"). Built with FTS5's own 1 MiB write buffer, an index merges its
/// way up as it is built and, merged into one segment (`optimize`), lands
/// several levels up, where thousands of small writes must merge before
/// they reach it. Built with a 256 MiB buffer, a third faster, the index is
/// one or a few huge segments on level 0 (one after `optimize`, on level 0
/// or 1), which the next few small writes merge again, all of it, under the
/// write lock: 200 sessions saw saves' p99 of 4 s and "database is locked".
///
/// FTS5 has no command to say where a segment goes, so after a build this
/// rewrites the index's structure record (row 10 of `<table>_data`: a
/// 4-byte cookie, then varints: levels, segments, write counter, and per
/// level the segments in a merge, the segments, and per segment its id,
/// first and last page) with the one segment on a high level and nothing
/// else changed. Only the record as SQLite 3.x writes it for an index
/// without deletions of contentless rows is rewritten; any other shape
/// (a later format, more than one segment) is left alone and the index is
/// built again with FTS5's own buffer, slower and as FTS5 would.
extension SQLiteSpecific {
    /// The level the one segment is put on. A small write's segment climbs
    /// a level each time four of its level merge, so about 4⁸ = 65 536
    /// merges of the lowest level (a quarter of a million writes) come
    /// before it; FTS5's own build of the customers' index at a million
    /// ends on level 7.
    static let fullTextHighLevel = 8

    /// Builds an FTS5 index from scratch (`build`: its rebuild statement)
    /// with a 256 MiB write buffer, merges it into one segment, puts that on
    /// `fullTextHighLevel` and sets the buffer back (no trace of it left in
    /// the index's settings). The customers' index at a million: 24.4 s
    /// with FTS5's own buffer, 18.1 s so; the tickets', messages', deals'
    /// and contacts' together 20.9 s and 8.9 s.
    static func buildFullText(_ db: Database, _ table: String, _ build: String) throws {
        try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('hashsize', 268435456)")
        try db.execute(sql: build)
        try mergeFullText(db, table)
        try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('hashsize', 1048576)")
        try db.execute(sql: "DELETE FROM \(table)_config WHERE k = 'hashsize'")
        if try !placeFullTextHigh(db, table) {
            try db.execute(sql: build)
            try mergeFullText(db, table)
        }
    }

    /// Puts the one segment of an FTS5 index on `fullTextHighLevel` (or
    /// leaves it where it is, if higher), if its structure record has the
    /// shape described above; false (and nothing written) otherwise.
    @discardableResult
    static func placeFullTextHigh(_ db: Database, _ table: String) throws -> Bool {
        guard let structure = try fullTextStructure(db, table), structure.segments.count == 1 else { return false }
        if structure.levels.count > fullTextHighLevel { return true }
        var placed = structure
        placed.levels = Array(repeating: [], count: fullTextHighLevel) + [structure.segments]
        try db.execute(sql: "UPDATE \(table)_data SET block = ? WHERE id = 10", arguments: [placed.record])
        return true
    }

    /// The levels of an FTS5 index: for each level, its segments' sizes in
    /// pages; nil when its structure record has another shape.
    static func fullTextLevels(_ db: Database, _ table: String) throws -> [[Int]]? {
        try fullTextStructure(db, table)?.levels.map { $0.map { Int($0.lastPage - $0.firstPage + 1) } }
    }

    /// An FTS5 index's structure record (row 10 of `<table>_data`), read;
    /// nil when it has another shape.
    private static func fullTextStructure(_ db: Database, _ table: String) throws -> FullTextStructure? {
        try Data.fetchOne(db, sql: "SELECT block FROM \(table)_data WHERE id = 10").flatMap(FullTextStructure.init)
    }
}

/// An FTS5 structure record with no merge under way, read and written
/// (see `SQLiteSpecific.buildFullText`).
struct FullTextStructure: Equatable {
    struct Segment: Equatable {
        var id: UInt64
        var firstPage: UInt64
        var lastPage: UInt64
    }

    var cookie: Data
    var writeCounter: UInt64
    var levels: [[Segment]]

    var segments: [Segment] { levels.flatMap { $0 } }

    /// Reads `record`; nil unless it is the plain shape, read to its last
    /// byte, with no merge under way on any level.
    init?(_ record: Data) {
        let bytes = [UInt8](record)
        guard bytes.count >= 4 else { return nil }
        var reader = VarintReader(bytes: bytes, at: 4)
        guard let levelCount = reader.next(), let segmentCount = reader.next(),
              let writeCounter = reader.next(), levelCount <= 64 else { return nil }
        var levels: [[Segment]] = []
        for _ in 0..<levelCount {
            guard let merging = reader.next(), merging == 0, let count = reader.next(), count <= segmentCount else { return nil }
            var level: [Segment] = []
            for _ in 0..<count {
                guard let id = reader.next(), let first = reader.next(), let last = reader.next(), first <= last else { return nil }
                level.append(Segment(id: id, firstPage: first, lastPage: last))
            }
            levels.append(level)
        }
        guard reader.offset == bytes.count, levels.reduce(0, { $0 + $1.count }) == segmentCount else { return nil }
        self.cookie = Data(bytes[0..<4])
        self.writeCounter = writeCounter
        self.levels = levels
    }

    /// The record as FTS5 writes it.
    var record: Data {
        var bytes = [UInt8](cookie)
        func put(_ value: UInt64) { bytes += Varint.encode(value) }
        put(UInt64(levels.count))
        put(UInt64(segments.count))
        put(writeCounter)
        for level in levels {
            put(0)
            put(UInt64(level.count))
            for segment in level {
                put(segment.id)
                put(segment.firstPage)
                put(segment.lastPage)
            }
        }
        return Data(bytes)
    }
}

/// SQLite's variable-length integers (as FTS5 writes them): big-endian
/// groups of seven bits, the high bit set on every byte but the last; a
/// ninth byte, if any, holds eight bits.
enum Varint {
    static func encode(_ value: UInt64) -> [UInt8] {
        if value >> 56 != 0 {
            var bytes = [UInt8](repeating: 0, count: 9)
            bytes[8] = UInt8(truncatingIfNeeded: value)
            var rest = value >> 8
            for index in stride(from: 7, through: 0, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: rest & 0x7f) | 0x80
                rest >>= 7
            }
            return bytes
        }
        var groups: [UInt8] = [UInt8(value & 0x7f)]
        var rest = value >> 7
        while rest != 0 {
            groups.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        return groups.reversed()
    }
}

struct VarintReader {
    let bytes: [UInt8]
    var offset: Int

    init(bytes: [UInt8], at offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// The next varint; nil past the end.
    mutating func next() -> UInt64? {
        var value: UInt64 = 0
        for index in 0..<9 {
            guard offset < bytes.count else { return nil }
            let byte = bytes[offset]
            offset += 1
            if index == 8 { return value << 8 | UInt64(byte) }
            value = value << 7 | UInt64(byte & 0x7f)
            if byte & 0x80 == 0 { return value }
        }
        return value
    }
}
