import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { externalRelationshipXml, relationshipXml } from '../../../src/xlsx/package/packageParts.js';

const HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

describe('externalRelationshipXml', () => {
  it('writes what relationshipXml writes for an external relationship, escapes and all', () => {
    const external = externalRelationshipXml(HYPERLINK);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70_000 }), fc.string({ unit: fc.constantFrom('a', '/', '&', '<', '>', '"', "'", 'é', '?', '=') }), (id, target) => {
        expect(external(id, target)).toBe(relationshipXml({ id: `rId${id}`, type: HYPERLINK, target, external: true }));
      }),
    );
    expect(external(7, 'https://x.org/?a=1&b="2"')).toBe(
      `<Relationship Id="rId7" Type="${HYPERLINK}" Target="https://x.org/?a=1&#38;b=&#34;2&#34;" TargetMode="External"/>`,
    );
  });
});
