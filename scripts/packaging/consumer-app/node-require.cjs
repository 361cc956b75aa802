// ESM-only packages still load with require() on Node >= 20.19 (require(esm)): what a CommonJS user gets.
const assert = require('node:assert/strict')
const client = require('@ferry/client')
const react = require('@ferry/react')
assert.equal(typeof client.createClient, 'function')
assert.equal(typeof react.useFetch, 'function')
console.log('node-require: require() loads @ferry/client and @ferry/react')
