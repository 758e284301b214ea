import GRDB
@testable import KontorApp
@testable import KontorModel
import TestSupport

@MainActor
extension ScreenHarness {
    /// Every customer without a full address gets one (see
    /// `fillMissingCustomerAddressesSQL`).
    func readyToInvoice() throws {
        try database.write { db in try db.execute(sql: fillMissingCustomerAddressesSQL) }
    }
}
