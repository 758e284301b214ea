import GRDB

/// The demo company's people: the account that seeds the demo becomes its
/// admin (so it can open it), and a team in every role works beside it.
enum DemoStaff {
    static let team: [(username: String, name: String, title: String, department: String, role: Role)] = [
        ("sabine", "Sabine Krüger", "Geschäftsführerin", "Leitung", .admin),
        ("juergen", "Jürgen Weiß", "Vertriebsleiter", "Vertrieb", .manager),
        ("anna", "Anna Schäfer", "Kundenbetreuerin", "Vertrieb", .front),
        ("mehmet", "Mehmet Yılmaz", "Support", "Kundendienst", .front),
        ("lena", "Lena Hoffmann", "Support", "Kundendienst", .front),
        ("tobias", "Tobias Becker", "Außendienst", "Vertrieb", .front),
        ("ursula", "Ursula Brandt", "Buchhalterin", "Buchhaltung", .back),
        ("goeran", "Göran Nilsson", "Lagerleiter", "Lager", .back),
        ("mei", "王梅 (Wang Mei)", "Einkauf", "Lager", .back),
        ("katrin", "Katrin Vogel", "Teamleiterin Support", "Kundendienst", .manager),
    ]

    /// Inserts the team (and the seeding account as admin) where missing.
    /// Returns the ids of every active member of staff, by role.
    @discardableResult
    static func seed(_ db: Database, actor: Actor, now: String) throws -> [Role: [Int64]] {
        let insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO staff (username, full_name, title, department, manager_id, phone, email, role, created_at, updated_at, updated_by)
            VALUES (?, ?, ?, ?, (SELECT id FROM staff WHERE username = ?), ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [actor.username, actor.username, "Administrator", "IT", nil, "", "", Role.admin.rawValue, now, now, actor.username])
        for (index, member) in team.enumerated() {
            let manager = member.role == .admin ? nil : (member.department == "Kundendienst" && member.role != .manager ? "katrin" : "sabine")
            try insert.execute(arguments: [
                member.username, member.name, member.title, member.department, manager,
                "+49 30 5550 \(100 + index)", "\(member.username)@kontor-demo.example", member.role.rawValue, now, now, actor.username,
            ])
        }
        var byRole: [Role: [Int64]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, role FROM staff WHERE active = 1 ORDER BY id") {
            byRole[Role(rawValue: row["role"]) ?? .front, default: []].append(row["id"])
        }
        return byRole
    }
}
