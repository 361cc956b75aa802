import { describe, expect, it } from 'vitest'
import { redactUrl } from './redact.js'

const MASKED = '%5Bredacted%5D'

describe('redactUrl', () => {
  it.each([
    ['a named value, in place', '/orders?token=abc&page=2', ['token'], `/orders?token=${MASKED}&page=2`],
    [
      'every value of a repeated name',
      '/o?sig=s1&page=2&sig=s2',
      ['sig'],
      `/o?sig=${MASKED}&page=2&sig=${MASKED}`,
    ],
    ['an absolute URL', 'https://api.test/o?key=k#top', ['key'], `https://api.test/o?key=${MASKED}#top`],
    [
      'a name as URLSearchParams decodes it',
      '/o?api+key=k&api%5Fkey=j',
      ['api key', 'api_key'],
      `/o?api+key=${MASKED}&api%5Fkey=${MASKED}`,
    ],
    ['not a `?` inside the fragment', '/p#x?token=a', ['token'], '/p#x?token=a'],
    ['not the fragment, even past a line break', '/p#x\n&token=a', ['token'], '/p#x\n&token=a'],
    ['not the path, whatever it holds', '/a&token=x/b?token=y', ['token'], `/a&token=x/b?token=${MASKED}`],
    ['nothing without names', '/o?token=abc', [], '/o?token=abc'],
    ['a name without a value stays', '/o?token&page=1', ['token'], '/o?token&page=1'],
    ['a URL that is only a query', '?token=a&b=1', ['token'], `?token=${MASKED}&b=1`],
    ['not a `?` inside a value', '/o?a=1?token=x', ['token'], '/o?a=1?token=x'],
    ['an empty value', '/o?token=&page=1', ['token'], `/o?token=${MASKED}&page=1`],
  ])('masks %s', (_, url, names, expected) => {
    expect(redactUrl(url, names)).toBe(expected)
  })
})
