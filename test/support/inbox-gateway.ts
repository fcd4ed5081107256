/**
 * The real gateway (createGateway: SQLite file, real verification of the demo-PKI signatures) on a loopback port,
 * with a clock the test moves, so requests can be received at chosen instants and their deadlines fall where the
 * test needs them. Requests are submitted the way test/gateway does: envelopes signed with the demo operator key.
 */
import type { AddressInfo } from 'node:net'
import { envelope, IIN, inProcessGateway, PASSWORDS, putOverHttp, signedBody, uploadScans } from './gateway-helpers'

export interface TestGateway {
  url: string
  clock: { at: number }
  token(kind: 'operator' | 'specialist' | 'supervisor'): Promise<string>
  submit(serviceId?: string): Promise<{ requestId: string; registrationNumber: string }>
  post<T>(path: string, token: string, body?: unknown): Promise<{ status: number; json: T }>
  close(): Promise<void>
}

export async function startTestGateway(start: number): Promise<TestGateway> {
  const clock = { at: start }
  const g = inProcessGateway({}, { now: () => clock.at })
  await g.gw.app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(g.gw.app.server.address() as AddressInfo).port}`
  const post = async <T>(path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(body ?? {}),
    })
    return { status: res.status, json: (await res.json()) as T }
  }
  const tokens = new Map<string, string>()
  const token = async (kind: 'operator' | 'specialist' | 'supervisor') => {
    // Sessions expire on the gateway's clock: a token is reused only at the same instant.
    const cacheKey = `${kind}@${clock.at}`
    const cached = tokens.get(cacheKey)
    if (cached) return cached
    const r =
      kind === 'specialist'
        ? await post<{ token: string }>('/api/v1/auth/login-iin', undefined, { iin: IIN.specialist, password: PASSWORDS.specialist })
        : await post<{ token: string }>('/api/v1/auth/login', undefined, { login: kind === 'operator' ? 'operator1' : 'supervisor1', password: PASSWORDS[kind] })
    if (r.status !== 200) throw new Error(`sign-in ${kind}: ${r.status}`)
    tokens.set(cacheKey, r.json.token)
    return r.json.token
  }
  let n = 0
  return {
    url,
    clock,
    token,
    post: (path, tok, body) => post(path, tok, body),
    async submit(serviceId = 'akimat.preschool-queue') {
      const env = envelope({ serviceId })
      await uploadScans(putOverHttp(url, await token('operator')), env)
      const body = await signedBody(env)
      const r = await post<{ requestId: string; registrationNumber: string }>('/api/v1/requests', await token('operator'), { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `inbox-test-${++n}-${start}` })
      if (r.status !== 201) throw new Error(`submit: ${r.status} ${JSON.stringify(r.json)}`)
      return r.json
    },
    close: g.close,
  }
}
