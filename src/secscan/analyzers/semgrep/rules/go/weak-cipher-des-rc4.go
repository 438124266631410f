package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rand"
	"crypto/rc4"

	"golang.org/x/crypto/blowfish"
	"golang.org/x/crypto/chacha20poly1305"
)

func encryptDES(key, plaintext []byte) ([]byte, error) {
	// ruleid: go.lang.weak-cipher-des-rc4
	block, err := des.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(plaintext))
	block.Encrypt(out, plaintext)
	return out, nil
}

func encrypt3DES(key []byte) (cipher.Block, error) {
	// ruleid: go.lang.weak-cipher-des-rc4
	return des.NewTripleDESCipher(key)
}

func obfuscate(key, data []byte) []byte {
	// ruleid: go.lang.weak-cipher-des-rc4
	c, _ := rc4.NewCipher(key)
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

func legacyBlowfish(key []byte) (*blowfish.Cipher, error) {
	// ruleid: go.lang.weak-cipher-des-rc4
	return blowfish.NewCipher(key)
}

// ---------------------------------------------------------------- safe

func encryptAESGCM(key, plaintext []byte) ([]byte, error) {
	// ok: go.lang.weak-cipher-des-rc4
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}

func encryptChaCha(key, nonce, plaintext []byte) ([]byte, error) {
	// ok: go.lang.weak-cipher-des-rc4
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	return aead.Seal(nil, nonce, plaintext, nil), nil
}

func main() {}
