// The organisations module's tables, added to the database type.
import type { Generated } from 'kysely';

export const BODY_KINDS = ['council', 'board', 'committee', 'company', 'administration', 'office', 'external'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
/**
 * Is this one of the municipality's own bodies? An external actor (a region, a university, an
 * association) may share the work on an assignment, but cannot adopt a goal, issue an assignment or
 * lead one: the council's decisions bind only the municipality's own bodies.
 */
export const isOwnBodyKind = (kind: string): boolean => kind !== 'external';

export interface BodiesTable {
  id: Generated<string>;
  organisation_id: string;
  parent_id: string | null;
  kind: BodyKind;
  name: string;
  short_name: Generated<string>;
  description: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
}

export interface UserBodiesTable {
  organisation_id: string;
  user_id: string;
  body_id: string;
  created_at: Generated<Date>;
  archived_at: Date | null;
}

export const YEAR_STATUSES = ['planning', 'active', 'closed'] as const;
export type YearStatus = (typeof YEAR_STATUSES)[number];
export interface YearsTable {
  id: Generated<string>;
  organisation_id: string;
  year: number;
  status: Generated<YearStatus>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
}

export const PERIOD_KINDS = ['tertial', 'interim', 'annual', 'other'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_STATUSES = ['open', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];
export interface PeriodsTable {
  id: Generated<string>;
  organisation_id: string;
  year: number;
  kind: PeriodKind;
  name: string;
  starts_on: string;
  ends_on: string;
  report_due: string | null;
  status: Generated<PeriodStatus>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
}

export interface FocusAreasTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  description: Generated<string>;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
}

declare module '../../core/db/schema' {
  interface Tables {
    bodies: BodiesTable;
    user_bodies: UserBodiesTable;
    years: YearsTable;
    periods: PeriodsTable;
    focus_areas: FocusAreasTable;
  }
}
