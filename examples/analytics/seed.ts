/**
 * The sample school: students, classes, teachers and tutors, enrolments and dated metric rows,
 * generated from a fixed seed so every run (and every test) sees the same data.
 */

/** A small, fast, seeded PRNG (mulberry32). Never `Math.random`, so the data is reproducible. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Locale = 'en' | 'ru' | 'es' | 'fr' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'ru', 'es', 'fr', 'zh'];

export interface TeacherRow {
  id: number;
  name: string;
  role: 'teacher' | 'tutor';
  locale: Locale;
  email: string;
}
export interface ClassRow {
  id: number;
  name: string;
  subject: string;
  grade: number;
  teacher_id: number;
}
export interface StudentRow {
  id: number;
  name: string;
  locale: Locale;
  grade: number;
  tutor_id: number | null;
  enrolled_on: string;
}
export interface EnrolmentRow {
  student_id: number;
  class_id: number;
  enrolled_on: string;
}
export interface MetricRow {
  id: number;
  student_id: number;
  class_id: number;
  /** Calendar date of the lesson, `YYYY-MM-DD`. */
  recorded_on: string;
  /** Monday of the lesson's week, `YYYY-MM-DD` (kept as a column so weekly reports need no dialect-specific date SQL). */
  week_start: string;
  /** The instant the metric was recorded, ISO 8601 in UTC. */
  recorded_at: string;
  /** 1 attended, 0 absent. */
  attended: number;
  /** 0–100 with one decimal; null when absent. */
  quiz_score: number | null;
  minutes_spent: number;
}

export interface School {
  teachers: TeacherRow[];
  classes: ClassRow[];
  students: StudentRow[];
  enrolments: EnrolmentRow[];
  metrics: MetricRow[];
}

export interface SchoolOptions {
  /** PRNG seed. @default 20240902 */
  readonly seed?: number;
  /** 1 is about 600 students and 43,000 metric rows; 0.05 is about 30 students and 2,000 rows. @default 1 */
  readonly scale?: number;
}

/** The first Monday of the term; lessons run for {@link TERM_WEEKS} weeks from it. */
export const TERM_START = '2024-09-02';
export const TERM_WEEKS = 12;
const CLASSES_PER_STUDENT = 3;
const LESSONS_PER_WEEK = 2;

/**
 * Generates the school. Same options, same rows.
 * @example
 * generateSchool({ scale: 0.05 }).metrics.length; //=> about 2,000
 */
export function generateSchool(options: SchoolOptions = {}): School {
  const { seed = 20240902, scale = 1 } = options;
  if (!(typeof scale === 'number' && scale > 0 && scale <= 100)) throw new RangeError(`scale must be in (0, 100], got ${scale}`);
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const teachers: TeacherRow[] = [];
  const teacherCount = Math.max(4, Math.round(12 * scale));
  const tutorCount = Math.max(2, Math.round(6 * scale));
  for (let i = 0; i < teacherCount + tutorCount; i++) {
    const locale = LOCALES[i % LOCALES.length] as Locale;
    const name = personName(locale, random);
    const role = i < teacherCount ? 'teacher' : 'tutor';
    teachers.push({ id: i + 1, name, role, locale, email: `${role}${i + 1}@school.example` });
  }
  const teacherIds = teachers.filter((t) => t.role === 'teacher').map((t) => t.id);
  const tutorIds = teachers.filter((t) => t.role === 'tutor').map((t) => t.id);

  const classes: ClassRow[] = [];
  const classCount = Math.max(CLASSES_PER_STUDENT + 1, Math.round(24 * scale));
  for (let i = 0; i < classCount; i++) {
    const subject = SUBJECTS[i % SUBJECTS.length] as string;
    const grade = 9 + (i % 4);
    classes.push({
      id: i + 1,
      name: `${subject} ${grade}${'ABCD'[Math.floor(i / SUBJECTS.length) % 4]}`,
      subject,
      grade,
      teacher_id: teacherIds[i % teacherIds.length] as number,
    });
  }

  const students: StudentRow[] = [];
  const enrolments: EnrolmentRow[] = [];
  const metrics: MetricRow[] = [];
  const studentCount = Math.max(20, Math.round(600 * scale));
  const start = Date.parse(`${TERM_START}T00:00:00Z`);
  for (let s = 0; s < studentCount; s++) {
    const id = s + 1;
    const locale = LOCALES[s % LOCALES.length] as Locale;
    const enrolledOn = isoDate(start - Math.floor(random() * 120) * DAY);
    students.push({
      id,
      name: personName(locale, random),
      locale,
      grade: 9 + Math.floor(random() * 4),
      tutor_id: random() < 0.7 ? pick(tutorIds) : null,
      enrolled_on: enrolledOn,
    });
    const ability = 55 + random() * 35; // the student's typical score
    const diligence = 0.75 + random() * 0.23; // attendance probability
    const chosen = new Set<number>();
    while (chosen.size < CLASSES_PER_STUDENT) chosen.add(1 + Math.floor(random() * classCount));
    for (const classId of [...chosen].sort((a, b) => a - b)) {
      enrolments.push({ student_id: id, class_id: classId, enrolled_on: enrolledOn });
      for (let week = 0; week < TERM_WEEKS; week++) {
        const monday = start + week * 7 * DAY;
        for (let lesson = 0; lesson < LESSONS_PER_WEEK; lesson++) {
          const day = monday + ((classId + lesson * 2) % 5) * DAY;
          const hour = 8 + ((classId * 3 + lesson) % 8);
          const attended = random() < diligence ? 1 : 0;
          const score = attended ? Math.round(clamp(ability + (random() + random() + random() - 1.5) * 30, 0, 100) * 10) / 10 : null;
          metrics.push({
            id: metrics.length + 1,
            student_id: id,
            class_id: classId,
            recorded_on: isoDate(day),
            week_start: isoDate(monday),
            recorded_at: new Date(day + hour * HOUR + Math.floor(random() * 3_600) * 1000).toISOString(),
            attended,
            quiz_score: score,
            minutes_spent: attended ? 20 + Math.floor(random() * 70) : 0,
          });
        }
      }
    }
  }
  return { teachers, classes, students, enrolments, metrics };
}

