import Foundation

/// camt.053 statements written the way German banks write them, in the
/// 2009 (.001.02) or 2019 (.001.08) schema: namespaces, balances, booked
/// entries, batch bookings, structured and unstructured remittance,
/// umlauts and returned direct debits.
public struct CAMTFixture {
    public enum Version: String, Sendable { case v02 = "02", v08 = "08" }

    public struct Transaction {
        var amountCents: Int
        var name: String
        var iban: String
        var unstructured: [String]
        var structured: String
        var endToEnd: String
        var reference: String
        var returnReason: String?

        public init(amountCents: Int, name: String = "", iban: String = "", unstructured: [String] = [], structured: String = "",
                    endToEnd: String = "NOTPROVIDED", reference: String = "", returnReason: String? = nil) {
            self.amountCents = amountCents
            self.name = name
            self.iban = iban
            self.unstructured = unstructured
            self.structured = structured
            self.endToEnd = endToEnd
            self.reference = reference
            self.returnReason = returnReason
        }
    }

    public struct Entry {
        var reference: String
        var credit: Bool
        var date: String
        var transactions: [Transaction]
        var status: String
        var amountCents: Int { transactions.reduce(0) { $0 + $1.amountCents } }

        public init(reference: String, credit: Bool, date: String, transactions: [Transaction], status: String = "BOOK") {
            self.reference = reference
            self.credit = credit
            self.date = date
            self.transactions = transactions
            self.status = status
        }
    }

    public struct Statement {
        var id: String
        var iban: String
        var openingCents: Int
        var entries: [Entry]
        /// nil: opening plus the booked entries.
        var closingCents: Int?

        public init(id: String, iban: String = "DE02200505501015871393", openingCents: Int, entries: [Entry], closingCents: Int? = nil) {
            self.id = id
            self.iban = iban
            self.openingCents = openingCents
            self.entries = entries
            self.closingCents = closingCents
        }
    }

    var version: Version

    public init(version: Version) { self.version = version }

    /// Text as a bank's XML writer escapes it.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    public static func amount(_ cents: Int) -> String { String(format: "%d.%02d", abs(cents) / 100, abs(cents) % 100) }

    public func xml(_ statements: [Statement]) -> String {
        let v08 = version == .v08
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.\(version.rawValue)" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>MSG-\(statements.first?.id ?? "")</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>

        """
        for statement in statements {
            let booked = statement.entries.filter { $0.status == "BOOK" }
            let closing = statement.closingCents ?? statement.openingCents + booked.reduce(0) { $0 + ($1.credit ? 1 : -1) * $1.amountCents }
            func balance(_ code: String, _ cents: Int) -> String {
                """
                      <Bal><Tp><CdOrPrtry><Cd>\(code)</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">\(Self.amount(cents))</Amt>
                        <CdtDbtInd>\(cents < 0 ? "DBIT" : "CRDT")</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal>

                """
            }
            out += """
                <Stmt>
                  <Id>\(statement.id)</Id>
                  <ElctrncSeqNb>1</ElctrncSeqNb>
                  <CreDtTm>2026-11-30T18:00:00</CreDtTm>
                  <Acct><Id><IBAN>\(statement.iban)</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BIC>HASPDEHHXXX</BIC></FinInstnId></Svcr></Acct>

            """
            out += balance("PRCD", statement.openingCents) + balance("CLBD", closing)
            for entry in statement.entries {
                let sign = entry.credit ? "CRDT" : "DBIT"
                out += """
                      <Ntry>
                        <NtryRef>\(entry.reference)</NtryRef>
                        <Amt Ccy="EUR">\(Self.amount(entry.amountCents))</Amt>
                        <CdtDbtInd>\(sign)</CdtDbtInd>
                        \(entry.transactions.contains { $0.returnReason != nil } ? "<RvslInd>true</RvslInd>" : "")
                        \(v08 ? "<Sts><Cd>\(entry.status)</Cd></Sts>" : "<Sts>\(entry.status)</Sts>")
                        <BookgDt><Dt>\(entry.date)</Dt></BookgDt>
                        <ValDt><Dt>\(entry.date)</Dt></ValDt>
                        <AcctSvcrRef>\(entry.reference)</AcctSvcrRef>
                        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                        <NtryDtls>
                          \(entry.transactions.count > 1 ? "<Btch><NbOfTxs>\(entry.transactions.count)</NbOfTxs></Btch>" : "")

                """
                for (index, tx) in entry.transactions.enumerated() {
                    let party = entry.credit ? "Dbtr" : "Cdtr"
                    let nameXML = tx.name.isEmpty ? "" : (v08 ? "<\(party)><Pty><Nm>\(Self.escaped(tx.name))</Nm></Pty></\(party)>" : "<\(party)><Nm>\(Self.escaped(tx.name))</Nm></\(party)>")
                    let ibanXML = tx.iban.isEmpty ? "" : "<\(party)Acct><Id><IBAN>\(tx.iban)</IBAN></Id></\(party)Acct>"
                    let amountXML = v08 ? "<Amt Ccy=\"EUR\">\(Self.amount(tx.amountCents))</Amt><CdtDbtInd>\(sign)</CdtDbtInd>"
                                        : "<AmtDtls><TxAmt><Amt Ccy=\"EUR\">\(Self.amount(tx.amountCents))</Amt></TxAmt></AmtDtls>"
                    let remittance = (tx.unstructured.map { "<Ustrd>\(Self.escaped($0))</Ustrd>" }.joined()
                        + (tx.structured.isEmpty ? "" : "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>\(tx.structured)</Ref></CdtrRefInf></Strd>"))
                    out += """
                              <TxDtls>
                                <Refs><AcctSvcrRef>\(tx.reference.isEmpty ? "\(entry.reference)-\(index + 1)" : tx.reference)</AcctSvcrRef><EndToEndId>\(tx.endToEnd)</EndToEndId></Refs>
                                \(amountXML)
                                <RltdPties>\(nameXML)\(ibanXML)</RltdPties>
                                \(remittance.isEmpty ? "" : "<RmtInf>\(remittance)</RmtInf>")
                                \(tx.returnReason.map { "<RtrInf><Rsn><Cd>\($0)</Cd></Rsn></RtrInf>" } ?? "")
                              </TxDtls>

                    """
                }
                out += """
                        </NtryDtls>
                      </Ntry>

                """
            }
            out += "    </Stmt>\n"
        }
        out += "  </BkToCstmrStmt>\n</Document>\n"
        return out
    }
}
