import { ofetch } from 'ofetch'

export const run = (url) => ofetch(url)
