package model

import (
	"context"
	"time"
)

// Account is a staff member as an administrator manages them: their state,
// whether they administer, and how many SSH keys identify them.
type Account struct {
	Staff
	Role      string    `json:"role"`
	Status    string    `json:"status"` // StaffActive, StaffPending or StaffRevoked
	Admin     bool      `json:"admin"`
	Keys      int       `json:"keys"`
	CreatedAt time.Time `json:"created_at"`
}

// AdminService is what an administrator does: approve the people who
// signed up over SSH, revoke access, make others administrators. Every
// method refuses (EFORBIDDEN) a viewer who is not an administrator.
//
// The administrators are the staff granted the role; while nobody has
// been granted it, the first staff member of the database (the one who
// set it up) is the administrator.
type AdminService interface {
	// IsAdmin reports whether the viewer administers the database.
	IsAdmin(ctx context.Context) (bool, error)
	// Accounts returns every staff member, those waiting for approval
	// first, then by municipality and name.
	Accounts(ctx context.Context) ([]Account, error)
	ApproveStaff(ctx context.Context, id string) error
	RevokeStaff(ctx context.Context, id string) error
}

// KeySignup is what a person types on the sign-up form of a server, with
// the SSH public key that will identify them.
type KeySignup struct {
	Staff
	Fingerprint string // SHA256:... of the key
	PublicKey   string // the key in authorized_keys form
}
