extension German {
    /// What a person chooses for a list: its order, its columns, the
    /// views they saved.
    static let listChoices: [String: String] = [
        // Sorting
        "the list's own order": "die eigene Reihenfolge der Liste",
        "Sort by the next column, rising then falling, and back to the list's own order (remembered)":
            "Nach der nächsten Spalte sortieren, aufsteigend, dann absteigend, und zurück zur eigenen Reihenfolge der Liste (gemerkt)",
        "sort back": "zurück sortieren",
        "Sort by the previous column (remembered)": "Nach der vorigen Spalte sortieren (gemerkt)",
        "This list keeps one order": "Diese Liste hat nur eine Reihenfolge",
        "Sorted by {0}.": "Sortiert nach {0}.",
        "Not sortable (no index): {0}.": "Nicht sortierbar (kein Index): {0}.",

        // Columns
        "columns": "Spalten",
        "Choose the columns the list shows (remembered)": "Die Spalten der Liste wählen (gemerkt)",
        "This list shows all its columns": "Diese Liste zeigt immer alle Spalten",
        "The list keeps at least one column.": "Die Liste behält mindestens eine Spalte.",
        "Columns · Enter shows or hides": "Spalten · Enter zeigt oder verbirgt",
        "Column": "Spalte",

        // Saved views
        "A saved view needs a name.": "Eine gespeicherte Ansicht braucht einen Namen.",
        "A view's name has at most {0} characters.": "Der Name einer Ansicht hat höchstens {0} Zeichen.",
    ]
}
