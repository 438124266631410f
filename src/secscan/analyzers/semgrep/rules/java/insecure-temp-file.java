package com.example.reports;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

public class ReportExporter {
    private final File workDir = new File("/var/lib/reports/work");

    public File exportCsv(String csv) throws IOException {
        // ruleid: java.lang.insecure-temp-file
        File tmp = File.createTempFile("report-", ".csv");
        Files.writeString(tmp.toPath(), csv);
        return tmp;
    }

    public File exportPdf(byte[] pdf) throws IOException {
        // ruleid: java.lang.insecure-temp-file
        File tmp = File.createTempFile("report-", ".pdf", new File("/tmp"));
        Files.write(tmp.toPath(), pdf);
        return tmp;
    }

    public Path exportSafe(String csv) throws IOException {
        // ok: java.lang.insecure-temp-file
        Path tmp = Files.createTempFile("report-", ".csv");
        Files.writeString(tmp, csv);
        return tmp;
    }

    public File exportPrivate(String csv) throws IOException {
        // ok: java.lang.insecure-temp-file
        File tmp = File.createTempFile("report-", ".csv", workDir);
        Files.writeString(tmp.toPath(), csv);
        return tmp;
    }

    public File exportRestricted(String csv) throws IOException {
        // ok: java.lang.insecure-temp-file
        File tmp = File.createTempFile("report-", ".csv");
        Files.setPosixFilePermissions(tmp.toPath(), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(tmp.toPath(), csv);
        return tmp;
    }
}
