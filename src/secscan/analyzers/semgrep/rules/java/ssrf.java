package com.example.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.http.client.methods.HttpGet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

public class ImageProxyServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String imageUrl = request.getParameter("url");
        URL url = new URL(imageUrl);
        // ruleid: java.lang.ssrf
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.getInputStream().transferTo(response.getOutputStream());

        // ruleid: java.lang.ssrf
        try (InputStream in = new URL(request.getParameter("feed")).openStream()) {
            in.transferTo(response.getOutputStream());
        }

        String id = request.getParameter("id");
        // ok: java.lang.ssrf
        URL api = new URL("https://images.example.com/thumbnails/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        // ok: java.lang.ssrf
        api.openConnection();
    }
}

@RestController
class WebhookController {
    private final RestTemplate restTemplate = new RestTemplate();
    private final HttpClient httpClient = HttpClient.newHttpClient();

    @PostMapping("/webhooks/test")
    public String test(@RequestParam String callback) {
        // ruleid: java.lang.ssrf
        return restTemplate.getForObject(callback, String.class);
    }

    @PostMapping("/webhooks/ping")
    public int ping(@RequestBody WebhookConfig config) throws Exception {
        // ruleid: java.lang.ssrf
        HttpRequest req = HttpRequest.newBuilder(URI.create(config.getEndpoint())).GET().build();
        return httpClient.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @GetMapping("/webhooks/legacy")
    public Object legacy(@RequestParam String host) {
        // ruleid: java.lang.ssrf
        return new HttpGet("http://" + host + "/status");
    }

    @GetMapping("/users/lookup")
    public String lookup(@RequestParam String userId) {
        // ok: java.lang.ssrf
        return restTemplate.getForObject("https://users.internal.example.com/api/users/{id}", String.class, userId);
    }

    @GetMapping("/users/avatar")
    public String avatar(@RequestParam String userId) {
        // ok: java.lang.ssrf
        return restTemplate.getForObject("https://avatars.example.com/u/" + userId, String.class);
    }
}
