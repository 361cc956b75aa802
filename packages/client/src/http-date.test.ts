import { describe, expect, it } from 'vitest'
import { parseHttpDate } from './http-date.js'

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
// RFC 9110's own example instant, 1994-11-06 08:49:37 GMT.
const EXAMPLE = 784_111_777_000

/** Epoch ms of a UTC date, for any year (Date.UTC maps the years 0–99 to 1900–1999). */
function at(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.setUTCHours(hour, minute, second)
}

describe('parseHttpDate: the three formats of RFC 9110 §5.6.7', () => {
  it.each<[string, string, number]>([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', EXAMPLE],
    ['obsolete RFC 850', 'Sunday, 06-Nov-94 08:49:37 GMT', EXAMPLE],
    ['asctime, day padded with a space', 'Sun Nov  6 08:49:37 1994', EXAMPLE],
    ['asctime, two-digit day', 'Sun Nov 06 08:49:37 1994', EXAMPLE],
    ['asctime, day 16', 'Wed Nov 16 08:49:37 1994', at(1994, 11, 16, 8, 49, 37)],
    ['IMF-fixdate now', 'Thu, 15 Jan 2026 12:00:00 GMT', NOW],
    ['every month: Jan', 'Thu, 01 Jan 2026 00:00:00 GMT', at(2026, 1, 1)],
    ['every month: Feb', 'Sun, 01 Feb 2026 00:00:00 GMT', at(2026, 2, 1)],
    ['every month: Mar', 'Sun, 01 Mar 2026 00:00:00 GMT', at(2026, 3, 1)],
    ['every month: Apr', 'Wed, 01 Apr 2026 00:00:00 GMT', at(2026, 4, 1)],
    ['every month: May', 'Fri, 01 May 2026 00:00:00 GMT', at(2026, 5, 1)],
    ['every month: Jun', 'Mon, 01 Jun 2026 00:00:00 GMT', at(2026, 6, 1)],
    ['every month: Jul', 'Wed, 01 Jul 2026 00:00:00 GMT', at(2026, 7, 1)],
    ['every month: Aug', 'Sat, 01 Aug 2026 00:00:00 GMT', at(2026, 8, 1)],
    ['every month: Sep', 'Tue, 01 Sep 2026 00:00:00 GMT', at(2026, 9, 1)],
    ['every month: Oct', 'Thu, 01 Oct 2026 00:00:00 GMT', at(2026, 10, 1)],
    ['every month: Nov', 'Sun, 01 Nov 2026 00:00:00 GMT', at(2026, 11, 1)],
    ['every month: Dec', 'Tue, 01 Dec 2026 23:59:59 GMT', at(2026, 12, 1, 23, 59, 59)],
    ['every day name: Mon', 'Mon, 12 Jan 2026 00:00:00 GMT', at(2026, 1, 12)],
    ['every day name: Tue', 'Tue, 13 Jan 2026 00:00:00 GMT', at(2026, 1, 13)],
    ['every day name: Sat', 'Sat, 17 Jan 2026 00:00:00 GMT', at(2026, 1, 17)],
    ['every long day name: Monday', 'Monday, 12-Jan-26 00:00:00 GMT', at(2026, 1, 12)],
    ['every long day name: Tuesday', 'Tuesday, 13-Jan-26 00:00:00 GMT', at(2026, 1, 13)],
    ['every long day name: Wednesday', 'Wednesday, 14-Jan-26 00:00:00 GMT', at(2026, 1, 14)],
    ['every long day name: Thursday', 'Thursday, 15-Jan-26 00:00:00 GMT', at(2026, 1, 15)],
    ['every long day name: Friday', 'Friday, 16-Jan-26 00:00:00 GMT', at(2026, 1, 16)],
    ['every long day name: Saturday', 'Saturday, 17-Jan-26 00:00:00 GMT', at(2026, 1, 17)],
    ['a leap day', 'Thu, 29 Feb 2024 00:00:00 GMT', at(2024, 2, 29)],
    ['29 Feb 2000 (divisible by 400)', 'Tue, 29 Feb 2000 00:00:00 GMT', at(2000, 2, 29)],
    ['second 60, a leap second, is the next minute', 'Wed, 31 Dec 2025 23:59:60 GMT', at(2026, 1, 1)],
    ['year 0000 stays year 0', 'Sat, 01 Jan 0000 00:00:00 GMT', -62_167_219_200_000],
    ['year 0099 stays 99, not 1999', 'Thu, 01 Jan 0099 00:00:00 GMT', -59_042_995_200_000],
    ['asctime year 2038+', 'Tue Jan 19 03:14:08 2038', at(2038, 1, 19, 3, 14, 8)],
    // The day name is checked for syntax only, as Go and curl do.
    ['a day name that does not match the date', 'Mon, 06 Nov 1994 08:49:37 GMT', EXAMPLE],
  ])('%s: %s', (_name, value, expected) => {
    expect(parseHttpDate(value, NOW)).toBe(expected)
  })
})

