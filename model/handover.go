package model

import (
	"context"
	"time"
)

// Handover states.
const (
	HandoverDraft        = "draft"        // 作成中
	HandoverHandedOver   = "handed_over"  // 引継済み
	HandoverAcknowledged = "acknowledged" // 受領確認済み
)

// Handover note visibility, beyond predecessor and successor.
const (
	HandoverVisDepartment   = "department"
	HandoverVisMunicipality = "municipality"
	HandoverVisArea         = "area"
)

// DefaultSectionTitles are the sections a new handover note starts with.
var DefaultSectionTitles = []string{"業務概要", "年間スケジュール", "関係先・連絡先", "進行中の案件", "注意点・よくある質問", "参考資料・ファイルの場所"}

// HandoverSection is one markdown section of a handover note.
type HandoverSection struct {
	ID       string `json:"id"`
	Position int    `json:"position"`
	Title    string `json:"title"`
	Body     string `json:"body"`
}

// Handover is a handover note (引き継ぎ書) for one duty (担当業務).
type Handover struct {
	ID              string            `json:"id"`
	MunicipalityID  string            `json:"municipality_id"`
	Municipality    string            `json:"municipality"`
	Department      string            `json:"department"`
	Duty            string            `json:"duty"`
	PredecessorID   string            `json:"predecessor_id"`
	PredecessorName string            `json:"predecessor"`
	SuccessorID     string            `json:"successor_id,omitempty"` // "" is 未定
	SuccessorName   string            `json:"successor,omitempty"`
	EffectiveDate   time.Time         `json:"effective_date"`
	Status          string            `json:"status"`
	Visibility      string            `json:"visibility"`
	HandedOverAt    *time.Time        `json:"handed_over_at,omitempty"`
	AcknowledgedAt  *time.Time        `json:"acknowledged_at,omitempty"`
	AckComment      string            `json:"ack_comment,omitempty"`
	UpdatedAt       time.Time         `json:"updated_at"`
	Revision        int               `json:"revision"`
	Sections        []HandoverSection `json:"sections,omitempty"`
}

// HandoverFilter narrows FindHandovers.
type HandoverFilter struct {
	Status        string
	Query         string // words in duty or department
	Offset, Limit int
}

// HandoverService reads handover notes the viewer is allowed to read.
type HandoverService interface {
	FindHandovers(ctx context.Context, f HandoverFilter) ([]Handover, int, error)
	// HandoverByID returns the note with its sections in order.
	HandoverByID(ctx context.Context, id string) (*Handover, error)
}
