import Foundation
import GRDB
@testable import KontorModel
import Testing

@Suite("Deals")
struct DealTests {
    // MARK: Helpers

    /// A product, inserted as the products part would (its API is not ours), with stock received.
    func addProduct(_ db: TestDatabase, sku: String, name: String, priceCents: Int, vatBP: Int = 1900,
                    onHand: Int = 0, active: Bool = true) throws -> Int64 {
        try db.database.write { d in
            try d.execute(sql: """
                INSERT INTO products (sku, name, price_cents, vat_rate_bp, active, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'test')
                """, arguments: [sku, name, priceCents, vatBP, active])
            let id = d.lastInsertedRowID
            if onHand != 0 {
                try d.execute(sql: """
                    INSERT INTO stock_moves (product_id, quantity, kind, created_by, created_at)
                    VALUES (?, ?, 'receipt', 'test', '2026-01-01T00:00:00Z')
                    """, arguments: [id, onHand])
            }
            return id
        }
    }

    func fields(_ customer: Customer, _ title: String, value: Int = 0, probability: Int? = nil,
                close: String = "", next: String = "", owner: Int64? = nil) -> DealFields {
        DealFields(customerID: customer.id, title: title, valueCents: value, probability: probability,
                   expectedClose: close, ownerID: owner, nextActivity: next)
    }

