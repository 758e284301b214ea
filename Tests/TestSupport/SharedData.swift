import Foundation

/// The shared data beside the repository (`../shared`): the official
/// e-invoice rule set and the Northwind business data. `.ci/run` sets
/// `$KONTOR_SHARED` when a clone lies elsewhere. Never copied into the
/// project.
public enum SharedData {
    public static var folder: URL {
        if let shared = ProcessInfo.processInfo.environment["KONTOR_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared)
        }
        // Tests/TestSupport/SharedData.swift → the package root → its parent.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("../shared").standardizedFileURL
    }

    /// The Northwind data set (customers, products, … as CSV).
    public static var northwind: URL { folder.appendingPathComponent("datasets/northwind") }

    /// The e-invoice validation kit's `validate` script.
    public static var einvoiceValidator: URL { folder.appendingPathComponent("einvoice-validation/validate") }
}
