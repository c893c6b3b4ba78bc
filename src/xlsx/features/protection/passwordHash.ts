import { createHash, randomBytes } from 'node:crypto';

/** A password as Excel stores it in `<sheetProtection>`: base64 hash and salt, and the rounds. */
export interface PasswordHash {
  readonly hashValue: string;
  readonly saltValue: string;
  readonly spinCount: number;
}

/** The rounds Excel uses (ECMA-376 Part 1, §18.3.1.85; MS-OFFCRYPTO 2.3.7.1). */
export const SPIN_COUNT = 100_000;

/**
 * Hashes a password as Excel does: `H = SHA-512(salt + UTF-16LE(password))`, then `spinCount`
 * times `H = SHA-512(H + uint32le(i))`, i from 0. The salt is 16 random bytes unless given.
 * @example hashPassword('x', Buffer.alloc(16), 1).saltValue //=> 'AAAAAAAAAAAAAAAAAAAAAA=='
 */
export function hashPassword(password: string, salt: Buffer = randomBytes(16), spinCount = SPIN_COUNT): PasswordHash {
  let hash = createHash('sha512').update(salt).update(Buffer.from(password, 'utf16le')).digest();
  const counter = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    counter.writeUInt32LE(i, 0);
    hash = createHash('sha512').update(hash).update(counter).digest();
  }
  return { hashValue: hash.toString('base64'), saltValue: salt.toString('base64'), spinCount };
}
