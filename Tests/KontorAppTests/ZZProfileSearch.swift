import Foundation
@testable import KontorApp
import KontorModel
import Testing

@MainActor
@Suite("zz profile") struct ZZProfileSearch {
    @Test func profile() throws {
        guard FileManager.default.fileExists(atPath: "/tmp/lt/m1.sqlite"), ProcessInfo.processInfo.environment["ZZ"] != nil else { return }
        let db = try KontorDatabase(path: "/tmp/lt/m1.sqlite")
        let session = try db.session(for: Actor(username: "root"))
        for text in ["drucker", "drucker", "druckerei", "zzzq", "kaffee"] {
            let r = PaletteRecords(session: session)
            func t(_ name: String, _ f: () throws -> Any) rethrows {
                let s = Date(); _ = try f(); print(text, name, String(format: "%.1f ms", Date().timeIntervalSince(s) * 1000))
            }
            try t("customers") { try r.customers(text, limit: 5) }
            try t("tickets") { try r.tickets(text) }
            try t("messages") { try r.messages(text) }
            try t("deals") { try r.deals(text) }
            try t("invoices") { try r.invoices(matching: text) }
            try t("products") { try r.products(text) }
            try t("staff") { try r.staff(text) }
        }
    }
}
