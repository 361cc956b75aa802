import { ParseError, type ProblemDetails, type RequestDescriptor } from './errors.js'
import type { ResponseAs } from './options.js'

const JSON_TYPE = /[/+]json$/
const TEXT_TYPE = /^text\/|[/+]xml$/
const FORM_TYPE = /^(multipart\/form-data|application\/x-www-form-urlencoded)$/
/** Error bodies are read up to this many bytes; the rest is cancelled. */
const ERROR_BODY_LIMIT = 65_536

/** The response's media type: `'application/json; charset=utf-8'` → `'application/json'`; none → `''`. */
const mediaType = (response: Response): string => {
  const type = response.headers.get('content-type') ?? ''
  // Most types have no parameters: no regex replace for them.
  return (type.includes(';') ? type.slice(0, type.indexOf(';')) : type).trim().toLowerCase()
}

// Each getter of a Response (undici) costs a brand check: `status` is read once. `method` comes upper-cased
// from `execute`.
const noBody = ({ status, headers }: Response, method: string): boolean =>
  status === 204 ||
  status === 205 ||
  status === 304 ||
  method === 'HEAD' ||
  headers.get('content-length') === '0'

/**
 * Reads a successful response's body. `'auto'` goes by Content-Type: JSON for `application/json` and `+json`;
 * text for `text/*`, XML and a missing type; `FormData` for multipart and urlencoded; `Blob` otherwise.
 * 204, 205, 304, HEAD, `Content-Length: 0`, and an empty body that is JSON or has no type give `undefined`.
 * Errors of the stream itself (abort, reset) propagate unchanged. JSON is read by `parse` (`parseJson`).
 *
 * @throws ParseError for invalid JSON, an HTML page when JSON was asked for, or malformed form data.
 * @example
 * const data = await readBody(response, 'auto', 'GET', { method: 'GET', url, requestId })
 */
export async function readBody(
  response: Response,
  as: Exclude<ResponseAs, 'response'>,
  method: string,
  request: RequestDescriptor,
  parse: (text: string) => unknown = JSON.parse,
): Promise<unknown> {
  if (noBody(response, method)) return undefined
  const media = mediaType(response)
  const kind =
    as !== 'auto'
      ? as
      : // No Content-Type: nothing says what it is, so an empty body is "no data" rather than ''.
        !media
        ? ''
        : JSON_TYPE.test(media)
          ? 'json'
          : TEXT_TYPE.test(media)
            ? 'text'
            : FORM_TYPE.test(media)
              ? 'formData'
              : 'blob'
  if (kind === 'blob' || kind === 'arrayBuffer') return response[kind]()
  const fail = (text: string, reason: string, cause?: unknown) =>
    new ParseError({ request, text, contentType: response.headers.get('content-type'), reason, cause })
  if (kind === 'formData') {
    // The bytes first, the parse second: a connection lost while reading stays a network error (retried) and
    // only a malformed body is a `ParseError` (fetch throws a bare TypeError for both).
    const bytes = await response.arrayBuffer()
    try {
      return await new Response(bytes, { headers: response.headers }).formData()
    } catch (cause) {
      throw fail(new TextDecoder().decode(bytes.slice(0, 1024)), 'malformed form data', cause)
    }
  }
  const text = await response.text()
  if (kind !== 'json') return kind ? text : text || undefined
  // A regex stops at the first non-space character; trim() would copy the whole body.
  if (!/\S/.test(text)) return undefined
  if (media === 'text/html') throw fail(text, 'expected JSON, got an HTML page (an error page?)')
  try {
    return parse(text)
  } catch (cause) {
    throw fail(text, 'invalid JSON', cause)
  }
}

/**
 * Reads an error response's body without ever failing on its content: at most 64 KB (the rest is cancelled),
 * JSON when the Content-Type says so (invalid JSON gives the text), text otherwise (decoded by its `charset`),
 * `undefined` when empty.
 * `problem` is the parsed object of an `application/problem+json` body (RFC 9457). Errors of the stream itself
 * (abort, reset) propagate.
 *
 * @example
 * const { body, problem } = await readErrorBody(response, 'GET')
 * problem?.detail // 'Order 42 does not exist'
 */
export async function readErrorBody(
  response: Response,
  method: string,
  parse: (text: string) => unknown = JSON.parse,
): Promise<{ body: unknown; problem: ProblemDetails | undefined }> {
  // Decoded as it arrives, at most ERROR_BODY_LIMIT bytes; the rest of the stream is cancelled.
  const empty = noBody(response, method)
  const reader = empty ? undefined : response.body?.getReader()
  // Decoded by its charset (`text/plain; charset=iso-8859-1`); one TextDecoder does not know reads as UTF-8.
  let decoder = new TextDecoder()
  try {
    decoder = new TextDecoder(/charset="?([^";\s]+)/i.exec(response.headers.get('content-type') ?? '')?.[1])
  } catch {}
  // A Response without a body stream (a fetch polyfill such as React Native's) still has its text.
  let text = reader || empty ? '' : await response.text()
  for (let size = 0; reader; ) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value.subarray(0, ERROR_BODY_LIMIT - size), { stream: true })
    size += value.length
    if (size >= ERROR_BODY_LIMIT) {
      // Not awaited: a slow source must not delay the error; a rejection here has nothing left to report.
      reader.cancel().catch(() => undefined)
      break
    }
  }
  text += decoder.decode()
  const media = mediaType(response)
  let body: unknown = text || undefined
  if (text && JSON_TYPE.test(media)) {
    try {
      body = parse(text)
    } catch {
      // Not JSON after all: the text is the body.
    }
  }
  return { body, problem: media === 'application/problem+json' && isObject(body) ? body : undefined }
}

const isObject = (value: unknown): value is ProblemDetails =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Cancels a response's body that will not be read, so the connection can be reused or closed. Not awaited: a
 * slow source must not hold the caller, and a body that is already errored or locked has nothing left to free.
 *
 * @example
 * if (response.status === 401) cancelBody(response)
 */
export const cancelBody = (response: Response): void => {
  response.body?.cancel().catch(() => {})
}
