package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

type webhookRequest struct {
	CallbackURL string `json:"callback_url"`
}

func preview(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: go.net-http.ssrf
	resp, err := http.Get(target)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func proxy(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{}
	upstream := "http://" + r.Header.Get("X-Upstream-Host") + "/api/status"
	// ruleid: go.net-http.ssrf
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstream, nil)
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

func registerWebhook(c *gin.Context) {
	var req webhookRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	// ruleid: go.net-http.ssrf
	http.Post(req.CallbackURL, "application/json", strings.NewReader(`{"ping":true}`))
	// ruleid: go.net-http.ssrf
	http.Get(fmt.Sprintf("http://%s/health", c.Query("host")))
}

// ---------------------------------------------------------------- safe

func weather(w http.ResponseWriter, r *http.Request) {
	city := r.URL.Query().Get("city")
	// ok: go.net-http.ssrf
	resp, err := http.Get("https://api.weather.example.com/v1/forecast?city=" + url.QueryEscape(city))
	if err != nil {
		return
	}
	defer resp.Body.Close()
	// ok: go.net-http.ssrf
	http.Get(fmt.Sprintf("https://api.github.com/users/%s", url.PathEscape(r.FormValue("user"))))
}

func fetchAllowed(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.FormValue("url"))
	if err != nil || u.Hostname() != "images.example.com" {
		http.Error(w, "host not allowed", http.StatusBadRequest)
		return
	}
	// ok: go.net-http.ssrf
	http.Get(u.String())
}

func ginWebhookSafe(c *gin.Context) {
	targets := map[string]string{"slack": "https://hooks.slack.com/services/T000/B000", "ops": "https://ops.example.com/hook"}
	target, ok := targets[c.Query("target")]
	if !ok {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	// ok: go.net-http.ssrf
	http.Post(target, "application/json", strings.NewReader(`{"event":"deploy"}`))
}

func main() {
	http.HandleFunc("/preview", preview)
	http.ListenAndServe(":8080", nil)
}