// --- internal ---

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SUBJECTS = [
  'Mathematics',
  'Physics',
  'Chemistry',
  'Biology',
  'History',
  'Literature',
  'English',
  'French',
  'Spanish',
  'Chinese',
  'Computer Science',
  'Art',
];

const NAMES: Record<
  Locale,
  { male: string[]; female: string[]; last: string[]; femaleLast?: (last: string) => string; join?: (first: string, last: string) => string }
> = {
  en: {
    male: ['Oliver', 'Harry', 'George', 'Jack', 'Noah', 'Charlie', 'Thomas', 'James'],
    female: ['Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Olivia', 'Lily'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', "O'Brien"],
  },
  ru: {
    male: ['Александр', 'Дмитрий', 'Иван', 'Сергей', 'Никита', 'Михаил', 'Артём', 'Андрей'],
    female: ['Мария', 'Анна', 'Екатерина', 'Ольга', 'Юлия', 'Наталья', 'Алёна', 'Ксения'],
    last: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Фёдоров', 'Морозов', 'Волков'],
    femaleLast: (last) => `${last}а`,
  },
  es: {
    male: ['Mateo', 'Hugo', 'Pablo', 'Álvaro', 'Javier', 'Martín', 'Diego', 'Adrián'],
    female: ['Lucía', 'Sofía', 'Martina', 'Valentina', 'Carmen', 'Paula', 'Elena', 'Begoña'],
    last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Muñoz'],
  },
  fr: {
    male: ['Lucas', 'Théo', 'Louis', 'Gabriel', 'Raphaël', 'Jules', 'Arthur', 'Noé'],
    female: ['Léa', 'Chloé', 'Manon', 'Camille', 'Inès', 'Zoé', 'Margaux', 'Anaïs'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Lefèvre', 'Moreau'],
  },
  zh: {
    male: ['伟', '强', '磊', '洋', '勇', '军', '杰', '涛'],
    female: ['芳', '娜', '秀英', '敏', '静', '丽', '婷', '雪'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'],
    join: (first, last) => `${last}${first}`,
  },
};

function personName(locale: Locale, random: () => number): string {
  const names = NAMES[locale];
  const female = random() < 0.5;
  const firsts = female ? names.female : names.male;
  const first = firsts[Math.floor(random() * firsts.length)] as string;
  let last = names.last[Math.floor(random() * names.last.length)] as string;
  if (female && names.femaleLast) last = names.femaleLast(last);
  return names.join ? names.join(first, last) : `${first} ${last}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : Math.min(value, max);
}