describe('parseHttpDate: RFC 850 two-digit years (read in 2026-01-15 12:00:00 GMT)', () => {
  it.each<[string, string, number]>([
    ['94 is 1994', 'Sunday, 06-Nov-94 08:49:37 GMT', EXAMPLE],
    ['26 is 2026', 'Thursday, 15-Jan-26 12:00:30 GMT', NOW + 30_000],
    ['00 is 2000', 'Saturday, 01-Jan-00 00:00:00 GMT', at(2000, 1, 1)],
    ['29 Feb 00 is a leap day of 2000', 'Tuesday, 29-Feb-00 00:00:00 GMT', at(2000, 2, 29)],
    ['50 is 2050', 'Saturday, 01-Jan-50 00:00:00 GMT', at(2050, 1, 1)],
    ['75 is 2075', 'Tuesday, 31-Dec-75 23:59:59 GMT', at(2075, 12, 31, 23, 59, 59)],
    ['76, exactly 50 years ahead, is 2076', 'Thursday, 15-Jan-76 12:00:00 GMT', at(2076, 1, 15, 12)],
    [
      '76, one second more than 50 years ahead, is 1976',
      'Thursday, 15-Jan-76 12:00:01 GMT',
      at(1976, 1, 15, 12, 0, 1),
    ],
    ['76, later in the year, is 1976', 'Wednesday, 01-Dec-76 00:00:00 GMT', at(1976, 12, 1)],
    ['77 is 1977', 'Saturday, 01-Jan-77 00:00:00 GMT', at(1977, 1, 1)],
    ['99 is 1999', 'Friday, 31-Dec-99 23:59:59 GMT', at(1999, 12, 31, 23, 59, 59)],
  ])('%s', (_name, value, expected) => {
    expect(parseHttpDate(value, NOW)).toBe(expected)
  })

  it('reads the years from the given now, not a fixed pivot', () => {
    const in2090 = Date.UTC(2090, 5, 1)
    // In 2090, 10 is 2010 (the past stays in this century); 45 is 2045; 99 is 2099.
    expect(parseHttpDate('Friday, 01-Jan-10 00:00:00 GMT', in2090)).toBe(at(2010, 1, 1))
    expect(parseHttpDate('Sunday, 01-Jan-45 00:00:00 GMT', in2090)).toBe(at(2045, 1, 1))
    expect(parseHttpDate('Thursday, 31-Dec-99 00:00:00 GMT', in2090)).toBe(at(2099, 12, 31))
    const in1970 = 0
    // In 1970, 20 is 1920 (2020 was not in that century), 69 is 1969 and 71 is 1971.
    expect(parseHttpDate('Thursday, 01-Jan-20 00:00:00 GMT', in1970)).toBe(at(1920, 1, 1))
    expect(parseHttpDate('Wednesday, 01-Jan-69 00:00:00 GMT', in1970)).toBe(at(1969, 1, 1))
    expect(parseHttpDate('Friday, 01-Jan-71 00:00:00 GMT', in1970)).toBe(at(1971, 1, 1))
  })

  it('defaults now to the clock', () => {
    const year = new Date().getUTCFullYear() % 100
    const yy = String(year).padStart(2, '0')
    expect(parseHttpDate(`Monday, 01-Jan-${yy} 00:00:00 GMT`)).toBe(at(new Date().getUTCFullYear(), 1, 1))
  })
})

