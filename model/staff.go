package model

import (
	"context"
	"time"
)

// Municipality is a city, town or village of the regional area (広域圏).
type Municipality struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Sort int    `json:"-"`
}

// Staff roles and states.
const (
	RoleMember = "member"
	RoleAdmin  = "admin"

	StaffActive  = "active"
	StaffPending = "pending" // signed up over SSH, waiting for approval
	StaffRevoked = "revoked"
)

// Staff is a member of staff (職員) of one municipality.
type Staff struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	MunicipalityID string    `json:"municipality_id"`
	Municipality   string    `json:"municipality"`
	Department     string    `json:"department"`
	Role           string    `json:"-"`
	Status         string    `json:"-"`
	CreatedAt      time.Time `json:"-"`
}

// Name and department limits, in characters.
const (
	MaxNameLen       = 40
	MaxDepartmentLen = 60
)

// Validate checks what a person types when they sign up.
func (s *Staff) Validate() error {
	if err := checkText("name", s.Name, MaxNameLen, true); err != nil {
		return err
	}
	if s.MunicipalityID == "" {
		return FieldError("municipality", "err.municipality", "自治体を選んでください")
	}
	return checkText("department", s.Department, MaxDepartmentLen, true)
}

// StaffService reads and writes staff and municipalities.
type StaffService interface {
	Municipalities(ctx context.Context) ([]Municipality, error)
	// FindStaff returns staff ordered by municipality and name; limit 0 means all.
	FindStaff(ctx context.Context, offset, limit int) ([]Staff, error)
	// StaffByID returns ENOTFOUND when there is no such staff member.
	StaffByID(ctx context.Context, id string) (*Staff, error)
	// StaffByIDOrName finds one staff member by id or exact name; a name
	// that several staff share is ECONFLICT.
	StaffByIDOrName(ctx context.Context, idOrName string) (*Staff, error)
	CreateStaff(ctx context.Context, s *Staff) error
}
