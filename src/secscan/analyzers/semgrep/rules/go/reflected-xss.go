package main

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/microcosm-cc/bluemonday"
)

var page = template.Must(template.New("page").Parse(`<h1>Hello {{.Name}}</h1><div>{{.Bio}}</div>`))

func hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go.net-http.reflected-xss
	fmt.Fprintf(w, "<h1>Hello, %s!</h1>", name)
}

func echoBody(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// ruleid: go.net-http.reflected-xss
	w.Write(body)
}

func search(w http.ResponseWriter, r *http.Request) {
	q := r.FormValue("q")
	// ruleid: go.net-http.reflected-xss
	io.WriteString(w, "<p>No results for "+q+"</p>")
}

func profile(w http.ResponseWriter, r *http.Request) {
	data := struct {
		Name string
		Bio  template.HTML
	}{
		Name: r.FormValue("name"),
		// ruleid: go.net-http.reflected-xss
		Bio: template.HTML(r.FormValue("bio")),
	}
	page.Execute(w, data)
}

func ginGreet(c *gin.Context) {
	// ruleid: go.net-http.reflected-xss
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<b>"+c.Query("msg")+"</b>"))
	// ruleid: go.net-http.reflected-xss
	c.Writer.WriteString("<p>" + c.Param("user") + "</p>")
}

func echoGreet(c echo.Context) error {
	// ruleid: go.net-http.reflected-xss
	return c.HTML(http.StatusOK, "<h1>Hello "+c.QueryParam("name")+"</h1>")
}

// ---------------------------------------------------------------- safe

func helloSafe(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ok: go.net-http.reflected-xss
	fmt.Fprintf(w, "<h1>Hello, %s!</h1>", html.EscapeString(name))
	// ok: go.net-http.reflected-xss
	page.Execute(w, map[string]string{"Name": name})
}

func profileSafe(w http.ResponseWriter, r *http.Request) {
	policy := bluemonday.UGCPolicy()
	data := struct {
		Name string
		Bio  template.HTML
	}{
		Name: r.FormValue("name"),
		// ok: go.net-http.reflected-xss
		Bio: template.HTML(policy.Sanitize(r.FormValue("bio"))),
	}
	page.Execute(w, data)
}

func apiEcho(w http.ResponseWriter, r *http.Request) {
	out, _ := json.Marshal(map[string]string{"q": r.FormValue("q")})
	w.Header().Set("Content-Type", "application/json")
	// ok: go.net-http.reflected-xss
	w.Write(out)
}

func plainEcho(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// ok: go.net-http.reflected-xss
	fmt.Fprintf(w, "you sent %s", r.FormValue("msg"))
}

func counter(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return
	}
	// ok: go.net-http.reflected-xss
	fmt.Fprintf(w, "<p>%d items</p>", n)
}

func ginGreetSafe(c *gin.Context) {
	// ok: go.net-http.reflected-xss
	c.String(http.StatusOK, "Hello %s", c.Query("name"))
	// ok: go.net-http.reflected-xss
	c.HTML(http.StatusOK, "greet.tmpl", gin.H{"name": c.Query("name")})
	// ok: go.net-http.reflected-xss
	c.JSON(http.StatusOK, gin.H{"name": c.Query("name")})
}

func main() {
	http.HandleFunc("/hello", hello)
	http.ListenAndServe(":8080", nil)
}
