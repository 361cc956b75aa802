// HTTP-date (RFC 9110 §5.6.7) read by hand: `Date.parse` reads asctime dates in the machine's time zone,
// accepts formats HTTP does not, and reads RFC 850's two-digit years its own way.

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const MONTH = '([A-Z][a-z]{2})'
// One expression for the three formats; the grammar is case-sensitive and allows no extra whitespace, and the
// day name is checked for syntax only. Groups: IMF-fixdate (`Sun, 06 Nov 1994`) 1–3, rfc850-date
// (`Sunday, 06-Nov-94`) 4–6, asctime-date (`Sun Nov  6`, the day two digits or a space and one digit) 7–8, the
// time 9–11, then `GMT` or asctime's year 12.
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, (\\d\\d) ${MONTH} (\\d{4})|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-${MONTH}-(\\d\\d)|${DAY} ${MONTH} ([ \\d]\\d)) (\\d\\d):(\\d\\d):(\\d\\d) (?:GMT|(\\d{4}))$`,
)

/**
 * Parses an HTTP-date in any of the three formats RFC 9110 §5.6.7 allows (IMF-fixdate, the obsolete RFC 850
 * format and asctime), always as GMT whatever the machine's time zone, into epoch ms. An RFC 850 two-digit
 * year is read in the current century (of `now`, in UTC), except that a date more than 50 years in the future
 * is in the most recent past year with those digits, as the RFC says (in 2026, `76` is 2076 and `77` 1977).
 * Returns `undefined` for anything else: other formats, other case, extra whitespace, an unknown day or month
 * name, or a day, hour, minute or second out of range (second 60, a leap second, is allowed). The day name
 * is not checked against the date.
 *
 * @example
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT') // 784111777000
 * parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT') // 784111777000
 * parseHttpDate('Sun Nov  6 08:49:37 1994') // 784111777000
 * parseHttpDate('2026-01-15T12:00:00Z') // undefined: ISO 8601 is not an HTTP-date
 */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  const match = HTTP_DATE.exec(value)
  // asctime ends with its year, the two others with GMT.
  if (!match || !match[7] !== !match[12]) return undefined
  const [, d1, m1, y1, d2, m2, y2, m3, d3, H = '', M = '', S = '', y3] = match
  const d = d1 ?? d2 ?? d3 ?? ''
  const m = m1 ?? m2 ?? m3 ?? ''
  const y = y1 ?? y2 ?? y3 ?? ''
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m) / 3
  // Epoch ms, NaN for a day the month does not have (30 Feb, 00): setUTCFullYear would roll it over. Not
  // Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const at = (year: number) => {
    const date = new Date(0)
    date.setUTCFullYear(year, month, +d)
    return date.getUTCDate() === +d ? date.setUTCHours(+H, +M, +S) : Number.NaN
  }
  let year = +y
  if (y.length === 2) {
    // RFC 850: this century's year, unless that date is more than 50 years ahead (to the second), then the
    // century before.
    const fiftyYearsOn = new Date(now)
    const thisYear = fiftyYearsOn.getUTCFullYear()
    year += thisYear - (thisYear % 100)
    if (at(year) > fiftyYearsOn.setUTCFullYear(thisYear + 50)) year -= 100
  }
  const time = at(year)
  // An unknown month is -1/3. Second 60 is a leap second (it reads as the next minute's 0).
  return month >= 0 && !Number.isNaN(time) && +H < 24 && +M < 60 && +S < 61 ? time : undefined
}
