package main

import (
	"log"
	"net/http"
)

// ruleid: go.net-http.pprof-endpoint-exposed
import _ "net/http/pprof"

// ok: go.net-http.pprof-endpoint-exposed
import _ "time/tzdata"

func main() {
	http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
