-- Assignments module: from when a body answers for an assignment (issue 7). A body attached to an
-- assignment later owes reports only for periods whose reporting window is still open on the day it
-- was attached, so it is never late for periods that closed before it had the assignment.
--
-- null: the body was named when the assignment was made (by the decision), so it answers from the
-- assignment's start (its decision date, or the first day of its year when none is recorded): every
-- existing link keeps owing what it owed before this migration. A date: attached on that day, set by
-- the assignment commands when a body is added to an assignment that already exists.
alter table assignment_bodies add column responsible_from date;
