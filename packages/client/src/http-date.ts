// HTTP-date (RFC 9110 §5.6.7) read by hand: `Date.parse` reads asctime dates in the machine's time zone,
// accepts formats HTTP does not, and reads RFC 850's two-digit years its own way.

// One expression for the three formats; the grammar is case-sensitive and allows no extra whitespace, and the
// day name is checked for syntax only. Groups: IMF-fixdate (`Sun, 06 Nov 1994`) 1–3, rfc850-date
// (`Sunday, 06-Nov-94`) 4–6, asctime-date (`Sun Nov  6`, the day two digits or a space and one digit) 7–8, the
// time 9–11 (hour 00–23, minute 00–59, second 00–60), then `GMT` or asctime's year 12.
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) ([A-Z][a-z]{2}) (\d{4})|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-([A-Z][a-z]{2})-(\d\d)|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d)) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60) (?:GMT|(\d{4}))$/

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
export function parseHttpDate(value: string, now = Date.now()): number | undefined {
  const match = HTTP_DATE.exec(value)
  // asctime ends with its year, the two others with GMT.
  if (!match || !match[7] !== !match[12]) return undefined
  const day = +(match[1] || match[4] || match[8] || '')
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(match[2] || match[5] || match[7] || '') / 3
  let year = +(match[3] || match[6] || match[12] || '')
  // Epoch ms, `undefined` for an unknown month (-1/3) or a day the month does not have (30 Feb, 00):
  // setUTCFullYear would roll it over. Not Date.UTC, which reads the years 0 to 99 as 1900 to 1999. Second 60
  // is a leap second: it reads as the next minute's 0.
  const at = (year: number) => {
    const date = new Date(0)
    date.setUTCFullYear(year, month, day)
    return month < 0 || date.getUTCDate() !== day
      ? undefined
      : date.setUTCHours(+(match[9] || ''), +(match[10] || ''), +(match[11] || ''))
  }
  if (match[6]) {
    // RFC 850: this century's year, unless that date is more than 50 years ahead (to the second), then the
    // century before (an invalid date stays invalid either way).
    const fiftyYearsOn = new Date(now)
    const thisYear = fiftyYearsOn.getUTCFullYear()
    year += thisYear - (thisYear % 100)
    if ((at(year) ?? 0) > fiftyYearsOn.setUTCFullYear(thisYear + 50)) year -= 100
  }
  return at(year)
}
