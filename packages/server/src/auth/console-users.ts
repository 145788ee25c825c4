import type { Session, User, UserRole } from '@ads/contract';
import { parse as parseCookies } from 'cookie';
import type { AdminService } from '../admin/admin-service.js';
import { GatewayError, notFound, rateLimited } from '../engine/gateway-error.js';
import { workspaceView } from '../http/views/account-views.js';
import { iso } from '../http/views/times.js';
import { returnBucketToken, takeBucketToken } from '../store/rate-limit-repository.js';
import type { Store } from '../store/store.js';
import {
  deleteSession,
  findSession,
  findUser,
  findUserByEmail,
  insertInvite,
  insertSession,
  insertUser,
  listUsers,
  setUserDisabled,
  takeInvite,
  type UserRow,
} from '../store/user-repository.js';
import { listWorkspaces, type WorkspaceRow } from '../store/workspace-repository.js';
import { hashApiKey, randomToken, sameSecret } from './api-key.js';
import type { Caller } from './caller.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.js';

type Headers = Record<string, string | string[] | undefined>;

export const sessionCookie = 'ads_session';
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;
/** Wrong passwords allowed per window: per email, and per client address. */
export const signInLimits = { perEmail: 5, perAddress: 30, windowMs: 15 * 60 * 1000 } as const;
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A live session with its user and the user's own workspace. */
export interface FoundSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: number;
  user: UserRow;
  workspace: WorkspaceRow;
}

export interface SignedIn {
  /** The cookie's value, never stored. */
  token: string;
  session: Session;
}

export function userView(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    workspace_id: row.workspace_id,
    created_at: iso(row.created_at),
    disabled_at: row.disabled_at === null ? null : iso(row.disabled_at),
  };
}

const wrongSignIn = () =>
  new GatewayError({ code: 'unauthorized', message: 'Wrong email or password. Check both and try again.' });

/** The cookie session of a request, or undefined when it sends none. */
export function sessionToken(headers: Headers): string | undefined {
  const raw = headers.cookie;
  const cookieHeader = Array.isArray(raw) ? raw.join('; ') : raw;
  if (!cookieHeader) return undefined;
  return parseCookies(cookieHeader)[sessionCookie] || undefined;
}

/**
 * People who sign in to the console: users with scrypt-hashed passwords, cookie sessions with a
 * CSRF token each, one-time invites, and the operator's management of all of it.
 */
export class ConsoleUsers {
  constructor(
    private readonly store: Store,
    private readonly admin: AdminService,
    private readonly now: () => number,
    /** The gateway's public address, for invite links. */
    private readonly baseUrl: () => string,
  ) {}

  publicUrl(): string {
    return this.baseUrl();
  }

  /** The live session a request's cookie names; undefined when none or when it ended. */
  async sessionOf(headers: Headers): Promise<FoundSession | undefined> {
    const token = sessionToken(headers);
    if (!token) return undefined;
    const found = await findSession(this.store.db, hashApiKey(token), this.now());
    if (!found) return undefined;
    return {
      tokenHash: found.session.token_hash,
      csrfToken: found.session.csrf_token,
      expiresAt: found.session.expires_at,
      user: found.user,
      workspace: found.workspace,
    };
  }

  /** A call that changes something must carry the session's CSRF token (X-CSRF-Token). */
  checkCsrf(headers: Headers, method: string, session: FoundSession): void {
    if (safeMethods.has(method.toUpperCase())) return;
    const presented = headers['x-csrf-token'];
    const token = Array.isArray(presented) ? presented[0] : presented;
    if (!token || !sameSecret(token, session.csrfToken)) {
      throw new GatewayError({
        code: 'forbidden',
        message:
          'This call changes something and needs the session’s CSRF token in the X-CSRF-Token header (GET /v1/session gives it).',
      });
    }
  }

  /** The caller a session acts as: its user, in the user's workspace, with no key limits. */
  callerOf(session: FoundSession): Caller {
    return {
      keyId: null,
      keyName: null,
      keyPrefix: '',
      keyCreatedAt: session.user.created_at,
      limits: {},
      workspace: session.workspace,
      user: { id: session.user.id, email: session.user.email, role: session.user.role },
    };
  }

  async sessionView(session: FoundSession): Promise<Session> {
    const workspaces = await listWorkspaces(this.store.db, session.workspace.owner_id);
    return {
      user: userView(session.user),
      workspaces: workspaces.map(workspaceView),
      csrf_token: session.csrfToken,
      expires_at: iso(session.expiresAt),
    };
  }

