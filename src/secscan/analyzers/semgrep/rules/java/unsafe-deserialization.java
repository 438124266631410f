package com.example.session;

import com.thoughtworks.xstream.XStream;
import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Base64;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

public class StateServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java.lang.unsafe-deserialization
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            Object state = in.readObject();
        } catch (ClassNotFoundException e) {
            response.sendError(400);
        }

        byte[] raw = Base64.getDecoder().decode(request.getParameter("state"));
        // ruleid: java.lang.unsafe-deserialization
        ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(raw));

        // ok: java.lang.unsafe-deserialization
        ObjectInputStream filtered = new ObjectInputStream(request.getInputStream());
        filtered.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.dto.*;!*"));

        // ok: java.lang.unsafe-deserialization
        ObjectInputStream checked = new ObjectInputStream(request.getInputStream()) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                if (!desc.getName().startsWith("com.example.dto.")) {
                    throw new InvalidClassException(desc.getName());
                }
                return super.resolveClass(desc);
            }
        };
    }
}

@RestController
class ImportController {
    private final XStream xstream = new XStream();

    @PostMapping("/import/beans")
    public Object importBeans(@RequestParam("file") MultipartFile file) throws IOException {
        // ruleid: java.lang.unsafe-deserialization
        XMLDecoder decoder = new XMLDecoder(file.getInputStream());
        return decoder.readObject();
    }

    @PostMapping("/import/xml")
    public Object importXml(@RequestBody String xml) {
        // ruleid: java.lang.unsafe-deserialization
        return xstream.fromXML(xml);
    }

    @PostMapping("/import/orders")
    public Object importOrders(@RequestBody String xml) {
        XStream safe = new XStream();
        safe.allowTypes(new Class[] {Order.class, OrderLine.class});
        // ok: java.lang.unsafe-deserialization
        return safe.fromXML(xml);
    }

    public Object loadBundledDefaults(InputStream bundled) throws IOException, ClassNotFoundException {
        // ok: java.lang.unsafe-deserialization
        return new ObjectInputStream(bundled).readObject();
    }
}
