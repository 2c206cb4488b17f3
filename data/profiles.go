package data

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	"hiroba/model"
)

// Profiles remembers, on this machine, who the person is in each database
// they have opened, so that hiroba need not ask again. The file is JSON:
// {"databases": {"<absolute db path>": "<staff id>"}}.
type Profiles struct {
	Path string
}

type profilesFile struct {
	Databases map[string]string `json:"databases"`
}

// DefaultProfilesPath is $XDG_CONFIG_HOME/hiroba/profiles.json, else
// ~/.config/hiroba/profiles.json (the user config folder on Windows and
// macOS when there is no home).
func DefaultProfilesPath() string {
	if dir := os.Getenv("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "hiroba", "profiles.json")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".config", "hiroba", "profiles.json")
	}
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "hiroba", "profiles.json")
	}
	return "profiles.json"
}

// Get returns the staff id remembered for the database at dbPath, or ""
// when there is none or the file cannot be read.
func (p Profiles) Get(dbPath string) string {
	f, err := p.read()
	if err != nil {
		return ""
	}
	return f.Databases[absPath(dbPath)]
}

// Set remembers staffID for the database at dbPath; "" forgets it. The file
// is replaced atomically, so that a crash never leaves half of it.
func (p Profiles) Set(dbPath, staffID string) error {
	f, err := p.read()
	if err != nil {
		return err
	}
	if staffID == "" {
		delete(f.Databases, absPath(dbPath))
	} else {
		f.Databases[absPath(dbPath)] = staffID
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(p.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return model.Keyed(model.EIO, "err.profiles.folder", "%s: 設定フォルダを作れません: %v", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".profiles-*.json")
	if err != nil {
		return model.Keyed(model.EIO, "err.profiles.save", "%s: 設定を保存できません: %v", p.Path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	_, err = tmp.Write(append(b, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if e := tmp.Close(); err == nil {
		err = e
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p.Path)
	}
	if err != nil {
		return model.Keyed(model.EIO, "err.profiles.save", "%s: 設定を保存できません: %v", p.Path, err)
	}
	return nil
}

// read returns the file's content; a missing file is empty.
func (p Profiles) read() (*profilesFile, error) {
	f := &profilesFile{}
	b, err := os.ReadFile(p.Path)
	if errors.Is(err, os.ErrNotExist) {
		err, b = nil, nil
	} else if err != nil {
		return nil, model.Keyed(model.EIO, "err.profiles.read", "%s: 設定を読めません: %v", p.Path, err)
	}
	if len(b) > 0 {
		if err := json.Unmarshal(b, f); err != nil {
			return nil, model.Keyed(model.ECORRUPT, "err.profiles.broken", "%s: 設定ファイルが壊れています。削除すると次回から作り直します: %v", p.Path, err)
		}
	}
	if f.Databases == nil {
		f.Databases = map[string]string{}
	}
	return f, nil
}

func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
