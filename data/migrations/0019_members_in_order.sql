-- A community's pane shows its first members in the order Members reads
-- them: organisers first, then by join date. Without this the order was
-- made by reading and sorting every member with their staff rows: 2 ms
-- for the 649 of the scale-1 file's busiest community, on the path of the
-- first screen; with it, the first twelve are read in order (0.2 ms).
CREATE INDEX memberships_in_order ON memberships(community_id, role = 'organiser' DESC, joined_at, staff_id);
