import { describe, expect, it } from 'vitest'
import type { QueryParams } from './options.js'
import { byCursor, byLinkHeader, byMeta, type NextPage, parseLinkHeader } from './paginate.js'

/** A response as the client hands it to `next`: `url` is where the page really came from. */
function response(url: string, headers: HeadersInit = {}): Response {
  const res = new Response(null, { headers })
  Object.defineProperty(res, 'url', { value: url })
  return res
}

type Stop = undefined | null | false

describe('parseLinkHeader', () => {
  const cases: ReadonlyArray<{ name: string; header: string | null; links: Record<string, string> }> = [
    { name: 'no header', header: null, links: {} },
    { name: 'an empty header', header: '', links: {} },
    { name: 'text that is not a link', header: 'rel="next", https://x.test/2', links: {} },
    {
      name: 'several links with quoted rels (GitHub)',
      header:
        '<https://api.github.com/repositories/1/issues?page=2>; rel="next", ' +
        '<https://api.github.com/repositories/1/issues?page=5>; rel="last"',
      links: {
        next: 'https://api.github.com/repositories/1/issues?page=2',
        last: 'https://api.github.com/repositories/1/issues?page=5',
      },
    },
    {
      name: 'first, prev, next and last',
      header:
        '<https://x.test/?p=1>; rel="first", <https://x.test/?p=2>; rel="prev", <https://x.test/?p=4>; rel="next", <https://x.test/?p=9>; rel="last"',
      links: {
        first: 'https://x.test/?p=1',
        prev: 'https://x.test/?p=2',
        next: 'https://x.test/?p=4',
        last: 'https://x.test/?p=9',
      },
    },
    { name: 'an unquoted rel', header: '<https://x.test/2>; rel=next', links: { next: 'https://x.test/2' } },
    {
      name: 'a rel list',
      header: '<https://x.test/9>; rel="next last"',
      links: { next: 'https://x.test/9', last: 'https://x.test/9' },
    },
    {
      name: 'a rel list with extra spaces',
      header: '<https://x.test/9>; rel="  next \t last "',
      links: { next: 'https://x.test/9', last: 'https://x.test/9' },
    },
    {
      name: 'upper-case names and rels',
      header: '<https://x.test/2>; REL="Next"',
      links: { next: 'https://x.test/2' },
    },
    {
      name: 'whitespace around every part',
      header: '  <https://x.test/2>  ;  rel = "next"  ,\t< https://x.test/1 >\t;rel=prev  ',
      links: { next: 'https://x.test/2', prev: 'https://x.test/1' },
    },
    {
      name: 'commas inside URLs',
      header:
        '<https://x.test/items?ids=1,2,3&page=2>; rel="next", <https://x.test/items?ids=1,2,3&page=1>; rel=prev',
      links: { next: 'https://x.test/items?ids=1,2,3&page=2', prev: 'https://x.test/items?ids=1,2,3&page=1' },
    },
    {
      name: 'semicolons and equals signs inside URLs',
      header: '<https://x.test/a;v=2?q=a=b>; rel=next',
      links: { next: 'https://x.test/a;v=2?q=a=b' },
    },
    {
      name: 'other parameters, with commas and angle brackets in quotes',
      header: '<https://x.test/2>; title="page, <2>; rel=prev"; type="application/json"; rel="next"',
      links: { next: 'https://x.test/2' },
    },
    {
      name: 'only the first rel parameter of a link',
      header: '<https://x.test/2>; rel=next; rel=prev',
      links: { next: 'https://x.test/2' },
    },
    {
      name: 'the first link of a relation',
      header: '<https://x.test/2>; rel=next, <https://x.test/3>; rel=next',
      links: { next: 'https://x.test/2' },
    },
    {
      name: 'links without rel ignored',
      header: '<https://x.test/meta>; type="text/html", <https://x.test/2>; rel=next',
      links: { next: 'https://x.test/2' },
    },
    {
      name: 'relative URLs kept as written',
      header: '</orders?page=2>; rel="next", <?page=1>; rel="prev"',
      links: { next: '/orders?page=2', prev: '?page=1' },
    },
    {
      name: 'an extension relation type URI',
      header: '<https://x.test/2>; rel="https://x.test/rels/more"',
      links: { 'https://x.test/rels/more': 'https://x.test/2' },
    },
  ]
  it.each(cases)('parses $name', ({ header, links }) => {
    expect(parseLinkHeader(header)).toEqual(links)
  })

  it('cannot be used to set the prototype of the result', () => {
    const links = parseLinkHeader('<https://x.test/2>; rel="__proto__ constructor next"')
    expect(Object.getPrototypeOf(links)).toBe(Object.prototype)
    expect(links).toEqual({ next: 'https://x.test/2', constructor: 'https://x.test/2' })
  })
})

