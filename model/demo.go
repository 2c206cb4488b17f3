package model

import "context"

// DemoService tells whether the database is demo data that `hiroba demo`
// wrote: the interface marks it (デモ) and lets a trainer act as anyone
// in it.
type DemoService interface {
	IsDemo(ctx context.Context) (bool, error)
}
