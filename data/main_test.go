package data_test

import (
	"os"
	"testing"

	"hiroba/internal/memtmp"
)

func TestMain(m *testing.M) {
	inMemory := memtmp.Use()
	code := m.Run()
	inMemory()
	os.Exit(code)
}
