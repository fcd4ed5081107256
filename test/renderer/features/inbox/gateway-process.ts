/**
 * The test gateway as its own Node process, for the jsdom tests (jsdom's globals come from another realm, which
 * Node's WebCrypto and the CMS code refuse). It runs startTestGateway (real gateway, SQLite, moved clock) and a small
 * control server on loopback for what the test needs done in Node: move the clock, submit a request signed with the
 * operator key, sign bytes with a demo key, sign in. Prints `INBOX_TEST_GATEWAY <gatewayUrl> <controlUrl>`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { b64, signWith } from '../../../support/gateway-helpers'
import { startTestGateway } from '../../../support/inbox-gateway'

async function main(): Promise<void> {
  const gw = await startTestGateway(Number(process.argv[2] ?? Date.now()))
  const control = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      void (async () => {
        const q = (body ? JSON.parse(body) : {}) as { at?: number; kind?: 'operator' | 'specialist' | 'supervisor'; key?: string; content?: string; path?: string; token?: string }
        switch (req.url) {
          case '/clock':
            gw.clock.at = q.at!
            return {}
          case '/submit':
            return gw.submit()
          case '/token':
            return { token: await gw.token(q.kind!) }
          case '/sign':
            return { cms: b64(await signWith(q.key!, new Uint8Array(Buffer.from(q.content!, 'base64')))) }
          case '/post':
            return gw.post(q.path!, q.token!, {})
          default:
            throw new Error(`no such control ${req.url}`)
        }
      })().then(
        (out) => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify(out))
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }))
        },
      )
    })
  })
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r))
  console.log(`INBOX_TEST_GATEWAY ${gw.url} http://127.0.0.1:${(control.address() as AddressInfo).port}`)
  process.on('SIGTERM', () => void gw.close().then(() => process.exit(0)))
}

void main()
