// scripts/validateXsd.ts, run as a user runs it, over small stand-in schemas written here (the
// ECMA-376 ones are Ecma's and not in the repository): a root element decides the schema, a part
// that breaks its schema fails the run and is named, `xml:space` on `<t>` is counted as accepted,
// and what is not checked is said.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../src/index.js';
import { nodeZipCodec } from '../src/node/deflate.js';
import { StreamZip } from '../src/platform/zip.js';
import { readAll } from './helpers/streams.js';
import { tempDir } from './helpers/tempDir.js';
import { requireTool } from './helpers/tools.js';
import { unzip } from './helpers/unzip.js';

const have = requireTool('xmllint', () => spawnSync('xmllint', ['--version']).status === 0);
const { dir, remove } = tempDir('rowport-xsd-test-');
afterAll(remove);

/** A schema for `ns` whose roots take anything, but `sheetData` takes only `row`s and `t` no attributes. */
function standIn(ns: string, roots: readonly string[], strict = ''): string {
  const any =
    '<xsd:complexType><xsd:sequence><xsd:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence><xsd:anyAttribute processContents="lax"/></xsd:complexType>';
  return `<?xml version="1.0"?><xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="${ns}" xmlns="${ns}" elementFormDefault="qualified">${roots.map((r) => `<xsd:element name="${r}">${any}</xsd:element>`).join('')}${strict}</xsd:schema>`;
}

function schemas(): string {
  const at = join(dir, 'schemas');
  mkdirSync(at, { recursive: true });
  const sml = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const strict =
    '<xsd:element name="sheetData"><xsd:complexType><xsd:sequence><xsd:element name="row" minOccurs="0" maxOccurs="unbounded"><xsd:complexType><xsd:sequence><xsd:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence><xsd:anyAttribute processContents="lax"/></xsd:complexType></xsd:element></xsd:sequence></xsd:complexType></xsd:element><xsd:element name="t" type="xsd:string"/>';
  writeFileSync(join(at, 'sml.xsd'), standIn(sml, ['worksheet', 'workbook', 'styleSheet', 'sst'], strict));
  writeFileSync(join(at, 'opc-relationships.xsd'), standIn('http://schemas.openxmlformats.org/package/2006/relationships', ['Relationships']));
  writeFileSync(join(at, 'opc-contentTypes.xsd'), standIn('http://schemas.openxmlformats.org/package/2006/content-types', ['Types']));
  writeFileSync(
    join(at, 'shared-documentPropertiesExtended.xsd'),
    standIn('http://schemas.openxmlformats.org/officeDocument/2006/extended-properties', ['Properties']),
  );
  return at;
}

/** The same zip with one part's text changed. */
async function rezip(zip: Buffer, part: string, change: (xml: string) => string): Promise<Buffer> {
  const out = new StreamZip(new Date(0), 6, nodeZipCodec(6));
  for (const e of unzip(zip)) out.addBuffer(e.name, e.name === part ? change(e.data.toString('utf8')) : e.data);
  out.end();
  const chunks: Uint8Array[] = [];
  for await (const c of out.output) chunks.push(c);
  return Buffer.concat(chunks);
}

function validate(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validateXsd.ts', ...args], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe.runIf(have)('scripts/validateXsd.ts', async () => {
  const book = await readAll(toXlsx([{ name: ' padded ', score: 1 }]));
  const good = join(dir, 'good.xlsx');
  writeFileSync(good, book);
  const at = schemas();

  it('validates every part by its root, counts xml:space on <t> as accepted, and says what it does not check', () => {
    const { status, out } = validate('--schemas', at, good);
    expect(out).toContain('1 workbooks, 8 distinct parts validated, 0 failures');
    expect(out).toContain('accepted 1 times: xml:space="preserve" on <t>');
    expect(out).toContain('not checked: docProps/core.xml');
    expect(status).toBe(0);
  });

  it('fails, naming the workbook and the part, when a part breaks its schema', async () => {
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, await rezip(book, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<sheetData>', '<sheetData><bogus/>')));
    const { status, out } = validate('--schemas', at, good, bad);
    expect(out).toMatch(/FAIL .*bad\.xlsx xl\/worksheets\/sheet1\.xml: .*bogus.*not expected/);
    expect(out).toContain('2 workbooks, 9 distinct parts validated, 1 failures');
    expect(status).toBe(1);
  });

  it('lists a file that is not a whole zip as not checked, and refuses to run without the schemas', () => {
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, book.subarray(0, 100));
    expect(validate('--schemas', at, cut).out).toMatch(/not checked: .*cut\.xlsx \(not a whole zip/);
    const none = validate('--schemas', join(dir, 'nowhere'), good);
    expect(none.status).toBe(2);
    expect(none.err).toContain('usage: npx tsx scripts/validateXsd.ts --schemas DIR');
  });
});
