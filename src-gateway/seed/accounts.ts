/**
 * Demo accounts (seeded on first start). DEMO PASSWORDS — documented on purpose, never for production:
 *   operator1 / Operator#2026      ЦОН operator Асанова Айгерим Серікқызы, ИИН 830717350867, ЦОН tson-astana-1
 *   operator2 / Operator#2026      ЦОН operator Нұрланов Айдос (another ЦОН: tson-semey-1), ИИН 900102312343
 *   ИИН 871008401427 / Specialist#2026   provider specialist Беков Ерлан, department akimat-astana-education (right to sign)
 *   ИИН 940512315205 / Specialist#2026   provider specialist Жұмабаев Нұрсұлтан, akimat-astana-education (prepares decisions)
 *   ИИН 720419412038 / Specialist#2026   head of akimat-astana-education Мұқанова Сәуле Болатқызы (first head: signs)
 *   ИИН 690903324088 / Specialist#2026   head of akimat-astana-social Төлегенов Асқар Қайратұлы (first head: signs)
 *   ИИН 740125331112 / Specialist#2026   head of archive-pavlodar Оспанов Дәулет Маратұлы (first head: signs)
 *   ИИН 900315440056 / Specialist#2026   provider specialist Әлиева Дана, department akimat-astana-social (second department)
 *   ИИН 760212350620 / Supervisor#2026   supervisor Сапарова Динара, department akimat-astana-education (also login `supervisor1`)
 *   ИИН 850101301013 / Specialist#2026   ЗАГС specialist Қасымова Әсел, department is-zags (hands paper certificates over)
 *   zags-supervisor / Supervisor#2026    supervisor Жақсылықов Марат, department is-zags (state-duty figures)
 *   tson-supervisor1 / Supervisor#2026  ЦОН supervisor Омарова Гүлнар, ЦОН tson-astana-1 (prints any result of the ЦОН)
 *   ИИН 850615401004 / Specialist#2026   provider specialist Жақсыбекова Гүлмира, department archive-pavlodar (state archive)
 *   admin / Admin#2026                   gateway administrator (fault injection)
 *   auditor1 / Auditor#2026             auditor Құрманова Әсел (reads and exports the audit trail)
 *   Who may sign a department's decisions is the certificate's (resources/demo-pki/README.md): the NCA key-user policy
 *   "first head" or "right to sign" with the department's БИН; everyone here has demo AUTH and SIGN keys there.
 *   nca-test / Operator#2026             ЦОН operator with ИИН 123456789011 (NCA test key holder), only with test trust
 */
import { randomUUID } from 'node:crypto'
import type { Role } from '../../src-shared/gateway/api'
import { hashPassword } from '../auth/passwords'
import type { GatewayStore, UserRecord } from '../store/types'

export const DEMO_PASSWORDS = {
  operator: 'Operator#2026',
  specialist: 'Specialist#2026',
  supervisor: 'Supervisor#2026',
  admin: 'Admin#2026',
  auditor: 'Auditor#2026',
} as const

export interface SeedAccount {
  login: string | null
  iin: string | null
  password: string
  role: Role
  displayName: string
  tsonId?: string
  departmentId?: string
  testOnly?: boolean
}

export const DEMO_ACCOUNTS: SeedAccount[] = [
  { login: 'operator1', iin: '830717350867', password: DEMO_PASSWORDS.operator, role: 'tson_operator', displayName: 'Асанова Айгерим Серікқызы', tsonId: 'tson-astana-1' },
  { login: 'operator2', iin: '900102312343', password: DEMO_PASSWORDS.operator, role: 'tson_operator', displayName: 'Нұрланов Айдос', tsonId: 'tson-semey-1' },
  { login: null, iin: '871008401427', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Беков Ерлан', departmentId: 'akimat-astana-education' },
  { login: null, iin: '940512315205', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Жұмабаев Нұрсұлтан', departmentId: 'akimat-astana-education' },
  { login: null, iin: '720419412038', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Мұқанова Сәуле Болатқызы', departmentId: 'akimat-astana-education' },
  { login: null, iin: '690903324088', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Төлегенов Асқар Қайратұлы', departmentId: 'akimat-astana-social' },
  { login: null, iin: '740125331112', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Оспанов Дәулет Маратұлы', departmentId: 'archive-pavlodar' },
  { login: null, iin: '900315440056', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Әлиева Дана', departmentId: 'akimat-astana-social' },
  { login: 'supervisor1', iin: '760212350620', password: DEMO_PASSWORDS.supervisor, role: 'supervisor', displayName: 'Сапарова Динара', departmentId: 'akimat-astana-education' },
  { login: null, iin: '850101301013', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Қасымова Әсел', departmentId: 'is-zags' },
  { login: 'zags-supervisor', iin: '850101302021', password: DEMO_PASSWORDS.supervisor, role: 'supervisor', displayName: 'Жақсылықов Марат', departmentId: 'is-zags' },
  { login: 'tson-supervisor1', iin: '850304450120', password: DEMO_PASSWORDS.supervisor, role: 'tson_supervisor', displayName: 'Омарова Гүлнар', tsonId: 'tson-astana-1' },
  { login: null, iin: '850615401004', password: DEMO_PASSWORDS.specialist, role: 'provider_specialist', displayName: 'Жақсыбекова Гүлмира', departmentId: 'archive-pavlodar' },
  { login: 'admin', iin: null, password: DEMO_PASSWORDS.admin, role: 'admin', displayName: 'Администратор шлюза' },
  { login: 'auditor1', iin: null, password: DEMO_PASSWORDS.auditor, role: 'auditor', displayName: 'Құрманова Әсел' },
  { login: 'nca-test', iin: '123456789011', password: DEMO_PASSWORDS.operator, role: 'tson_operator', displayName: 'NCA test key holder', tsonId: 'tson-astana-1', testOnly: true },
]

/** Inserts the demo accounts that are missing (idempotent; existing passwords are never reset). */
export async function seedAccounts(store: GatewayStore, accounts: SeedAccount[] = DEMO_ACCOUNTS): Promise<number> {
  let added = 0
  for (const a of accounts) {
    if ((a.login && (await store.userByLogin(a.login))) || (a.iin && (await store.userByIin(a.iin)))) continue
    const u: UserRecord = {
      id: randomUUID(), login: a.login, iin: a.iin, passwordHash: hashPassword(a.password), role: a.role, displayName: a.displayName,
      tsonId: a.tsonId ?? null, departmentId: a.departmentId ?? null, failedCount: 0, lockedUntil: null, testOnly: !!a.testOnly,
    }
    await store.insertUser(u)
    added++
  }
  return added
}
