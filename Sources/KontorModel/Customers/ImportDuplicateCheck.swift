import GRDB

/// The bulk duplicate check of an import, row after row: the first customer
/// `CustomerRepository.possibleDuplicates(forgivingTypos: false)` would
/// name for a new one, found with statements prepared once.
///
/// Names in a real file repeat (85 % of the rows of a 100 000-customer
/// export share a name with an earlier one), so the sieve rarely spares
/// the name's lookup, and that lookup was the import's largest cost: a
/// statement found in GRDB's cache by its text, its keys as fresh
/// arguments, up to twenty candidates read whole as `CustomerSummary`
/// and each name split into its core words. Here the same queries are
/// bound directly and stepped only as far as the first candidate whose
/// core words are the row's; a candidate with the name the one before it
/// had needs no splitting, and the twin's name is all that is read.
///
/// The queries are the reference check's, candidate for candidate in its
/// order (the same index walked the same way, under the same `LIMIT`), so
/// the twin is the one it names; `ImportEquivalenceTests` holds the two
/// to that, row by row.
final class ImportDuplicateCheck {
    /// Which rows the check could find anything for.
    private var sieve: DuplicateSieve
    private let byEmail: PreparedRows
    /// The name lookup by how many sort keys it is given (1 to 13).
    private var byNames: [Int: PreparedRows] = [:]
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        sieve = try DuplicateSieve(db)
        byEmail = try PreparedRows(db, sql: CustomerRepository.sameEmailSQL(columns: "id, name", limit: "1"))
    }

    /// The customer a new one with these (normalised) fields may be the
    /// same as, if any: its id and name. `variants` and `core` are the
    /// name's `DuplicateCheck.sortKeyVariants` and `coreWords`.
    func twin(of fields: CustomerFields, variants: [String], core: [String]) throws -> (id: Int64, name: String)? {
        guard let stripped = variants.first, sieve.mightHaveTwin(email: fields.email, strippedSortKey: stripped) else { return nil }
        if !fields.email.isEmpty && sieve.mightHave(email: fields.email) {
            byEmail.start([fields.email, nil])
            if try byEmail.next() {
                defer { byEmail.finish() }
                return (byEmail.int64(0), byEmail.text(1))
            }
        }
        let keys = variants.filter(sieve.mightHave(sortKey:))
        guard !keys.isEmpty, !core.isEmpty else { return nil }
        let lookup = try byNames[keys.count] ?? {
            let rows = try PreparedRows(db, sql: CustomerRepository.sameSortKeySQL(columns: "id, name", keys: keys.count))
            byNames[keys.count] = rows
            return rows
        }()
        lookup.start(keys + [nil])
        // The last candidate's name and whether its core words were the row's.
        var lastName: String?
        var lastMatched = false
        while try lookup.next() {
            let name = lookup.text(1)
            if name != lastName {
                lastName = name
                lastMatched = DuplicateCheck.coreWords(name) == core
            }
            if lastMatched {
                defer { lookup.finish() }
                return (lookup.int64(0), name)
            }
        }
        return nil
    }

    /// A customer as stored, so that later rows are checked against it too.
    func add(sortKey: String, email: String) {
        sieve.add(sortKey: sortKey, email: email)
    }
}
