// createClient() plus paginate() with the byMeta() helper.
import { byMeta, createClient, paginate } from '@ferry/client'

export const run = (url) => paginate(createClient(), url, { next: byMeta() })
