package main

import (
	crand "crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
	"math/rand"
	"time"
)

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

type Session struct {
	ID      string
	Expires time.Time
}

func generateToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		// ruleid: go.lang.insecure-random
		b[i] = letters[rand.Intn(len(letters))]
	}
	return string(b)
}

func newAPIKey() string {
	buf := make([]byte, 32)
	// ruleid: go.lang.insecure-random
	rand.Read(buf)
	return hex.EncodeToString(buf)
}

func sendLoginCode(phone string) {
	// ruleid: go.lang.insecure-random
	otp := fmt.Sprintf("%06d", rand.Intn(1000000))
	fmt.Println("sending", otp, "to", phone)
}

func newSession() Session {
	return Session{
		// ruleid: go.lang.insecure-random
		ID:      fmt.Sprintf("%x", rand.Int63()),
		Expires: time.Now().Add(time.Hour),
	}
}

// ---------------------------------------------------------------- safe

func generateTokenSafe(n int) (string, error) {
	b := make([]byte, n)
	// ok: go.lang.insecure-random
	if _, err := crand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func sendLoginCodeSafe(phone string) error {
	// ok: go.lang.insecure-random
	n, err := crand.Int(crand.Reader, big.NewInt(1000000))
	if err != nil {
		return err
	}
	fmt.Println("sending", fmt.Sprintf("%06d", n), "to", phone)
	return nil
}

func retryDelay(attempt int) time.Duration {
	// ok: go.lang.insecure-random
	jitter := time.Duration(rand.Intn(100)) * time.Millisecond
	return time.Duration(attempt)*time.Second + jitter
}

func pickBackend(backends []string) string {
	// ok: go.lang.insecure-random
	return backends[rand.Intn(len(backends))]
}

func main() {}
