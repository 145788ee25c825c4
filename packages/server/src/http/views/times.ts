/** Times as every view shows them: ISO 8601, UTC (the store keeps milliseconds, as numbers or bigint strings). */
export const iso = (time: number) => new Date(Number(time)).toISOString();

export const isoOrNull = (time: number | null) => (time === null ? null : iso(time));
