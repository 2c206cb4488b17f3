package node

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"hiroba/model"
)

// Joining: the node that made the cluster (the one with the authority's
// key) prints a token; another machine gives the token to `hiroba cluster
// join`, which asks that node, at the port after the cluster's, to sign a
// certificate for a key it made itself. The token says where to ask, pins
// the authority (so the joining machine talks to the real cluster), and
// holds a secret that works once, until it expires.

const (
	tokenPrefix = "hiroba-join-1."
	tokensFile  = "join-tokens.json"
)

// token is what a join token says.
type token struct {
	Join    string `json:"join"`    // address of the join service
	CA      string `json:"ca"`      // fingerprint of the authority
	Secret  string `json:"secret"`  // works once
	Expires int64  `json:"expires"` // Unix seconds
}

// issued is a token as the admitting node remembers it: never the secret.
type issued struct {
	Hash    string `json:"hash"`
	Expires int64  `json:"expires"`
	Used    bool   `json:"used,omitempty"`
}

// IssueToken makes a join token that works once, until ttl has passed, on
// the node whose folder is dir; only the node with the authority's key
// can.
func IssueToken(dir string, ttl time.Duration) (string, time.Time, error) {
	ca, err := loadAuthority(dir)
	if err != nil {
		return "", time.Time{}, model.Keyed(model.EFORBIDDEN, "err.cluster.not_admitting", "%s: このノードは新しいノードを受け入れられません (認証局の鍵 ca.key がありません)。クラスタを作ったノードで実行してください", dir)
	}
	info, err := nodeAddress(dir)
	if err != nil {
		return "", time.Time{}, err
	}
	join, err := joinAddress(info)
	if err != nil {
		return "", time.Time{}, err
	}
	secret := make([]byte, 32)
	rand.Read(secret)
	expires := time.Now().Add(ttl)
	t := token{Join: join, CA: fingerprint(ca.cert), Secret: base64.RawURLEncoding.EncodeToString(secret), Expires: expires.Unix()}
	if err := updateTokens(dir, func(list []issued) []issued {
		return append(list, issued{Hash: hashSecret(t.Secret), Expires: t.Expires})
	}); err != nil {
		return "", time.Time{}, err
	}
	b, _ := json.Marshal(t)
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b), expires, nil
}

func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

var tokensMu sync.Mutex

// updateTokens changes the list of issued tokens, dropping those expired.
func updateTokens(dir string, change func([]issued) []issued) error {
	tokensMu.Lock()
	defer tokensMu.Unlock()
	path := filepath.Join(dir, tokensFile)
	var list []issued
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &list); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	now := time.Now().Unix()
	kept := list[:0]
	for _, t := range list {
		if t.Expires > now {
			kept = append(kept, t)
		}
	}
	b, err := json.Marshal(change(kept))
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// parseToken reads a token given on the command line.
func parseToken(s string) (*token, error) {
	bad := model.Keyed(model.EINVALID, "err.cluster.token_bad", "参加トークンではありません。クラスタを作ったノードで hiroba cluster token が表示したものを、そのまま貼り付けてください")
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, tokenPrefix) {
		return nil, bad
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s, tokenPrefix))
	if err != nil {
		return nil, bad
	}
	var t token
	if err := json.Unmarshal(b, &t); err != nil || t.Join == "" || t.CA == "" || t.Secret == "" {
		return nil, bad
	}
	if time.Now().Unix() >= t.Expires {
		return nil, expiredError()
	}
	return &t, nil
}

func expiredError() error {
	return model.Keyed(model.EFORBIDDEN, "err.cluster.token_expired", "参加トークンの期限が切れているか、すでに使われています。クラスタを作ったノードで hiroba cluster token を実行して、新しいトークンをもらってください")
}

// joinRequest asks for a certificate.
type joinRequest struct {
	Secret string `json:"secret"`
	Name   string `json:"name"` // the node's address, or the desktop's host name
	CSR    []byte `json:"csr"`
}

// joinReply is the certificate, the authority and the nodes to reach.
type joinReply struct {
	CA    []byte   `json:"ca"`
	Cert  []byte   `json:"cert"`
	Nodes []string `json:"nodes"`
}

// joinService signs certificates for holders of a token.
type joinService struct {
	srv  *http.Server
	done chan struct{}
}

