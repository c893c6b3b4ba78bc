// Deterministic analytics rows for every benchmark case: the same seed gives the same rows in
// every process, generated lazily (never an array of all rows).

/** Column keys, in order, with the types and widths the XLSX cases use. */
export const COLUMNS = [
  { key: 'id', header: 'ID', type: 'integer', width: 10 },
  { key: 'student', header: 'Student', type: 'string', width: 24 },
  { key: 'class', header: 'Class', type: 'string', width: 8 },
  { key: 'metric', header: 'Metric', type: 'string', width: 14 },
  { key: 'score', header: 'Score', type: 'decimal', width: 10 },
  { key: 'attempts', header: 'Attempts', type: 'integer', width: 10 },
  { key: 'recordedAt', header: 'Recorded at', type: 'date', width: 12 },
  { key: 'passed', header: 'Passed', type: 'boolean', width: 8 },
  { key: 'notes', header: 'Notes', type: 'string', width: 40 },
  { key: 'teacher', header: 'Teacher', type: 'string', width: 24 },
];

export const KEYS = COLUMNS.map((c) => c.key);

const FIRST = [
  // Latin (English, Spanish, French)
  'Alice',
  'Brandon',
  'Chloé',
  'Diego',
  'Émilie',
  'François',
  'Guillermo',
  'Hannah',
  'Inés',
  'José',
  'Lucía',
  'Noël',
  // Cyrillic
  'Алексей',
  'Мария',
  'Дмитрий',
  'Екатерина',
  'Иван',
  'Ольга',
  // CJK
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
];
const LAST = [
  'Smith',
  'Johnson',
  'García',
  'Martínez',
  'Dubois',
  'Lefèvre',
  "O'Brien",
  'Nguyen',
  'Иванов',
  'Смирнова',
  'Кузнецов',
  'Попова',
  '王',
  '李',
  '张',
  '刘',
];
const CLASSES = ['7A', '7B', '8A', '8B', '9A', '9B', '10A', '10B', '11A', '11B', '12A', '12B'];
const METRICS = ['quiz_score', 'attendance', 'time_spent', 'homework', 'exam_score', 'participation'];
const NOTES = [
  '',
  'On track',
  'Needs help with fractions, decimals and percentages',
  'Said "I will finish it tomorrow"',
  'Absent on Monday\nMakeup test scheduled',
  'Great progress, keep going',
  'Parent meeting: "very engaged", follow up in May',
  'Прогресс хороший, но нужно больше практики',
  '需要更多练习，进步明显',
  'Late submission (2 days)',
  'Line one\r\nLine two, with a comma',
  'Excellent — top of the class',
];
const TEACHERS = ['Mr. Anderson', 'Ms. Rivera', 'Mme Laurent', 'Сергей Петрович', 'Анна Викторовна', '陈老师', 'Dr. Okafor'];

const BASE_MS = Date.UTC(2024, 0, 1);
const YEAR_SECONDS = 366 * 24 * 3600;

/** mulberry32: a tiny, fast, seeded PRNG giving floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (list, r) => list[Math.floor(r * list.length)];

/**
 * Yields `n` analytics rows as plain objects, the same for the same `seed`.
 * @param {number} n
 * @param {number} [seed]
 */
export function* analyticsRows(n, seed = 20240115) {
  const random = prng(seed);
  for (let i = 0; i < n; i++) {
    const first = pick(FIRST, random());
    const last = pick(LAST, random());
    yield {
      id: i + 1,
      student: `${first} ${last}`,
      class: pick(CLASSES, random()),
      metric: pick(METRICS, random()),
      score: Math.round(random() * 10_000) / 100,
      attempts: 1 + Math.floor(random() * 5),
      recordedAt: new Date(BASE_MS + Math.floor(random() * YEAR_SECONDS) * 1000),
      passed: random() < 0.7,
      notes: pick(NOTES, random()),
      teacher: pick(TEACHERS, random()),
    };
  }
}

/** The same rows as arrays in column order (for SheetJS's aoa_to_sheet). */
export function* analyticsArrays(n, seed) {
  for (const row of analyticsRows(n, seed)) yield KEYS.map((k) => row[k]);
}
