// The bytes of the representative files (scripts/goldenCases.ts: bench files, charts, print setup, several
// sheets, date formats, the demo's exports) are pinned by SHA-256 in test/golden.sha256, so that a refactor
// that changes bytes fails here. A change on purpose (a bug fixed) rewrites the file with
// `npx tsx scripts/xlsxHashes.ts --write` and names the files in its commit.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { GOLDEN_FILE, formatHashes, goldenHashes } from '../scripts/goldenCases.js';

it('every representative file hashes as committed in test/golden.sha256', async () => {
  const committed = await readFile(GOLDEN_FILE, 'utf8');
  expect(formatHashes(await goldenHashes())).toBe(committed);
});
