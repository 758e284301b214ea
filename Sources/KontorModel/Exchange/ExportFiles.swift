import Foundation

/// Where exports go when nobody says: `exports/` beside the database,
/// readable by the group that may read the database's folder, one file per
/// export named by table and time, so that nothing is overwritten.
public enum ExportFiles {
    public static func defaultPath(for table: ExportTable, beside databasePath: String, at date: Date = Date()) throws -> String {
        let folder = ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("exports")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var path = (folder as NSString).appendingPathComponent("\(table.rawValue)-\(formatter.string(from: date)).csv")
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = (folder as NSString).appendingPathComponent("\(table.rawValue)-\(formatter.string(from: date))-\(n).csv")
            n += 1
        }
        return path
    }

    /// `exports/NAME.csv` beside the database, or `NAME-2.csv` and so on when
    /// that file is there: for exports named by what they hold (DATEV's
    /// files start with EXTF_).
    public static func defaultPath(named name: String, beside databasePath: String) throws -> String {
        let folder = ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("exports")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        var path = (folder as NSString).appendingPathComponent("\(name).csv")
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = (folder as NSString).appendingPathComponent("\(name)-\(n).csv")
            n += 1
        }
        return path
    }
}
