/**
 * True for a `Date` of any realm: one made in a `node:vm` context, an iframe, or a test runner's
 * sandbox (Jest's environments) is not `instanceof` this realm's `Date`, yet it is a date, and was
 * written as the quoted JSON of its `toJSON()` instead of a date. An object whose
 * `Symbol.toStringTag` says `Date` is not one: `Date.prototype.getTime` refuses it.
 * @example isDate(vm.runInNewContext('new Date(0)')) //=> true
 */
export function isDate(value: unknown): value is Date {
  if (value instanceof Date) return true;
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Date]') return false;
  try {
    Date.prototype.getTime.call(value);
    return true;
  } catch {
    return false;
  }
}
