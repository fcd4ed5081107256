/**
 * A throwaway CA and a TSA certificate issued by it (critical EKU timeStamping, RFC 3161 §2.3), made with OpenSSL in
 * `dir`: tests of CAdES-T run before (and independently of) the demo НУЦ's own TSA certificate.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ThrowawayTsa {
  caPem: string
  tsaCert: string
  tsaKey: string
}

export function makeThrowawayTsa(dir: string, prefix: string): ThrowawayTsa {
  const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  ossl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${prefix}-ca.key`, '-out', `${prefix}-ca.crt`, '-days', '30', '-subj', `/CN=${prefix} НУЦ root/C=KZ`, '-utf8',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  writeFileSync(join(dir, `${prefix}-ext.cnf`), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n')
  ossl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${prefix}-tsa.key`, '-out', `${prefix}-tsa.csr`, '-subj', `/CN=${prefix} НУЦ TSA/C=KZ`, '-utf8')
  ossl('x509', '-req', '-in', `${prefix}-tsa.csr`, '-CA', `${prefix}-ca.crt`, '-CAkey', `${prefix}-ca.key`, '-CAcreateserial', '-out', `${prefix}-tsa.crt`, '-days', '30', '-extfile', `${prefix}-ext.cnf`)
  return { caPem: join(dir, `${prefix}-ca.crt`), tsaCert: join(dir, `${prefix}-tsa.crt`), tsaKey: join(dir, `${prefix}-tsa.key`) }
}
