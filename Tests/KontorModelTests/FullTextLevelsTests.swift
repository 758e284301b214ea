import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Search indexes built in bulk with a large write buffer, as one segment on
/// a high level (`SQLiteSpecific.buildFullText`), where everyday writes do
/// not reach it for a long time, and FTS5 goes on using them as its own.
@Suite("Search indexes built in bulk sit on a high level")
struct FullTextLevelsTests {
    static let indexes = ["customers_fts", "contacts_fts", "tickets_fts", "ticket_messages_fts", "deals_fts"]

    /// After the demo seeding every index is one segment on the high level,
    /// with no trace of the large buffer in its settings; writes through
    /// the same connection afterwards add small segments below it and
    /// leave it where it is, and FTS5 finds the index sound.
    @Test func theDemoLeavesEachIndexOneSegmentHighUp() throws {
        let t = try TestDatabase()
        try DemoSeeder.seed(t.database, scale: 150, actor: Actor(username: "alice"))
        let high = SQLiteSpecific.fullTextHighLevel
        var built: [String: Int] = [:]
        try t.database.read { db in
            for index in Self.indexes {
                let levels = try #require(try SQLiteSpecific.fullTextLevels(db, index), "\(index)")
                #expect(levels.count == high + 1, "\(index): \(levels)")
                #expect(levels.dropLast().allSatisfy(\.isEmpty) && levels.last?.count == 1, "\(index): \(levels)")
                built[index] = levels.last?.first
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(index)_config WHERE k = 'hashsize'") == 0)
            }
        }

        // Everyday writes, on the connection that seeded.
        let customers = t.database.customers
        for number in 1...40 {
            let customer = try customers.create(CustomerFields(name: "Zeppelin Werke \(number)"), by: t.bob)
            _ = try customers.addContact(to: customer.id, ContactFields(name: "Quirin Zander \(number)"), by: t.bob)
        }
        try t.database.read { db in
            for index in ["customers_fts", "contacts_fts"] {
                let levels = try #require(try SQLiteSpecific.fullTextLevels(db, index))
                #expect(levels.count == high + 1 && levels[high] == [built[index]!], "\(index): \(levels)")
                #expect(levels[..<high].contains { !$0.isEmpty }, "\(index): the new words in small segments below")
            }
        }
        #expect(try customers.page(CustomerQuery(text: "zeppelin"), after: nil, limit: 50).count == 40)
        #expect(try customers.page(CustomerQuery(text: "quirin zand"), after: nil, limit: 50).count == 40)
        try t.database.write { db in
            for index in Self.indexes {
                try db.execute(sql: "INSERT INTO \(index) (\(index)) VALUES ('integrity-check')")
            }
        }
    }

    /// An index of several segments, or with a merge under way, is left as
    /// it is; its record reads back to the same bytes.
    @Test func anIndexOfManySegmentsIsLeftAlone() throws {
        let queue = try DatabaseQueue()
        try queue.inDatabase { db in // each statement its own transaction: its own segment
            try db.execute(sql: "CREATE VIRTUAL TABLE words USING fts5(text)")
            try db.execute(sql: "INSERT INTO words (words, rank) VALUES ('automerge', 0)")
            for number in 0..<5 {
                try db.execute(sql: "INSERT INTO words (text) VALUES (?)", arguments: ["wort \(number)"])
            }
            let record = try #require(try Data.fetchOne(db, sql: "SELECT block FROM words_data WHERE id = 10"))
            let structure = try #require(FullTextStructure(record))
            #expect(structure.segments.count == 5)
            #expect(structure.record == record)
            #expect(try SQLiteSpecific.placeFullTextHigh(db, "words") == false)
            #expect(try Data.fetchOne(db, sql: "SELECT block FROM words_data WHERE id = 10") == record)
            try SQLiteSpecific.mergeFullText(db, "words")
            #expect(try SQLiteSpecific.placeFullTextHigh(db, "words"))
            #expect(try SQLiteSpecific.fullTextLevels(db, "words")?.count == SQLiteSpecific.fullTextHighLevel + 1)
            try db.execute(sql: "INSERT INTO words (words) VALUES ('integrity-check')")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM words WHERE words MATCH 'wort'") == 5)
        }
    }

    /// A record of another shape (a later format's marker after the cookie,
    /// a merge under way, bytes left over) is not read.
    @Test func otherShapesAreNotRead() {
        let cookie: [UInt8] = [0, 0, 0, 1]
        #expect(FullTextStructure(Data(cookie + [0xFF, 0x00, 0x00, 0x01, 1, 1, 0, 0, 1, 1, 1, 3])) == nil)
        #expect(FullTextStructure(Data(cookie + [1, 1, 0, 1, 1, 1, 1, 3])) == nil, "one segment in a merge")
        #expect(FullTextStructure(Data(cookie + [1, 1, 0, 0, 1, 1, 1, 3, 7])) == nil, "a byte left over")
        #expect(FullTextStructure(Data(cookie + [1, 1, 0, 0, 1, 1, 1, 3])) != nil)
    }

    @Test func varintsReadBackAsWritten() {
        for value: UInt64 in [0, 1, 127, 128, 16_383, 16_384, 1 << 35, (1 << 56) - 1, 1 << 56, .max - 1, .max] {
            let bytes = Varint.encode(value)
            var reader = VarintReader(bytes: bytes, at: 0)
            #expect(reader.next() == value && reader.offset == bytes.count, "\(value)")
        }
        #expect(Varint.encode(300) == [0x82, 0x2C])
    }
}