  /**
   * Checks a password, with tries limited per email and per client address (a right password gives
   * its tries back), and opens a session.
   */
  async signIn(request: { email: string; password: string; address: string }): Promise<SignedIn> {
    const buckets = [
      { key: `sign-in:email:${request.email}`, capacity: signInLimits.perEmail },
      { key: `sign-in:address:${request.address}`, capacity: signInLimits.perAddress },
    ];
    for (const bucket of buckets) await this.takeTry(bucket.key, bucket.capacity);
    const user = await findUserByEmail(this.store.db, request.email);
    const matches = await verifyPassword(request.password, user?.password_hash ?? (await decoyPasswordHash));
    if (!user || !matches) throw wrongSignIn();
    if (user.disabled_at !== null) {
      throw new GatewayError({
        code: 'forbidden',
        message: 'This user was disabled by an operator; ask them to enable it again.',
      });
    }
    for (const bucket of buckets) await returnBucketToken(this.store.db, bucket.key, bucket.capacity);
    return this.openSession(user);
  }

  private async takeTry(key: string, count: number): Promise<void> {
    const waitMs = await takeBucketToken(this.store.db, this.store.engine, {
      key,
      count,
      windowMs: signInLimits.windowMs,
      now: this.now(),
    });
    if (waitMs === 0) return;
    throw rateLimited(
      (seconds) =>
        `Too many wrong passwords; try again in ${Math.ceil(seconds / 60)} min, or ask an operator to disable the user and invite them again.`,
      waitMs,
    );
  }

  private async openSession(user: UserRow): Promise<SignedIn> {
    const token = `ses_${randomToken(40)}`;
    const now = this.now();
    const row = {
      token_hash: hashApiKey(token),
      user_id: user.id,
      csrf_token: randomToken(32),
      created_at: now,
      expires_at: now + sessionLifetimeMs,
    };
    await insertSession(this.store.db, row);
    const found = await this.sessionOf({ cookie: `${sessionCookie}=${token}` });
    if (!found) throw new GatewayError({ code: 'internal_error', message: 'The new session was not found.' });
    return { token, session: await this.sessionView(found) };
  }

  signOut(session: FoundSession): Promise<void> {
    return deleteSession(this.store.db, session.tokenHash, this.now());
  }

  /** Turns a one-time invite into a user with the chosen password, signed in. */
  async acceptInvite(token: string, password: string): Promise<SignedIn> {
    const user = await this.store.transaction(async (executor) => {
      const invite = await takeInvite(executor, hashApiKey(token), this.now());
      if (!invite) {
        throw new GatewayError({
          code: 'not_found',
          message: 'This invite link was used already or has expired; ask an operator for a new one.',
        });
      }
      if (await findUserByEmail(executor, invite.email)) {
        throw new GatewayError({
          code: 'invalid_request',
          message: `A user ${invite.email} exists already; sign in.`,
        });
      }
      return insertUser(executor, {
        email: invite.email,
        password_hash: await hashPassword(password),
        workspace_id: invite.workspace_id,
        role: invite.role,
        created_at: this.now(),
      });
    });
    return this.openSession(user);
  }

  listUsers(): Promise<UserRow[]> {
    return listUsers(this.store.db);
  }

  private async freeEmail(email: string): Promise<void> {
    if (await findUserByEmail(this.store.db, email)) {
      throw new GatewayError({
        code: 'invalid_request',
        message: `A user ${email} exists already.`,
        issues: [{ path: 'email', message: 'is taken' }],
      });
    }
  }

  async createUser(request: { email: string; password: string; workspace: string; role: UserRole }) {
    await this.freeEmail(request.email);
    const { workspace } = await this.admin.workspaceNamed(request.workspace, 0);
    const passwordHash = await hashPassword(request.password);
    return insertUser(this.store.db, {
      email: request.email,
      password_hash: passwordHash,
      workspace_id: workspace.id,
      role: request.role,
      created_at: this.now(),
    });
  }

  async invite(request: { email: string; workspace: string; role: UserRole }) {
    await this.freeEmail(request.email);
    const { workspace } = await this.admin.workspaceNamed(request.workspace, 0);
    const token = `inv_${randomToken(40)}`;
    const now = this.now();
    const row = {
      token_hash: hashApiKey(token),
      email: request.email,
      workspace_id: workspace.id,
      role: request.role,
      created_at: now,
      expires_at: now + inviteLifetimeMs,
      used_at: null,
    };
    await insertInvite(this.store.db, row);
    return {
      email: row.email,
      workspace_id: row.workspace_id,
      role: row.role,
      url: `${this.baseUrl().replace(/\/+$/, '')}/invite/${token}`,
      expires_at: iso(row.expires_at),
    };
  }

  async setDisabled(id: string, disabled: boolean): Promise<UserRow> {
    const user = await findUser(this.store.db, id);
    if (!user) throw notFound(`No user "${id}".`);
    if (disabled === (user.disabled_at !== null)) return user;
    await setUserDisabled(this.store.db, id, disabled ? this.now() : null);
    return (await findUser(this.store.db, id)) as UserRow;
  }
}
