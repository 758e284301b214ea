/// A row saved with optimistic locking: every save bumps `version`, and a
/// save based on an older version is refused with who saved in between.
protocol VersionedRecord {
    var version: Int { get }
    var updatedBy: String { get }
    var updatedAt: String { get }
}

extension VersionedRecord {
    /// The record, if its version is still `expected`; otherwise `.conflict`
    /// naming who saved it since, and when.
    func checked(version expected: Int, entity: String, id: Int64) throws -> Self {
        guard version == expected else {
            throw KontorError.conflict(entity: entity, id: id, changedBy: updatedBy, changedAt: updatedAt)
        }
        return self
    }
}

extension Customer: VersionedRecord {}
extension Contact: VersionedRecord {}
extension StaffMember: VersionedRecord {}
extension Product: VersionedRecord {}
extension Invoice: VersionedRecord {}
extension Deal: VersionedRecord {}
extension Ticket: VersionedRecord {}
