package main

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"
)

const sessionCookieName = "session_id"

func login(w http.ResponseWriter, r *http.Request, token string) {
	// ruleid: go.net-http.cookie-missing-secure
	http.SetCookie(w, &http.Cookie{
		Name:     "session",
		Value:    token,
		Path:     "/",
		HttpOnly: true,
		Secure:   false,
	})
}

func rememberMe(w http.ResponseWriter, token string) {
	// ruleid: go.net-http.cookie-missing-secure
	cookie := http.Cookie{Name: sessionCookieName, Value: token, HttpOnly: true, Expires: time.Now().Add(24 * time.Hour)}
	http.SetCookie(w, &cookie)
}

func ginLogin(c *gin.Context) {
	// ruleid: go.net-http.cookie-missing-secure
	c.SetCookie("auth_token", "t0k3n", 3600, "/", "example.com", false, true)
}

func newStore(key []byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(key)
	// ruleid: go.net-http.cookie-missing-secure
	store.Options = &sessions.Options{Path: "/", MaxAge: 86400, HttpOnly: true, Secure: false}
	return store
}

// ---------------------------------------------------------------- safe

func loginSafe(w http.ResponseWriter, r *http.Request, token string) {
	// ok: go.net-http.cookie-missing-secure
	http.SetCookie(w, &http.Cookie{
		Name:     "session",
		Value:    token,
		Path:     "/",
		HttpOnly: true,
		Secure:   true,
		SameSite: http.SameSiteLaxMode,
	})
}

func setTheme(w http.ResponseWriter, theme string) {
	// ok: go.net-http.cookie-missing-secure
	http.SetCookie(w, &http.Cookie{Name: "theme", Value: theme, Path: "/"})
}

func ginLoginSafe(c *gin.Context) {
	// ok: go.net-http.cookie-missing-secure
	c.SetCookie("auth_token", "t0k3n", 3600, "/", "example.com", true, true)
}

func main() {}
