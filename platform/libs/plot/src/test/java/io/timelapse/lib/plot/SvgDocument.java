package io.timelapse.lib.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** An SVG file parsed as XML, with the queries the tests need. */
final class SvgDocument {

    private final Document document;

    private SvgDocument(Document document) {
        this.document = document;
    }

    static SvgDocument parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new SvgDocument(factory.newDocumentBuilder().parse(file.toFile()));
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError(file + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    List<Element> elements(String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The text of every {@code <text>} element, in document order. */
    List<String> texts() {
        return elements("text").stream().map(Element::getTextContent).toList();
    }

    /** The elements with an id starting {@code series-}: one per drawn curve. */
    List<Element> seriesCurves() {
        List<Element> curves = new ArrayList<>();
        for (Element element : elements("*")) {
            if (element.getAttribute("id").startsWith("series-")) {
                curves.add(element);
            }
        }
        return curves;
    }
}
