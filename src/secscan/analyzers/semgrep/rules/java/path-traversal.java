package com.example.files;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

public class DownloadServlet extends HttpServlet {
    private static final String BASE_DIR = "/srv/app/reports";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String file = request.getParameter("file");
        // ruleid: java.lang.path-traversal
        try (InputStream in = new FileInputStream(BASE_DIR + "/" + file)) {
            in.transferTo(response.getOutputStream());
        }

        // ruleid: java.lang.path-traversal
        File report = new File(BASE_DIR, request.getParameter("report"));

        // ok: java.lang.path-traversal
        File safe = new File(BASE_DIR, FilenameUtils.getName(file));

        // ok: java.lang.path-traversal
        Path named = Paths.get(BASE_DIR).resolve(Paths.get(file).getFileName());

        // ok: java.lang.path-traversal
        File fixed = new File(BASE_DIR, "index.csv");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java.lang.path-traversal
        try (FileOutputStream out = new FileOutputStream("/srv/app/uploads/" + name)) {
            request.getInputStream().transferTo(out);
        }
    }
}

@RestController
class DocumentController {
    private final Path root = Paths.get("/srv/app/documents").toAbsolutePath().normalize();

    @GetMapping("/documents/{name}")
    public byte[] read(@PathVariable String name) throws IOException {
        // ruleid: java.lang.path-traversal
        return Files.readAllBytes(Paths.get("/srv/app/documents", name));
    }

    @GetMapping("/documents/view")
    public byte[] view(@RequestParam String path) throws IOException {
        // ruleid: java.lang.path-traversal
        Path target = root.resolve(path);
        // ruleid: java.lang.path-traversal
        return Files.readAllBytes(target);
    }

    @GetMapping("/documents/safe")
    public byte[] safeRead(@RequestParam String path) throws IOException {
        // ok: java.lang.path-traversal
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root)) {
            throw new SecurityException("path escapes the document root");
        }
        // ok: java.lang.path-traversal
        return Files.readAllBytes(target);
    }

    @GetMapping("/documents/legacy")
    public byte[] legacyRead(@RequestParam String path) throws IOException {
        // ok: java.lang.path-traversal
        File f = new File("/srv/app/documents", path);
        if (!f.getCanonicalPath().startsWith("/srv/app/documents/")) {
            throw new SecurityException("invalid path");
        }
        // ok: java.lang.path-traversal
        return Files.readAllBytes(f.toPath());
    }

    @PostMapping("/documents/upload")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        // ruleid: java.lang.path-traversal
        file.transferTo(new File("/srv/app/uploads", file.getOriginalFilename()));
        // ok: java.lang.path-traversal
        Files.copy(file.getInputStream(), root.resolve("upload-" + System.nanoTime() + ".bin"));
        return "ok";
    }

    @PostMapping("/documents/upload-safe")
    public String uploadSafe(@RequestParam("file") MultipartFile file) throws IOException {
        String clean = FilenameUtils.getName(file.getOriginalFilename());
        // ok: java.lang.path-traversal
        file.transferTo(new File("/srv/app/uploads", clean));
        return "ok";
    }
}
