// contentDisposition('a\uD800.csv') threw a raw URIError from encodeURIComponent: a file name cut
// in the middle of an emoji took an HTTP download down. A lone surrogate becomes U+FFFD (#10).
import { expect, it } from 'vitest';
import { contentDisposition } from '../../src/index.js';

it('a lone surrogate becomes U+FFFD in filename* and _ in the fallback', () => {
  expect(contentDisposition('a\uD800.csv')).toBe(`attachment; filename="a_.csv"; filename*=UTF-8''a%EF%BF%BD.csv`);
  expect(contentDisposition('report \uD83D')).toBe(`attachment; filename="report _"; filename*=UTF-8''report%20%EF%BF%BD`);
});