describe('parseHttpDate: anything else is not a date', () => {
  it.each<[string, string]>([
    ['empty', ''],
    ['delay seconds', '120'],
    ['a word', 'soon'],
    ['ISO 8601', '2026-01-15T12:00:00Z'],
    ['ISO 8601 date only', '2026-01-15'],
    ['JavaScript Date#toString', 'Thu Jan 15 2026 12:00:00 GMT+0000 (Coordinated Universal Time)'],
    ['a numeric zone instead of GMT', 'Thu, 15 Jan 2026 12:00:00 +0000'],
    ['UTC instead of GMT', 'Thu, 15 Jan 2026 12:00:00 UTC'],
    ['a local zone name', 'Thu, 15 Jan 2026 12:00:00 EST'],
    ['no zone', 'Thu, 15 Jan 2026 12:00:00'],
    ['lower-case gmt', 'Thu, 15 Jan 2026 12:00:00 gmt'],
    ['lower-case month', 'Thu, 15 jan 2026 12:00:00 GMT'],
    ['upper-case month', 'Thu, 15 JAN 2026 12:00:00 GMT'],
    ['upper-case day name', 'THU, 15 Jan 2026 12:00:00 GMT'],
    ['a long month name', 'Thu, 15 January 2026 12:00:00 GMT'],
    ['an unknown month', 'Thu, 15 Jnu 2026 12:00:00 GMT'],
    ['an unknown day name', 'Thr, 15 Jan 2026 12:00:00 GMT'],
    ['an unknown long day name', 'Thorsday, 15-Jan-26 12:00:00 GMT'],
    ['a long day name made of two', 'Tuenesday, 15-Jan-26 12:00:00 GMT'],
    ['IMF-fixdate with a long day name', 'Thursday, 15 Jan 2026 12:00:00 GMT'],
    ['RFC 850 with a short day name', 'Thu, 15-Jan-26 12:00:00 GMT'],
    ['RFC 850 with a four-digit year', 'Thursday, 15-Jan-2026 12:00:00 GMT'],
    ['IMF-fixdate with a two-digit year', 'Thu, 15 Jan 26 12:00:00 GMT'],
    ['IMF-fixdate with a one-digit day', 'Thu, 5 Jan 2026 12:00:00 GMT'],
    ['no comma', 'Thu 15 Jan 2026 12:00:00 GMT'],
    ['no day name', '15 Jan 2026 12:00:00 GMT'],
    ['two spaces', 'Thu,  15 Jan 2026 12:00:00 GMT'],
    ['a leading space', ' Thu, 15 Jan 2026 12:00:00 GMT'],
    ['a trailing space', 'Thu, 15 Jan 2026 12:00:00 GMT '],
    ['trailing junk', 'Thu, 15 Jan 2026 12:00:00 GMT+1'],
    ['a one-digit hour', 'Thu, 15 Jan 2026 2:00:00 GMT'],
    ['no seconds', 'Thu, 15 Jan 2026 12:00 GMT'],
    ['fractional seconds', 'Thu, 15 Jan 2026 12:00:00.5 GMT'],
    ['asctime with GMT', 'Thu Jan 15 12:00:00 2026 GMT'],
    ['asctime with a one-digit day and no padding', 'Thu Jan 5 12:00:00 2026'],
    ['asctime with a two-digit year', 'Thu Jan 15 12:00:00 26'],
    ['day 00', 'Thu, 00 Jan 2026 12:00:00 GMT'],
    ['day 32', 'Thu, 32 Jan 2026 12:00:00 GMT'],
    ['31 April', 'Thu, 31 Apr 2026 12:00:00 GMT'],
    ['29 Feb of a common year', 'Sun, 29 Feb 2026 12:00:00 GMT'],
    ['29 Feb 1900 (divisible by 100, not 400)', 'Thu, 29 Feb 1900 12:00:00 GMT'],
    ['29 Feb in RFC 850 of a common year', 'Sunday, 29-Feb-26 12:00:00 GMT'],
    ['30 Feb in asctime', 'Mon Feb 30 12:00:00 2026'],
    ['hour 24', 'Thu, 15 Jan 2026 24:00:00 GMT'],
    ['minute 60', 'Thu, 15 Jan 2026 12:60:00 GMT'],
    ['second 61', 'Thu, 15 Jan 2026 12:00:61 GMT'],
    ['full-width digits', 'Thu, １５ Jan 2026 12:00:00 GMT'],
  ])('%s: %j', (_name, value) => {
    expect(parseHttpDate(value, NOW)).toBeUndefined()
  })
})
