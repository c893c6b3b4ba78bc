import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Principal, Role } from '../analytics/access.js';

/**
 * Turns a request into the principal making it, or `null` when it carries no valid credentials.
 * Plug in your own (a session cookie, an API gateway's header, OIDC through `jose`); the servers
 * only call it. Throwing is a 500; return `null` for anything the client got wrong.
 */
export type Authenticate = (req: IncomingMessage) => Principal | null | Promise<Principal | null>;

/** Options of {@link createTokenAuth}. */
export interface TokenAuthOptions {
  /** The HMAC key: at least 32 random bytes (`crypto.randomBytes(32)`), kept on the server side. */
  readonly secret: Buffer | string;
  /** The clock, for expiry. @default Date.now */
  readonly now?: (() => number) | undefined;
  /**
   * Looks a token's principal up on each request (`currentPrincipal(service, p)` of
   * `examples/analytics/access.ts`): `null` (401) for one that no longer exists, so deleting a
   * user revokes their tokens at once. Without it, a token is valid until it expires.
   */
  readonly lookup?: ((principal: Principal) => Principal | null | Promise<Principal | null>) | undefined;
}

/** Bearer tokens and signed download links, both HMAC-SHA256 under keys derived from one secret. */
export interface TokenAuth {
  /** Issues a bearer token for `principal`, valid for `ttlMs`. @default ttlMs 1 hour */
  issue(principal: Principal, ttlMs?: number): string;
  /** An {@link Authenticate} reading `Authorization: Bearer <token>`: `null` when missing, tampered, expired or (with `lookup`) gone. */
  readonly authenticate: (req: IncomingMessage) => Promise<Principal | null>;
  /** Verifies a token; `null` when tampered, malformed or expired. */
  verify(token: string): Principal | null;
  /** Signs a download link for a job: the query string `expires=<ms>&sig=<hmac>` (no bearer token needed). */
  signLink(jobId: string, ttlMs?: number): string;
  /** True when `sig` is the signature of `jobId` and `expires` is still ahead. */
  verifyLink(jobId: string, expires: string | null, sig: string | null): boolean;
}

/**
 * Stateless bearer tokens: `base64url(JSON claims).base64url(HMAC-SHA256(claims))`, claims
 * `{ sub, role, sid?, tid?, exp }`. Checked with `timingSafeEqual` (no timing oracle on the
 * signature), then the expiry. Written with `node:crypto` only: one algorithm, no header to
 * negotiate, so none of JWT's `alg: none` / algorithm-confusion pitfalls, and no dependency. Use
 * JWTs (`jose`) instead when tokens come from another party (an identity provider) or must be
 * verified without the secret (asymmetric keys).
 * @example
 * const auth = createTokenAuth({ secret: process.env.TOKEN_SECRET });
 * const token = auth.issue({ id: 'student-42', role: 'student', studentId: 42 });
 * createExportServer(service, { authenticate: auth.authenticate, links: auth });
 */
export function createTokenAuth(options: TokenAuthOptions): TokenAuth {
  const { secret, now = Date.now, lookup } = options;
  if (Buffer.byteLength(secret) < 32) throw new TypeError('Invalid option `secret`: expected at least 32 bytes (crypto.randomBytes(32))');
  // Separate keys for tokens and links, so a link signature can never pass for a token's.
  const tokenKey = createHmac('sha256', secret).update('rowport token v1').digest();
  const linkKey = createHmac('sha256', secret).update('rowport link v1').digest();

  const verify = (token: string): Principal | null => {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
    const body = token.slice(0, dot);
    if (!equalSignatures(token.slice(dot + 1), sign(tokenKey, body))) return null;
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    } catch {
      return null;
    }
    if (typeof claims.exp !== 'number' || claims.exp <= now()) return null;
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role)) return null;
    return {
      id: claims.sub,
      role: claims.role,
      ...(claims.sid !== undefined ? { studentId: claims.sid } : {}),
      ...(claims.tid !== undefined ? { teacherId: claims.tid } : {}),
    };
  };

  return {
    issue(principal, ttlMs = 3_600_000) {
      const claims: Claims = { sub: principal.id, role: principal.role, sid: principal.studentId, tid: principal.teacherId, exp: now() + ttlMs };
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${body}.${sign(tokenKey, body)}`;
    },
    verify,
    async authenticate(req) {
      const header = req.headers.authorization;
      // The scheme is case-insensitive (RFC 7235), and one or more spaces follow it (RFC 6750).
      const match = header === undefined ? null : /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(header);
      const principal = match ? verify(match[1] as string) : null;
      return principal && lookup ? lookup(principal) : principal;
    },
    signLink(jobId, ttlMs = 15 * 60_000) {
      const expires = String(now() + ttlMs);
      return `expires=${expires}&sig=${sign(linkKey, `${jobId}\n${expires}`)}`;
    },
    verifyLink(jobId, expires, sig) {
      if (expires === null || sig === null || !/^\d{1,15}$/.test(expires)) return false;
      if (!equalSignatures(sig, sign(linkKey, `${jobId}\n${expires}`))) return false;
      return Number(expires) > now();
    },
  };
}

// --- internal ---

const ROLES: readonly Role[] = ['student', 'teacher', 'admin'];

interface Claims {
  sub: string;
  role: Role;
  sid?: number | undefined;
  tid?: number | undefined;
  exp: number;
}

function sign(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** Constant-time comparison of two base64url signatures (a length mismatch answers at once: lengths are public). */
function equalSignatures(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
