import { up } from 'up-fetch'

export const run = (url) => up(fetch)(url)
