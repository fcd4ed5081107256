#!/usr/bin/env node
// `arm` command: runs the built CLI when present (out/cli/arm.js), else the TypeScript source through tsx's API.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '..', 'out', 'cli', 'arm.js')
process.env.ARM_CLI_MAIN = '1'
if (existsSync(built)) {
  require(built)
} else {
  const { register } = require('tsx/cjs/api')
  register()
  require(join(__dirname, '..', 'src-main', 'cli', 'arm.ts'))
}
