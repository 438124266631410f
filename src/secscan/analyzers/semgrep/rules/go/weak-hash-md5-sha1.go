package main

import (
	"crypto"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"

	"golang.org/x/crypto/bcrypt"
)

func hashPassword(password string) string {
	// ruleid: go.lang.weak-hash-md5-sha1
	sum := md5.Sum([]byte(password))
	return hex.EncodeToString(sum[:])
}

func fileDigest(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// ruleid: go.lang.weak-hash-md5-sha1
	h := sha1.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

func signPayload(key, payload []byte) []byte {
	// ruleid: go.lang.weak-hash-md5-sha1
	mac := hmac.New(sha1.New, key)
	mac.Write(payload)
	return mac.Sum(nil)
}

func tokenFingerprint(token string) []byte {
	// ruleid: go.lang.weak-hash-md5-sha1
	return sha1.Sum([]byte(token))[:]
}

func legacyDigest(data []byte) []byte {
	// ruleid: go.lang.weak-hash-md5-sha1
	h := crypto.MD5.New()
	h.Write(data)
	return h.Sum(nil)
}

// ---------------------------------------------------------------- safe

func hashPasswordSafe(password string) ([]byte, error) {
	// ok: go.lang.weak-hash-md5-sha1
	return bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
}

func fileDigestSafe(data []byte) string {
	// ok: go.lang.weak-hash-md5-sha1
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func signPayloadSafe(key, payload []byte) []byte {
	// ok: go.lang.weak-hash-md5-sha1
	mac := hmac.New(sha256.New, key)
	mac.Write(payload)
	return mac.Sum(nil)
}

func main() {}
