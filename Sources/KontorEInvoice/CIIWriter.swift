import Foundation
import KontorModel
enum CIIWriter { static func document(_ source: EInvoiceSource) -> Data { fatalError() } }
