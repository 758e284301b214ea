import Foundation
import GRDB
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// Editing a deal's line to another product: what came from the old one
/// gives way to the new product's, what was typed over stays.
@MainActor
@Suite("A deal line changed to another product")
struct DealLineEditorTests {
    let line = DealLine(row: Row(["id": 1, "deal_id": 1, "position": 1, "product_id": 10, "description": "Anfahrtspauschale",
                                  "quantity_milli": 1000, "unit_price_cents": 4_900, "vat_rate_bp": 1900]))

    @Test func theOldProductsWordsAndPriceGiveWay() {
        var editor = DealLineEditor(dealID: 1, editing: line, productLabel: "ANF · Anfahrtspauschale")
        editor.picked(Picker.Item(id: 11, cells: ["TEE-1", "Bio-Tee Assam"]))
        #expect(editor.productID == 11)
        #expect(editor.form.value("description").isEmpty && editor.form.value("unit price").isEmpty && editor.form.value("VAT rate").isEmpty)
    }

    @Test func whatWasTypedOverStays() {
        var editor = DealLineEditor(dealID: 1, editing: line, productLabel: "ANF · Anfahrtspauschale")
        editor.form.setValue("unit price", "45,00")
        editor.picked(Picker.Item(id: 11, cells: ["TEE-1", "Bio-Tee Assam"]))
        #expect(editor.form.value("unit price") == "45,00" && editor.form.value("description").isEmpty)
        // The same product again changes nothing.
        var same = DealLineEditor(dealID: 1, editing: line, productLabel: "ANF · Anfahrtspauschale")
        same.picked(Picker.Item(id: 10, cells: ["ANF", "Anfahrtspauschale"]))
        #expect(same.form.value("description") == "Anfahrtspauschale")
    }
}
