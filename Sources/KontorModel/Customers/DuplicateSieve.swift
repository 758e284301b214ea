import GRDB

/// What the bulk duplicate check (`CustomerRepository.possibleDuplicates`
/// with `forgivingTypos: false`) could possibly find, in a fixed 4 MiB: a
/// Bloom filter of every customer's e-mail and name key.
///
/// That check looks up the same e-mail (ASCII case aside, as `COLLATE
/// NOCASE` compares) and the name's sort key with each common legal form
/// (`DuplicateCheck.sortKeyVariants`): fourteen index lookups per imported
/// row, almost all finding nothing. The sieve answers "certainly nothing"
/// from memory; only when it cannot does the import run the check's
/// queries (`ImportDuplicateCheck`), and then it leaves out of them the
/// e-mail and the name variants no customer has. A
/// Bloom filter is never wrong about "certainly nothing" (its errors are
/// only the other way, and cost a lookup), and its size does not grow with
/// the file or the table.
struct DuplicateSieve {
    private var bits: [UInt64]
    private let mask: UInt64
    private static let probes: UInt64 = 4

    /// An empty sieve of `1 << log2Bits` bits (2^25: 4 MiB, about 0.3 %
    /// false hits with two million keys in it).
    init(log2Bits: Int = 25) {
        bits = Array(repeating: 0, count: 1 << (log2Bits - 6))
        mask = (1 << UInt64(log2Bits)) - 1
    }

    /// A sieve holding every customer of the database (archived ones too,
    /// as the check does), read from the two narrow indexes that hold the
    /// keys rather than from the table.
    init(_ db: Database) throws {
        self.init()
        let sortKeys = try String.fetchCursor(db, sql: "SELECT sort_key FROM customers")
        while let key = try sortKeys.next() { add(sortKey: key) }
        let emails = try String.fetchCursor(db, sql: "SELECT email FROM customers WHERE email <> ''")
        while let email = try emails.next() { add(email: email) }
    }

    /// A customer as stored: its sort key and e-mail.
    mutating func add(sortKey: String, email: String) {
        add(sortKey: sortKey)
        add(email: email)
    }

    /// Whether the check might find a twin for a new customer with this
    /// e-mail and name (its `DuplicateCheck.strippedSortKey`, of the
    /// normalised name the importer's fields have). False means it
    /// certainly finds none.
    func mightHaveTwin(email: String, strippedSortKey: String) -> Bool {
        mightHave(email: email) || contains(Self.nameHash(strippedSortKey.utf8))
    }

    /// Whether some customer might have this e-mail; false means none has.
    func mightHave(email: String) -> Bool {
        !email.isEmpty && contains(Self.emailHash(email))
    }

    /// Whether some customer might have exactly this sort key; false means none has.
    func mightHave(sortKey: String) -> Bool {
        contains(Self.exactHash(sortKey.utf8))
    }

    /// A stored sort key is found by the check when it is a name's key
    /// stripped of its legal forms, or that key with one legal suffix: so
    /// it goes in as it is and, for each suffix it ends in, without it;
    /// and once more as itself alone, for `mightHave(sortKey:)`.
    private mutating func add(sortKey: String) {
        let key = Array(sortKey.utf8)
        insert(Self.exactHash(key))
        insert(Self.nameHash(key))
        for suffix in Self.spacedSuffixes where key.count >= suffix.count && key.suffix(suffix.count).elementsEqual(suffix) {
            insert(Self.nameHash(key.dropLast(suffix.count)))
        }
    }

    private mutating func add(email: String) {
        guard !email.isEmpty else { return }
        insert(Self.emailHash(email))
    }

    /// " gmbh", " ag", …: how a variant of `sortKeyVariants` ends.
    private static let spacedSuffixes = DuplicateCheck.legalSuffixes.map { Array(" \($0)".utf8) }

    private static func nameHash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        hash(UInt8(ascii: "n"), bytes, lowercasingASCII: false)
    }

    private static func exactHash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        hash(UInt8(ascii: "k"), bytes, lowercasingASCII: false)
    }

    /// As `COLLATE NOCASE` compares: ASCII letters without case, all else as is.
    private static func emailHash(_ email: String) -> UInt64 {
        hash(UInt8(ascii: "e"), email.utf8, lowercasingASCII: true)
    }

    /// FNV-1a over a tag and the bytes, finished by SplitMix64's mixer.
    private static func hash<C: Collection<UInt8>>(_ tag: UInt8, _ bytes: C, lowercasingASCII: Bool) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(tag)) &* 0x100_0000_01b3
        for var byte in bytes {
            if lowercasingASCII && byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return mix(h)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The probes of a hash: h1 + i·h2, as double hashing does.
    private mutating func insert(_ hash: UInt64) {
        let step = Self.mix(hash) | 1
        for i in 0..<Self.probes {
            let bit = (hash &+ i &* step) & mask
            bits[Int(bit >> 6)] |= 1 << (bit & 63)
        }
    }

    private func contains(_ hash: UInt64) -> Bool {
        let step = Self.mix(hash) | 1
        for i in 0..<Self.probes {
            let bit = (hash &+ i &* step) & mask
            if bits[Int(bit >> 6)] & (1 << (bit & 63)) == 0 { return false }
        }
        return true
    }
}
