/**
 * `npx tsx scripts/xlsxHashes.ts [--rollover] [--write]`: writes the representative files of
 * scripts/goldenCases.ts (bench files, charts, print setup, several sheets, date formats, the demo's
 * exports) from the source in src/ and prints the SHA-256 of each. `--write` stores them in
 * test/golden.sha256, which test/golden.test.ts compares against: do that only when a change of bytes is
 * on purpose (a bug fixed), and name the files in the commit. `--rollover` adds a sheet past 1,048,576
 * rows (slow: a few seconds; never stored).
 */
import { writeFile } from 'node:fs/promises';
import { GOLDEN_CASES, GOLDEN_FILE, formatHashes, goldenHashes } from './goldenCases.js';
import { toXlsx } from '../src/index.js';

const cases = { ...GOLDEN_CASES };
if (process.argv.includes('--rollover')) {
  cases.rollover = () =>
    toXlsx(
      (function* () {
        for (let i = 0; i < 1_048_580; i++) yield { id: i, score: i % 100 };
      })(),
      {
        sheetName: 'Big',
        columns: [
          { key: 'id', type: 'integer' },
          { key: 'score', type: 'integer' },
        ],
        charts: [{ type: 'line', categories: 'id', series: ['score'] }],
        print: { fitToWidth: true },
      },
    );
}
const text = formatHashes(await goldenHashes(cases));
process.stdout.write(text);
if (process.argv.includes('--write')) {
  if (cases.rollover) throw new Error('--write stores the default cases only: run it without --rollover');
  await writeFile(GOLDEN_FILE, text);
}
