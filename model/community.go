package model

import (
	"context"
	"time"
)

// Category is the kind of purpose-based community, from the proposal.
type Category string

const (
	CategoryLearning     Category = "learning"     // 学び合い
	CategoryExperience   Category = "experience"   // 経験の共有
	CategoryConsultation Category = "consultation" // 相談
	CategoryWorkLife     Category = "worklife"     // ワークライフバランス
	CategoryLocal        Category = "local"        // 地元理解・魅力発掘・発信
	CategorySupport      Category = "support"      // 職場応援
)

// Categories lists every category in the proposal's order.
var Categories = []Category{CategoryLearning, CategoryExperience, CategoryConsultation, CategoryWorkLife, CategoryLocal, CategorySupport}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Visibility of a community.
const (
	VisibilityOpen    = "open"    // anyone may read
	VisibilityMembers = "members" // only members know it exists
)

// Membership roles.
const (
	MemberOrganiser = "organiser"
	MemberRegular   = "member"
)

// Community is a purpose-based community (目的別コミュニティ).
type Community struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Category Category `json:"category"`
	// MunicipalityID is "" for a community of the whole area (広域圏).
	MunicipalityID string    `json:"municipality_id"`
	Municipality   string    `json:"municipality"`
	Visibility     string    `json:"visibility"`
	Summary        string    `json:"summary"`
	Description    string    `json:"description"`
	CreatedBy      string    `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	LastActivityAt time.Time `json:"last_activity_at"`
	MemberCount    int       `json:"member_count"`
	// ViewerRole is the viewer's membership: "", MemberRegular or MemberOrganiser.
	ViewerRole string `json:"viewer_role,omitempty"`
}

// CanPost reports whether the viewer (ViewerRole) may start a thread or
// reply in the community: anyone who can see an open one, only members
// in a members-only one.
func (c *Community) CanPost() bool {
	return c.Visibility != VisibilityMembers || c.ViewerRole != ""
}

// Community limits, in characters.
const (
	MaxCommunityNameLen    = 60
	MaxCommunitySummaryLen = 120
	MaxDescriptionLen      = 20000
)

// Validate checks a community before it is saved.
func (c *Community) Validate() error {
	if err := checkText("name", c.Name, MaxCommunityNameLen, true); err != nil {
		return err
	}
	if !c.Category.Valid() {
		return FieldError("category", "err.category", "分類を選んでください")
	}
	if c.Visibility != VisibilityOpen && c.Visibility != VisibilityMembers {
		return FieldError("visibility", "err.visibility", "公開範囲を選んでください")
	}
	if err := checkText("summary", c.Summary, MaxCommunitySummaryLen, false); err != nil {
		return err
	}
	return checkText("description", c.Description, MaxDescriptionLen, true)
}

// AreaWide is the municipality filter value that selects communities of the
// whole area.
const AreaWide = "area"

// CommunityFilter narrows FindCommunities. Zero values select everything.
type CommunityFilter struct {
	Category       Category
	MunicipalityID string // an id, AreaWide, or "" for all
	Query          string // part of the name
	MemberOnly     bool   // only communities the viewer belongs to
	Offset, Limit  int    // Limit 0 means all
}

// Member is one person in a community.
type Member struct {
	Staff    Staff     `json:"staff"`
	Role     string    `json:"role"`
	JoinedAt time.Time `json:"joined_at"`
}

// CommunityService reads and writes communities and memberships. Every
// method sees only what the context's viewer may see: members-only
// communities do not exist for non-members.
type CommunityService interface {
	// FindCommunities returns one page, latest activity first, and the
	// number of all matches.
	FindCommunities(ctx context.Context, f CommunityFilter) ([]Community, int, error)
	CommunityByID(ctx context.Context, id string) (*Community, error)
	// CreateCommunity saves c, making the viewer its organiser, and sets c.ID.
	CreateCommunity(ctx context.Context, c *Community) error
	// UpdateCommunity is for organisers only (EFORBIDDEN otherwise).
	UpdateCommunity(ctx context.Context, c *Community) error
	Join(ctx context.Context, communityID string) error
	// Leave refuses (ECONFLICT) to remove the last organiser.
	Leave(ctx context.Context, communityID string) error
	// Members returns organisers first, then members by join date.
	Members(ctx context.Context, communityID string, limit int) ([]Member, int, error)
}
