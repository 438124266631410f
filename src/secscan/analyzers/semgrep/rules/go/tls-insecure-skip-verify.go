package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
)

func insecureClient() *http.Client {
	tr := &http.Transport{
		// ruleid: go.lang.tls-insecure-skip-verify
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: tr}
}

func dialBackend(addr string) (*tls.Conn, error) {
	// ruleid: go.lang.tls-insecure-skip-verify
	conf := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true,
	}
	return tls.Dial("tcp", addr, conf)
}

func patchDefaultTransport() {
	// ruleid: go.lang.tls-insecure-skip-verify
	http.DefaultTransport.(*http.Transport).TLSClientConfig.InsecureSkipVerify = true
}

// ---------------------------------------------------------------- safe

func privateCAClient(caFile string) (*http.Client, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	tr := &http.Transport{
		// ok: go.lang.tls-insecure-skip-verify
		TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
	}
	return &http.Client{Transport: tr}, nil
}

func dialBackendSafe(addr string) (*tls.Conn, error) {
	// ok: go.lang.tls-insecure-skip-verify
	conf := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: false,
	}
	return tls.Dial("tcp", addr, conf)
}

func main() {}
