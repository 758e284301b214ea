import Foundation

/// The import test files in `Tests/Fixtures/import`, made byte for byte as
/// Excel and LibreOffice write them (see make-fixtures.py there).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/import")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
