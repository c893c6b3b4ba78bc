import { Lazy } from '../base/lazy.js';

/**
 * iconv-lite, imported when a non-Unicode encoding is first written or read. Only the Node entry
 * imports this module: iconv-lite needs Node's `Buffer`, and its code tables would be most of a
 * web bundle.
 */
export const ICONV = /* @__PURE__ */ new Lazy('iconv-lite', async () => (await import('iconv-lite')).default);
