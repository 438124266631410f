package main

import (
	"crypto/rsa"
	"fmt"
	"os"

	"github.com/golang-jwt/jwt/v5"
)

var publicKey *rsa.PublicKey

type Claims struct {
	Role string `json:"role"`
	jwt.RegisteredClaims
}

func verify(raw string) (*jwt.Token, error) {
	// ruleid: go.jwt.keyfunc-missing-algorithm-check
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		return publicKey, nil
	})
}

func verifyClaims(raw string) (*Claims, error) {
	claims := &Claims{}
	// ruleid: go.jwt.keyfunc-missing-algorithm-check
	_, err := jwt.ParseWithClaims(raw, claims, func(token *jwt.Token) (any, error) {
		return []byte(os.Getenv("JWT_SECRET")), nil
	})
	return claims, err
}

func verifyWithParser(raw string) (*jwt.Token, error) {
	p := jwt.NewParser(jwt.WithLeeway(30))
	// ruleid: go.jwt.keyfunc-missing-algorithm-check
	return p.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		return publicKey, nil
	})
}

// ---------------------------------------------------------------- safe

func verifySafe(raw string) (*jwt.Token, error) {
	// ok: go.jwt.keyfunc-missing-algorithm-check
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		if _, ok := t.Method.(*jwt.SigningMethodRSA); !ok {
			return nil, fmt.Errorf("unexpected signing method: %v", t.Header["alg"])
		}
		return publicKey, nil
	})
}

func verifyClaimsSafe(raw string) (*Claims, error) {
	claims := &Claims{}
	// ok: go.jwt.keyfunc-missing-algorithm-check
	_, err := jwt.ParseWithClaims(raw, claims, func(token *jwt.Token) (any, error) {
		return []byte(os.Getenv("JWT_SECRET")), nil
	}, jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}))
	return claims, err
}

func verifyWithParserSafe(raw string) (*jwt.Token, error) {
	p := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithLeeway(30))
	// ok: go.jwt.keyfunc-missing-algorithm-check
	return p.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		return publicKey, nil
	})
}

func main() {}
