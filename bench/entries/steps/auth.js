// createClient().get(url) plus one step: bearer auth (with its redirect guard).
import { bearer, createClient } from '@ferry/client'

export const run = (url) => createClient({ auth: bearer({ token: 'token' }) }).get(url)
