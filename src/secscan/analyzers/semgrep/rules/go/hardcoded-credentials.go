package main

import (
	"database/sql"
	"net/http"
	"net/smtp"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// ruleid: go.lang.hardcoded-credentials
const dbPassword = "Sup3rS3cret!"

// ruleid: go.lang.hardcoded-credentials
var stripeAPIKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"

type Config struct {
	DSN          string
	ClientSecret string
}

func connect() (*sql.DB, error) {
	cfg := Config{
		DSN: "postgres://app@db:5432/app",
		// ruleid: go.lang.hardcoded-credentials
		ClientSecret: "8f14e45fceea167a5a36dedd4bea2543",
	}
	_ = cfg
	return sql.Open("postgres", cfg.DSN)
}

func issueToken(user string) (string, error) {
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": user, "exp": time.Now().Add(time.Hour).Unix()})
	// ruleid: go.lang.hardcoded-credentials
	return token.SignedString([]byte("my-jwt-signing-key"))
}

func callPartner(req *http.Request) {
	// ruleid: go.lang.hardcoded-credentials
	req.SetBasicAuth("partner", "p4ssw0rd")
	// ruleid: go.lang.hardcoded-credentials
	awsKey := "AKIAIOSFODNN7EXAMPLE"
	_ = awsKey
}

func mailer() smtp.Auth {
	// ruleid: go.lang.hardcoded-credentials
	return smtp.PlainAuth("", "alerts@example.com", "mailpass123", "smtp.example.com")
}

// ---------------------------------------------------------------- safe

// ok: go.lang.hardcoded-credentials
const passwordField = "password"

// ok: go.lang.hardcoded-credentials
const apiKeyHeader = "X-Api-Key"

func connectSafe() Config {
	return Config{
		DSN: os.Getenv("DATABASE_URL"),
		// ok: go.lang.hardcoded-credentials
		ClientSecret: os.Getenv("CLIENT_SECRET"),
	}
}

func issueTokenSafe(user string) (string, error) {
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": user})
	// ok: go.lang.hardcoded-credentials
	return token.SignedString([]byte(os.Getenv("JWT_SECRET")))
}

func defaults() {
	// ok: go.lang.hardcoded-credentials
	secret := ""
	// ok: go.lang.hardcoded-credentials
	dbPassword := "changeme"
	// ok: go.lang.hardcoded-credentials
	apiKey := "<your-api-key>"
	// ok: go.lang.hardcoded-credentials
	secretPath := "/run/secrets/db_password"
	_, _, _, _ = secret, dbPassword, apiKey, secretPath
}

func main() {}

func envNames() {
	// ok: go.lang.hardcoded-credentials
	apiKey := "STRIPE_API_KEY"
	_ = apiKey
}
