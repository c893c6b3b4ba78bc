import { inflateRawSync } from 'node:zlib';

/** One entry of a zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  method: number;
  versionNeeded: number;
  /** DOS date and time fields, as stored. */
  dosDate: number;
  dosTime: number;
  zip64: boolean;
}

/**
 * A small, independent zip reader for tests (central directory, zip64 extra fields, stored and
 * deflated entries). Throws on anything it does not understand.
 */
export function unzip(zip: Buffer): ZipEntry[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  let count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (zip.readUInt32LE(locator) !== 0x07064b50) throw new Error('no zip64 locator');
    const record = Number(zip.readBigUInt64LE(locator + 8));
    if (zip.readUInt32LE(record) !== 0x06064b50) throw new Error('no zip64 end of central directory');
    count = Number(zip.readBigUInt64LE(record + 32));
    offset = Number(zip.readBigUInt64LE(record + 48));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory record');
    const versionNeeded = zip.readUInt16LE(offset + 6);
    const method = zip.readUInt16LE(offset + 10);
    const dosTime = zip.readUInt16LE(offset + 12);
    const dosDate = zip.readUInt16LE(offset + 14);
    let compressed = zip.readUInt32LE(offset + 20);
    let size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    let local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    let zip64 = false;
    for (let e = offset + 46 + nameLength; e < offset + 46 + nameLength + extraLength; ) {
      const tag = zip.readUInt16LE(e);
      const length = zip.readUInt16LE(e + 2);
      if (tag === 1) {
        zip64 = true;
        let p = e + 4;
        if (size === 0xffffffff) {
          size = Number(zip.readBigUInt64LE(p));
          p += 8;
        }
        if (compressed === 0xffffffff) {
          compressed = Number(zip.readBigUInt64LE(p));
          p += 8;
        }
        if (local === 0xffffffff) local = Number(zip.readBigUInt64LE(p));
      }
      e += 4 + length;
    }
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
    if (data.length !== size) throw new Error(`${name}: size mismatch`);
    entries.push({ name, data, method, versionNeeded, dosDate, dosTime, zip64 });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of each part of an xlsx, by name. */
export function parts(zip: Buffer): Record<string, string> {
  return inlineSharedStrings(rawParts(zip));
}

/** Every entry of a zip as text, by name, exactly as stored. */
export function rawParts(zip: Buffer): Record<string, string> {
  return Object.fromEntries(unzip(zip).map((e) => [e.name, e.data.toString('utf8')]));
}

/**
 * The parts with each sheet's shared-string cells (`t="s"><v>7</v>`) written as the inline-string
 * cells they stand for (`t="inlineStr"><is><t>…</t></is>`, the `<si>` content of string 7), so tests
 * of cell XML read text cells one way with the shared-string table on or off. The table is
 * `xl/sharedStrings.xml`; a reference to a string it lacks throws.
 */
export function inlineSharedStrings(raw: Record<string, string>): Record<string, string> {
  const sst = raw['xl/sharedStrings.xml'];
  if (sst === undefined) return raw;
  const strings = [...sst.matchAll(/<si>(.*?)<\/si>/gs)].map((m) => m[1] as string);
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(raw)) {
    out[name] = !/^xl\/worksheets\/sheet\d+\.xml$/.test(name)
      ? text
      : text.replace(/(<c r="[A-Z]+\d+"(?: s="\d+")?) t="s"><v>(\d+)<\/v><\/c>/g, (_, start: string, index: string) => {
          const si = strings[Number(index)];
          if (si === undefined) throw new Error(`${name}: shared string ${index} is not in the table of ${strings.length}`);
          return `${start} t="inlineStr"><is>${si}</is></c>`;
        });
  }
  return out;
}
