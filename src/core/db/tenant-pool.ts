// Wraps a connection pool so every connection works as the restricted role and in the current
// request's organisation (see tenant.ts); row-level security policies read both.
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { currentTenant } from './tenant';

export const APP_ROLE = 'riktning_app';

interface ConnectionState {
  role: boolean;
  tenant: string | undefined;
}

export interface TenantPoolOptions {
  /** The physical connection behind a client: pg hands out the same client object per connection; PGlite has one. */
  connectionOf: (client: PostgresPoolClient) => object;
}

export class TenantPool implements PostgresPool {
  /** Off until migrations have created the role and policies (enableRowSecurity). */
  restricted = false;
  private readonly states = new WeakMap<object, ConnectionState>();

  constructor(
    private readonly inner: PostgresPool,
    private readonly options: TenantPoolOptions,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.inner.connect();
    const key = this.options.connectionOf(client);
    const pool = this;
    const wrapped = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        await pool.prepare(client, key);
        return client.query<R>(sql, parameters);
      },
      release() {
        client.release();
      },
    };
    return wrapped as unknown as PostgresPoolClient;
  }

  /** Brings the connection to the restricted role and the current organisation, only when they differ. */
  private async prepare(client: PostgresPoolClient, key: object): Promise<void> {
    if (!this.restricted) return;
    let state = this.states.get(key);
    if (!state) {
      state = { role: false, tenant: undefined };
      this.states.set(key, state);
    }
    const tenant = currentTenant();
    if (state.role && state.tenant === tenant) return;
    this.switchRole ??= await this.canSwitchRole(client);
    // One round trip for both: the role once per connection, the organisation when it changes.
    if (this.switchRole && !state.role) {
      await client.query(`select set_config('role', $1, false), set_config('riktning.organisation_id', $2, false)`, [APP_ROLE, tenant]);
    } else {
      await client.query(`select set_config('riktning.organisation_id', $1, false)`, [tenant]);
    }
    state.role = true;
    state.tenant = tenant;
  }

  /**
   * A superuser (as in development and CI) bypasses row-level security, so it must work as the
   * restricted role, of which it is always a member. A deployment that connects as the tables'
   * non-superuser owner is held by the policies anyway (FORCE ROW LEVEL SECURITY) and switches only
   * if it has been made a member of the role.
   */
  private switchRole: boolean | undefined;
  private async canSwitchRole(client: PostgresPoolClient): Promise<boolean> {
    const r = await client.query<{ member: boolean }>(`select pg_has_role(session_user, $1, 'MEMBER') as member`, [APP_ROLE]);
    return r.rows[0]?.member === true;
  }

  /** A connection that errored may have lost its settings; forget it so it is prepared afresh. */
  forget(key: object): void {
    this.states.delete(key);
  }

  async end(): Promise<void> {
    await this.inner.end();
  }
}
