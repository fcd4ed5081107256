import { describe, expect, it } from 'vitest'
import { queueFor } from '../../../src-gateway/intake/queues'

describe('which waiting list a granted request joins', () => {
  it('preschool by privileged category (none → general), housing by its category, other services none', () => {
    expect(queueFor('akimat.preschool-queue', 'd1', { privilegedCategory: 'orphan' })).toEqual({ queue: 'preschool:d1', category: 'orphan' })
    expect(queueFor('akimat.preschool-queue', 'd1', { privilegedCategory: 'none' })).toEqual({ queue: 'preschool:d1', category: 'general' })
    expect(queueFor('akimat.housing-queue', 'd2', { category: 'large-family' })).toEqual({ queue: 'housing:d2', category: 'large-family' })
    expect(queueFor('archive.certificate', 'd3', {})).toBeUndefined()
  })
})
