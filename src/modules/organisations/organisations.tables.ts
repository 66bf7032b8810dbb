// The organisations module's tables, added to the database type.
import type { Generated } from 'kysely';

export type BodyKind = 'council' | 'board' | 'committee' | 'company' | 'administration' | 'office' | 'external';
export const BODY_KINDS: readonly BodyKind[] = ['council', 'board', 'committee', 'company', 'administration', 'office', 'external'];

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

export type YearStatus = 'planning' | 'active' | 'closed';
export const YEAR_STATUSES: readonly YearStatus[] = ['planning', 'active', 'closed'];
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

export type PeriodKind = 'tertial' | 'interim' | 'annual' | 'other';
export const PERIOD_KINDS: readonly PeriodKind[] = ['tertial', 'interim', 'annual', 'other'];
export type PeriodStatus = 'open' | 'closed';
export const PERIOD_STATUSES: readonly PeriodStatus[] = ['open', 'closed'];
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
