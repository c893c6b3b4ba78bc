/**
 * `npx tsx scripts/validateXsd.ts --schemas DIR [file.xlsx …]`: validates every XML part of
 * rowport's workbooks against the ECMA-376 (transitional) schemas with `xmllint` (Debian's
 * `libxml2-utils`). Without files it writes the cases of scripts/goldenCases.ts and
 * scripts/xsdCases.ts (every XLSX option) from the source in src/ and validates those.
 *
 * DIR holds the schema files by their ECMA names (`sml.xsd`, `dml-chart.xsd`,
 * `dml-spreadsheetDrawing.xsd`, `opc-relationships.xsd`, `opc-contentTypes.xsd`,
 * `shared-documentPropertiesExtended.xsd` and the files they import), as in the
 * `OfficeOpenXML-XMLSchema-Transitional.zip` of ECMA-376 Part 1 and the OPC schemas of Part 2.
 * They are Ecma's and not part of this repository (nor of npm or Debian), so this is a script, not
 * a test: see docs/architecture.md. Not checked, and said so in the output: `docProps/core.xml`
 * (its schema imports the Dublin Core schemas from the web) and the legacy VML of notes (no
 * schema describes its root).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { unzip } from '../test/helpers/unzip.js';
import { GOLDEN_CASES } from './goldenCases.js';
import { XSD_CASES } from './xsdCases.js';

/** The schema of each root element a part can have, by `{namespace}name`. */
const SCHEMAS: Record<string, string> = {
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main': 'sml.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/chart chartSpace': 'dml-chart.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing wsDr': 'dml-spreadsheetDrawing.xsd',
  'http://schemas.openxmlformats.org/package/2006/relationships Relationships': 'opc-relationships.xsd',
  'http://schemas.openxmlformats.org/package/2006/content-types Types': 'opc-contentTypes.xsd',
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties Properties': 'shared-documentPropertiesExtended.xsd',
};

/**
 * Complaints that are the schemas' gaps, not the file's, each with why. `xml:space="preserve"` on
 * a `<t>` keeps a text's leading and trailing spaces: Excel writes it on every such text, every
 * reader honours it, but the transitional schemas declare `<t>` as a plain ST_Xstring, which takes
 * no attributes.
 */
const ACCEPTED: readonly [RegExp, string][] = [
  [
    /element t: Schemas validity error : Element '\{[^}]+\}t', attribute '\{http:\/\/www\.w3\.org\/XML\/1998\/namespace\}space': The attribute .* is not allowed\./,
    'xml:space="preserve" on <t>, as Excel writes it (the schemas declare no attributes on <t>)',
  ],
];

/** Parts not checked, and why. */
const UNCHECKED: readonly [RegExp, string][] = [
  [/^docProps\/core\.xml$/, 'its schema imports the Dublin Core schemas from the web'],
  [/\.vml$/, 'legacy VML: no schema describes its root'],
  [/^xl\/media\//, 'an image'],
];

interface Failure {
  /** The workbook and the part. */
  where: string;
  message: string;
}

/** Writes every case in memory. */
async function writeCases(): Promise<{ name: string; bytes: Buffer }[]> {
  const cases: Record<string, () => Readable | NodeJS.ReadableStream> = { ...GOLDEN_CASES, ...XSD_CASES };
  const out: { name: string; bytes: Buffer }[] = [];
  for (const [name, make] of Object.entries(cases)) {
    const chunks: Buffer[] = [];
    for await (const chunk of make() as AsyncIterable<Buffer>) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    if (bytes.readUInt32LE(0) === 0x04034b50) out.push({ name, bytes }); // a zip (the golden cases have CSV too)
  }
  return out;
}

/** The XML parts of many workbooks, each distinct part once, on disk by schema. */
class Parts {
  readonly bySchema = new Map<string, { where: string; path: string }[]>();
  readonly skipped = new Map<string, string>();
  readonly seen = new Set<string>();
  checked = 0;
  constructor(private readonly dir: string) {}

  addWorkbook(file: string, bytes: Buffer): void {
    let entries: ReturnType<typeof unzip>;
    try {
      entries = unzip(bytes);
    } catch (error) {
      this.skipped.set(file, `not a whole zip (${(error as Error).message})`);
      return;
    }
    for (const entry of entries) this.addPart(file, entry.name, entry.data);
  }

  private addPart(file: string, name: string, data: Buffer): void {
    const why = UNCHECKED.find(([pattern]) => pattern.test(name))?.[1];
    const generic = name.replace(/\d+(?=\.\w+$)/, 'N');
    if (why !== undefined) {
      this.skipped.set(generic, why);
      return;
    }
    const hash = createHash('sha1').update(data).digest('hex');
    if (this.seen.has(hash)) return;
    this.seen.add(hash);
    const root = rootOf(data.toString('utf8'));
    const schema = root === undefined ? undefined : (SCHEMAS[`${root.ns} ${root.name}`] ?? SCHEMAS[root.ns]);
    if (schema === undefined) {
      this.skipped.set(generic, `no schema here for its root ${root ? `{${root.ns}}${root.name}` : '(none)'}`);
      return;
    }
    const path = join(this.dir, String(this.seen.size), name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    this.bySchema.set(schema, [...(this.bySchema.get(schema) ?? []), { where: `${file} ${name}`, path }]);
  }

  /** Runs xmllint over the parts of each schema, a few hundred at a time. */
  validate(schemas: string): Failure[] {
    const failures: Failure[] = [];
    for (const [schema, parts] of this.bySchema) {
      for (let i = 0; i < parts.length; i += 200) {
        const batch = parts.slice(i, i + 200);
        this.checked += batch.length;
        failures.push(...xmllint(join(schemas, schema), batch));
      }
    }
    return failures;
  }
}

/** A part's root element: its namespace and local name. */
function rootOf(xml: string): { ns: string; name: string } | undefined {
  const root = /<(?:(\w+):)?(\w+)\b[^>]*?>/.exec(xml.replace(/^<\?xml[^>]*\?>/, ''));
  if (!root) return undefined;
  const [tag, prefix, name] = root;
  const ns = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}="([^"]+)"`).exec(tag)?.[1];
  return ns === undefined || name === undefined ? undefined : { ns, name };
}

