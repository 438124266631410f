package com.example.catalog;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

public class AccountLookupServlet extends HttpServlet {
    private Document usersXml;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        String pass = request.getParameter("pass");
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            // ruleid: java.lang.xpath-injection
            Object node = xpath.evaluate("//user[name='" + user + "' and password='" + pass + "']", usersXml, XPathConstants.NODE);

            // ruleid: java.lang.xpath-injection
            XPathExpression expr = xpath.compile("/accounts/account[@id='" + request.getParameter("id") + "']");

            xpath.setXPathVariableResolver(name -> name.getLocalPart().equals("user") ? user : null);
            // ok: java.lang.xpath-injection
            Object safe = xpath.evaluate("//user[name=$user]", usersXml, XPathConstants.NODE);

            // ok: java.lang.xpath-injection
            XPathExpression all = xpath.compile("/accounts/account[@active='true']");
        } catch (XPathExpressionException e) {
            response.sendError(400);
        }
    }
}

@RestController
class CatalogController {
    private final XPath xpath = XPathFactory.newInstance().newXPath();
    private Document catalog;

    @GetMapping("/catalog/price")
    public String price(@RequestParam String sku) throws XPathExpressionException {
        // ruleid: java.lang.xpath-injection
        return xpath.evaluate("/catalog/item[@sku='" + sku + "']/price", catalog);
    }

    @GetMapping("/catalog/count")
    public String count(@RequestParam int min) throws XPathExpressionException {
        // ok: java.lang.xpath-injection
        return xpath.evaluate("count(/catalog/item[stock > " + min + "])", catalog);
    }
}
