// createClient().get(url) plus one step: download progress (a counting copy of the body stream).
import { createClient, progress } from '@ferry/client'

export const run = (url) => createClient().get(url, { use: [progress({ onDownloadProgress: () => {} })] })
