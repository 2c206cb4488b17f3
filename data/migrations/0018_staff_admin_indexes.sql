-- Who administers the database (isAdmin: the active administrators, or
-- while there are none the first active staff member) is asked at every
-- session start and before every administrator's write. Without these the
-- answer scanned the whole staff table twice and sorted it.
CREATE INDEX staff_active_by_age ON staff(created_at, id) WHERE status = 'active';
CREATE INDEX staff_active_admins ON staff(id) WHERE role = 'admin' AND status = 'active';
