package main

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strconv"

	"github.com/alessio/shellescape"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
)

type pingRequest struct {
	Host string `json:"host"`
}

func ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: go.net-http.command-injection
	out, err := exec.Command("sh", "-c", "ping -c 1 "+host).CombinedOutput()
	if err != nil {
		http.Error(w, "ping failed", http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

func runTool(w http.ResponseWriter, r *http.Request) {
	tool := chi.URLParam(r, "tool")
	// ruleid: go.net-http.command-injection
	cmd := exec.CommandContext(r.Context(), tool, "--version")
	cmd.Run()
}

func convert(w http.ResponseWriter, r *http.Request) {
	script := fmt.Sprintf("convert %s -resize 50%% out.png", r.FormValue("file"))
	// ruleid: go.net-http.command-injection
	exec.CommandContext(context.Background(), "/bin/bash", "-c", script).Run()
}

func ginPing(c *gin.Context) {
	var req pingRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	// ruleid: go.net-http.command-injection
	out, _ := exec.Command("bash", "-c", "nslookup "+req.Host).Output()
	c.String(http.StatusOK, string(out))
}

func ginExec(c *gin.Context) {
	// ruleid: go.net-http.command-injection
	exec.Command(c.Query("cmd")).Run()
	// ruleid: go.net-http.command-injection
	exec.Command("cmd.exe", "/C", "dir "+c.Param("dir")).Run()
}

// ---------------------------------------------------------------- safe

func pingSafe(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ok: go.net-http.command-injection
	out, err := exec.Command("ping", "-c", "1", "--", host).CombinedOutput()
	if err != nil {
		return
	}
	w.Write(out)
}

func convertSafe(w http.ResponseWriter, r *http.Request) {
	// ok: go.net-http.command-injection
	exec.Command("sh", "-c", "convert "+shellescape.Quote(r.FormValue("file"))+" out.png").Run()
	n, err := strconv.Atoi(r.FormValue("count"))
	if err != nil {
		return
	}
	// ok: go.net-http.command-injection
	exec.Command("sh", "-c", fmt.Sprintf("seq %d", n)).Run()
}

func ginToolSafe(c *gin.Context) {
	allowed := map[string]string{"git": "/usr/bin/git", "hg": "/usr/bin/hg"}
	prog, ok := allowed[c.Query("vcs")]
	if !ok {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	// ok: go.net-http.command-injection
	exec.Command(prog, "status", "--porcelain").Run()
	// ok: go.net-http.command-injection
	exec.Command("/usr/bin/env", "which", c.Query("vcs")).Run()
}

func backup(dir string) error {
	// ok: go.net-http.command-injection
	return exec.Command("sh", "-c", "tar czf /backup/data.tgz "+dir).Run()
}

func main() {
	http.HandleFunc("/ping", ping)
	http.ListenAndServe(":8080", nil)
}
