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
  // each cause is the one comment above its code: not the list's own JSDoc, nor source code
  const causes = [...page.matchAll(/^\*\*Cause\.\*\* (.*)$/gm)].map((m) => m[1] as string);
  expect(causes).toHaveLength(Object.keys(RowportErrorCode).length + Object.keys(RowportWarningCode).length);
  expect(causes.filter((cause) => /export const|\/\*\*|these codes|Codes of the warnings/.test(cause))).toEqual([]);
  expect(page.match(/^### /gm)).toHaveLength(Object.keys(RowportErrorCode).length + Object.keys(RowportWarningCode).length);
});
