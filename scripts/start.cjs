#!/usr/bin/env node
// `npm start`: builds if needed, starts the simulated gateway (when src-gateway/main.ts exists) and then
// the workstation: Electron where its binary is installed, otherwise the loopback browser workstation.
//
// Options: --browser (force the browser workstation), --no-gateway, --port N (browser host port, default 5180),
// --gateway-port N (default: the port of ARM_GATEWAY_URL, else 8787; 0 = any free one, kept across restarts),
// --verbose (the gateway's JSON log in this terminal instead of gateway.log beside its database).
//
// The gateway may stop while the workstation runs — that is how the demo is tried offline: the workstation keeps
// running and queues what is signed. Commands typed here (then Enter):
//   g | restart-gateway   start the gateway again (restart it if it runs)
//   s | stop-gateway      stop the gateway (the workstation goes offline)
//   q | quit              stop everything (as Ctrl+C does)
// `npm run gateway` in another terminal brings the same gateway back too (same port, same database file).
// Only the workstation's exit ends `npm start`.
const { spawn, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const readline = require('node:readline')

const root = path.resolve(__dirname, '..')
const argv = process.argv.slice(2)
const has = (flag) => argv.includes(flag)
const optionValue = (flag) => {
  const i = argv.indexOf(flag)
  return i >= 0 ? argv[i + 1] : undefined
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const say = (text) => console.log(`[start] ${text}`)

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

let stopping = false
/** The workstation (Electron or the browser host): its exit ends `npm start`. */
let workstation = null
/** The gateway child while it runs. */
let gateway = null

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null
}

/** SIGTERM, SIGKILL after 5 s; resolves when the child has exited. */
function stopChild(child) {
  if (!child || exited(child)) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

async function stopAll(code) {
  if (stopping) return
  stopping = true
  await Promise.all([stopChild(gateway), stopChild(workstation)])
  process.exit(code)
}
process.on('SIGINT', () => void stopAll(0))
process.on('SIGTERM', () => void stopAll(0))

// 1. Build once (npm test rebuilds every time; start only when out/ is missing).
const built = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'].every((f) => fs.existsSync(path.join(root, f)))
if (!built) {
  say('out/ is missing: building (npm run build)…')
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// 2. The simulated regional gateway.
const configuredUrl = process.env.ARM_GATEWAY_URL || 'http://127.0.0.1:8787'
let gatewayPort = optionValue('--gateway-port') ?? (new URL(configuredUrl).port || '8787')
const gatewayAvailable = !has('--no-gateway') && fs.existsSync(path.join(root, 'src-gateway/main.ts'))

/**
 * Starts the gateway and resolves with its address once it listens — or with null if it ended before (a port
 * already taken, e.g. by `npm run gateway` in another terminal: then that one serves the workstation).
 */
function startGateway() {
  if (gateway && !exited(gateway)) return Promise.resolve(null)
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-gateway/main.ts', ...(has('--verbose') ? ['--verbose'] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, GATEWAY_PORT: gatewayPort },
  })
  gateway = child
  return new Promise((resolve) => {
    let out = ''
    let address = null
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      if (address) return
      out += chunk.toString()
      const m = /GATEWAY_LISTENING (\S+)/.exec(out)
      if (m) {
        address = m[1].replace('localhost', '127.0.0.1')
        // Port 0 picks a free port once; a restart must come back where the workstation looks for it.
        gatewayPort = new URL(address).port
        say(`gateway running (pid ${child.pid}) at ${address}`)
        resolve(address)
      }
    })
    child.on('exit', (code, signal) => {
      if (gateway === child) gateway = null
      if (!address) resolve(null)
      if (stopping) return
      say(`gateway stopped (${signal ?? code}); the workstation keeps running (offline: what is signed waits in its queue).`)
      say('type "g" + Enter to start the gateway again, or run "npm run gateway" in another terminal.')
    })
  })
}

// 3. The workstation, and the commands typed into this terminal.
async function main() {
  let gatewayUrl = configuredUrl
  if (has('--no-gateway')) say('gateway not started (--no-gateway).')
  else if (!gatewayAvailable) say('src-gateway/main.ts does not exist yet: gateway skipped.')
  else {
    say(`starting the gateway on port ${gatewayPort}`)
    const address = await startGateway()
    if (address) gatewayUrl = address
    else say(`the gateway did not start here; the workstation expects one at ${gatewayUrl}.`)
  }

  const electron = has('--browser') ? null : electronBinary()
  const env = { ...process.env, ARM_GATEWAY_URL: gatewayUrl }
  if (electron) {
    say('Electron found: starting the desktop workstation.')
    workstation = spawn(electron, [root], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env })
  } else {
    say('Electron binary not installed here: starting the browser workstation (open the URL below in Chromium).')
    const port = optionValue('--port') ?? process.env.ARM_HOST_PORT ?? '5180'
    workstation = spawn(process.execPath, ['--import', 'tsx', 'src-main/host/main.ts', '--port', port], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env })
  }
  workstation.on('exit', (code, signal) => {
    if (stopping) return
    say(`workstation stopped (${signal ?? code}); stopping the gateway.`)
    void stopAll(code ?? 1)
  })

  if (gatewayAvailable) say('commands: g = (re)start the gateway, s = stop the gateway, q = quit.')
  const input = readline.createInterface({ input: process.stdin, terminal: false })
  input.on('line', (line) => {
    const cmd = line.trim().toLowerCase()
    if (!cmd || stopping) return
    if (['q', 'quit', 'exit'].includes(cmd)) return void stopAll(0)
    if (!gatewayAvailable) return say('no gateway is managed here (--no-gateway).')
    if (['g', 'restart-gateway', 'start-gateway'].includes(cmd)) {
      void (async () => {
        if (gateway) {
          say('restarting the gateway…')
          await stopChild(gateway)
        }
        await startGateway()
      })()
    } else if (['s', 'stop-gateway'].includes(cmd)) {
      if (gateway) void stopChild(gateway)
      else say('the gateway is not running.')
    } else say(`unknown command "${cmd}": g = (re)start the gateway, s = stop the gateway, q = quit.`)
  })
}

void main()
