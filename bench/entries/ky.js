import ky from 'ky'

export const run = (url) => ky.get(url).json()
