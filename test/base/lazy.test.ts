import { describe, expect, it } from 'vitest';
import { Lazy, lazyLoads } from '../../src/base/lazy.js';

describe('Lazy', () => {
  it('loads once, on start, and lazyLoads waits for it', async () => {
    let loads = 0;
    const lazy = new Lazy('thing', async () => ({ n: ++loads }));
    expect(lazy.loaded).toBe(false);
    expect(lazyLoads()).toBeUndefined();
    void lazy.start();
    void lazy.start();
    await lazyLoads();
    expect(lazy.get()).toEqual({ n: 1 });
    expect(loads).toBe(1);
    expect(lazyLoads()).toBeUndefined();
  });

  it('names the package and keeps the cause when it cannot be loaded', async () => {
    const cause = new Error('Dynamic require of "fs" is not supported');
    const lazy = new Lazy('iconv-lite', () => Promise.reject(cause));
    const started = lazy.start();
    await expect(lazyLoads()).resolves.toBeUndefined(); // other streams waiting meanwhile are not failed
    await expect(started).rejects.toMatchObject({ code: 'ROWPORT_DEPENDENCY_FAILED', cause });
    expect(() => lazy.get()).toThrow('could not load iconv-lite');
  });

  it('takes a module handed over by a synchronous caller', () => {
    const lazy = new Lazy<{ ok: boolean }>('thing', () => Promise.reject(new Error('not used')));
    lazy.provide({ ok: true });
    expect(lazy.get()).toEqual({ ok: true });
  });
});