    /// The rule message a throwing call gave, or nil if it threw something else.
    func ruleMessage(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            Issue.record("expected a refusal")
            return nil
        } catch let KontorError.rule(message) {
            return message
        } catch {
            Issue.record("expected a rule, got \(error)")
            return nil
        }
    }

    func validation(_ body: () throws -> Any) -> ValidationFailure? {
        do {
            _ = try body()
            Issue.record("expected a validation failure")
            return nil
        } catch let KontorError.invalid(failure) {
            return failure
        } catch {
            Issue.record("expected a validation failure, got \(error)")
            return nil
        }
    }

    // MARK: Stages and probability

    @Test func stagesWalkThePathAndLostStandsApart() {
        #expect(DealStage.lead.next == .qualified)
        #expect(DealStage.negotiation.next == .won)
        #expect(DealStage.won.next == nil)
        #expect(DealStage.lost.next == nil)
        #expect(DealStage.lead.previous == nil)
        #expect(DealStage.won.previous == .negotiation)
        #expect(DealStage.lost.previous == nil)
        #expect(DealStage.allCases.map(\.displayName) == ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"])
        #expect(DealStage.allCases.map(\.defaultProbability) == [10, 25, 50, 75, 100, 0])
    }

    @Test func probabilityDefaultsToTheStageAndCanBeOverridden() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        let plain = try repo.create(fields(acme, "Plain", value: 100_00), by: db.bob)
        #expect(plain.fields.probability == nil)
        #expect(plain.probability == 10)
        #expect(plain.weightedValueCents == 10_00)

        let sure = try repo.create(fields(acme, "Sure", value: 100_00, probability: 60), by: db.bob)
        #expect(sure.probability == 60)
        #expect(try repo.summary(id: sure.id)?.probability == 60)
        #expect(try repo.summary(id: sure.id)?.weightedValueCents == 60_00)

        // A new stage drops the deal's own estimate, which judged the old stage.
        let moved = try repo.moveForward(id: sure.id, expectedVersion: sure.version, by: db.bob)
        #expect(moved.stage == .qualified)
        #expect(moved.fields.probability == nil)
        #expect(moved.probability == 25)
        let history = try db.database.history(of: "deal", id: sure.id, fields: ["probability"])
        #expect(history.last?.oldValue == "60")
        #expect(history.last?.newValue == nil)

        // Once won, it is certain whatever was estimated.
        var edited = moved.fields
        edited.probability = 30
        var deal = try repo.update(id: sure.id, edited, expectedVersion: moved.version, by: db.bob)
        #expect(deal.probability == 30)
        deal = try repo.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: db.bob)
        #expect(deal.probability == 100)
        #expect(try repo.summary(id: deal.id)?.probability == 100)
    }

    // MARK: Totals

    @Test func stageTotalsAndMonthlyForecastMatchHandComputedNumbers() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        // lead: 1 000.00 × 10 % = 100.00; 333.33 × 33 % = 109.9989 → together 209.9989 → 210.00 (rounded once)
        try repo.create(fields(acme, "A", value: 100_000, close: "2026-03-10"), by: db.bob)
        try repo.create(fields(acme, "B", value: 33_333, probability: 33, close: "2026-03-25"), by: db.bob)
        // qualified: 2 000.00 × 25 % = 500.00
        try repo.create(fields(acme, "C", value: 200_000, close: "2026-04-01"), stage: .qualified, by: db.bob)
        // proposal: 500.00 × 80 % = 400.00; 100.01 × 50 % = 50.005 → 450.005 → 450.01 (half up)
        try repo.create(fields(acme, "D", value: 50_000, probability: 80), stage: .proposal, by: db.bob)
        try repo.create(fields(acme, "E", value: 10_001, close: "2026-04-30"), stage: .proposal, by: db.bob)
        // won: 700.00 × 100 %; lost: 900.00 × 0 %
        let f = try repo.create(fields(acme, "F", value: 70_000, close: "2026-03-05"), stage: .negotiation, by: db.bob)
        try repo.moveForward(id: f.id, expectedVersion: f.version, by: db.bob)
        let g = try repo.create(fields(acme, "G", value: 90_000, probability: 90, close: "2026-04-02"), by: db.bob)
        try repo.moveStage(id: g.id, to: .lost, lostReason: "Went with a competitor", expectedVersion: g.version, by: db.bob)

        let totals = try repo.stageTotals()
        #expect(totals == [
            DealStageTotal(stage: .lead, count: 2, valueCents: 133_333, weightedValueCents: 21_000),
            DealStageTotal(stage: .qualified, count: 1, valueCents: 200_000, weightedValueCents: 50_000),
            DealStageTotal(stage: .proposal, count: 2, valueCents: 60_001, weightedValueCents: 45_001),
            DealStageTotal(stage: .negotiation, count: 0, valueCents: 0, weightedValueCents: 0),
            DealStageTotal(stage: .won, count: 1, valueCents: 70_000, weightedValueCents: 70_000),
            DealStageTotal(stage: .lost, count: 1, valueCents: 90_000, weightedValueCents: 0),
        ])

        // Open deals only; won F (March) and lost G (April) are outcomes, not forecast.
        // April: 2 000.00 × 25 % + 100.01 × 50 % = 500.00 + 50.005 → 550.01
        #expect(try repo.forecastByMonth() == [
            DealMonthForecast(month: "2026-03", count: 2, valueCents: 133_333, weightedValueCents: 21_000),
            DealMonthForecast(month: "2026-04", count: 2, valueCents: 210_001, weightedValueCents: 55_001),
            DealMonthForecast(month: nil, count: 1, valueCents: 50_000, weightedValueCents: 40_000),
        ])
    }

    // MARK: Value and lines

    @Test func valueIsTheSumOfTheLinesWhenThereAreAny() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        let widget = try addProduct(db, sku: "W-1", name: "Widget", priceCents: 12_50, vatBP: 700)
        var deal = try repo.create(fields(acme, "Widgets", value: 5_000_00), by: db.bob)
        #expect(deal.valueCents == 5_000_00)

        var (saved, service) = try repo.addLine(to: deal.id, DealLineFields(description: "Installation", quantity: 3,
                                                                              unitPriceCents: 19_99, vatRateBP: 1900),
                                                expectedVersion: deal.version, by: db.bob)
        #expect(saved.valueCents == 59_97)
        #expect(saved.version == deal.version + 1)
        deal = saved

        // With a product, description, price and rate come from it.
        let product: DealLine
        (deal, product) = try repo.addLine(to: deal.id, DealLineFields(productID: widget, quantity: 4), expectedVersion: deal.version, by: db.dave)
        #expect(product.description == "Widget")
        #expect(product.unitPriceCents == 12_50)
        #expect(product.vatRateBP == 700)
        #expect(product.position == 2)
        #expect(deal.valueCents == 59_97 + 50_00)
        #expect(DealMoney.value(of: try repo.lines(of: deal.id), typed: 0) == deal.valueCents)

        // Given values win over the product's.
        (deal, service) = try repo.updateLine(id: service.id, DealLineFields(description: "Installation", quantity: 2,
                                                                             unitPriceCents: 20_00, vatRateBP: 1900),
                                              expectedVersion: deal.version, by: db.bob)
        #expect(service.netCents == 40_00)
        #expect(deal.valueCents == 40_00 + 50_00)

        // The typed value cannot contradict the lines.
        var edited = deal.fields
        edited.valueCents = 1
        let failure = validation { try repo.update(id: deal.id, edited, expectedVersion: deal.version, by: db.bob) }
        #expect(failure?.message(for: "value") == "is the sum of the deal's lines (90,00); change the lines instead")
        // Said with the other fields' problems at once, not on the next save.
        var wrongToo = edited
        wrongToo.probability = 150
        let both = validation { try repo.update(id: deal.id, wrongToo, expectedVersion: deal.version, by: db.bob) }
        #expect(both?.message(for: "value") != nil && both?.message(for: "probability") != nil, "\(String(describing: both))")
        edited.valueCents = deal.valueCents
        edited.title = "Widgets and installation"
        deal = try repo.update(id: deal.id, edited, expectedVersion: deal.version, by: db.bob)

        // Removing lines closes the gap in positions; removing the last leaves 0.00.
        deal = try repo.removeLine(id: service.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.valueCents == 50_00)
        #expect(try repo.lines(of: deal.id).map(\.position) == [1])
        deal = try repo.removeLine(id: product.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.valueCents == 0)
        edited = deal.fields
        edited.valueCents = 1_234_00
        deal = try repo.update(id: deal.id, edited, expectedVersion: deal.version, by: db.bob)
        #expect(deal.valueCents == 1_234_00)

        let valueHistory = try db.database.history(of: "deal", id: deal.id, fields: ["value_cents"]).map { $0.newValue }
        #expect(valueHistory == ["500000", "5997", "10997", "9000", "5000", "0", "123400"])
    }

    @Test func linesNeedAProductOrEverythingSpelledOut() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        let deal = try repo.create(fields(acme, "Deal"), by: db.bob)
        let bare = validation { try repo.addLine(to: deal.id, DealLineFields(quantity: 0), expectedVersion: deal.version, by: db.bob) }
        #expect(bare?.message(for: "quantity") == "must be above 0 and at most 1000000")
        #expect(bare?.message(for: "description") == "is required without a product")
        #expect(bare?.message(for: "unit price") == "is required without a product")
        #expect(bare?.message(for: "VAT rate") == "is required without a product")
        let rate = validation {
            try repo.addLine(to: deal.id, DealLineFields(description: "X", unitPriceCents: 1, vatRateBP: 1600), expectedVersion: deal.version, by: db.bob)
        }
        #expect(rate?.message(for: "VAT rate") == "must be 0 %, 7 % or 19 %")
        let missing = validation { try repo.addLine(to: deal.id, DealLineFields(productID: 999), expectedVersion: deal.version, by: db.bob) }
        #expect(missing?.message(for: "product") == "does not exist (it may have been deleted)")
        let old = try addProduct(db, sku: "OLD", name: "Old thing", priceCents: 100, active: false)
        let inactive = validation { try repo.addLine(to: deal.id, DealLineFields(productID: old), expectedVersion: deal.version, by: db.bob) }
        #expect(inactive?.message(for: "product") == "is no longer sold (inactive)")
        #expect(try repo.lines(of: deal.id).isEmpty)
        #expect(try repo.find(id: deal.id)?.version == deal.version)
    }

    // MARK: Moving

    @Test func movingForwardBackAndToLost() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        var deal = try repo.create(fields(acme, "Big one", value: 10_000_00), by: db.bob)

        #expect(ruleMessage { try repo.moveBack(id: deal.id, expectedVersion: deal.version, by: db.bob) }
            == "deal \(deal.id) is at Lead, the first stage; to give it up, mark it lost with a reason")

        for expected in [DealStage.qualified, .proposal, .negotiation] {
            deal = try repo.moveForward(id: deal.id, expectedVersion: deal.version, by: db.bob)
            #expect(deal.stage == expected)
            #expect(deal.closedAt == nil)
        }
        deal = try repo.moveForward(id: deal.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .won)
        #expect(deal.closedAt?.hasSuffix("Z") == true)
        #expect(ruleMessage { try repo.moveForward(id: deal.id, expectedVersion: deal.version, by: db.bob) }
            == "deal \(deal.id) is already won; there is no stage after Won")

        // Reopening clears closed_at.
        deal = try repo.moveBack(id: deal.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .negotiation)
        #expect(deal.closedAt == nil)

        // Lost needs a reason, said by the model before the table's CHECK would.
        for reason in ["", "   "] {
            let failure = validation { try repo.moveStage(id: deal.id, to: .lost, lostReason: reason, expectedVersion: deal.version, by: db.bob) }
            #expect(failure?.message(for: "lost reason") == "is required to mark a deal lost: say why it was lost")
        }
        #expect(try repo.find(id: deal.id)?.stage == .negotiation)
        deal = try repo.moveStage(id: deal.id, to: .lost, lostReason: " Budget cut ", expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .lost)
        #expect(deal.lostReason == "Budget cut")
        #expect(deal.closedAt != nil)
        #expect(ruleMessage { try repo.moveForward(id: deal.id, expectedVersion: deal.version, by: db.bob) }
            == "deal \(deal.id) is lost and does not move forward; reopen it with < or by choosing its stage")

        // Moving to the same stage changes nothing.
        let same = try repo.moveStage(id: deal.id, to: .lost, lostReason: "Budget cut", expectedVersion: deal.version, by: db.bob)
        #expect(same == deal)

        // `<` undoes the loss: back to where it was lost, reason cleared.
        deal = try repo.moveBack(id: deal.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .negotiation)
        #expect(deal.lostReason == "")
        #expect(deal.closedAt == nil)

        // Any stage can be chosen directly; a lost deal from lead goes back to lead.
        deal = try repo.moveStage(id: deal.id, to: .lead, expectedVersion: deal.version, by: db.bob)
        deal = try repo.moveStage(id: deal.id, to: .lost, lostReason: "No reply", expectedVersion: deal.version, by: db.bob)
        deal = try repo.moveBack(id: deal.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .lead)

        let stages = try db.database.history(of: "deal", id: deal.id, fields: ["stage"])
        #expect(stages.map { [$0.oldValue, $0.newValue] } == [
            [nil, "lead"], ["lead", "qualified"], ["qualified", "proposal"], ["proposal", "negotiation"],
            ["negotiation", "won"], ["won", "negotiation"], ["negotiation", "lost"], ["lost", "negotiation"],
            ["negotiation", "lead"], ["lead", "lost"], ["lost", "lead"],
        ])
        #expect(stages.allSatisfy { $0.actor == "bob" })
        let reasons = try db.database.history(of: "deal", id: deal.id, fields: ["lost_reason"]).map { [$0.oldValue, $0.newValue] }
        #expect(reasons == [["", "Budget cut"], ["Budget cut", ""], ["", "No reply"], ["No reply", ""]])
    }

    @Test func newDealsStartInAnOpenStage() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        #expect(ruleMessage { try db.database.deals.create(fields(acme, "X"), stage: .won, by: db.bob) }
            == "a new deal starts in an open stage; move it to Won once it is created")
    }

    // MARK: Permissions and locking

    @Test func backOfficeMayNotChangeDeals() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        let denied = #expect(throws: KontorError.self) { try repo.create(fields(acme, "Carol's"), by: db.carol) }
        #expect(denied == .denied(username: "carol", role: .back, action: "change customers, tickets or deals"))

        let bobs = try repo.create(fields(acme, "Bob's"), by: db.bob)
        let daves = try repo.create(fields(acme, "Dave's"), by: db.dave)
        #expect(daves.updatedBy == "dave")
        for attempt in [
            { _ = try repo.moveForward(id: bobs.id, expectedVersion: bobs.version, by: db.carol) },
            { _ = try repo.moveStage(id: bobs.id, to: .lost, lostReason: "x", expectedVersion: bobs.version, by: db.carol) },
            { _ = try repo.update(id: bobs.id, bobs.fields, expectedVersion: bobs.version, by: db.carol) },
            { _ = try repo.addLine(to: bobs.id, DealLineFields(description: "x", unitPriceCents: 1, vatRateBP: 0),
                                   expectedVersion: bobs.version, by: db.carol) },
        ] as [() throws -> Void] {
            let error = #expect(throws: KontorError.self, performing: attempt)
            guard case .denied(username: "carol", role: .back, _) = error else {
                Issue.record("expected carol to be denied, got \(String(describing: error))")
                continue
            }
        }
        #expect(try repo.find(id: bobs.id) == bobs)
        let moved = try repo.moveForward(id: bobs.id, expectedVersion: bobs.version, by: db.dave)
        #expect(moved.updatedBy == "dave")
    }

    @Test func aStaleVersionIsRefusedNamingWhoChangedTheDeal() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        let original = try repo.create(fields(acme, "Contested"), by: db.bob)
        var bobs = original.fields
        bobs.title = "Bob's title"
        try repo.update(id: original.id, bobs, expectedVersion: original.version, by: db.bob)

        for attempt in [
            { _ = try repo.moveForward(id: original.id, expectedVersion: original.version, by: db.dave) },
            { _ = try repo.update(id: original.id, original.fields, expectedVersion: original.version, by: db.dave) },
            { _ = try repo.addLine(to: original.id, DealLineFields(description: "x", unitPriceCents: 1, vatRateBP: 0),
                                   expectedVersion: original.version, by: db.dave) },
        ] as [() throws -> Void] {
            do {
                try attempt()
                Issue.record("a stale save was accepted")
            } catch let KontorError.conflict(entity, id, changedBy, _) {
                #expect(entity == "deal")
                #expect(id == original.id)
                #expect(changedBy == "bob")
            }
        }
        let now = try #require(try repo.find(id: original.id))
        #expect(now.title == "Bob's title")
        #expect(now.stage == .lead)
        #expect(now.version == 2)
        #expect(try repo.lines(of: original.id).isEmpty)
    }

    // MARK: Validation

    @Test func fieldsAreValidatedTogether() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        let bad = DealFields(customerID: nil, title: "   ", valueCents: -1, probability: 101, expectedClose: "2026-02-29",
                             nextActivity: "31.13.2026", leadSource: "fair\u{7}")
        let failure = validation { try repo.create(bad, by: db.bob) }
        #expect(failure?.message(for: "customer") == "is required")
        #expect(failure?.message(for: "title") == "is required")
        #expect(failure?.message(for: "value") == "must not be negative")
        #expect(failure?.message(for: "probability") == "must be 0 to 100 %")
        #expect(failure?.message(for: "expected close") == "must be a real date written like 2026-12-31 or 31.12.2026")
        #expect(failure?.message(for: "next activity") == "must be a real date written like 2026-12-31 or 31.12.2026")
        #expect(failure?.message(for: "lead source") == "contains a control character (U+0007) at character 5")

        let long = validation { try repo.create(fields(acme, String(repeating: "x", count: 201)), by: db.bob) }
        #expect(long?.message(for: "title") == "is too long: 201 characters, at most 200")
        #expect(DealFields(customerID: 1, title: String(repeating: "x", count: 200)).validate() == nil)

        func dateIssue(_ date: String) -> String? {
            DealFields(customerID: 1, title: "T", expectedClose: date).validate()?.message(for: "expected close")
        }
        for date in ["2028-02-29", "2026-12-31", "2000-02-29"] { #expect(dateIssue(date) == nil, "\(date)") }
        for date in ["1900-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "tomorrow"] {
            #expect(dateIssue(date) != nil, "\(date)")
        }

        let ghost = validation { try repo.create(DealFields(customerID: 999, title: "Ghost"), by: db.bob) }
        #expect(ghost?.message(for: "customer") == "does not exist (it may have been deleted)")
        let owner = validation { try repo.create(fields(acme, "Owned", owner: 999), by: db.bob) }
        #expect(owner?.message(for: "owner") == "must be an active member of staff")
        #expect(try db.database.deals.stageTotals().allSatisfy { $0.count == 0 })
        // Written the German way, a real date is taken and stored in ISO form.
        let good = try repo.create(DealFields(customerID: acme.id, title: "Datum", expectedClose: "1.2.2027", nextActivity: "31.12.2026"), by: db.bob)
        #expect(good.fields.expectedClose == "2027-02-01")
        #expect(good.fields.nextActivity == "2026-12-31")

        let stored = try repo.create(fields(acme, "  Trimmed  ", close: " 2026-12-31 ", owner: db.bob.staff.id), by: db.bob)
        #expect(stored.title == "Trimmed")
        #expect(stored.fields.expectedClose == "2026-12-31")
        #expect(stored.fields.nextActivity == "")
    }

    // MARK: Board and lists

    @Test func boardPagesWalkEachStageWithoutGapsOrRepeats() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        // Repeated dates test the id tie-break; undated deals come last.
        let dates = ["2026-05-01", "2026-03-15", "", "2026-03-15", "2026-12-31", "", "2026-01-02", "2026-03-15"]
        for i in 0..<45 {
            try repo.create(fields(acme, "Proposal \(i)", close: dates[i % dates.count]), stage: .proposal, by: db.bob)
        }
        for i in 0..<5 { try repo.create(fields(acme, "Lead \(i)", close: "2026-03-15"), by: db.bob) }

        var seen: [DealSummary] = []
        var key: DealBoardKey?
        while true {
            let page = try repo.page(stage: .proposal, after: key, limit: 7)
            if page.isEmpty { break }
            #expect(page.count <= 7)
            seen += page
            key = page.last?.boardKey
        }
        #expect(seen.count == 45)
        #expect(Set(seen.map(\.id)).count == 45)
        #expect(seen.allSatisfy { $0.stage == .proposal })
        let keys = seen.map(\.boardKey)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        #expect(seen.first?.expectedClose == "2026-01-02")
        #expect(seen.suffix(10).allSatisfy { $0.expectedClose == nil })

        // Backwards from the end gives the same rows.
        var back: [DealSummary] = []
        var before: DealBoardKey?
        while true {
            let page = try repo.page(stage: .proposal, before: before, limit: 6)
            if page.isEmpty { break }
            back = page + back
            before = page.first?.boardKey
        }
        #expect(back.map(\.id) == seen.map(\.id))

        // Re-reading from a row includes it, dated or not.
        let dated = seen[20], undated = seen[40]
        #expect(try repo.page(stage: .proposal, after: dated.boardKey, inclusive: true, limit: 2).map(\.id) == [seen[20].id, seen[21].id])
        #expect(try repo.page(stage: .proposal, after: undated.boardKey, inclusive: true, limit: 2).map(\.id) == [seen[40].id, seen[41].id])
        #expect(try repo.page(stage: .proposal, after: nil, limit: 0).isEmpty)
        #expect(try repo.page(stage: .won, after: nil, limit: 10).isEmpty)
        #expect(try repo.page(stage: .lead, after: nil, limit: 10).count == 5)
    }

    @Test func boardReadsOneIndexRangeNotTheTable() throws {
        let db = try TestDatabase()
        let plans = try db.database.read { d in
            try ["expected_close IS NOT NULL AND (d.expected_close, d.id) > ('2026-01-01', 1) ORDER BY d.expected_close, d.id",
                 "expected_close IS NULL AND d.id > 1 ORDER BY d.id"].map { tail in
                try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN SELECT \(DealSummary.columns) FROM \(DealSummary.from) WHERE d.stage = 'lead' AND d.\(tail) LIMIT 10",
                                 arguments: ["2026-01-01"]).map { $0["detail"] as String }.joined(separator: " | ")
            }
        }
        for plan in plans {
            #expect(plan.contains("deals_by_stage"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    /// Lost or won, a deal's close date is the day it closed; reopened with
    /// `<` (or a stage chosen), it is planned again for the day it was.
    @Test func aReopenedDealIsPlannedAgainForItsDay() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals
        var deal = try repo.create(fields(acme, "Kantine", close: "2027-03-31"), stage: .proposal, by: db.bob)
        deal = try repo.moveStage(id: deal.id, to: .lost, lostReason: "zu teuer", expectedVersion: deal.version, by: db.bob)
        #expect(deal.fields.expectedClose == CalendarDate.today())
        deal = try repo.moveBack(id: deal.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .proposal && deal.fields.expectedClose == "2027-03-31")
        // Won, then reopened to negotiation; one never planned stays unplanned.
        deal = try repo.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: db.bob)
        deal = try repo.moveBack(id: deal.id, expectedVersion: deal.version, by: db.bob)
        #expect(deal.stage == .negotiation && deal.fields.expectedClose == "2027-03-31")
        var open = try repo.create(fields(acme, "Offen"), by: db.bob)
        open = try repo.moveStage(id: open.id, to: .lost, lostReason: "kein Budget", expectedVersion: open.version, by: db.bob)
        open = try repo.moveStage(id: open.id, to: .qualified, expectedVersion: open.version, by: db.bob)
        #expect(open.fields.expectedClose == "")
    }

    @Test func staleDealsAreFlagged() throws {
        let db = try TestDatabase()
        let acme = try db.add(["Acme"])[0]
        let repo = db.database.deals(today: "2026-03-15")
        let never = try repo.create(fields(acme, "Never planned"), by: db.bob)
        let overdue = try repo.create(fields(acme, "Overdue", next: "2026-03-14"), by: db.bob)
        let today = try repo.create(fields(acme, "Today", next: "2026-03-15"), by: db.bob)
        let later = try repo.create(fields(acme, "Later", next: "2026-04-01"), by: db.bob)
        let won = try repo.create(fields(acme, "Won"), stage: .negotiation, by: db.bob)
        try repo.moveForward(id: won.id, expectedVersion: won.version, by: db.bob)

        let flags = Dictionary(uniqueKeysWithValues: try repo.ofCustomer(acme.id).map { ($0.id, $0.isStale) })
        #expect(flags == [never.id: true, overdue.id: true, today.id: false, later.id: false, won.id: false])
        #expect(try repo.stale().map(\.id) == [never.id, overdue.id])
        #expect(try db.database.deals(today: "2026-04-02").stale().map(\.id) == [never.id, overdue.id, today.id, later.id])
    }

    @Test func customerAndOwnerLists() throws {
        let db = try TestDatabase()
        let (acme, other) = try { let c = try db.add(["Acme", "Other"]); return (c[0], c[1]) }()
        let repo = db.database.deals
        let bob = db.bob.staff.id, dave = db.dave.staff.id
        let a = try repo.create(fields(acme, "A", close: "2026-06-01", owner: bob), by: db.bob)
        let b = try repo.create(fields(acme, "B", close: "2026-05-01", owner: bob), stage: .proposal, by: db.bob)
        let c = try repo.create(fields(acme, "C", owner: bob), by: db.bob)
        let d = try repo.create(fields(other, "D", owner: dave), by: db.bob)
        let lost = try repo.create(fields(acme, "E", close: "2026-01-01", owner: bob), by: db.bob)
        try repo.moveStage(id: lost.id, to: .lost, lostReason: "Too dear", expectedVersion: lost.version, by: db.bob)

        let forAcme = try repo.ofCustomer(acme.id)
        #expect(forAcme.map(\.id) == [a.id, c.id, b.id, lost.id])
        #expect(forAcme.allSatisfy { $0.customerName == "Acme" && $0.ownerName == "Bob Front" })
        #expect(try repo.ofOwner(bob).map(\.id) == [a.id, c.id, b.id])
        #expect(try repo.ofOwner(bob, includeClosed: true).map(\.id) == [a.id, c.id, b.id, lost.id])
        #expect(try repo.ofOwner(dave).map(\.id) == [d.id])
        #expect(try repo.ofCustomer(acme.id, limit: 2).count == 2)
    }

    // MARK: Invoicing and reservations

    @Test func wonDealsReserveTheirProductsUntilInvoiced() throws {
        let db = try TestDatabase()
        let (acme, other) = try { let c = try db.add(["Acme", "Other"]); return (c[0], c[1]) }()
        let repo = db.database.deals
        let chair = try addProduct(db, sku: "CH-1", name: "Chair", priceCents: 80_00, onHand: 10)
        let desk = try addProduct(db, sku: "DK-1", name: "Desk", priceCents: 300_00, onHand: 2)

        var small = try repo.create(fields(acme, "Small office"), stage: .negotiation, by: db.bob)
        (small, _) = try repo.addLine(to: small.id, DealLineFields(productID: chair, quantity: 3), expectedVersion: small.version, by: db.bob)
        (small, _) = try repo.addLine(to: small.id, DealLineFields(description: "Delivery", unitPriceCents: 50_00, vatRateBP: 1900),
                                      expectedVersion: small.version, by: db.bob)
        (small, _) = try repo.addLine(to: small.id, DealLineFields(productID: chair, quantity: 1), expectedVersion: small.version, by: db.bob)
        var big = try repo.create(fields(other, "Big office"), stage: .negotiation, by: db.bob)
        (big, _) = try repo.addLine(to: big.id, DealLineFields(productID: chair, quantity: 8), expectedVersion: big.version, by: db.bob)
        (big, _) = try repo.addLine(to: big.id, DealLineFields(productID: desk, quantity: 1), expectedVersion: big.version, by: db.bob)

        // Nothing is won: nothing reserved.
        #expect(try repo.products(of: small.id) == [
            DealProductStock(productID: chair, sku: "CH-1", name: "Chair", quantity: 4, stock: StockLevel(onHand: 10, reserved: 0), reservedByThisDeal: 0),
        ])

        big = try repo.moveForward(id: big.id, expectedVersion: big.version, by: db.bob)
        let bigStock = try repo.products(of: big.id)
        #expect(bigStock.map(\.productID) == [chair, desk])
        #expect(bigStock.map(\.reserved) == [8, 1])
        #expect(bigStock.map(\.available) == [2, 1])
        #expect(bigStock.map(\.shortfall) == [0, 0])
        let smallChairs = try #require(try repo.products(of: small.id).first)
        #expect(smallChairs.reserved == 8)
        #expect(smallChairs.available == 2)
        #expect(smallChairs.shortfall == 2) // 4 wanted, 2 free

        small = try repo.moveForward(id: small.id, expectedVersion: small.version, by: db.bob)
        let wonChairs = try #require(try repo.products(of: small.id).first)
        #expect(wonChairs.reserved == 12)
        #expect(wonChairs.reservedByThisDeal == 4)
        #expect(wonChairs.available == -2)
        #expect(wonChairs.shortfall == 2)

        // What the invoice process takes over.
        #expect(try repo.invoiceLines(ofWonDeal: small.id) == [
            DealInvoiceLine(productID: chair, description: "Chair", quantity: 3, unitPriceCents: 80_00, vatRateBP: 1900),
            DealInvoiceLine(productID: nil, description: "Delivery", quantity: 1, unitPriceCents: 50_00, vatRateBP: 1900),
            DealInvoiceLine(productID: chair, description: "Chair", quantity: 1, unitPriceCents: 80_00, vatRateBP: 1900),
        ])
        let open = try repo.create(fields(acme, "Open"), by: db.bob)
        #expect(ruleMessage { try repo.invoiceLines(ofWonDeal: open.id) } == "the deal “Open” is at Lead; only won deals are invoiced")

        // The invoice process links the deal inside its own transaction; the
        // draft invoice (without lines here) takes over the reservation.
        let invoiceID = try db.database.write { d -> Int64 in
            try d.execute(sql: """
                INSERT INTO invoices (customer_id, deal_id, created_at, updated_at, updated_by)
                VALUES (?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'carol')
                """, arguments: [other.id, big.id])
            let id = d.lastInsertedRowID
            try DealRepository.linkInvoice(d, dealID: big.id, invoiceID: id, expectedVersion: big.version, by: db.carol)
            return id
        }
        big = try #require(try repo.find(id: big.id))
        #expect(big.invoiceID == invoiceID)
        #expect(big.version == 5)
        #expect(try repo.products(of: small.id).first?.reserved == 4)
        #expect(try repo.products(of: big.id).map(\.reservedByThisDeal) == [0, 0])
        #expect(try db.database.history(of: "deal", id: big.id, fields: ["invoice_id"]).map(\.newValue) == [String(invoiceID)])

        // An invoiced deal stays won, and its lines and value stay as invoiced.
        // Named in words: the deal by its title, the draft as a draft, never by ids.
        #expect(ruleMessage { try repo.invoiceLines(ofWonDeal: big.id) } == "the deal “Big office” is already invoiced (a draft invoice)")
        #expect(ruleMessage { try repo.moveBack(id: big.id, expectedVersion: big.version, by: db.bob) }
            == "the deal “Big office” is invoiced (a draft invoice) and stays won; delete the draft invoice first")
        #expect(ruleMessage { try repo.addLine(to: big.id, DealLineFields(productID: desk), expectedVersion: big.version, by: db.bob) }
            == "the deal “Big office” is invoiced (a draft invoice); its lines can no longer change")
        var edited = big.fields
        edited.title = "Big office, invoiced"
        big = try repo.update(id: big.id, edited, expectedVersion: big.version, by: db.bob)
        #expect(big.title == "Big office, invoiced")

        // Linking twice, or to another customer's invoice, is refused.
        #expect(ruleMessage {
            try db.database.write { d in try DealRepository.linkInvoice(d, dealID: big.id, invoiceID: invoiceID, by: db.carol) }
        } == "the deal “Big office, invoiced” is already invoiced (a draft invoice)")
        #expect(ruleMessage {
            try db.database.write { d in try DealRepository.linkInvoice(d, dealID: small.id, invoiceID: invoiceID, by: db.carol) }
        } == "a draft invoice is for another customer than the deal “\(small.title)”")

        // Deleting the draft gives the reservation back to the deal.
        try db.database.write { d in
            try DealRepository.unlinkInvoice(d, invoiceID: invoiceID, by: db.carol)
            try d.execute(sql: "DELETE FROM invoices WHERE id = ?", arguments: [invoiceID])
        }
        big = try #require(try repo.find(id: big.id))
        #expect(big.invoiceID == nil)
        #expect(big.updatedBy == "carol")
        #expect(try repo.products(of: small.id).first?.reserved == 12)
        #expect(try db.database.history(of: "deal", id: big.id, fields: ["invoice_id"]).map(\.newValue) == [String(invoiceID), nil])
        #expect(try repo.invoiceLines(ofWonDeal: big.id).count == 2)
    }
}
