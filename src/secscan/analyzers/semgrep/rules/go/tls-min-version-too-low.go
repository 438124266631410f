package main

import (
	"crypto/tls"
	"net/http"
)

func legacyServer(cert tls.Certificate) *http.Server {
	return &http.Server{
		Addr: ":8443",
		// ruleid: go.lang.tls-min-version-too-low
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS10},
	}
}

func legacyClient() *http.Client {
	conf := &tls.Config{}
	// ruleid: go.lang.tls-min-version-too-low
	conf.MinVersion = tls.VersionTLS11
	return &http.Client{Transport: &http.Transport{TLSClientConfig: conf}}
}

func cappedServer(cert tls.Certificate) *tls.Config {
	// ruleid: go.lang.tls-min-version-too-low
	return &tls.Config{Certificates: []tls.Certificate{cert}, MaxVersion: tls.VersionTLS11}
}

// ---------------------------------------------------------------- safe

func modernServer(cert tls.Certificate) *http.Server {
	return &http.Server{
		Addr: ":8443",
		// ok: go.lang.tls-min-version-too-low
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
	}
}

func modernClient() *tls.Config {
	conf := &tls.Config{}
	// ok: go.lang.tls-min-version-too-low
	conf.MinVersion = tls.VersionTLS13
	return conf
}

func main() {}
