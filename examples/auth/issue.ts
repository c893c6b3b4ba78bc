/**
 * Mints a bearer token with TOKEN_SECRET (the servers' secret), printed on stdout and nowhere else:
 *
 *   TOKEN=$(npx tsx examples/auth/issue.ts --role student --student-id 42)
 *   TOKEN=$(npx tsx examples/auth/issue.ts --role teacher --teacher-id 1 --ttl 600)
 *   TOKEN=$(npx tsx examples/auth/issue.ts --role admin)
 *
 * `--id` defaults to `student-42`, `teacher-1` or `admin`; `--ttl` is in seconds (default 3600).
 * The servers look students and teachers up on each request, so a token for a person the
 * database does not have is refused (401).
 */
import { parseArgs } from 'node:util';
import type { Principal } from '../analytics/access.js';
import { createTokenAuth } from './tokens.js';

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      id: { type: 'string' },
      'student-id': { type: 'string' },
      'teacher-id': { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const secret = process.env.TOKEN_SECRET ?? '';
  if (Buffer.byteLength(secret) < 32) throw new Error("Set TOKEN_SECRET to the servers' secret (32+ bytes)");
  const ttl = Number(values.ttl);
  if (!/^\d+$/.test(values.ttl) || ttl < 1 || ttl > 86_400) throw new Error('--ttl must be whole seconds from 1 to 86400');
  console.log(createTokenAuth({ secret }).issue(principalOf(values), ttl * 1000));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}

function principalOf(values: { role?: string; id?: string; 'student-id'?: string; 'teacher-id'?: string }): Principal {
  const number = (text: string | undefined, flag: string) => {
    if (text === undefined || !/^\d{1,9}$/.test(text)) throw new Error(`${flag} must be a whole number`);
    return Number(text);
  };
  switch (values.role) {
    case 'student': {
      const studentId = number(values['student-id'], '--student-id');
      return { id: values.id ?? `student-${studentId}`, role: 'student', studentId };
    }
    case 'teacher': {
      const teacherId = number(values['teacher-id'], '--teacher-id');
      return { id: values.id ?? `teacher-${teacherId}`, role: 'teacher', teacherId };
    }
    case 'admin':
      return { id: values.id ?? 'admin', role: 'admin' };
    default:
      throw new Error('--role must be student (with --student-id), teacher (with --teacher-id) or admin');
  }
}
