package main

import (
	"net/http"
	"text/template"

	"github.com/gin-gonic/gin"
)

var profileTmpl = template.Must(template.New("profile").Parse(`<html><body><h1>{{.Name}}</h1><p>{{.Bio}}</p></body></html>`))

var pages = template.Must(template.ParseGlob("templates/*.html"))

func profile(w http.ResponseWriter, r *http.Request) {
	data := map[string]string{"Name": r.FormValue("name"), "Bio": r.FormValue("bio")}
	// ruleid: go.net-http.text-template-html-response
	if err := profileTmpl.Execute(w, data); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}

func search(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// ruleid: go.net-http.text-template-html-response
	pages.ExecuteTemplate(w, "search.html", map[string]string{"Query": r.URL.Query().Get("q")})
}

func ginProfile(c *gin.Context) {
	c.Status(http.StatusOK)
	// ruleid: go.net-http.text-template-html-response
	profileTmpl.Execute(c.Writer, gin.H{"Name": c.Query("name")})
}

// ---------------------------------------------------------------- safe

var robotsTmpl = template.Must(template.New("robots").Parse("User-agent: *\nDisallow: {{.}}\n"))

func robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// ok: go.net-http.text-template-html-response
	robotsTmpl.Execute(w, "/admin")
}

func renderConfig(path string, data map[string]string) error {
	var sb stringsBuilder
	// ok: go.net-http.text-template-html-response
	return robotsTmpl.Execute(&sb, data)
}

type stringsBuilder struct{ b []byte }

func (s *stringsBuilder) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}

func main() {}
