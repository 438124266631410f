package com.example.xml;

import java.io.InputStream;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

@RestController
public class InvoiceImportController {

    @PostMapping("/invoices/import")
    public String importInvoice(@RequestBody String xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        // ruleid: java.lang.xxe-xml-parser
        DocumentBuilder builder = dbf.newDocumentBuilder();
        Document doc = builder.parse(new InputSource(new StringReader(xml)));
        return doc.getDocumentElement().getAttribute("id");
    }

    @PostMapping("/invoices/import-safe")
    public String importInvoiceSafe(@RequestBody String xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        dbf.setXIncludeAware(false);
        // ok: java.lang.xxe-xml-parser
        DocumentBuilder builder = dbf.newDocumentBuilder();
        return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement().getTagName();
    }

    public Document quickParse(InputStream in) throws Exception {
        // ruleid: java.lang.xxe-xml-parser
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }

    public void saxParse(InputStream in, DefaultHandler handler) throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        // ruleid: java.lang.xxe-xml-parser
        SAXParser parser = spf.newSAXParser();
        parser.parse(in, handler);
    }

    public void saxParseSafe(InputStream in, DefaultHandler handler) throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ok: java.lang.xxe-xml-parser
        SAXParser parser = spf.newSAXParser();
        parser.parse(in, handler);
    }

    public XMLStreamReader stax(InputStream in) throws Exception {
        XMLInputFactory xif = XMLInputFactory.newInstance();
        // ruleid: java.lang.xxe-xml-parser
        return xif.createXMLStreamReader(in);
    }

    public XMLStreamReader staxSafe(InputStream in) throws Exception {
        XMLInputFactory xif = XMLInputFactory.newFactory();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        // ok: java.lang.xxe-xml-parser
        return xif.createXMLStreamReader(in);
    }

    public Transformer transformer(InputStream xslt) throws Exception {
        TransformerFactory tf = TransformerFactory.newInstance();
        // ruleid: java.lang.xxe-xml-parser
        return tf.newTransformer(new StreamSource(xslt));
    }

    public Transformer transformerSafe(InputStream xslt) throws Exception {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        // ok: java.lang.xxe-xml-parser
        return tf.newTransformer(new StreamSource(xslt));
    }
}
