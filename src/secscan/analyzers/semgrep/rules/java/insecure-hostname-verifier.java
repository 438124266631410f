package com.example.http;

import java.net.URL;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

public class ClientFactory {

    public CloseableHttpClient lenientClient(SSLContext ctx) {
        // ruleid: java.lang.insecure-hostname-verifier
        return HttpClients.custom().setSSLContext(ctx).setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
    }

    public void disableGlobally() {
        // ruleid: java.lang.insecure-hostname-verifier
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
    }

    public HttpsURLConnection open(URL url) throws Exception {
        HttpsURLConnection conn = (HttpsURLConnection) url.openConnection();
        conn.setHostnameVerifier(new HostnameVerifier() {
            // ruleid: java.lang.insecure-hostname-verifier
            @Override
            public boolean verify(String hostname, SSLSession session) {
                return true;
            }
        });
        return conn;
    }

    public CloseableHttpClient strictClient(SSLContext ctx) {
        // ok: java.lang.insecure-hostname-verifier
        return HttpClients.custom().setSSLContext(ctx).setSSLHostnameVerifier(new DefaultHostnameVerifier()).build();
    }

    public HttpsURLConnection openInternal(URL url) throws Exception {
        HttpsURLConnection conn = (HttpsURLConnection) url.openConnection();
        HostnameVerifier defaultVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
        // ok: java.lang.insecure-hostname-verifier
        conn.setHostnameVerifier((hostname, session) -> hostname.endsWith(".corp.example.com") && defaultVerifier.verify(hostname, session));
        return conn;
    }
}
