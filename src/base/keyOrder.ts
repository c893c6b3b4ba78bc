/**
 * The order of a row's keys where it is not `Object.keys`' own: every object lists integer-like keys
 * (`'2023'`) first, in ascending order, so the rows `fromCsv` reads from a header
 * `country,2023,2022` list `2022, 2023, country`. `fromCsv` notes the header's order on such rows,
 * and the writers take their columns in it when none are given.
 */
let orders: WeakMap<object, readonly string[]> | undefined;

/**
 * The notes, one store for every build of rowport in the process (ESM and CommonJS, `rowport` and
 * `rowport/web`): rows the CommonJS `fromCsv` read keep their order in the ESM writers. Made on first use.
 */
function store(): WeakMap<object, readonly string[]> {
  if (orders !== undefined) return orders;
  const global = globalThis as { [ORDERS_KEY]?: WeakMap<object, readonly string[]> };
  orders = global[ORDERS_KEY] ??= new WeakMap();
  return orders;
}

const ORDERS_KEY = /* @__PURE__ */ Symbol.for('rowport.keyOrder');

/**
 * The order `keys` would lose as an object's keys, or undefined when `Object.keys` keeps it.
 * @param keys - Distinct keys, in the order they are meant to have.
 */
export function lostKeyOrder(keys: readonly string[]): readonly string[] | undefined {
  const listed = Object.keys(Object.fromEntries(keys.map((key) => [key, true])));
  return listed.every((key, i) => key === keys[i]) ? undefined : [...keys];
}

/** Notes that `row`'s keys are in `order` (from {@link lostKeyOrder}). */
export function keepKeyOrder(row: object, order: readonly string[]): void {
  store().set(row, order);
}

/** Notes on `copy` (a row copied with its keys) the order noted on `row`, if any. */
export function carryKeyOrder(row: object, copy: object): void {
  const order = store().get(row);
  if (order !== undefined) store().set(copy, order);
}

/** The keys of `row`, in the order its source gave them (see {@link keepKeyOrder}) when they are still those keys. */
export function orderedKeys(row: object): string[] {
  const keys = Object.keys(row);
  const order = store().get(row);
  if (order === undefined || order.length !== keys.length) return keys;
  const own = new Set(keys);
  return order.every((key) => own.has(key)) ? [...order] : keys;
}
