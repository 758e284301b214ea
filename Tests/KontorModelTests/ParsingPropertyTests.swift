import KontorModel
import PropertyBased
import Testing

/// What is written can be read back: money and dates, for any value.
@Suite("Parsing what is formatted")
struct ParsingPropertyTests {
    static let largest = 999_999_999_999_99 // 12 digits of euros, as parse takes

    @Test func moneyReadsBackWhatItWrites() async {
        await propertyCheck(count: 2000, input: Gen.int(in: -Self.largest...Self.largest)) { cents in
            #expect(Money.parse(Money.format(cents: cents)) == cents)
            #expect(Money.parse(Money.format(cents: cents, grouping: false)) == cents)
            #expect(Money.parse(Money.format(cents: cents) + " €") == cents)
        }
    }

    @Test func moneyNeverTrapsOnAnyText() async {
        let characters = Gen<Character?>.element(of: Array("0123456789.,-+ €eE1٣")).compactMap { $0 }
        await propertyCheck(count: 2000, input: characters.string(of: 0...24)) { text in
            if let cents = Money.parse(text) {
                #expect(abs(cents) <= Self.largest)
            }
        }
    }

    /// Found by fuzz-parsers: a digit with a combining mark passed as a
    /// digit, and reading it as a number trapped.
    @Test func aDigitWithACombiningMarkIsNoDigit() {
        #expect(Money.parse("0\u{32E}") == nil)
        #expect(Money.parse("12,5\u{301}") == nil)
        #expect(CalendarDate.typed("2026-01-0\u{32E}1") == nil)
        #expect(CalendarDate.typed("1\u{301}.1.2026") == nil)
        #expect(!Character("0\u{32E}").isASCIIDigit)
    }

    @Test func datesReadBackInBothSpellings() async {
        // Every day from 0001-01-01 to 9999-12-31.
        await propertyCheck(count: 2000, input: Gen.int(in: -730_119...2_921_939)) { offset in
            let iso = try #require(CalendarDate.adding(days: offset, to: "2000-01-01"))
            #expect(CalendarDate.isValid(iso))
            #expect(CalendarDate.typed(iso) == iso)
            let parts = iso.split(separator: "-")
            #expect(CalendarDate.typed("\(parts[2]).\(parts[1]).\(parts[0])") == iso)
            #expect(CalendarDate.days(from: "2000-01-01", to: iso) == offset)
        }
    }
}
