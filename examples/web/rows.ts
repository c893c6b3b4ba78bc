// The rows every web recipe exports: a generator, as a database cursor would give them.
export interface Score {
  student: string;
  score: number;
  day: Date;
}

export function* scores(count = 100): Generator<Score> {
  for (let i = 0; i < count; i++) yield { student: `Student ${i + 1}`, score: ((i * 37) % 100) / 100, day: new Date(Date.UTC(2024, 0, 1 + i)) };
}
