import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ERRORS_DOC, errorsAndWarningsDoc } from '../../scripts/errorCodes.js';
import { RowportErrorCode, RowportWarningCode } from '../../src/index.js';

it('docs/errors-and-warnings.md is what scripts/errorCodes.ts renders from the code lists (run it with --write)', () => {
  expect(readFileSync(ERRORS_DOC, 'utf8')).toBe(errorsAndWarningsDoc());
});

it('names every error and warning code, each with its cause from the JSDoc', () => {
  const page = errorsAndWarningsDoc();
  for (const code of [...Object.values(RowportErrorCode), ...Object.values(RowportWarningCode)]) {
    expect(page).toContain(`### \`${code}\``);
  }
  expect(page).not.toContain('(undocumented)');
  expect(page.match(/^### /gm)).toHaveLength(Object.keys(RowportErrorCode).length + Object.keys(RowportWarningCode).length);
});
