package model

import (
	"crypto/sha256"
	"time"
)

// DrillCopy says that a database is a drill copy (訓練用コピー): a snapshot
// of a shared database taken to a laptop for a disaster drill, to be
// merged back afterwards.
type DrillCopy struct {
	SnapshotID string `json:"snapshot_id" cli:"id"`
	// SourceID is the identity of the database the copy was taken from;
	// only that database takes it back.
	SourceID      string    `json:"source_id"`
	SchemaVersion int       `json:"schema_version"` // of the source, when taken
	TakenAt       time.Time `json:"taken_at"`       // by the source machine's clock
	// MunicipalityID is set when the copy holds only what that
	// municipality's staff can see; "" for the whole area.
	MunicipalityID string `json:"municipality_id,omitempty"`
	Municipality   string `json:"municipality,omitempty"`
}

// Snapshot is a drill copy as written to a file.
type Snapshot struct {
	DrillCopy
	Path string `json:"path"`
	Size int64  `json:"size"` // bytes
}

// SnapshotOptions say what a snapshot holds.
type SnapshotOptions struct {
	// MunicipalityID limits the copy to what that municipality's staff can
	// see; "" copies everything.
	MunicipalityID string
}

// MergeOptions say how to merge a drill copy.
type MergeOptions struct {
	// DryRun works out the whole merge and reports it, then writes
	// nothing.
	DryRun bool
}

// Outcomes of a merge item.
const (
	MergeConflict = "conflict"  // changed on both sides; see Reason
	MergeSetAside = "set_aside" // could not be applied; kept in KeptRows
	MergeReported = "reported"  // changed on the laptop, not applied by rule
)

// Kinds of a kept row.
const (
	KeptEditNote = "edit_note" // a post's laptop version, edited on both sides
	KeptSetAside = "set_aside" // a row that could not be applied
)

// Why a merge item is what it is: catalogue keys, with the Japanese text
// for callers without a catalogue.
var MergeReasons = map[string]string{
	"merge.reason.edited_both":    "共有側でも編集されていたため、共有側の内容を残し、訓練用コピーの内容を編集メモとして残しました",
	"merge.reason.conflict":       "共有側でも変更されていたため、共有側の内容を残し、訓練用コピーの内容を保留にしました",
	"merge.reason.in_revision":    "共有側でも編集されていたため、共有側の内容を残し、訓練用コピーの内容を版として残しました",
	"merge.reason.later_wins":     "両方で変更されていたため、後の回答を残しました",
	"merge.reason.kept":           "訓練用コピーで削除されましたが、共有側で変更されていたため残しました",
	"merge.reason.restored":       "共有側で削除されていましたが、訓練用コピーで変更されていたため戻しました",
	"merge.reason.deleted_shared": "共有側で削除されていたため削除のままにし、訓練用コピーでの編集を編集メモとして残しました",
	"merge.reason.not_applied":    "職員・鍵・設定・自治体の変更は取り込みません。必要なら管理者が変更してください",
	"merge.reason.thread_deleted": "相談が共有側で削除されていたため、取り込めませんでした",
	"merge.reason.members_only":   "コミュニティが参加者だけの公開になり、書いた人が参加者でないため、取り込めませんでした",
	"merge.reason.unknown_staff":  "書いた人が共有側に登録されていないか、利用できない状態のため、取り込めませんでした",
	"merge.reason.missing_parent": "属する投稿・引き継ぎ書・予定などが共有側にないため、取り込めませんでした",
	"merge.reason.refused":        "共有側のデータベースが受け付けませんでした (重複など)",
}

// MergeItem is one row of a merge report that a person should look at:
// a conflict, a row set aside, or a change reported and not applied.
type MergeItem struct {
	Table    string `json:"table"`
	Key      string `json:"key"` // the row's primary key as a JSON array
	Outcome  string `json:"outcome"`
	Reason   string `json:"reason"` // a key of MergeReasons
	AuthorID string `json:"author_id,omitempty"`
	// AuthorName is the author's name as the laptop had it, for someone
	// registered there whom the shared database does not know; "" for
	// everyone else (their name is the shared database's).
	AuthorName string `json:"author_name,omitempty"`
	// Anonymous: the row is an anonymous thread or reply, whose author
	// is named only to that author (AuthorID is "" for everyone else).
	Anonymous bool   `json:"anonymous,omitempty"`
	Summary   string `json:"summary,omitempty"` // a title or the start of a text
	KeptID    string `json:"kept_id,omitempty"` // the KeptRow, if one was kept
}

