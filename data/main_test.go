package data_test

import (
	"testing"

	"hiroba/internal/memtmp"
)

func TestMain(m *testing.M) { memtmp.Main(m) }
