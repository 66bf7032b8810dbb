-- Performance: indexes found missing by `npm run bench` on the national-scale dataset (290
-- municipalities, about a million rows; see docs/PERFORMANCE.md).
--
-- The overview (/o/:org, /api/v1/dashboard) finds each goal's latest assessment by goal id. Without
-- this index that lookup read every goal assessment of the installation (a sequential scan of
-- 250 000 rows, ~100-150 ms) to keep the thirty-odd of one organisation's goals.
create index if not exists goal_assessments_goal_idx on goal_assessments (goal_id);
