import wretch from 'wretch'

export const run = (url) => wretch(url).get().json()
