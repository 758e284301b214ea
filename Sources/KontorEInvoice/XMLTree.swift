import CXMLWriter
import Foundation

/// A small way to build an XML document: elements with text or children,
/// empty optional ones left out, kept as plain values and written out by
/// libxml2's streaming writer (`xmlTextWriter`). The library writes the
/// escaping (`&`, `<`, quotes) and the encoding; Kontor never writes XML
/// syntax by hand. Plain values, not Foundation's `XMLElement` tree, whose
/// nodes are never freed (about 18 KB per e-invoice in a long session).
enum XML {
    /// One element: its attributes, and either text or children.
    struct Element {
        var name: String
        var attributes: [(String, String)] = []
        var text: String?
        var children: [Element] = []

        init(name: String, attributes: [(String, String)] = [], text: String? = nil, children: [Element] = []) {
            self.name = name
            self.attributes = attributes
            self.text = text
            self.children = children
        }
    }

    /// An element with text; nil when the text is empty, so that optional
    /// elements simply vanish.
    static func text(_ name: String, _ value: String?, _ attributes: [(String, String)] = []) -> Element? {
        guard let value, !value.isEmpty else { return nil }
        return Element(name: name, attributes: attributes, text: value)
    }

    /// An element with children (the nil ones left out); nil when none remain.
    static func node(_ name: String, _ children: [Element?], _ attributes: [(String, String)] = []) -> Element? {
        let present = children.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        return Element(name: name, attributes: attributes, children: present)
    }

    /// The document as UTF-8 bytes with its XML declaration, indented, the
    /// namespaces declared on the root ("" for the default namespace).
    static func document(root: Element, namespaces: [(prefix: String, uri: String)]) -> Data {
        var root = root
        root.attributes = namespaces.map { ($0.prefix.isEmpty ? "xmlns" : "xmlns:\($0.prefix)", $0.uri) } + root.attributes
        guard let writer = kontor_xml_writer_new() else { return Data() }
        defer { kontor_xml_writer_free(writer) }
        write(root, to: writer)
        var length: Int32 = 0
        guard let bytes = kontor_xml_finish(writer, &length) else { return Data() }
        return Data(bytes: bytes, count: Int(length))
    }

    private static func write(_ element: Element, to writer: OpaquePointer) {
        kontor_xml_start_element(writer, element.name)
        for (name, value) in element.attributes { kontor_xml_attribute(writer, name, value) }
        if let text = element.text { kontor_xml_text(writer, text) }
        for child in element.children { write(child, to: writer) }
        kontor_xml_end_element(writer)
    }
}
