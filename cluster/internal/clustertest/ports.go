// Package clustertest is what the cluster's tests share.
package clustertest

import (
	"fmt"
	"math/rand/v2"
	"net"
	"testing"
)

// FreeAddress is an address on 127.0.0.1 whose port, and the port after
// it (where the first node takes join requests), are free.
func FreeAddress(tb testing.TB) string {
	tb.Helper()
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
		return fmt.Sprintf("127.0.0.1:%d", port)
	}
	tb.Fatal("no free ports")
	return ""
}
