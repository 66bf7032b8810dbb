import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context';
import { allowedTransitions, canAssignment, isLate, transition } from './assignments.policy';

const ORG = '00000000-0000-4000-8000-000000000001';
const user = (role: 'admin' | 'strategist' | 'reporter' | 'reader', organisationId = ORG): Actor => ({
  kind: 'user',
  id: '00000000-0000-4000-8000-0000000000aa',
  organisationId,
  role,
  name: 'Test',
  email: 'test@example.se',
  bodyIds: [],
});

describe('assignment lifecycle rules', () => {
  it('allows the forward steps, with or without an interim progress report', () => {
    expect(transition('new', 'ongoing')).toMatchObject({ kind: 'forward', commentRequired: false });
    expect(transition('ongoing', 'progress_reported')).toMatchObject({ kind: 'forward' });
    expect(transition('ongoing', 'reported')).toMatchObject({ kind: 'forward' });
    expect(transition('progress_reported', 'reported')).toMatchObject({ kind: 'forward' });
    expect(transition('reported', 'closed')).toMatchObject({ kind: 'forward' });
  });

  it('refuses skipping ahead, standing still and leaving a cancelled or transferred assignment', () => {
    expect(transition('new', 'closed')).toBeUndefined();
    expect(transition('new', 'reported')).toBeUndefined();
    expect(transition('ongoing', 'closed')).toBeUndefined();
    expect(transition('ongoing', 'ongoing')).toBeUndefined();
    expect(transition('cancelled', 'ongoing')).toBeUndefined();
    expect(transition('transferred', 'ongoing')).toBeUndefined();
    expect(transition('closed', 'cancelled')).toBeUndefined();
    expect(transition('closed', 'reported')).toBeUndefined();
  });

  it('lets the board send a report back, end an open assignment, or reopen a closed one — each with a comment', () => {
    expect(transition('progress_reported', 'ongoing')).toEqual({ kind: 'send_back', commentRequired: true });
    expect(transition('reported', 'ongoing')).toEqual({ kind: 'send_back', commentRequired: true });
    for (const from of ['new', 'ongoing', 'progress_reported', 'reported'] as const) {
      expect(transition(from, 'cancelled')).toEqual({ kind: 'end', commentRequired: true });
      expect(transition(from, 'transferred')).toEqual({ kind: 'end', commentRequired: true });
    }
    expect(transition('closed', 'ongoing')).toEqual({ kind: 'reopen', commentRequired: true });
  });

  it('offers status changes to staff only', () => {
    expect(allowedTransitions(user('strategist'), ORG, 'closed').map((s) => s.to)).toEqual(['ongoing']);
    expect(allowedTransitions(user('admin'), ORG, 'new').map((s) => s.to)).toEqual(['ongoing', 'cancelled', 'transferred']);
    expect(allowedTransitions(user('reporter'), ORG, 'new')).toEqual([]);
    expect(allowedTransitions(user('reader'), ORG, 'new')).toEqual([]);
    expect(allowedTransitions(user('strategist', '00000000-0000-4000-8000-000000000002'), ORG, 'new')).toEqual([]);
    expect(allowedTransitions({ kind: 'anonymous' }, ORG, 'new')).toEqual([]);
  });

  it('lets the public read only published, unarchived assignments', () => {
    const anon: Actor = { kind: 'anonymous' };
    expect(canAssignment(anon, 'read', ORG, { published_at: null, archived_at: null })).toBe(false);
    expect(canAssignment(anon, 'read', ORG, { published_at: new Date(), archived_at: null })).toBe(true);
    expect(canAssignment(anon, 'read', ORG, { published_at: new Date(), archived_at: new Date() })).toBe(false);
    expect(canAssignment(user('reader'), 'read', ORG, { published_at: null, archived_at: null })).toBe(true);
    expect(canAssignment(user('reader'), 'update', ORG)).toBe(false);
    expect(canAssignment(user('reporter'), 'create', ORG)).toBe(false);
  });

  it('calls an assignment late when its deadline has passed and it is still open', () => {
    expect(isLate({ deadline: '2018-06-30', status: 'ongoing' }, '2018-07-01')).toBe(true);
    expect(isLate({ deadline: '2018-06-30', status: 'ongoing' }, '2018-06-30')).toBe(false);
    expect(isLate({ deadline: '2018-06-30', status: 'closed' }, '2019-01-01')).toBe(false);
    expect(isLate({ deadline: '2018-06-30', status: 'transferred' }, '2019-01-01')).toBe(false);
    expect(isLate({ deadline: null, status: 'new' }, '2019-01-01')).toBe(false);
  });
});
