// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KeyOption } from '../../../src-renderer/bridge/crypto'
import { setLang } from '../../../src-renderer/i18n/lang'
import { KeySelect } from '../../../src-renderer/ui/KeySelect'

/**
 * The batch panel's key select is narrow: a native select cuts the token's label. The chosen key's whole text is the
 * select's tooltip, and under it the holder and the token label are spelled out in full (wrapped), described-by.
 */
const KEYS: KeyOption[] = [
  { keyRef: 'p11:0:a', label: 'operator-token: operator SIGN 2026 (SoftHSM slot 0, serial 4f2a9c1d7e)', holder: 'Асанова Айгерим Серікқызы', purposes: ['SIGN'] },
  { keyRef: 'p12:b', label: 'specialist-sign.p12', holder: 'Беков Ерлан', purposes: ['SIGN'] },
]

function Harness(props: { showChosen?: boolean }) {
  const [v, setV] = useState('p11:0:a')
  return <KeySelect keys={KEYS} value={v} onChange={setV} testId="batch-key" showChosen={props.showChosen} />
}

beforeEach(() => setLang('kk'))
afterEach(() => cleanup())

describe('KeySelect', () => {
  it('the chosen key’s holder and full token label are shown under a narrow select and as its tooltip; changing by keyboard follows', () => {
    render(<Harness showChosen />)
    const select = screen.getByTestId('batch-key') as HTMLSelectElement
    expect(select.title).toContain(KEYS[0].label)
    expect(select.title).toContain(KEYS[0].holder)
    const chosen = screen.getByTestId('batch-key-chosen')
    expect(chosen.textContent).toContain(KEYS[0].holder)
    expect(chosen.textContent).toContain(KEYS[0].label)
    expect(select.getAttribute('aria-describedby')).toBe(chosen.id)
    // keyboard: the select is a native control; a change (arrow keys in the browser) updates the description
    select.focus()
    fireEvent.change(select, { target: { value: 'p12:b' } })
    expect(screen.getByTestId('batch-key-chosen').textContent).toContain('Беков Ерлан')
    expect(screen.getByTestId('batch-key-chosen').textContent).toContain('specialist-sign.p12')
    expect(select.title).toContain('specialist-sign.p12')
  })

  it('without showChosen (wide forms) only the tooltip is added', () => {
    render(<Harness />)
    expect(screen.queryByTestId('batch-key-chosen')).toBeNull()
    expect((screen.getByTestId('batch-key') as HTMLSelectElement).title).toContain(KEYS[0].label)
  })
})
