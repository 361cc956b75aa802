import axios from 'axios'

export const run = (url) => axios.get(url)
