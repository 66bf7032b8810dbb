// The goals module's tables, added to the database type.
import type { ColumnType, Generated } from 'kysely';

type ReadOnly<T> = ColumnType<T, never, never>;

export interface GoalsTable {
  id: Generated<string>;
  organisation_id: string;
  body_id: string;
  parent_id: string | null;
  reference: Generated<string>;
  title: string;
  description: Generated<string>;
  year_from: number;
  year_to: number | null;
  published_at: Date | null;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
  search: ReadOnly<string>;
}

export interface GoalFocusAreasTable {
  organisation_id: string;
  goal_id: string;
  focus_area_id: string;
}

export interface GoalSdgLinksTable {
  organisation_id: string;
  goal_id: string;
  sdg_code: string;
}

export interface DirectionsTable {
  id: Generated<string>;
  organisation_id: string;
  body_id: string;
  year: number;
  title: Generated<string>;
  body: string;
  published_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
  search: ReadOnly<string>;
}

declare module '../../core/db/schema' {
  interface Tables {
    goals: GoalsTable;
    goal_focus_areas: GoalFocusAreasTable;
    goal_sdg_links: GoalSdgLinksTable;
    directions: DirectionsTable;
  }
}
