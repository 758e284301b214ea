import Foundation
import GRDB
import Testing
@testable import KontorModel

/// What the system says when a file or the database cannot be written
/// reaches a person as words, with the path, never as a Foundation or
/// SQLite dump.
@Suite("Errors in words")
struct ErrorTextTests {
    @Test func fileSystemErrorsAreSaidInWords() {
        let full = NSError(domain: NSCocoaErrorDomain, code: NSFileWriteOutOfSpaceError, userInfo: [NSFilePathErrorKey: "/srv/x.csv"])
        #expect(ErrorText.describe(full) == "/srv/x.csv: the disk is full; make room and try again")
        let inTheWay = NSError(domain: NSCocoaErrorDomain, code: NSFileWriteFileExistsError, userInfo: [NSFilePathErrorKey: "/srv/exports"])
        #expect(ErrorText.describe(inTheWay).contains("a file of that name is in the way"))
        let posix = NSError(domain: NSCocoaErrorDomain, code: 512,
                            userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        #expect(ErrorText.describe(posix) == "the disk is read-only")
        #expect(!ErrorText.describe(full).contains("Domain"))
    }

    @Test func aFullDiskOrAReadOnlyDatabaseIsSaidInWords() {
        #expect(ErrorText.describe(DatabaseError(resultCode: .SQLITE_FULL)).hasPrefix("the disk that holds the database is full"))
        #expect(ErrorText.describe(DatabaseError(resultCode: .SQLITE_READONLY)).contains("read-only"))
    }

    /// An export into a folder that is not there, or whose name a file
    /// has: one clear sentence each.
    @Test func anExportThatCannotBeWrittenSaysWhyOnce() throws {
        let test = try TestDatabase()
        let missing = test.folder.appendingPathComponent("nowhere/x.csv").path
        let message = try #require(throws: KontorError.self) { try test.bob.export(.customers, dialect: .excel, to: missing) }.description
        #expect(message == "\(missing) cannot be written: the folder \((missing as NSString).deletingLastPathComponent) does not exist")
        let file = test.folder.appendingPathComponent("exports").path
        FileManager.default.createFile(atPath: file, contents: Data())
        let blocked = try #require(throws: KontorError.self) { try test.bob.export(.customers, dialect: .excel, to: file + "/x.csv") }.description
        #expect(blocked.contains("a file of that name is in the way where a folder is needed"), "\(blocked)")
    }
}
