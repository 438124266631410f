package com.example.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

public class DiagnosticsServlet extends HttpServlet {
    private static final Map<String, String> TOOLS = Map.of("uptime", "/usr/bin/uptime", "disk", "/bin/df");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        // ruleid: java.lang.command-injection
        Process p1 = Runtime.getRuntime().exec("ping -c 1 " + host);

        // ruleid: java.lang.command-injection
        Process p2 = Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "nslookup " + host});

        String tool = request.getParameter("tool");
        // ruleid: java.lang.command-injection
        Process p3 = new ProcessBuilder(tool, "--version").start();

        // ok: java.lang.command-injection
        Process p4 = new ProcessBuilder("ping", "-c", "1", "--", host).start();

        // ok: java.lang.command-injection
        Process p5 = Runtime.getRuntime().exec(new String[] {"dig", "+short", host});

        // ok: java.lang.command-injection
        Process p6 = new ProcessBuilder(TOOLS.getOrDefault(tool, "/usr/bin/uptime")).start();

        int count = Integer.parseInt(request.getParameter("count"));
        // ok: java.lang.command-injection
        Process p7 = Runtime.getRuntime().exec("ping -c " + count + " localhost");
    }
}

@RestController
class BuildController {
    @PostMapping("/build")
    public String build(@RequestParam String branch) throws IOException {
        // ruleid: java.lang.command-injection
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "git checkout " + branch + " && make");
        pb.start();
        return "started";
    }

    @PostMapping("/convert")
    public String convert(@RequestParam("cmd") String cmd) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(cmd);
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: java.lang.command-injection
        pb.command(command);
        pb.start();
        return "ok";
    }

    @GetMapping("/archive")
    public String archive(@RequestParam String name) throws IOException {
        // ok: java.lang.command-injection
        new ProcessBuilder(Arrays.asList("tar", "-czf", "/var/backups/site.tgz", "/srv/site")).start();
        return "ok";
    }

    public void rotateLogs(String service) throws IOException {
        // ok: java.lang.command-injection
        Runtime.getRuntime().exec("logrotate -f /etc/logrotate.d/" + service);
    }
}
