import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small way to build an XML tree with Foundation's `XMLElement`:
/// elements with text or children, empty optional ones left out. The
/// library writes the escaping (`&`, `<`, quotes) and the encoding; Kontor
/// never writes XML syntax by hand.
enum XML {
    /// An element with text; nil when the text is empty, so that optional
    /// elements simply vanish.
    static func text(_ name: String, _ value: String?, _ attributes: [(String, String)] = []) -> XMLElement? {
        guard let value, !value.isEmpty else { return nil }
        let element = XMLElement(name: name, stringValue: value)
        for (key, v) in attributes { element.addAttribute(XMLNode.attribute(withName: key, stringValue: v) as! XMLNode) }
        return element
    }

    /// An element with children (the nil ones left out); nil when none remain.
    static func node(_ name: String, _ children: [XMLElement?], _ attributes: [(String, String)] = []) -> XMLElement? {
        let present = children.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        let element = XMLElement(name: name)
        for (key, v) in attributes { element.addAttribute(XMLNode.attribute(withName: key, stringValue: v) as! XMLNode) }
        for child in present { element.addChild(child) }
        return element
    }

    /// The document as UTF-8 bytes with its XML declaration.
    static func document(root: XMLElement, namespaces: [(prefix: String, uri: String)]) -> Data {
        for (prefix, uri) in namespaces {
            root.addNamespace(XMLNode.namespace(withName: prefix, stringValue: uri) as! XMLNode)
        }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlData(options: [.nodePrettyPrint])
    }
}
