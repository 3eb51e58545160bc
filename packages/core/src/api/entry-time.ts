/**
 * A moment in ms since the epoch, or `null`: a number (seconds below 1e11, since 1e11 ms is in 1973 and 1e11 s in
 * year 5138; ms above), a numeric string, or a date-time string (`2014-01-09 12:13:15.009+0200`, ISO 8601). Values
 * that are malformed or not plausible (before 2001-09-09 or after 2286, the moments a record may hold) count as absent.
 */
function moment(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) || Date.parse(value.replace(' ', 'T').replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : Number.NaN
  const ms = n < 1e11 ? n * 1000 : n
  return ms >= 1e12 && ms <= 1e13 ? Math.round(ms) : null
}

/**
 * The time an entry carries, or `null`: `utcTime` (GMS: ms, or an ISO string), then `timestampSeconds`, then
 * `timestamp`. A number's unit is read from its size, whatever the field is called: the documented servers put
 * milliseconds in `timestampSeconds` despite its name.
 */
export const serverTime = (record: Readonly<Record<string, unknown>>): number | null =>
  moment(record.utcTime) ?? moment(record.timestampSeconds) ?? moment(record.timestamp)
