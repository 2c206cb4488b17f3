package node

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/cluster/internal/clustertest"
	"hiroba/model"
)

func decodeToken(t *testing.T, s string) token {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s, tokenPrefix))
	if err != nil {
		t.Fatal(err)
	}
	var tok token
	if err := json.Unmarshal(b, &tok); err != nil {
		t.Fatal(err)
	}
	return tok
}

func encodeToken(tok token) string {
	b, _ := json.Marshal(tok)
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// The node that admits others keeps the expiry: a token whose text was
// changed to live longer is refused there; and a token that pins another
// authority is refused by the joining machine, which gives its key to no
// one else.
func TestJoinServiceKeepsTheRules(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "n1")
	if err := Init(dir, clustertest.FreeAddress(t)); err != nil {
		t.Fatal(err)
	}
	n, err := Start(dir, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	short, _, err := IssueToken(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	stretched := decodeToken(t, short)
	stretched.Expires = time.Now().Add(time.Hour).Unix()
	_, err = requestCertificate(context.Background(), encodeToken(stretched), filepath.Join(t.TempDir(), "a"), "desktop")
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "err.cluster.token_expired" {
		t.Errorf("a stretched token: %v", err)
	}
	good, _, err := IssueToken(dir, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	other := decodeToken(t, good)
	other.CA = strings.Repeat("0", 64)
	if _, err := requestCertificate(context.Background(), encodeToken(other), filepath.Join(t.TempDir(), "b"), "desktop"); err == nil || !strings.Contains(err.Error(), "not the cluster of the token") {
		t.Errorf("a token of another authority: %v", err)
	}
	// The genuine token still works: the refused attempt used nothing up.
	if _, err := requestCertificate(context.Background(), good, filepath.Join(t.TempDir(), "c"), "desktop"); err != nil {
		t.Errorf("the genuine token: %v", err)
	}
}
