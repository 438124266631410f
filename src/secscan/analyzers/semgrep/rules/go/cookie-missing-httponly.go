package main

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"
)

const sessionCookieName = "session_id"

func login(w http.ResponseWriter, r *http.Request, token string) {
	// ruleid: go.net-http.cookie-missing-httponly
	http.SetCookie(w, &http.Cookie{
		Name:     "session",
		Value:    token,
		Path:     "/",
		Secure:   true,
		HttpOnly: false,
	})
}

func issueJWT(w http.ResponseWriter, jwt string) {
	// ruleid: go.net-http.cookie-missing-httponly
	cookie := &http.Cookie{Name: "jwt", Value: jwt, Secure: true, Expires: time.Now().Add(time.Hour)}
	http.SetCookie(w, cookie)
}

func ginLogin(c *gin.Context) {
	// ruleid: go.net-http.cookie-missing-httponly
	c.SetCookie(sessionCookieName, "t0k3n", 3600, "/", "example.com", true, false)
}

func newStore(key []byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(key)
	// ruleid: go.net-http.cookie-missing-httponly
	store.Options = &sessions.Options{Path: "/", MaxAge: 86400, Secure: true, HttpOnly: false}
	return store
}

// ---------------------------------------------------------------- safe

func loginSafe(w http.ResponseWriter, r *http.Request, token string) {
	// ok: go.net-http.cookie-missing-httponly
	http.SetCookie(w, &http.Cookie{
		Name:     "session",
		Value:    token,
		Path:     "/",
		Secure:   true,
		HttpOnly: true,
	})
}

func setLanguage(w http.ResponseWriter, lang string) {
	// ok: go.net-http.cookie-missing-httponly
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", Secure: true})
}

func setCSRFCookie(w http.ResponseWriter, token string) {
	// ok: go.net-http.cookie-missing-httponly
	http.SetCookie(w, &http.Cookie{Name: "csrf_token", Value: token, Path: "/", Secure: true})
}

func ginLoginSafe(c *gin.Context) {
	// ok: go.net-http.cookie-missing-httponly
	c.SetCookie(sessionCookieName, "t0k3n", 3600, "/", "example.com", true, true)
}

func main() {}
