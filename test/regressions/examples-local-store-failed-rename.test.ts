import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toCsv } from 'rowport';
import { describe, expect, it } from 'vitest';
import { createLocalStore } from '../../examples/queue/exportStore.js';
import { tempDir } from '../examples/support.js';

// examples/queue/exportWorker.ts renamed the staging file into the exports folder and, when that
// rename failed, left the staging file behind; the local ExportStore now removes it.
describe('examples/queue createLocalStore', () => {
  it('removes the staging file when moving it into place fails', async () => {
    const { dir, remove } = await tempDir();
    try {
      await mkdir(join(dir, 'job-1', 'file.csv'), { recursive: true }); // a folder where the file should go: rename fails
      await writeFile(join(dir, 'job-1', 'file.csv', 'keep'), 'x');
      const store = await createLocalStore(dir);
      await expect(store.put('job-1/file.csv', toCsv([{ a: 1 }]), { fileName: 'file.csv', contentType: 'text/csv' })).rejects.toMatchObject({
        code: expect.stringMatching(/^E/),
      });
      expect(await readdir(join(dir, '.staging', String(process.pid)))).toEqual([]);
      expect(await readdir(join(dir, 'job-1', 'file.csv'))).toEqual(['keep']);
    } finally {
      await remove();
    }
  });
});
