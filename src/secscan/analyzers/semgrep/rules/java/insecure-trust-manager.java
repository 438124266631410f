package com.example.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.conn.ssl.TrustAllStrategy;
import org.apache.http.ssl.SSLContexts;

public class HttpClients {

    public SSLContext trustAll() throws GeneralSecurityException {
        TrustManager[] trustAll = new TrustManager[] {
            new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                // ruleid: java.lang.insecure-trust-manager
                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    // accept everything
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustAll, null);
        return ctx;
    }

    public SSLContext apacheTrustAll() throws GeneralSecurityException {
        // ruleid: java.lang.insecure-trust-manager
        return SSLContexts.custom().loadTrustMaterial(null, (chain, authType) -> true).build();
    }

    public SSLContext apacheTrustAllStrategy() throws GeneralSecurityException {
        // ruleid: java.lang.insecure-trust-manager
        return SSLContexts.custom().loadTrustMaterial(null, TrustAllStrategy.INSTANCE).build();
    }

    public SSLContext privateCa(KeyStore caStore) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(caStore);
        SSLContext ctx = SSLContext.getInstance("TLS");
        // ok: java.lang.insecure-trust-manager
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}

class PinningTrustManager implements X509TrustManager {
    private final X509TrustManager delegate;

    PinningTrustManager(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    // ok: java.lang.insecure-trust-manager
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        if (chain.length == 0) {
            throw new CertificateException("empty chain");
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
