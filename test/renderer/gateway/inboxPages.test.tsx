// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { InboxItem, InboxResponse } from '../../../src-shared/gateway/api'
import { useInboxPages } from '../../../src-renderer/gateway/useInboxPages'

const item = (n: number) => ({ requestId: `r${n}` }) as InboxItem

/** A gateway's inbox in pages of 3 over `all`, the cursor being the next offset. */
function pager(all: () => InboxItem[]) {
  const asked: (string | undefined)[] = []
  const fetchPage = async (cursor?: string): Promise<InboxResponse> => {
    asked.push(cursor)
    const from = cursor ? Number(cursor) : 0
    const items = all().slice(from, from + 3)
    return { items, ...(from + 3 < all().length ? { next: String(from + 3) } : {}) }
  }
  return { fetchPage, asked }
}

describe('useInboxPages: the inbox read by cursor', () => {
  it('reads the first page, then each next page on demand, appended, until the last', async () => {
    const data = Array.from({ length: 7 }, (_, i) => item(i))
    const { fetchPage, asked } = pager(() => data)
    const { result } = renderHook(() => useInboxPages(fetchPage))
    await act(() => result.current.reload())
    expect(result.current.items!.map((i) => i.requestId)).toEqual(['r0', 'r1', 'r2'])
    expect(result.current.hasMore).toBe(true)
    await act(() => result.current.more())
    await act(() => result.current.more())
    expect(result.current.items!.map((i) => i.requestId)).toEqual(data.map((i) => i.requestId))
    expect(result.current.hasMore).toBe(false)
    await act(() => result.current.more()) // nothing more to read: no call
    expect(asked).toEqual([undefined, '3', '6'])
  })

  it('shows a request that moved between pages once, and a reload starts again from the first page', async () => {
    let data = Array.from({ length: 6 }, (_, i) => item(i))
    const { fetchPage } = pager(() => data)
    const { result } = renderHook(() => useInboxPages(fetchPage))
    await act(() => result.current.reload())
    data = [item(9), ...data] // new work arrived at the top: r2 slides onto the second page
    await act(() => result.current.more())
    expect(result.current.items!.map((i) => i.requestId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4'])
    await act(() => result.current.reload())
    expect(result.current.items!.map((i) => i.requestId)).toEqual(['r9', 'r0', 'r1'])
  })

  it('a next page answered after a reload is dropped (the reload wins)', async () => {
    const data = Array.from({ length: 9 }, (_, i) => item(i))
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const { fetchPage } = pager(() => data)
    const slow = async (cursor?: string) => {
      if (cursor) await gate
      return fetchPage(cursor)
    }
    const { result } = renderHook(() => useInboxPages(slow))
    await act(() => result.current.reload())
    let pending!: Promise<void>
    act(() => void (pending = result.current.more()))
    await act(() => result.current.reload())
    release()
    await act(() => pending)
    expect(result.current.items!.map((i) => i.requestId)).toEqual(['r0', 'r1', 'r2'])
  })
})
