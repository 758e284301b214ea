import CCairo
import Foundation

/// A font as the sheet uses it: DejaVu Sans (Debian's `fonts-dejavu-core`)
/// in one size and weight, black or grey. cairo's own text API finds the
/// face through fontconfig and embeds the glyphs it draws as a subset, with
/// the characters they stand for, so `pdftotext` reads back what was drawn.
struct PDFFont: Equatable {
    static let family = "DejaVu Sans"

    var size: Double
    var bold = false
    /// 0 is black; the footer and labels are grey.
    var gray: Double = 0
}

enum TextAlignment {
    case left, right
}

/// One PDF drawn with cairo into memory, measured in millimetres from the
/// top left of an A4 page. The PDF syntax is cairo's; this only places
/// text and hairlines.
final class PDFCanvas {
    /// A4 in points: 210 × 297 mm.
    static let pageWidth = 595.28, pageHeight = 841.89
    private static let pointsPerMM = 72 / 25.4

    private let sink = DataSink()
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private var currentFont: PDFFont?

    init() throws {
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<DataSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), Self.pageWidth, Self.pageHeight)
        context = cairo_create(surface)
        try check(cairo_status(context))
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Title, author, creator and so on, in the PDF's document information.
    func setMetadata(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// The width of `text` in millimetres.
    func width(_ text: String, _ font: PDFFont) -> Double {
        use(font)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance / Self.pointsPerMM
    }

    /// Draws `text` with its baseline at `y`, starting at `x` (left) or ending there (right).
    func text(_ text: String, x: Double, y: Double, _ font: PDFFont, align: TextAlignment = .left) {
        guard !text.isEmpty else { return }
        let left = align == .left ? x : x - width(text, font)
        use(font)
        cairo_set_source_rgb(context, font.gray, font.gray, font.gray)
        cairo_move_to(context, left * Self.pointsPerMM, y * Self.pointsPerMM)
        cairo_show_text(context, text)
    }

    /// A straight line; `weight` in points.
    func line(from: (x: Double, y: Double), to: (x: Double, y: Double), weight: Double = 0.5, gray: Double = 0) {
        cairo_set_source_rgb(context, gray, gray, gray)
        cairo_set_line_width(context, weight)
        cairo_move_to(context, from.x * Self.pointsPerMM, from.y * Self.pointsPerMM)
        cairo_line_to(context, to.x * Self.pointsPerMM, to.y * Self.pointsPerMM)
        cairo_stroke(context)
    }

    /// Ends the page; what is drawn next goes on a new one.
    func nextPage() {
        cairo_show_page(context)
    }

    /// Ends the document and returns its bytes.
    func finish() throws -> Data {
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface))
        return sink.data
    }

    private func use(_ font: PDFFont) {
        guard font != currentFont else { return }
        cairo_select_font_face(context, PDFFont.family, CAIRO_FONT_SLANT_NORMAL, font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, font.size)
        currentFont = font
    }

    private func check(_ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFError(message: "cairo could not make the PDF: " + String(cString: cairo_status_to_string(status)))
        }
    }
}

/// Where cairo's stream of PDF bytes goes.
private final class DataSink {
    var data = Data()
}

/// cairo refused to make the document (out of memory, a font it could not
/// read); the words are cairo's.
public struct PDFError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
