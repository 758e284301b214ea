import FuzzDriver
import FuzzSupport
import KontorModel
import KontorText

/// The parsers of what people type: amounts, dates, and the checks of
/// every form's fields. Whatever they accept must read back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = KeyStream.text(Array(UnsafeBufferPointer(start: data, count: size)))
    if let cents = Money.parse(text) {
        precondition(Money.parse(Money.format(cents: cents)) == cents, "money does not read back")
    }
    if let date = CalendarDate.typed(text) {
        precondition(CalendarDate.isValid(date) && CalendarDate.typed(date) == date, "a date does not read back")
    }
    let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    func part(_ i: Int) -> String { i < parts.count ? parts[i] : "" }
    let customer = CustomerFields(name: part(0), contactName: part(1), email: part(2), phone: part(3), street: part(4),
                                  postalCode: part(5), city: part(6), country: part(7), vatID: part(8), notes: part(9))
    if customer.normalized().validate() == nil {
        let fields = customer.normalized()
        precondition(VisibleText.firstForbidden(in: fields.name) == nil, "a name with controls passed validation")
    }
    _ = ProductFields(sku: part(0), name: part(1), price: part(2)).normalized().validate()
    _ = DealFields(customerID: 1, title: part(0), expectedClose: part(1)).normalized().validate()
    _ = TicketFields(subject: part(0), customerID: 1, queue: part(1)).normalized().validate()
    _ = StaffFields(username: part(0), fullName: part(1), email: part(2)).validate()
    return 0
}

/// The executable's entry: libFuzzer's driver with the function above.
@_cdecl("fuzz_parsers_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in data.map { fuzzParsers($0, size) } ?? 0 }
}
