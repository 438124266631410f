package main

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

func login(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: go.net-http.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func logout(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.net-http.open-redirect
	http.Redirect(w, r, r.Referer(), http.StatusSeeOther)
}

func legacy(w http.ResponseWriter, r *http.Request) {
	target := r.FormValue("to")
	// ruleid: go.net-http.open-redirect
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusMovedPermanently)
}

func ginCallback(c *gin.Context) {
	// ruleid: go.net-http.open-redirect
	c.Redirect(http.StatusFound, c.Query("return_to"))
	// ruleid: go.net-http.open-redirect
	c.Redirect(http.StatusFound, "/"+c.Query("path"))
}

func echoCallback(c echo.Context) error {
	// ruleid: go.net-http.open-redirect
	return c.Redirect(http.StatusFound, c.QueryParam("url"))
}

// ---------------------------------------------------------------- safe

func loginSafe(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" {
		http.Redirect(w, r, "/", http.StatusFound)
		return
	}
	// ok: go.net-http.open-redirect
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func profileRedirect(w http.ResponseWriter, r *http.Request) {
	// ok: go.net-http.open-redirect
	http.Redirect(w, r, "/users/"+url.PathEscape(r.FormValue("user")), http.StatusFound)
	// ok: go.net-http.open-redirect
	http.Redirect(w, r, fmt.Sprintf("/orders/%s/receipt", r.FormValue("order")), http.StatusFound)
}

func ginCallbackSafe(c *gin.Context) {
	destinations := map[string]string{"home": "/", "settings": "/settings"}
	dest, ok := destinations[c.Query("to")]
	if !ok {
		dest = "/"
	}
	// ok: go.net-http.open-redirect
	c.Redirect(http.StatusFound, dest)
	// ok: go.net-http.open-redirect
	c.Redirect(http.StatusFound, "https://accounts.example.com/login?next="+url.QueryEscape(c.Query("next")))
}

func main() {
	http.HandleFunc("/login", login)
	http.ListenAndServe(":8080", nil)
}
