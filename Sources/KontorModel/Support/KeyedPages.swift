/// Pages cut from keys that were sorted once in memory: how a search that
/// matches few rows is paged (customers, tickets, invoices alike).
enum KeyedPages {
    /// Up to `limit` keys after `key` in `keys` (from the start when nil;
    /// including `key` when `inclusive`). `precedes` is the list's order.
    static func after<Key>(_ key: Key?, in keys: [Key], inclusive: Bool, limit: Int,
                           precedes: (Key, Key) -> Bool) -> ArraySlice<Key> {
        let start = key.map { k in keys.partitioningIndex { inclusive ? !precedes($0, k) : precedes(k, $0) } } ?? 0
        return keys[start...].prefix(limit)
    }

    /// Up to `limit` keys just before `key` (the last ones when nil), in list order.
    static func before<Key>(_ key: Key?, in keys: [Key], limit: Int, precedes: (Key, Key) -> Bool) -> ArraySlice<Key> {
        let end = key.map { k in keys.partitioningIndex { !precedes($0, k) } } ?? keys.count
        return keys[..<end].suffix(limit)
    }

    /// The rows of `ids` in the order of `ids`, read by `fetch` (in any
    /// order); rows deleted since the keys were read are left out.
    static func rows<Record: Identifiable>(_ ids: [Int64], _ fetch: ([Int64]) throws -> [Record]) rethrows -> [Record] where Record.ID == Int64 {
        guard !ids.isEmpty else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: try fetch(ids).map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }
}
