package node

import (
	"fmt"
	"math/rand/v2"
	"net"
	"testing"
)

// freePort is a port on 127.0.0.1 that is free, with the next one.
func freePort(t testing.TB) string {
	t.Helper()
	for range 100 {
		port := 20000 + rand.IntN(20000)
		a, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue
		}
		b, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port+1))
		a.Close()
		if err != nil {
			continue
		}
		b.Close()
		return fmt.Sprint(port)
	}
	t.Fatal("no free ports")
	return ""
}
