import ArgumentParser
import Foundation
import KontorModel

/// `kontor bench`: measured later in this file.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure start-up and key-to-frame times on a database.")
    func run() throws {}
}
