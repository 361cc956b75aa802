// createClient() plus stream(): an NDJSON export read record by record.
import { createClient, stream } from '@ferry/client'

export const run = (url) => stream(createClient(), url)
