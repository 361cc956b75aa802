// HTTP-date (RFC 9110 §5.6.7) read by hand: `Date.parse` reads asctime dates in the machine's time zone,
// accepts formats HTTP does not, and reads RFC 850's two-digit years its own way.

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const LONG_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const TIME = '(\\d\\d):(\\d\\d):(\\d\\d)'
// The grammar is case-sensitive and allows no extra whitespace; the day name is checked for syntax only.
// IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = new RegExp(`^[A-Z][a-z]{2}, (\\d\\d) ([A-Z][a-z]{2}) (\\d{4}) ${TIME} GMT$`)
// rfc850-date: Sunday, 06-Nov-94 08:49:37 GMT
const RFC_850 = new RegExp(`^[A-Z][a-z]{5,8}, (\\d\\d)-([A-Z][a-z]{2})-(\\d\\d) ${TIME} GMT$`)
// asctime-date: Sun Nov  6 08:49:37 1994 (the day is two digits or a space and one digit)
const ASCTIME = new RegExp(`^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\\d\\d| \\d) ${TIME} (\\d{4})$`)

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
  let match = IMF_FIXDATE.exec(value)
  if (match) {
    const [, day = '', month = '', year = '', hour = '', minute = '', second = ''] = match
    return DAYS.includes(value.slice(0, 3)) ? utc(+year, month, +day, +hour, +minute, +second) : undefined
  }
  match = RFC_850.exec(value)
  if (match) {
    const [, day = '', month = '', yy = '', hour = '', minute = '', second = ''] = match
    if (!LONG_DAYS.includes(value.slice(0, value.indexOf(',')))) return undefined
    // This century's year, unless that date is more than 50 years ahead (to the second): then the century
    // before. (`epoch` rolls 29 Feb of a common year over to 1 Mar: close enough to compare.)
    const thisYear = new Date(now).getUTCFullYear()
    let year = thisYear - (thisYear % 100) + Number(yy)
    if (epoch(year, MONTHS.indexOf(month), +day, +hour, +minute, +second) > addYears(now, 50)) year -= 100
    return utc(year, month, +day, +hour, +minute, +second)
  }
  match = ASCTIME.exec(value)
  if (match) {
    const [, month = '', day = '', hour = '', minute = '', second = '', year = ''] = match
    return DAYS.includes(value.slice(0, 3)) ? utc(+year, month, +day, +hour, +minute, +second) : undefined
  }
  return undefined
}

/** Epoch ms of a GMT date and time, `undefined` when a field is out of range. */
function utc(
  year: number,
  monthName: string,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined {
  const month = MONTHS.indexOf(monthName)
  if (month < 0 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 60) {
    return undefined
  }
  return epoch(year, month, day, hour, minute, second)
}

function epoch(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  return date.setUTCHours(hour, minute, second)
}

function daysIn(year: number, month: number): number {
  if (month !== 1) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 0
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
}

function addYears(time: number, years: number): number {
  const date = new Date(time)
  return date.setUTCFullYear(date.getUTCFullYear() + years)
}
