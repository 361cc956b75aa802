// createClient().get(url) with parseJson/stringifyJson (big integers): core options, so only the app's code adds.
import { createClient } from '@ferry/client'

export const run = (url) =>
  createClient({
    parseJson: (text) =>
      JSON.parse(text, (_, value, context) =>
        Number.isSafeInteger(value) ? value : BigInt(context?.source ?? value),
      ),
    stringifyJson: (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v)),
  }).get(url)