describe('byLinkHeader', () => {
  const cases: ReadonlyArray<{ name: string; url: string; link?: string; next: NextPage | Stop }> = [
    {
      name: 'an absolute next link',
      url: 'https://api.test/v1/orders?page=1',
      link: '<https://api.test/v1/orders?page=2>; rel="next", <https://api.test/v1/orders?page=9>; rel="last"',
      next: { url: 'https://api.test/v1/orders?page=2' },
    },
    {
      name: 'a root-relative next link resolved against the response URL',
      url: 'https://api.test/v1/orders?page=1',
      link: '</v1/orders?page=2>; rel=next',
      next: { url: 'https://api.test/v1/orders?page=2' },
    },
    {
      name: 'a path-relative next link',
      url: 'https://api.test/v1/orders?page=1',
      link: '<orders?page=2>; rel=next',
      next: { url: 'https://api.test/v1/orders?page=2' },
    },
    {
      name: 'a query-only next link',
      url: 'https://api.test/v1/orders?page=1',
      link: '<?page=2>; rel=next',
      next: { url: 'https://api.test/v1/orders?page=2' },
    },
    {
      name: 'a next link from a rel list',
      url: 'https://api.test/orders',
      link: '<https://api.test/orders?page=2>; rel="next last"',
      next: { url: 'https://api.test/orders?page=2' },
    },
    {
      name: 'a response without URL (the link as written)',
      url: '',
      link: '</orders?page=2>; rel=next',
      next: { url: '/orders?page=2' },
    },
    { name: 'no Link header', url: 'https://api.test/orders', next: undefined },
    {
      name: 'links without next',
      url: 'https://api.test/orders?page=9',
      link: '<https://api.test/orders?page=8>; rel=prev, <https://api.test/orders?page=1>; rel=first',
      next: undefined,
    },
    {
      name: 'a next link to the page just fetched',
      url: 'https://api.test/orders?page=9',
      link: '<?page=9>; rel=next',
      next: undefined,
    },
  ]
  it.each(cases)('follows $name', ({ url, link, next }) => {
    const result = byLinkHeader()(undefined, response(url, link === undefined ? {} : { link }), {
      query: undefined,
    })
    if (next) expect(result).toEqual(next)
    else expect(result).toBeFalsy()
  })
})

