package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
)

const legacyKeyBits = 1024

func newSigningKey() (*rsa.PrivateKey, error) {
	// ruleid: go.lang.rsa-key-too-small
	return rsa.GenerateKey(rand.Reader, 1024)
}

func newTestKey() *rsa.PrivateKey {
	// ruleid: go.lang.rsa-key-too-small
	key, _ := rsa.GenerateKey(rand.Reader, 512)
	return key
}

func newLegacyKey() (*rsa.PrivateKey, error) {
	// ruleid: go.lang.rsa-key-too-small
	return rsa.GenerateKey(rand.Reader, legacyKeyBits)
}

func newMultiPrimeKey() (*rsa.PrivateKey, error) {
	// ruleid: go.lang.rsa-key-too-small
	return rsa.GenerateMultiPrimeKey(rand.Reader, 3, 1536)
}

// ---------------------------------------------------------------- safe

func newSigningKeySafe() (*rsa.PrivateKey, error) {
	// ok: go.lang.rsa-key-too-small
	return rsa.GenerateKey(rand.Reader, 2048)
}

func newLongTermKey() (*rsa.PrivateKey, error) {
	// ok: go.lang.rsa-key-too-small
	return rsa.GenerateKey(rand.Reader, 4096)
}

func newKeyOfSize(bits int) (*rsa.PrivateKey, error) {
	// ok: go.lang.rsa-key-too-small
	return rsa.GenerateKey(rand.Reader, bits)
}

func newECKey() (*ecdsa.PrivateKey, error) {
	// ok: go.lang.rsa-key-too-small
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

func main() {}
