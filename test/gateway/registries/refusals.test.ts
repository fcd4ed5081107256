import { describe, expect, it } from 'vitest'
import { ERRORS } from '../../../src-shared/errors'
import { refusalFor } from '../../../src-gateway/registries/refusals'

describe('registry "not found" → the catalogue’s refusal ground', () => {
  it('ГБД ЮЛ «субъект не найден» is M5 naming ГБД ЮЛ; a person or a POA missing stays M3', () => {
    const entity = refusalFor('REGISTRY_ENTITY_NOT_FOUND')
    expect(entity?.code).toBe('M5')
    expect(entity?.text.ru).toContain('ГБД «Юридические лица»')
    expect(ERRORS.REGISTRY_ENTITY_NOT_FOUND.ru).toContain('(M5)')
    expect(ERRORS.REGISTRY_ENTITY_NOT_FOUND.kk).toContain('(M5)')
    expect(refusalFor('REGISTRY_PERSON_NOT_FOUND')?.code).toBe('M3')
    expect(refusalFor('REGISTRY_POA_NOT_FOUND')?.code).toBe('M3')
  })
})
