/**
 * Rows from an ORM without a cursor (Prisma, Drizzle, Sequelize): pages by keyset, `WHERE id >
 * last ORDER BY id LIMIT size`, one page at a time, so memory holds one page whatever the table's
 * size and no row is skipped or repeated when rows are added meanwhile (unlike OFFSET paging).
 * @param page - Reads the page after `after` (undefined for the first), at most `size` rows, in key order.
 * @param keyOf - A row's key: unique and in the order `page` sorts by.
 * @example
 * // Prisma:
 * const rows = keysetPages((after, take) =>
 *   prisma.student.findMany({ take, orderBy: { id: 'asc' }, ...(after === undefined ? {} : { cursor: { id: after }, skip: 1 }) }),
 *   (row) => row.id);
 * toCsv(rows);
 */
export async function* keysetPages<R, K>(
  page: (after: K | undefined, size: number) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
  size = 1000,
): AsyncGenerator<R> {
  let after: K | undefined;
  for (;;) {
    const rows = await page(after, size);
    yield* rows;
    if (rows.length < size) return;
    after = keyOf(rows[rows.length - 1] as R);
  }
}
