extension German {
    /// What a person chooses for a list: its order, its columns, the
    /// views they saved.
    static let listChoices: [String: String] = [
        // Sorting
        "Order and columns": "Reihenfolge und Spalten",
        "the list's own order": "die eigene Reihenfolge der Liste",
        "Sort by the next column, rising then falling, and back to the list's own order (remembered)":
            "Nach der nächsten Spalte sortieren, aufsteigend, dann absteigend, und zurück zur eigenen Reihenfolge der Liste (gemerkt)",
        "sort back": "zurück sortieren",
        "Sort by the previous column (remembered)": "Nach der vorigen Spalte sortieren (gemerkt)",
        "This list keeps one order": "Diese Liste hat nur eine Reihenfolge",
        "Sorted by {0}.": "Sortiert nach {0}.",
        "In the list's own order again.": "Wieder in der eigenen Reihenfolge der Liste.",
        "Not sortable here: {0}.": "Hier nicht sortierbar: {0}.",
        "Sortable in a shorter list (a view or filter): {0}.": "In einer kürzeren Liste (Ansicht oder Filter) sortierbar: {0}.",
        "too many to sort by {0}": "zu viele, um nach {0} zu sortieren",

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
        "saved views": "gespeicherte Ansichten",
        "Saved views": "Gespeicherte Ansichten",
        "saved view": "gespeicherte Ansicht",
        "Saved views: save the list as shown under a name, open one, delete one":
            "Gespeicherte Ansichten: die Liste wie gezeigt unter einem Namen speichern, eine öffnen, eine löschen",
        "This list has no saved views": "Diese Liste hat keine gespeicherten Ansichten",
        "Saved views · Enter opens, Ctrl-D deletes": "Gespeicherte Ansichten · Enter öffnet, Strg-D löscht",
        "+ save as shown…": "+ wie gezeigt speichern …",
        "Shows": "Zeigt",
        "the whole list": "die ganze Liste",
        "{0} column hidden": "{0} Spalte verborgen",
        "{0} columns hidden": "{0} Spalten verborgen",
        "Saved view “{0}”": "Gespeicherte Ansicht „{0}“",
        "Saved as “{0}”: v or the palette (:) opens it again": "Gespeichert als „{0}“: v oder die Befehlszeile (:) öffnet sie wieder",
        "Saved view “{0}” deleted": "Gespeicherte Ansicht „{0}“ gelöscht",
        "The saved view “{0}” is gone": "Die gespeicherte Ansicht „{0}“ gibt es nicht mehr",
        "Saved view of {0}": "Gespeicherte Ansicht: {0}",
        "delete view": "Ansicht löschen",
        "Delete the highlighted saved view (asks first)": "Die markierte gespeicherte Ansicht löschen (fragt vorher)",
        "No saved view is highlighted": "Keine gespeicherte Ansicht markiert",
        "Delete saved view": "Gespeicherte Ansicht löschen",
        "Delete the saved view “{0}”?": "Die gespeicherte Ansicht „{0}“ löschen?",
        "keep it": "behalten",
        "Save the list as shown": "Die Liste wie gezeigt speichern",
        "Save view": "Ansicht speichern",
        "save view": "Ansicht speichern",
        "Save the list as shown under this name (Enter too)": "Die Liste wie gezeigt unter diesem Namen speichern (auch Enter)",
        "Save nothing": "Nichts speichern",
        "as the palette finds it: Meine dringenden": "wie die Befehlszeile sie findet: Meine dringenden",
    ]
}
