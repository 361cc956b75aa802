// HTTP-date (RFC 9110 §5.6.7) read by hand: `Date.parse` reads asctime dates in the machine's time zone,
// accepts formats HTTP does not, and reads RFC 850's two-digit years its own way.

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
export const parseHttpDate = (value: string, now = Date.now()): number | undefined => {
  // One expression for the three formats; the grammar is case-sensitive and allows no extra whitespace, and the
  // day name is checked for syntax only (RFC 9110 lets a recipient ignore it). IMF-fixdate
  // (`Sun, 06 Nov 1994 08:49:37 GMT`), asctime-date (`Sun Nov  6 08:49:37 1994`, the day two digits or a space
  // and one digit) and rfc850-date (`Sunday, 06-Nov-94 08:49:37 GMT`) each capture, in this order, the day, the
  // month name, the year, the hour (00–23), the minute (00–59) and the second (00–60): asctime's day and year
  // by lookaheads, so that the groups that took part, read in order, are the same six fields in every format
  // (after the whole match). Without a match every field is missing: the time is NaN, the month check fails.
  const [, day, name = '', digits = '', hour, minute, second] =
    /^(?:(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) ([A-Z][a-z]{2}) (\d{4})|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-([A-Z][a-z]{2})-(\d\d)) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60) GMT|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?=[A-Z][a-z]{2} ([ \d]\d))([A-Z][a-z]{2}) [ \d]\d (?=.{9}(\d{4}))([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60) \d{4})$/
      .exec(value)
      ?.filter(Boolean) ?? []
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(name) / 3
  // Date.UTC reads the years 0 to 99 as 1900 to 1999, so it gets the year 400 years on (146 097 days exactly,
  // the same calendar) and the result is taken back.
  const at = (year: number, s = Number(second)) =>
    Date.UTC(year + 400, month, Number(day), Number(hour), Number(minute), s) - 126227808e5
  let year = +digits
  if (!digits[2]) {
    // RFC 850: this century's year, unless that date is more than 50 years ahead (to the second; the date
    // 50 years earlier is after now), then the century before.
    const thisYear = new Date(now).getUTCFullYear()
    year += thisYear - (thisYear % 100)
    if (at(year - 50) > now) year -= 100
  }
  // An unknown month (-1/3) or a day the month does not have (30 Feb, 00) rolls into another month. Second 60
  // (a leap second, read as the next minute's 0) may roll the date too, so the check leaves the second out.
  return new Date(at(year, 0)).getUTCMonth() === month ? at(year) : undefined
}
