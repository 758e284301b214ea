import CCairo
import Foundation

/// A font as the sheet uses it: DejaVu Sans (Debian's `fonts-dejavu-core`)
/// in one size and weight, black or grey. cairo's own text API finds the
/// face through fontconfig and embeds the glyphs it draws as a subset, with
/// the characters they stand for, so `pdftotext` reads back what was drawn.
struct PDFFont: Equatable {
    static let family = "DejaVu Sans"
    /// For Chinese, Japanese and Korean, which DejaVu has no glyphs for
    /// (Debian's `fonts-wqy-zenhei`, 16 MB): a customer in Tokyo or Seoul
    /// is printed, not shown as empty boxes. cairo's text API takes one
    /// face per call, so a line is drawn in runs of either.
    static let cjkFamily = "WenQuanYi Zen Hei"

    /// Whether `scalar` is drawn with `cjkFamily`: the CJK ideographs,
    /// kana, Hangul, their punctuation and the full-width forms.
    static func needsCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x31FF, 0x3200...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFFEF, 0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }

    /// `text` cut where it changes between the two families.
    static func runs(_ text: String) -> [(text: String, cjk: Bool)] {
        var runs: [(text: String, cjk: Bool)] = []
        for character in text {
            let cjk = character.unicodeScalars.first.map(needsCJK) ?? false
            if let last = runs.last, last.cjk == cjk {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append((String(character), cjk))
            }
        }
        return runs
    }

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
    private var currentFont: (font: PDFFont, cjk: Bool)?

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
        PDFFont.runs(text).reduce(0) { sum, run in
            use(font, cjk: run.cjk)
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, run.text, &extents)
            return sum + extents.x_advance / Self.pointsPerMM
        }
    }

    /// Draws `text` with its baseline at `y`, starting at `x` (left) or ending there (right).
    func text(_ text: String, x: Double, y: Double, _ font: PDFFont, align: TextAlignment = .left) {
        guard !text.isEmpty else { return }
        let left = align == .left ? x : x - width(text, font)
        cairo_set_source_rgb(context, font.gray, font.gray, font.gray)
        cairo_move_to(context, left * Self.pointsPerMM, y * Self.pointsPerMM)
        // Each run goes on where the one before ended (cairo moves the point).
        for run in PDFFont.runs(text) {
            use(font, cjk: run.cjk)
            cairo_show_text(context, run.text)
        }
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

    private func use(_ font: PDFFont, cjk: Bool = false) {
        if let currentFont, currentFont.font == font, currentFont.cjk == cjk { return }
        cairo_select_font_face(context, cjk ? PDFFont.cjkFamily : PDFFont.family, CAIRO_FONT_SLANT_NORMAL,
                               font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, font.size)
        currentFont = (font, cjk)
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