describe('byMeta', () => {
  const res = response('https://api.test/orders')
  const cases: ReadonlyArray<{
    name: string
    page: unknown
    query?: QueryParams
    pageParam?: string
    next: NextPage | Stop
  }> = [
    {
      name: 'the page after meta.page',
      page: { meta: { page: 1, hasNextPage: true } },
      next: { query: { page: 2 } },
    },
    {
      name: 'a numeric string meta.page',
      page: { meta: { page: '3', hasNextPage: true } },
      next: { query: { page: 4 } },
    },
    {
      name: 'the current query page without meta.page',
      page: { meta: { hasNextPage: true } },
      query: { page: 4, status: 'open' },
      next: { query: { page: 5 } },
    },
    {
      name: 'the current URLSearchParams page',
      page: { meta: { hasNextPage: true } },
      query: new URLSearchParams('page=7'),
      next: { query: { page: 8 } },
    },
    {
      name: 'meta.page over the current query page',
      page: { meta: { page: 2, hasNextPage: true } },
      query: { page: 7 },
      next: { query: { page: 3 } },
    },
    {
      name: 'page 2 when nothing says which page this is',
      page: { meta: { hasNextPage: true } },
      next: { query: { page: 2 } },
    },
    {
      name: 'a custom page parameter',
      page: { meta: { hasNextPage: true } },
      query: { p: 3, page: 99 },
      pageParam: 'p',
      next: { query: { p: 4 } },
    },
    {
      name: 'no page when hasNextPage is false',
      page: { meta: { page: 3, hasNextPage: false } },
      next: undefined,
    },
    { name: 'no page without hasNextPage', page: { meta: { page: 3 } }, next: undefined },
    {
      name: 'no page when hasNextPage is not true',
      page: { meta: { page: 3, hasNextPage: 'false' } },
      next: undefined,
    },
    { name: 'no page without meta', page: { data: [] }, next: undefined },
    { name: 'no page for a body that is not an object', page: null, next: undefined },
    {
      name: 'no page when meta.page is not a number',
      page: { meta: { page: 'last', hasNextPage: true } },
      next: undefined,
    },
  ]
  it.each(cases)('asks for $name', ({ page, query, pageParam, next }) => {
    const result = byMeta(pageParam === undefined ? undefined : { pageParam })(page, res, { query })
    if (next) expect(result).toEqual(next)
    else expect(result).toBeFalsy()
  })
})

describe('byCursor', () => {
  const res = response('https://api.test/feed')
  const cases: ReadonlyArray<{
    name: string
    page: unknown
    query?: QueryParams
    options?: { field?: string; param?: string }
    next: NextPage | Stop
  }> = [
    { name: 'body.nextCursor', page: { nextCursor: 'abc' }, next: { query: { cursor: 'abc' } } },
    {
      name: 'body.meta.nextCursor',
      page: { meta: { nextCursor: 'abc' } },
      next: { query: { cursor: 'abc' } },
    },
    {
      name: 'body.nextCursor before body.meta.nextCursor',
      page: { nextCursor: 'top', meta: { nextCursor: 'meta' } },
      next: { query: { cursor: 'top' } },
    },
    { name: 'a numeric cursor', page: { nextCursor: 40 }, next: { query: { cursor: 40 } } },
    { name: 'a cursor of 0', page: { nextCursor: 0 }, next: { query: { cursor: 0 } } },
    {
      name: 'a custom field and parameter',
      page: { next: 'n2', nextCursor: 'ignored' },
      options: { field: 'next', param: 'after' },
      next: { query: { after: 'n2' } },
    },
    {
      name: 'a custom field in meta',
      page: { meta: { next: 'n2' } },
      options: { field: 'next' },
      next: { query: { cursor: 'n2' } },
    },
    {
      name: 'a new cursor after the current one',
      page: { nextCursor: 'b' },
      query: { cursor: 'a' },
      next: { query: { cursor: 'b' } },
    },
    { name: 'nothing without a cursor', page: { data: [] }, next: undefined },
    {
      name: 'nothing for a null cursor',
      page: { nextCursor: null, meta: { nextCursor: null } },
      next: undefined,
    },
    { name: 'nothing for an empty cursor', page: { nextCursor: '' }, next: undefined },
    { name: 'nothing for an object cursor', page: { nextCursor: { id: 1 } }, next: undefined },
    { name: 'nothing for a body that is not an object', page: 'end', next: undefined },
    {
      name: 'nothing when the cursor repeats',
      page: { nextCursor: 'a' },
      query: { cursor: 'a' },
      next: undefined,
    },
    {
      name: 'nothing when the cursor repeats in URLSearchParams',
      page: { nextCursor: 42 },
      query: new URLSearchParams('cursor=42'),
      next: undefined,
    },
  ]
  it.each(cases)('sends $name', ({ page, query, options, next }) => {
    const result = byCursor(options)(page, res, { query })
    if (next) expect(result).toEqual(next)
    else expect(result).toBeFalsy()
  })
})
