#!/usr/bin/env node
// `npm start`: builds if needed, starts the simulated gateway (when src-gateway/main.ts exists) and then
// the workstation: Electron where its binary is installed, otherwise the loopback browser workstation.
// Options: --browser (force the browser workstation), --no-gateway, --port N (browser host port, default 5180).
const { spawn, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const argv = process.argv.slice(2)
const has = (flag) => argv.includes(flag)
const optionValue = (flag) => {
  const i = argv.indexOf(flag)
  return i >= 0 ? argv[i + 1] : undefined
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const children = []

function electronBinary() {
  try {
    const txt = path.join(root, 'node_modules/electron/path.txt')
    if (!fs.existsSync(txt)) return null
    const bin = path.join(root, 'node_modules/electron/dist', fs.readFileSync(txt, 'utf8').trim())
    return fs.existsSync(bin) ? bin : null
  } catch {
    return null
  }
}

function run(name, cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  children.push(child)
  child.on('exit', (code, signal) => {
    if (stopping) return
    console.log(`[start] ${name} stopped (${signal ?? code}); stopping the rest.`)
    stop(code ?? 1)
  })
  return child
}

let stopping = false
function stop(code) {
  if (stopping) return
  stopping = true
  for (const c of children) if (c.exitCode === null && c.pid) c.kill('SIGTERM')
  setTimeout(() => process.exit(code), 500)
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

// 1. Build once (npm test rebuilds every time; start only when out/ is missing).
const built = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'].every((f) => fs.existsSync(path.join(root, f)))
if (!built) {
  console.log('[start] out/ is missing: building (npm run build)…')
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// 2. The simulated regional gateway.
const gatewayUrl = process.env.ARM_GATEWAY_URL ?? 'http://127.0.0.1:8787'
if (has('--no-gateway')) {
  console.log('[start] gateway not started (--no-gateway).')
} else if (fs.existsSync(path.join(root, 'src-gateway/main.ts'))) {
  console.log(`[start] starting the gateway (npm run gateway), expected at ${gatewayUrl}`)
  run('gateway', npm, ['run', 'gateway'], {})
} else {
  console.log('[start] src-gateway/main.ts does not exist yet: gateway skipped.')
}

// 3. The workstation.
const electron = has('--browser') ? null : electronBinary()
if (electron) {
  console.log('[start] Electron found: starting the desktop workstation.')
  run('electron', electron, [root], { ARM_GATEWAY_URL: gatewayUrl })
} else {
  console.log('[start] Electron binary not installed here: starting the browser workstation (open the URL below in Chromium).')
  const port = optionValue('--port') ?? process.env.ARM_HOST_PORT ?? '5180'
  run('browser host', process.execPath, ['--import', 'tsx', 'src-main/host/main.ts', '--port', port], { ARM_GATEWAY_URL: gatewayUrl })
}
