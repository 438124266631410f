package main

import (
	"io"
	"io/ioutil"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
)

const uploadDir = "/srv/uploads"

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	// ruleid: go.net-http.path-traversal
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func serveReport(w http.ResponseWriter, r *http.Request) {
	report := mux.Vars(r)["report"]
	// ruleid: go.net-http.path-traversal
	http.ServeFile(w, r, "/var/reports/"+report+".pdf")
}

func saveNote(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	target := filepath.Join("/srv/notes", r.FormValue("title"))
	// ruleid: go.net-http.path-traversal
	if err := os.WriteFile(target, body, 0o600); err != nil {
		http.Error(w, "save failed", http.StatusInternalServerError)
	}
	// ruleid: go.net-http.path-traversal
	data, _ := ioutil.ReadFile(r.Header.Get("X-Template"))
	w.Write(data)
}

func upload(c *gin.Context) {
	file, err := c.FormFile("file")
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	// ruleid: go.net-http.path-traversal
	c.SaveUploadedFile(file, filepath.Join(uploadDir, file.Filename))
}

func ginDownload(c *gin.Context) {
	// ruleid: go.net-http.path-traversal
	c.File(filepath.Join(uploadDir, c.Param("name")))
	// ruleid: go.net-http.path-traversal
	os.RemoveAll(filepath.Join(uploadDir, c.Query("dir")))
}

// ---------------------------------------------------------------- safe

func downloadSafe(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	// ok: go.net-http.path-traversal
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func serveReportSafe(w http.ResponseWriter, r *http.Request) {
	full := filepath.Join("/var/reports", mux.Vars(r)["report"])
	if !strings.HasPrefix(full, "/var/reports/") {
		http.Error(w, "invalid report", http.StatusBadRequest)
		return
	}
	// ok: go.net-http.path-traversal
	http.ServeFile(w, r, full)
}

func serveLocal(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	if !filepath.IsLocal(name) {
		http.Error(w, "invalid name", http.StatusBadRequest)
		return
	}
	// ok: go.net-http.path-traversal
	data, err := os.ReadFile(filepath.Join("/srv/static", name))
	if err == nil {
		w.Write(data)
	}
}

func ginDownloadSafe(c *gin.Context) {
	// ok: go.net-http.path-traversal
	c.File(filepath.Join(uploadDir, filepath.Clean("/"+c.Param("name"))))
	file, err := c.FormFile("file")
	if err != nil {
		return
	}
	// ok: go.net-http.path-traversal
	c.SaveUploadedFile(file, filepath.Join(uploadDir, filepath.Base(file.Filename)))
}

func loadConfig(path string) ([]byte, error) {
	// ok: go.net-http.path-traversal
	return os.ReadFile(path)
}

func main() {
	http.HandleFunc("/download", download)
	http.ListenAndServe(":8080", nil)
}