func startJoinService(n *Node) (*joinService, error) {
	ca, err := loadAuthority(n.dir)
	if err != nil {
		return nil, err
	}
	addr, err := joinAddress(n.Address())
	if err != nil {
		return nil, err
	}
	cert := n.creds.Cert
	cert.Certificate = append(append([][]byte{}, cert.Certificate...), ca.cert.Raw)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("join service: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /join", func(w http.ResponseWriter, r *http.Request) {
		reply, status, msg := admit(n.dir, ca, r.Body)
		if status != http.StatusOK {
			http.Error(w, msg, status)
			return
		}
		json.NewEncoder(w).Encode(reply)
	})
	s := &joinService{done: make(chan struct{}), srv: &http.Server{
		Handler:           mux,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		// A refused handshake is the client's to report.
		ErrorLog: log.New(io.Discard, "", 0),
	}}
	go func() {
		defer close(s.done)
		s.srv.ServeTLS(ln, "", "")
	}()
	return s, nil
}

func (s *joinService) close() {
	s.srv.Close()
	<-s.done
}

// admit checks a request's token, uses it up and signs its key.
func admit(dir string, ca *authority, body io.Reader) (*joinReply, int, string) {
	var req joinRequest
	if err := json.NewDecoder(io.LimitReader(body, 64<<10)).Decode(&req); err != nil {
		return nil, http.StatusBadRequest, "bad request"
	}
	hash, ok := hashSecret(req.Secret), false
	err := updateTokens(dir, func(list []issued) []issued {
		for i := range list {
			if list[i].Hash == hash && !list[i].Used {
				list[i].Used, ok = true, true
			}
		}
		return list
	})
	if err != nil {
		return nil, http.StatusInternalServerError, err.Error()
	}
	if !ok {
		return nil, http.StatusForbidden, "token expired or used"
	}
	csr, err := x509.ParseCertificateRequest(req.CSR)
	if err != nil {
		return nil, http.StatusBadRequest, "bad certificate request"
	}
	cert, err := ca.sign(csr, req.Name)
	if err != nil {
		return nil, http.StatusBadRequest, err.Error()
	}
	nodes, err := fileStore(filepath.Join(dir, "cluster.yaml")).Get(context.Background())
	if err != nil {
		return nil, http.StatusInternalServerError, err.Error()
	}
	reply := &joinReply{CA: ca.pem, Cert: cert}
	for _, n := range nodes {
		reply.Nodes = append(reply.Nodes, n.Address)
	}
	return reply, http.StatusOK, ""
}

// requestCertificate gives the token to the node that admits others and
// writes the certificate it signs, with its key and the authority, into
// dir; it returns the addresses of the cluster's nodes.
func requestCertificate(ctx context.Context, tokenText, dir, name string) ([]string, error) {
	t, err := parseToken(tokenText)
	if err != nil {
		return nil, err
	}
	keyPEM, csr, err := newRequest(name)
	if err != nil {
		return nil, err
	}
	body, _ := json.Marshal(joinRequest{Secret: t.Secret, Name: name, CSR: csr})
	httpClient := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{TLSClientConfig: pinned(t.CA)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://"+t.Join+"/join", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, model.Keyed(model.EIO, "err.cluster.join_unreachable", "クラスタを作ったノード (%s) に届きません (%v)。そのノードで hiroba serve --cluster が動いているか、ポートが開いているかを確かめてください", t.Join, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusForbidden {
		return nil, expiredError()
	}
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return nil, fmt.Errorf("%s: %s", t.Join, strings.TrimSpace(string(msg)))
	}
	var reply joinReply
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		b    []byte
	}{{nodeKeyFile, keyPEM}, {nodeCertFile, reply.Cert}, {caCertFile, reply.CA}} {
		if err := writeFile(filepath.Join(dir, f.name), f.b); err != nil {
			return nil, err
		}
	}
	return reply.Nodes, nil
}

// pinned trusts the join service only if it shows a certificate signed by
// the authority whose fingerprint the token holds.
func pinned(caFingerprint string) *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // verified below, against the pinned authority
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			var certs []*x509.Certificate
			for _, r := range raw {
				c, err := x509.ParseCertificate(r)
				if err != nil {
					return err
				}
				certs = append(certs, c)
			}
			pool := x509.NewCertPool()
			for _, c := range certs {
				if fingerprint(c) == caFingerprint {
					pool.AddCert(c)
				}
			}
			if len(certs) == 0 {
				return errors.New("no certificate")
			}
			_, err := certs[0].Verify(x509.VerifyOptions{Roots: pool, DNSName: serverName})
			if err != nil {
				return fmt.Errorf("not the cluster of the token: %w", err)
			}
			return nil
		},
	}
}
