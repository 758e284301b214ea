import Foundation

/// Where exports go when nobody says: `exports/` in the person's files
/// folder (`KontorDatabase.filesFolder`: beside the database, or on a
/// server their own), one file per export named by table and time, so
/// that nothing is overwritten.
public enum ExportFiles {
    public static func defaultPath(for table: ExportTable, in filesFolder: String, at date: Date = Date()) throws -> String {
        let folder = MadeFilesFolder.exports.path(in: filesFolder)
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

    /// `exports/NAME.csv` in the files folder, or `NAME-2.csv` and so on when
    /// that file is there: for exports named by what they hold (DATEV's
    /// files start with EXTF_).
    public static func defaultPath(named name: String, in filesFolder: String) throws -> String {
        let folder = MadeFilesFolder.exports.path(in: filesFolder)
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
