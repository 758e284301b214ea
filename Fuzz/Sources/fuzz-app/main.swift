import Foundation
import FuzzDriver
import FuzzSupport
import KontorApp
import KontorModel
import KontorUI

/// The whole application fed keys: every screen, form, filter, the
/// palette and the dialogs, over a small demo business in a database file
/// of its own, drawn at sizes from 20×5 to 200×50 after every key.
@MainActor
enum AppFuzz {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-fuzz-app-\(getpid())")
        // Printed invoices and exports go beside the database, in here.
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let session: Session = {
        let database = try! KontorDatabase(path: folder.appendingPathComponent("fuzz.sqlite").path)
        let actor = Actor(username: "fuzz")
        _ = try! DemoSeeder.seed(database, scale: 40, actor: actor)
        return try! database.session(for: actor)
    }()

    /// One app for all inputs (making one reads every screen's first
    /// page): each input starts from the dashboard with nothing open.
    static var app = App(session: session, theme: .fallback)

    static func run(_ bytes: [UInt8]) {
        for key in [Key.escape, .escape, .escape, .char("0")] where !app.finished { app.handle(key) }
        if app.finished { app = App(session: session, theme: .fallback) }
        // Mostly 80×24; every few keys one of the odd sizes, as a resize.
        let sizes = [Size(width: 80, height: 24), Size(width: 80, height: 24), Size(width: 80, height: 24),
                     Size(width: 20, height: 5), Size(width: 200, height: 50), Size(width: 44, height: 12)]
        for (index, key) in KeyStream.keys(bytes).enumerated() {
            let size = sizes[(index / 5) % sizes.count]
            let (grid, cursor) = app.frame(size: size)
            precondition(grid.width == size.width && grid.height == size.height, "frame of the wrong size")
            if let cursor { precondition(cursor.x >= 0 && cursor.y >= 0 && cursor.x <= size.width && cursor.y < size.height, "cursor outside the frame") }
            app.handle(key)
            if app.finished { app = App(session: session, theme: .fallback) }
        }
        _ = app.frame(size: Size(width: 80, height: 24))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzApp(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    MainActor.assumeIsolated { AppFuzz.run(bytes) }
    return 0
}

/// The executable's entry: libFuzzer's driver with the function above.
@_cdecl("fuzz_app_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in data.map { fuzzApp($0, size) } ?? 0 }
}
