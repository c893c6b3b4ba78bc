import { AnalyticsError, AnalyticsErrorCode } from './errors.js';
import type { AnalyticsService } from './service.js';
import type { ExportScope, ExportSpec } from './spec.js';

/** The roles of the seed's Django app. */
export type Role = 'student' | 'teacher' | 'admin';

/**
 * Who is asking: what an `authenticate(req)` function returns. `id` is stable and unique (it owns
 * jobs and scopes the cache); `studentId`/`teacherId` link the principal to the school's rows.
 */
export interface Principal {
  readonly id: string;
  readonly role: Role;
  /** The student's row, for `role: 'student'`. */
  readonly studentId?: number | undefined;
  /** The teacher's row, for `role: 'teacher'`. */
  readonly teacherId?: number | undefined;
}

/**
 * Decides whether `principal` may run `spec`, before anything is queued or read:
 * - a student: only their own analytics (`{ kind: 'student', studentId: <theirs> }`);
 * - a teacher: analytics of classes they teach (listed by id) and the `teacher-weekly` report,
 *   which is then limited to their classes (the returned scope);
 * - an admin: everything, and only an admin may send a custom query (`kind: 'query'`).
 * @returns The scope the spec must run in (pass it to `runSpec`).
 * @throws {AnalyticsError} `ANALYTICS_FORBIDDEN` (403), saying what is not theirs.
 */
export async function authorize(service: AnalyticsService, principal: Principal, spec: ExportSpec): Promise<ExportScope> {
  if (principal.role === 'admin') return {};
  const kind = (spec as { kind?: unknown } | null)?.kind;
  if (principal.role === 'student') {
    if (kind === 'student' && spec.kind === 'student' && spec.studentId === principal.studentId && principal.studentId !== undefined) return {};
    throw forbidden(`A student may export only their own analytics ({"kind":"student","studentId":${principal.studentId}}), not ${describe(spec)}`);
  }
  if (principal.role === 'teacher' && principal.teacherId !== undefined) {
    const teacherId = principal.teacherId;
    if (spec.kind === 'report' && spec.report === 'teacher-weekly') return { teacherId };
    if (spec.kind === 'classes') {
      const own = await service.teacherClassIds(teacherId);
      if (spec.classIds === 'all') throw forbidden(`A teacher may export only the classes they teach: list them (${own.join(', ')}) instead of 'all'`);
      const others = Array.isArray(spec.classIds) ? spec.classIds.filter((id) => !own.includes(id)) : [];
      if (Array.isArray(spec.classIds) && others.length === 0) return {};
      throw forbidden(
        `Class${others.length > 1 ? 'es' : ''} ${others.join(', ')} ${others.length > 1 ? 'are' : 'is'} not taught by you; yours: ${own.join(', ')}`,
      );
    }
    throw forbidden(`A teacher may export their classes and the teacher-weekly report, not ${describe(spec)}`);
  }
  throw forbidden(`The role ${JSON.stringify(principal.role)} may not export anything`);
}

/**
 * A key naming what a principal may see, for the cache and job ownership: their role, id and the
 * rows they are linked to (`studentId`, `teacherId`), so one principal's file never reaches
 * another, nor the same id with another scope.
 */
export function scopeKey(principal: Principal): string {
  return JSON.stringify([principal.role, principal.id, principal.studentId ?? null, principal.teacherId ?? null]);
}

/**
 * The principal of a token as the database knows it now, for `createTokenAuth({ lookup })`: a
 * student or teacher whose row was deleted (or a teacher who became a tutor) is `null` (401) from
 * the next request on, whatever their token says. Admins are not rows of the school: their tokens
 * live as long as issued (an hour by default) and are revoked by rotating `TOKEN_SECRET`.
 */
export async function currentPrincipal(service: AnalyticsService, principal: Principal): Promise<Principal | null> {
  if (principal.role === 'admin') return principal;
  if (principal.role === 'student') return principal.studentId !== undefined && (await service.hasPerson('student', principal.studentId)) ? principal : null;
  if (principal.role === 'teacher') return principal.teacherId !== undefined && (await service.hasPerson('teacher', principal.teacherId)) ? principal : null;
  return null;
}

// --- internal ---

function forbidden(message: string): AnalyticsError {
  return new AnalyticsError(AnalyticsErrorCode.Forbidden, message);
}

function describe(spec: ExportSpec): string {
  switch ((spec as { kind?: unknown } | null)?.kind) {
    case 'student':
      return `student ${JSON.stringify((spec as { studentId?: unknown }).studentId)}'s analytics`;
    case 'classes':
      return 'class analytics';
    case 'report':
      return `the ${JSON.stringify((spec as { report?: unknown }).report)} report`;
    case 'query':
      return 'a custom query (admins only)';
    case 'comprehensive':
      return 'the comprehensive workbook (admins only)';
    default:
      return 'this export';
  }
}
