-- Assignments: indexes behind the list filters (focus area, "late only") and the follow-up's lookups
-- of assignments by goal, so these stay index scans when an installation holds many municipalities.
create index assignment_focus_areas_fa_idx on assignment_focus_areas (focus_area_id);
create index assignment_goals_goal_idx on assignment_goals (goal_id);
create index assignments_org_deadline_idx on assignments (organisation_id, deadline) where archived_at is null;
