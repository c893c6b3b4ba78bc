import { getEventListeners } from 'node:events';
import { chmod, chown, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportToFile, toCsv, toXlsx } from '../../src/index.js';
import { fsHooks, resetFsHooks } from '../helpers/fsHooks.js';
import { countingSource, readAll } from '../helpers/streams.js';
import { tempDir } from '../helpers/tempDir.js';

vi.mock('node:fs/promises', async (importOriginal) => (await import('../helpers/fsHooks.js')).hookedFsPromises(await importOriginal()));

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-file-').dir;
});
afterEach(async () => {
  resetFsHooks();
  await rm(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

describe('exportToFile', () => {
  it('writes the file and reports path, bytes, rows and duration', async () => {
    const path = join(dir, 'out.csv');
    const summary = await exportToFile(toCsv([{ a: 1 }, { a: 2 }]), path);
    expect(summary).toMatchObject({ path, bytes: 12, rows: 2 });
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(await readFile(path, 'utf8')).toBe('\uFEFFa\r\n1\r\n2\r\n');
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('counts rows through gzip too', async () => {
    const summary = await exportToFile(toCsv([{ a: 1 }], { gzip: true }), join(dir, 'out.csv.gz'));
    expect(summary.rows).toBe(1);
  });

  it('reports 0 rows for a stream rowport did not make, and takes string chunks of a stream with an encoding as their bytes', async () => {
    const s = new PassThrough();
    s.end('hello');
    expect(await exportToFile(s, join(dir, 'x.txt'))).toMatchObject({ bytes: 5, rows: 0 });
    const hex = new PassThrough();
    hex.setEncoding('hex');
    hex.end(Buffer.from([0xff, 0x00, 0x41]));
    expect(await exportToFile(hex, join(dir, 'y.bin'))).toMatchObject({ bytes: 3 });
    expect(await readFile(join(dir, 'y.bin'))).toEqual(Buffer.from([0xff, 0x00, 0x41]));
  });

  it('leaves no file, temp or final, when the source fails midway, and keeps an older file intact', async () => {
    const path = join(dir, 'out.csv');
    await exportToFile(toCsv([{ old: 1 }]), path);
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield { i, pad: 'z'.repeat(50) };
      throw new Error('db gone');
    }
    await expect(exportToFile(toCsv(rows()), path)).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED' });
    expect(await readdir(dir)).toEqual(['out.csv']);
    expect(await readFile(path, 'utf8')).toBe('\uFEFFold\r\n1\r\n');
  });

  describe('option `signal`', () => {
    it('mid-export: leaves no file, closes the source, and throws ROWPORT_ABORTED', async () => {
      const controller = new AbortController();
      // Abort from inside the source once 2,000 rows were pulled: part of the file is written by then.
      const { iterable, state } = countingSource((i) => {
        if (i === 2000) controller.abort();
        return { i, pad: 'q'.repeat(100) };
      });
      await expect(exportToFile(toCsv(iterable), join(dir, 'big.csv'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
      await vi.waitFor(() => expect(state.returned).toBe(1));
      expect(await readdir(dir)).toEqual([]);
    });

    it('already aborted: throws ROWPORT_ABORTED without creating any file, and destroys the stream', async () => {
      const controller = new AbortController();
      controller.abort();
      fsHooks.beforeOpen = () => {
        throw new Error('no file may be opened');
      };
      const stream = toCsv([{ a: 1 }]);
      await expect(exportToFile(stream, join(dir, 'a.csv'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
      expect(stream.destroyed).toBe(true);
      expect(await readdir(dir)).toEqual([]);
    });

    it.each([
      ['before the temp file is created', 'beforeOpen'],
      ['after the temp file is created, before its handle is returned', 'afterOpen'],
    ] as const)('aborted %s: the temp file is removed after the open completes', async (_, hook) => {
      const controller = new AbortController();
      fsHooks[hook] = async (path) => {
        if (path.endsWith('.tmp')) controller.abort();
      };
      await expect(exportToFile(toCsv([{ a: 1 }]), join(dir, 'a.csv'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
      expect(await readdir(dir)).toEqual([]);
    });

    it('aborted while the rename runs: the rename wins, the file is complete', async () => {
      const controller = new AbortController();
      const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
      fsHooks.rename = async (from, to) => {
        controller.abort();
        await actual.rename(from, to);
      };
      const path = join(dir, 'a.csv');
      await expect(exportToFile(toCsv([{ a: 1 }]), path, { signal: controller.signal })).resolves.toMatchObject({ rows: 1 });
      expect(await readdir(dir)).toEqual(['a.csv']);
    });

    it.each([{}, 'abort', null])('rejects %j before touching anything', async (signal) => {
      const stream = toCsv([{ a: 1 }]);
      await expect(exportToFile(stream, join(dir, 'a.csv'), { signal: signal as never })).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
      expect(await readdir(dir)).toEqual([]);
    });

    it('removes its abort listener when done', async () => {
      const controller = new AbortController();
      await exportToFile(toCsv([{ a: 1 }]), join(dir, 'a.csv'), { signal: controller.signal });
      await expect(exportToFile(toCsv([{ a: () => 1 }]), join(dir, 'b.csv'), { signal: controller.signal })).rejects.toMatchObject({
        code: 'ROWPORT_INVALID_VALUE',
      });
      expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    });
  });

  describe('failures leave no temp file', () => {
    it('a write that fails (disk full) is ROWPORT_WRITE_FAILED with the cause, and closes the source', async () => {
      fsHooks.write = async () => {
        throw errno('ENOSPC');
      };
      const { iterable, state } = countingSource((i) => ({ i }), 100_000);
      const error = await exportToFile(toCsv(iterable), join(dir, 'a.csv')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_WRITE_FAILED', cause: { code: 'ENOSPC' } });
      await vi.waitFor(() => expect(state.returned).toBe(1));
      expect(await readdir(dir)).toEqual([]);
    });

    it('a rename that fails is ROWPORT_WRITE_FAILED, and an older file stays', async () => {
      const path = join(dir, 'a.csv');
      await writeFile(path, 'old');
      fsHooks.rename = async () => {
        throw errno('EXDEV');
      };
      await expect(exportToFile(toCsv([{ a: 1 }]), path)).rejects.toMatchObject({ code: 'ROWPORT_WRITE_FAILED', cause: { code: 'EXDEV' } });
      expect(await readdir(dir)).toEqual(['a.csv']);
      expect(await readFile(path, 'utf8')).toBe('old');
    });

    it('a byte stream that errors is ROWPORT_SOURCE_FAILED (not a write failure) with its error as the cause', async () => {
      const broken = new Readable({
        read() {
          this.destroy(new Error('socket reset'));
        },
      });
      await expect(exportToFile(broken, join(dir, 'a.csv'))).rejects.toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', cause: { message: 'socket reset' } });
      expect(await readdir(dir)).toEqual([]);
    });

    it('a target that is a folder is ROWPORT_WRITE_FAILED before anything is written', async () => {
      await mkdir(join(dir, 'a.csv'));
      const stream = toCsv([{ a: 1 }]);
      await expect(exportToFile(stream, join(dir, 'a.csv'))).rejects.toMatchObject({ code: 'ROWPORT_WRITE_FAILED', cause: { code: 'EISDIR' } });
      expect(stream.destroyed).toBe(true);
      expect(await readdir(dir)).toEqual(['a.csv']);
    });
  });

  describe('file mode', () => {
    it.each([0o600, 0o640, 0o444])('keeps the mode %o of the file it replaces', async (mode) => {
      const path = join(dir, 'secret.csv');
      await writeFile(path, 'old');
      await chmod(path, mode);
      await exportToFile(toCsv([{ a: 1 }]), path);
      expect((await stat(path)).mode & 0o777).toBe(mode);
      expect(await readFile(path, 'utf8')).toBe('\uFEFFa\r\n1\r\n');
    });

    it('keeps the owner and group of the file it replaces where the process may set them (root), else writes as itself', async () => {
      const path = join(dir, 'owned.csv');
      await writeFile(path, 'old');
      const root = process.getuid?.() === 0;
      if (root) await chown(path, 12345, 23456);
      await exportToFile(toCsv([{ a: 1 }]), path);
      const { uid, gid } = await stat(path);
      expect({ uid, gid }).toEqual(root ? { uid: 12345, gid: 23456 } : { uid: process.geteuid?.(), gid: process.getegid?.() });
    });

    it('gives a new file the default mode (0o666 less the umask)', async () => {
      const path = join(dir, 'new.csv');
      await exportToFile(toCsv([{ a: 1 }]), path);
      const umask = process.umask();
      expect((await stat(path)).mode & 0o777).toBe(0o666 & ~umask);
    });
  });

  describe('option `mkdir`', () => {
    it('creates the missing folders of the path', async () => {
      const path = join(dir, 'a', 'b', 'out.xlsx');
      const summary = await exportToFile(toXlsx([{ a: 1 }]), path, { mkdir: true });
      expect(summary).toMatchObject({ path, rows: 1 });
      expect(await readdir(join(dir, 'a', 'b'))).toEqual(['out.xlsx']);
    });

    it('is off by default: a missing folder is ROWPORT_WRITE_FAILED with the ENOENT cause, and the stream is closed', async () => {
      const stream = toCsv([{ a: 1 }]);
      const error = await exportToFile(stream, join(dir, 'missing', 'a.csv')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ROWPORT_WRITE_FAILED', cause: { code: 'ENOENT' } });
      expect(stream.destroyed).toBe(true);
      expect(await readdir(dir)).toEqual([]);
    });

    it('a path under a file is ROWPORT_WRITE_FAILED', async () => {
      await writeFile(join(dir, 'file'), 'x');
      await expect(exportToFile(toCsv([{ a: 1 }]), join(dir, 'file', 'a.csv'), { mkdir: true })).rejects.toMatchObject({ code: 'ROWPORT_WRITE_FAILED' });
    });

    it.each([1, 'yes', null])('rejects %j', async (mkdirOption) => {
      await expect(exportToFile(toCsv([]), join(dir, 'a.csv'), { mkdir: mkdirOption as never })).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
    });
  });

  describe('argument `stream`', () => {
    const consumed = async () => {
      const s = toCsv([{ a: 1 }, { a: 2 }, { a: 3 }]);
      await readAll(s);
      return s;
    };
    const halfRead = async () => {
      const s = toCsv(Array.from({ length: 50_000 }, (_, i) => ({ i })));
      const iterator = s[Symbol.asyncIterator]();
      await iterator.next();
      return s;
    };
    const flowing = async () => {
      const s = toCsv([{ a: 1 }]);
      s.on('data', () => undefined);
      return s;
    };
    const destroyed = async () => {
      const s = toCsv([{ a: 1 }]);
      s.destroy();
      return s;
    };
    it.each([
      ['a string', async () => 'hello'],
      ['a Buffer', async () => Buffer.from('hello')],
      ['null', async () => null],
      ['a plain object', async () => ({ pipe() {} })],
      ['a web ReadableStream', async () => new ReadableStream()],
      ['an object-mode stream', async () => Readable.from([{ a: 1 }])],
      ['a consumed stream', consumed],
      ['a stream read in part', halfRead],
      ['a stream already flowing to another reader', flowing],
      ['a destroyed stream', destroyed],
    ])('refuses %s with ROWPORT_INVALID_OPTION before touching the path', async (_, make) => {
      const path = join(dir, 'keep.csv');
      await writeFile(path, 'precious');
      fsHooks.beforeOpen = () => {
        throw new Error('no file may be opened');
      };
      await expect(exportToFile((await make()) as never, path)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
      expect(await readFile(path, 'utf8')).toBe('precious');
      expect(await readdir(dir)).toEqual(['keep.csv']);
    });

    it.each([
      ['', ''],
      ['a number', 5],
      ['with a NUL byte', 'a\0.csv'],
    ])('refuses the path %s', async (_, path) => {
      await expect(exportToFile(toCsv([]), path as never)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
    });
  });
});