// MergeTableCount counts what a merge did to one table. Rows the copy did
// not change are not counted.
type MergeTableCount struct {
	Table     string `json:"table"`
	Added     int    `json:"added"`     // new on the laptop
	Updated   int    `json:"updated"`   // changed on the laptop, applied
	Deleted   int    `json:"deleted"`   // deleted on the laptop, applied
	Same      int    `json:"same"`      // already as the laptop has it
	Conflicts int    `json:"conflicts"` // changed on both sides (see Items)
	SetAside  int    `json:"set_aside"` // could not be applied (see Items)
	Reported  int    `json:"reported"`  // not applied by rule (see Items)
}

// MergeReport is what a merge did, or would do (DryRun), table by table.
type MergeReport struct {
	ID             string    `json:"id"`
	SnapshotID     string    `json:"snapshot_id"`
	SourceID       string    `json:"source_id"`
	MunicipalityID string    `json:"municipality_id,omitempty"`
	TakenAt        time.Time `json:"taken_at"`
	MergedAt       time.Time `json:"merged_at"`
	MergedBy       string    `json:"merged_by,omitempty"` // staff id; "" for the operator
	DryRun         bool      `json:"dry_run"`
	// CopySchema is the copy's schema version before the merge migrated
	// it forward; equal to the database's when nothing was migrated.
	CopySchema int               `json:"copy_schema"`
	Tables     []MergeTableCount `json:"tables"`
	Items      []MergeItem       `json:"items"`
	// AlreadyMerged counts the copy's changes that an earlier merge of the
	// same copy took in.
	AlreadyMerged int `json:"already_merged"`
	// ClockBehind and ClockAhead count rows the laptop added with a time
	// before the copy was taken or after the merge: its clock was wrong.
	// Nothing in the merge depends on those times except which of two
	// answers to the same event is the later one.
	ClockBehind int `json:"clock_behind"`
	ClockAhead  int `json:"clock_ahead"`
}

// Total adds up every table's counts.
func (r *MergeReport) Total() MergeTableCount {
	t := MergeTableCount{Table: "*"}
	for _, c := range r.Tables {
		t.Added += c.Added
		t.Updated += c.Updated
		t.Deleted += c.Deleted
		t.Same += c.Same
		t.Conflicts += c.Conflicts
		t.SetAside += c.SetAside
		t.Reported += c.Reported
	}
	return t
}

// Changed reports whether the merge changed the database (or would have).
func (r *MergeReport) Changed() bool {
	t := r.Total()
	return t.Added+t.Updated+t.Deleted+t.Same+t.Conflicts+t.SetAside+t.Reported > 0
}

// Table returns the counts of one table (zero when it had none).
func (r *MergeReport) Table(name string) MergeTableCount {
	for _, c := range r.Tables {
		if c.Table == name {
			return c
		}
	}
	return MergeTableCount{Table: name}
}

// KeptRow is a laptop's version that a merge kept aside: an edit note for
// the author of a post, or a row set aside with the reason. Its author and
// administrators see it.
type KeptRow struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"` // KeptEditNote or KeptSetAside
	MergeID    string `json:"merge_id"`
	SnapshotID string `json:"snapshot_id"`
	Table      string `json:"table"`
	Key        string `json:"key"`
	Reason     string `json:"reason"`              // a key of MergeReasons
	AuthorID   string `json:"author_id,omitempty"` // "" for an anonymous post to anyone but its author
	// AuthorName is the author's name: the shared database's, else the
	// laptop's for someone registered there; "" where AuthorID is.
	AuthorName string `json:"author_name,omitempty"`
	Anonymous  bool   `json:"anonymous,omitempty"`
	TargetID   string `json:"target_id,omitempty"` // the thread, note, event or community it belongs to
	// TargetTitle names what it belongs to: its title as the shared
	// database has it, else as a row kept beside it has it (a thread
	// written on the laptop and set aside); "" when neither knows.
	TargetTitle string `json:"target_title,omitempty"`
	// TargetTable is where the shared database has what it belongs to:
	// "threads", "handovers", "events" or "communities"; "" when it does
	// not have it, and there is nothing to open.
	TargetTable string `json:"target_table,omitempty"`
	Title       string `json:"title,omitempty"`
	Body        string `json:"body,omitempty"`
	// Content is the laptop's columns, and author_name: the name the
	// laptop had for an author registered there.
	Content   map[string]any `json:"content"`
	CreatedAt time.Time      `json:"created_at"`
	// DoneAt is when the person it is for, or an administrator, marked
	// it done (dealt with); the inbox leaves it out then. DoneBy is who
	// ("" for the operator).
	DoneAt *time.Time `json:"done_at,omitempty"`
	DoneBy string     `json:"done_by,omitempty"`
}

// DerivedID returns an id in NewID's form made from parts alone, so that
// the same parts give the same id on every machine and every run.
func DerivedID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	var b [16]byte
	copy(b[:], h.Sum(nil))
	return encodeULID(b)
}