/** xmllint's complaints about each part (none when it validates). */
/** How often each accepted complaint was seen. */
const acceptedCounts = new Map<string, number>();

function xmllint(schema: string, parts: readonly { where: string; path: string }[]): Failure[] {
  const run = spawnSync('xmllint', ['--noout', '--schema', schema, ...parts.map((p) => p.path)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const complaints: Failure[] = [];
  let seen = 0;
  for (const line of run.stderr.split('\n')) {
    const part = parts.find((p) => line.startsWith(`${p.path}:`));
    if (part === undefined || line.endsWith(' validates') || line.endsWith(' fails to validate')) continue;
    const message = line.slice(part.path.length + 1).trim();
    seen++;
    const accepted = ACCEPTED.find(([pattern]) => pattern.test(message))?.[1];
    if (accepted !== undefined) acceptedCounts.set(accepted, (acceptedCounts.get(accepted) ?? 0) + 1);
    else complaints.push({ where: part.where, message });
  }
  if (run.status !== 0 && seen === 0) complaints.push({ where: parts[0]?.where ?? '?', message: `xmllint exited ${run.status}: ${run.stderr.slice(0, 500)}` });
  return complaints;
}

function report(workbooks: number, parts: Parts, failures: readonly Failure[]): void {
  for (const f of failures) process.stdout.write(`FAIL ${f.where}: ${f.message}\n`);
  for (const [part, why] of parts.skipped) process.stdout.write(`not checked: ${part} (${why})\n`);
  for (const [why, count] of acceptedCounts) process.stdout.write(`accepted ${count} times: ${why}\n`);
  process.stdout.write(`${workbooks} workbooks, ${parts.checked} distinct parts validated, ${failures.length} failures\n`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--schemas');
  const schemas = at >= 0 ? args[at + 1] : undefined;
  if (schemas === undefined || !existsSync(join(schemas, 'sml.xsd'))) {
    process.stderr.write('usage: npx tsx scripts/validateXsd.ts --schemas DIR [file.xlsx …] (DIR holds sml.xsd and the other ECMA-376 schemas)\n');
    return 2;
  }
  if (spawnSync('xmllint', ['--version']).status !== 0) {
    process.stderr.write('xmllint is missing: apt-get install -y libxml2-utils\n');
    return 2;
  }
  const files = args.filter((_, i) => i !== at && i !== at + 1);
  const work = mkdtempSync(join(tmpdir(), 'rowport-xsd-'));
  try {
    const workbooks = files.length > 0 ? files.map((f) => ({ name: f, bytes: readFileSync(f) })) : await writeCases();
    const parts = new Parts(work);
    for (const { name, bytes } of workbooks) parts.addWorkbook(name, bytes);
    const failures = parts.validate(schemas);
    report(workbooks.length, parts, failures);
    return failures.length > 0 ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
