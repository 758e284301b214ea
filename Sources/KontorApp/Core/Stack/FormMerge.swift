import KontorLocale
import KontorUI

/// A form whose save was refused because a colleague saved first, compared
/// three ways, field by field: the version the typing started from (the
/// form's opening values), what the colleague saved (theirs) and what was
/// typed (mine). A field only one side changed takes that side's value;
/// only a field both changed, to different values, needs the user's pick.
struct FormMerge: Equatable {
    /// Which version a field's value comes from.
    enum Side: Equatable {
        case theirs, mine
        /// Theirs, then " / " and yours: for notes both wrote to, so that
        /// neither text is lost (a form's fields are one line each).
        case both
    }

    /// Both texts, theirs first; one alone when the other is empty.
    static func join(_ theirs: String, _ mine: String) -> String {
        theirs.isEmpty ? mine : mine.isEmpty ? theirs : theirs + " / " + mine
    }

    /// Free text this long (notes, descriptions) can keep both sides;
    /// a name or a number cannot.
    static let joinableLength = 500

    struct Field: Equatable {
        var id: String
        var label: String
        /// As the form opened: the version the user started editing from.
        var base: String
        var theirs: String
        var mine: String
        /// Whether both sides can be kept, one after the other (`Side.both`).
        var joinable = false
        /// Theirs, then yours: what `Side.both` gives.
        var joined: String { FormMerge.join(theirs, mine) }

        var theyChanged: Bool { theirs != base }
        var iChanged: Bool { mine != base }
        /// Both changed it, to different values: the user picks.
        var isConflict: Bool { theyChanged && iChanged && theirs != mine }
        /// Whether the two versions show different values here.
        var differs: Bool { theirs != mine }
        /// The side a field takes without asking: theirs where only they
        /// changed it, mine otherwise (the same value, or only mine changed).
        var settledSide: Side { theyChanged && !iChanged ? .theirs : .mine }

        /// "they changed", "you changed", "both changed", for the comparison.
        var change: String {
            switch (theyChanged, iChanged) {
            case (true, true): return theirs == mine ? tr("same change") : tr("both changed")
            case (true, false): return tr("they changed")
            case (false, true): return tr("you changed")
            case (false, false): return ""
            }
        }
    }

    /// Every field of the form, in its order.
    let fields: [Field]

    /// - Parameters:
    ///   - mine: the form as typed; its opening values are the base.
    ///   - theirs: the same form filled from the version saved now.
    init(mine: Form, theirs: Form) {
        fields = mine.fields.map { field in
            Field(id: field.id, label: field.label, base: mine.openingValue(field.id),
                  theirs: theirs.value(field.id), mine: field.input.text,
                  joinable: !field.isChoice && (field.input.maxLength ?? Int.max) >= Self.joinableLength)
        }
    }

    /// The fields whose values the two versions show differently.
    var differing: [Field] { fields.filter(\.differs) }
    /// The fields both changed to different values: the ones to pick.
    var conflicts: [Field] { fields.filter(\.isConflict) }
    /// Whether the user typed anything the saved version does not have.
    var hasMine: Bool { fields.contains { $0.iChanged && $0.differs } }

    /// Each field's side: the picks for the conflicting ones (mine unless
    /// picked otherwise), the settled side for the rest.
    func sides(picks: [String: Side]) -> [String: Side] {
        Dictionary(uniqueKeysWithValues: fields.map { field in
            (field.id, field.isConflict ? picks[field.id] ?? .mine : field.settledSide)
        })
    }
}

extension FormEditor {
    /// The editor over the version saved now (`theirs`, whose record and
    /// version the next save expects), with the fields `sides` gives to
    /// mine taken from this editor.
    func resolved(over theirs: Self, sides: [String: FormMerge.Side]) -> Self {
        var merged = theirs
        for field in form.fields {
            switch sides[field.id] {
            case .mine: merged.adopt(field.id, from: self)
            case .both:
                merged.form.setValue(field.id, FormMerge.join(theirs.form.value(field.id), form.value(field.id)))
            case .theirs, nil: break
            }
        }
        merged.form.focus = min(form.focus, max(0, merged.form.fields.count - 1))
        return merged
    }
}
