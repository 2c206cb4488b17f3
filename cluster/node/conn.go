package node

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/canonical/go-dqlite/client"
	dqdriver "github.com/canonical/go-dqlite/driver"
	"golang.org/x/sys/unix"
)

// How long the cluster may keep a program waiting. A leader that was
// killed, frozen, powered off or cut off answers nothing: without these
// a program would wait for it as long as the kernel keeps the connection
// (go-dqlite 1.11.5's Tx.Commit does not even look at a context).
const (
	// replyTimeout bounds the wait for every reply on a connection, a
	// COMMIT's included: beyond it the connection is dropped, and the
	// write is tried again through the next leader (data.Remote).
	replyTimeout = 5 * time.Second
	// connectTimeout bounds finding the leader for a new connection.
	connectTimeout = 4 * time.Second
	// dialTimeout bounds one node's answer while the leader is sought.
	dialTimeout = 1500 * time.Millisecond
	// keepAlive is TCP's keep-alive; userTimeout drops a connection whose
	// data stays unacknowledged that long (TCP_USER_TIMEOUT).
	keepAlive   = 2 * time.Second
	userTimeout = 6 * time.Second
)

// databaseName is the cluster's one database.
const databaseName = "hiroba"

// dial connects to a node of the cluster over TLS with the machine's
// certificate, with TCP keep-alive and a user timeout, and with a
// deadline on every read and write (guarded).
func dial(config *tls.Config) client.DialFunc {
	return func(ctx context.Context, addr string) (net.Conn, error) {
		d := net.Dialer{Timeout: dialTimeout, KeepAliveConfig: net.KeepAliveConfig{
			Enable: true, Idle: keepAlive, Interval: keepAlive, Count: 3}}
		d.Control = func(_, _ string, c syscall.RawConn) error {
			var err error
			c.Control(func(fd uintptr) {
				err = unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_USER_TIMEOUT, int(userTimeout.Milliseconds()))
			})
			return err
		}
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return nil, err
		}
		tlsConn := tls.Client(&guarded{Conn: conn}, config.Clone())
		if err := tlsConn.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, err
		}
		return tlsConn, nil
	}
}

// guarded is a connection on which no read or write waits longer than
// replyTimeout, or the deadline its user set if that is sooner.
type guarded struct {
	net.Conn
	mu                sync.Mutex
	readSet, writeSet time.Time // the deadlines the user set
}

func (g *guarded) SetDeadline(t time.Time) error {
	g.mu.Lock()
	g.readSet, g.writeSet = t, t
	g.mu.Unlock()
	return nil
}

func (g *guarded) SetReadDeadline(t time.Time) error {
	g.mu.Lock()
	g.readSet = t
	g.mu.Unlock()
	return nil
}

func (g *guarded) SetWriteDeadline(t time.Time) error {
	g.mu.Lock()
	g.writeSet = t
	g.mu.Unlock()
	return nil
}

// sooner is set, unless replyTimeout from now comes first.
func sooner(set time.Time) time.Time {
	d := time.Now().Add(replyTimeout)
	if !set.IsZero() && set.Before(d) {
		return set
	}
	return d
}

func (g *guarded) Read(b []byte) (int, error) {
	g.mu.Lock()
	d := sooner(g.readSet)
	g.mu.Unlock()
	g.Conn.SetReadDeadline(d)
	return g.Conn.Read(b)
}

func (g *guarded) Write(b []byte) (int, error) {
	g.mu.Lock()
	d := sooner(g.writeSet)
	g.mu.Unlock()
	g.Conn.SetWriteDeadline(d)
	return g.Conn.Write(b)
}

// connector makes connections to the cluster's database, finding its
// leader within connectTimeout.
type connector struct {
	inner driver.Connector
	// refused is the last certificate a node refused, or that was not
	// the cluster's: such a node is not tried again and again.
	refused atomic.Pointer[error]
}

func newConnector(store client.NodeStore, dialTLS *tls.Config) (*connector, error) {
	c := &connector{}
	dialNode := dial(dialTLS)
	drv, err := dqdriver.New(store,
		dqdriver.WithDialFunc(func(ctx context.Context, addr string) (net.Conn, error) {
			conn, err := dialNode(ctx, addr)
			if certificateError(err) {
				c.refused.Store(&err)
			}
			return conn, err
		}),
		dqdriver.WithAttemptTimeout(dialTimeout),
		dqdriver.WithConnectionBackoffFactor(20*time.Millisecond),
		dqdriver.WithConnectionBackoffCap(250*time.Millisecond),
		dqdriver.WithLogFunc(quiet))
	if err != nil {
		return nil, err
	}
	if c.inner, err = drv.OpenConnector(databaseName); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	c.refused.Store(nil)
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		if refused := c.refused.Load(); refused != nil {
			return nil, &CertificateError{Err: *refused}
		}
		return nil, err
	}
	return &namedConn{Conn: conn.(*dqdriver.Conn)}, nil
}

func (c *connector) Driver() driver.Driver { return c.inner.Driver() }

// CertificateError is a connection the cluster refused, or a node that
// showed a certificate of another cluster: the machine's certificate is
// not the cluster's. It is not tried again.
type CertificateError struct{ Err error }

func (e *CertificateError) Error() string {
	return "the cluster and this machine do not accept each other's certificates: " + e.Err.Error()
}

func (e *CertificateError) Unwrap() error { return e.Err }

// certificateError reports whether err is TLS refusing a certificate,
// on either side.
func certificateError(err error) bool {
	var verify *tls.CertificateVerificationError
	var alert tls.AlertError
	var unknown x509.UnknownAuthorityError
	return errors.As(err, &verify) || errors.As(err, &alert) || errors.As(err, &unknown)
}

// transient reports whether err means that the connection was lost, or
// that the cluster has no leader for the moment: what was being done is
// tried again (data.Remote.Transient).
func transient(err error) bool {
	var netErr net.Error
	var refused *CertificateError
	switch {
	case err == nil, errors.As(err, &refused):
		return false
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, dqdriver.ErrNoAvailableLeader), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE),
		errors.As(err, &netErr):
		return true
	}
	// go-dqlite wraps some of these in text only.
	msg := err.Error()
	for _, s := range []string{"failed to create dqlite connection", "no available dqlite leader", "EOF", "use of closed network connection", "connection reset"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// quiet drops go-dqlite's log: a node that is down is seen in the
// program's own words (data.DB.Reconnecting, cluster status).
func quiet(client.LogLevel, string, ...interface{}) {}
