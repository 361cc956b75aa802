// The equivalent of one GET returning parsed JSON, with every default on.
import { createClient } from '@ferry/client'

export const run = (url) => createClient().get(url)
