package main

import (
	"encoding/json"
	"io/ioutil"
	"os"
	"path/filepath"
)

type Config struct {
	Token string `json:"token"`
}

func saveConfig(dir string, cfg Config) error {
	// ruleid: go.lang.world-writable-permissions
	if err := os.MkdirAll(dir, 0777); err != nil {
		return err
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	// ruleid: go.lang.world-writable-permissions
	return os.WriteFile(filepath.Join(dir, "config.json"), data, 0666)
}

func appendLog(path, line string) error {
	// ruleid: go.lang.world-writable-permissions
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(line + "\n")
	return err
}

func legacyWrite(path string, data []byte) error {
	// ruleid: go.lang.world-writable-permissions
	if err := ioutil.WriteFile(path, data, 0776); err != nil {
		return err
	}
	// ruleid: go.lang.world-writable-permissions
	return os.Chmod(path, os.ModePerm)
}

// ---------------------------------------------------------------- safe

func saveConfigSafe(dir string, cfg Config) error {
	// ok: go.lang.world-writable-permissions
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	// ok: go.lang.world-writable-permissions
	return os.WriteFile(filepath.Join(dir, "config.json"), data, 0600)
}

func appendLogSafe(path, line string) error {
	// ok: go.lang.world-writable-permissions
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(line + "\n")
	return err
}

func publishAsset(path string, data []byte) error {
	// ok: go.lang.world-writable-permissions
	return os.WriteFile(path, data, 0644)
}

func main() {}
