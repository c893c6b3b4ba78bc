import { sha512, spinSha512 } from './sha512.js';

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
 * Plain JavaScript and Web Crypto's random bytes: no `node:crypto`.
 * @example hashPassword('x', new Uint8Array(16), 1).saltValue //=> 'AAAAAAAAAAAAAAAAAAAAAA=='
 */
export function hashPassword(password: string, salt: Uint8Array = globalThis.crypto.getRandomValues(new Uint8Array(16)), spinCount = SPIN_COUNT): PasswordHash {
  const input = new Uint8Array(salt.length + password.length * 2);
  input.set(salt);
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i);
    input[salt.length + 2 * i] = code & 0xff;
    input[salt.length + 2 * i + 1] = code >>> 8;
  }
  return { hashValue: base64(spinSha512(sha512(input), spinCount)), saltValue: base64(salt), spinCount };
}

// --- internal ---

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
